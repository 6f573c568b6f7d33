//! The scenario files' shape (`tests/scenarios/*.toml`), natively only: one definition for the
//! test harness (`tests/engine/scenarios.rs`, which checks every scenario against the engine) and
//! the reviewer's report (`microneedling-check report --html`, which shows the scenarios that
//! cover each rule).

use std::path::Path;

use serde::Deserialize;

/// One scenario file: a list of `[[scenario]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// The scenarios, in the file's order.
    #[serde(default)]
    pub scenario: Vec<Scenario>,
}

/// One `[[scenario]]`, as written (ids and names not yet checked).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique across every file: the scenario's id.
    pub name: String,
    /// `standard`, `rf` or `prp`; `standard` when absent.
    pub variant: Option<String>,
    /// Why the scenario matters, for readers.
    pub note: Option<String>,
    /// Question id to an option id, or a list of option ids for a multiple-choice question.
    pub answers: toml::Table,
    /// The overall level it must give.
    pub level: String,
    /// The exact set of rules it must fire.
    pub rules: Vec<String>,
    /// When given, whether the summary shows the "do not stop or change a prescribed medicine" line.
    pub medicine: Option<bool>,
}

/// The `*.toml` files of `dir` in name order, as `(file name, text)`.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok((name, text))
        })
        .collect()
}
