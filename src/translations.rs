//! Translations that cannot go stale unnoticed (natively only: the reviewer's tool and the tests).
//!
//! Every translated text records which English text it translates: `locales/<code>.from-en.toml`
//! maps each key to the fingerprint of the English text at the time it was translated (or last
//! confirmed). When an English text changes, its fingerprint no longer matches, and every
//! translation of it is *stale* until it is re-translated and confirmed
//! (`microneedling-check translations --confirm LOCALE [KEY...]`). A translated key with no record
//! is *unconfirmed*. The test command fails on either, naming each key and locale.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::i18n::Locale;

/// The fingerprint of an English text: the first 8 hex digits of its 64-bit FNV-1a hash. Short
/// enough to read in a diff; a change of one character changes it.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// One translation that needs a person's attention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The locale, such as `de`.
    pub locale: String,
    /// The text key.
    pub key: String,
}

/// A translated locale: its code, the keys it has, and its records (key → fingerprint).
pub type Translated = (String, Vec<String>, BTreeMap<String, String>);

/// Where each locale's translations stand against English.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Per locale: how many of its texts are current.
    pub current: Vec<(String, usize)>,
    /// Translations of an English text that changed since they were recorded.
    pub stale: Vec<Finding>,
    /// Translated keys with no record of the English they translate.
    pub unconfirmed: Vec<Finding>,
    /// Records for keys that no longer exist (removed by the next `--confirm`).
    pub orphaned: Vec<Finding>,
}

impl Report {
    /// Whether every translation is current.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.unconfirmed.is_empty()
    }
}

/// Compares the records of each locale with the English texts. `english` maps every key to its
/// English text; `locales` gives each translated locale's keys and its records (key → fingerprint).
pub fn compare(
    english: &BTreeMap<String, String>,
    locales: &[(String, Vec<String>, BTreeMap<String, String>)],
) -> Report {
    let mut report = Report::default();
    for (code, keys, records) in locales {
        let mut current = 0;
        for key in keys {
            let finding = || Finding { locale: code.clone(), key: key.clone() };
            match (records.get(key), english.get(key)) {
                (None, _) => report.unconfirmed.push(finding()),
                (Some(recorded), Some(text)) if *recorded == fingerprint(text) => current += 1,
                (Some(_), Some(_)) => report.stale.push(finding()),
                (Some(_), None) => {}
            }
        }
        for key in records.keys().filter(|k| !keys.contains(k)) {
            report.orphaned.push(Finding { locale: code.clone(), key: key.clone() });
        }
        report.current.push((code.clone(), current));
    }
    report
}

/// The record file of a locale.
pub fn records_path(root: &Path, code: &str) -> PathBuf {
    root.join("locales").join(format!("{code}.from-en.toml"))
}

/// Reads a record file (a missing file has no records).
pub fn read_records(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let table: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    table
        .into_iter()
        .map(|(key, value)| match value {
            toml::Value::String(print) => Ok((key, print)),
            _ => Err(format!("{}: `{key}` must be a fingerprint string", path.display())),
        })
        .collect()
}

/// Writes a record file, sorted by key, with its explanation.
pub fn write_records(path: &Path, code: &str, records: &BTreeMap<String, String>) -> Result<(), String> {
    let mut out = format!(
        "# Which English text each `{code}` translation translates: the fingerprint of the English text\n\
         # when it was translated or last confirmed (src/translations.rs). Written by\n\
         # `microneedling-check translations --confirm {code} [KEY...]`; checked by the test command.\n"
    );
    for (key, print) in records {
        let _ = writeln!(out, "\"{key}\" = \"{print}\"");
    }
    std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The shipped locales' keys and texts: English, and every other locale with its records.
fn shipped(root: &Path) -> Result<(BTreeMap<String, String>, Vec<Translated>), String> {
    let english: BTreeMap<String, String> =
        Locale::english().entries().map(|(k, t)| (k.to_string(), t.to_string())).collect();
    let mut locales = Vec::new();
    for locale in Locale::all().filter(|l| *l != Locale::english()) {
        let keys = locale.entries().map(|(k, _)| k.to_string()).collect();
        let records = read_records(&records_path(root, locale.code()))?;
        locales.push((locale.code().to_string(), keys, records));
    }
    Ok((english, locales))
}

/// Where the shipped translations stand (the files under `root/locales`).
pub fn check(root: &Path) -> Result<Report, String> {
    let (english, locales) = shipped(root)?;
    Ok(compare(&english, &locales))
}

/// Records that `code`'s translations of `keys` (all its stale and unconfirmed ones when empty)
/// translate today's English, and drops records of keys that no longer exist. Returns how many
/// records were written or changed.
pub fn confirm(root: &Path, code: &str, keys: &[String]) -> Result<usize, String> {
    let (english, locales) = shipped(root)?;
    let (_, present, mut records) = locales
        .into_iter()
        .find(|(c, _, _)| c == code)
        .ok_or_else(|| format!("`{code}` is not a translated locale (see locales/index.toml)"))?;
    for key in keys {
        if !present.contains(key) {
            return Err(format!("`{code}` has no text `{key}`"));
        }
    }
    let wanted: Vec<&String> = if keys.is_empty() { present.iter().collect() } else { keys.iter().collect() };
    let mut changed = 0;
    for key in wanted {
        let Some(text) = english.get(key) else { continue };
        let print = fingerprint(text);
        if records.get(key) != Some(&print) {
            records.insert(key.clone(), print);
            changed += 1;
        }
    }
    let before = records.len();
    records.retain(|key, _| present.contains(key));
    changed += before - records.len();
    write_records(&records_path(root, code), code, &records)?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fingerprints_change_with_one_character() {
        assert_eq!(fingerprint("They will decide.").len(), 8);
        assert_ne!(fingerprint("They will decide."), fingerprint("They would decide."));
        assert_eq!(fingerprint("same"), fingerprint("same"));
    }

    #[test]
    fn a_changed_english_text_makes_its_translations_stale_until_confirmed() {
        let before = map(&[("a", "They will decide."), ("b", "Hello")]);
        let records = map(&[("a", &fingerprint("They will decide.")), ("b", &fingerprint("Hello"))]);
        let keys = vec!["a".to_string(), "b".to_string()];
        let clean = compare(&before, &[("de".into(), keys.clone(), records.clone())]);
        assert!(clean.is_clean(), "{clean:?}");
        assert_eq!(clean.current, [("de".to_string(), 2)]);

        let after = map(&[("a", "They would decide."), ("b", "Hello")]);
        let stale = compare(&after, &[("de".into(), keys.clone(), records.clone())]);
        assert_eq!(stale.stale, [Finding { locale: "de".into(), key: "a".into() }]);
        assert!(!stale.is_clean());

        let mut confirmed = records;
        confirmed.insert("a".into(), fingerprint("They would decide."));
        confirmed.remove("b");
        confirmed.insert("gone".into(), "00000000".into());
        let report = compare(&after, &[("de".into(), keys, confirmed)]);
        assert!(report.stale.is_empty());
        assert_eq!(report.unconfirmed, [Finding { locale: "de".into(), key: "b".into() }]);
        assert_eq!(report.orphaned, [Finding { locale: "de".into(), key: "gone".into() }]);
    }
}
