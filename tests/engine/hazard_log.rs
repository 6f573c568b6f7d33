//! The hazard log (`docs/clinical-safety.md`) cannot drift from the code: every rule, scenario,
//! test and file it names exists, so renaming one fails here until the log follows; and every
//! risk rating is the value of DCB0129's severity × likelihood matrix, the same in the summary as
//! under its hazard.
//!
//! A reference is an inline code span starting `rule:`, `scenario:`, `test:` (`PATH::NAME`) or
//! `file:`; other code spans are prose.

use std::collections::{BTreeMap, BTreeSet};

use microneedling_check::scenarios;

use crate::support::{q, read, root};

const LOG: &str = "docs/clinical-safety.md";

/// What a reference may name besides files: the rule ids and the scenario names.
struct Known {
    rules: BTreeSet<String>,
    scenarios: BTreeSet<String>,
}

fn known() -> Known {
    let rules = q().rules().iter().map(|r| r.id().to_string()).collect();
    let files = scenarios::read_dir(&root().join("tests/scenarios")).expect("the scenario files are readable");
    let mut names = BTreeSet::new();
    for (file, text) in files {
        let parsed: scenarios::File = toml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        names.extend(parsed.scenario.into_iter().map(|s| s.name));
    }
    Known { rules, scenarios: names }
}

/// A repository file's text, if it exists.
fn repository_file(path: &str) -> Option<String> {
    std::fs::read_to_string(root().join(path)).ok()
}

/// Whether `source` (the file at `path`) has a test called `name`: a Rust function under a
/// `#[test]` or `#[wasm_bindgen_test]` attribute, or a `node:test` test with that literal title.
fn has_test(path: &str, source: &str, name: &str) -> bool {
    if !path.ends_with(".rs") {
        let quoted = ['\'', '"', '`'].iter().any(|q| source.contains(&format!("{q}{name}{q}")));
        return quoted && source.contains("test(");
    }
    source.match_indices(&format!("fn {name}(")).any(|(at, _)| {
        let mut lines = source[..at].split('\n').rev();
        let lead = lines.next().unwrap_or_default().trim();
        let mut attributes = lines.take_while(|l| {
            let l = l.trim();
            l.starts_with("#[") || l.starts_with("//") || l.starts_with(')') || l.starts_with('"')
        });
        let tested = attributes.any(|l| l.contains("#[test]") || l.contains("wasm_bindgen_test"));
        matches!(lead, "" | "async" | "pub" | "pub async") && tested
    })
}

/// Every problem with the references of `log`, and how many of each kind it has.
fn reference_problems(
    log: &str,
    known: &Known,
    file: impl Fn(&str) -> Option<String>,
) -> (Vec<String>, BTreeMap<&'static str, usize>) {
    let mut problems = Vec::new();
    let mut counts = BTreeMap::new();
    for span in log.split('`').skip(1).step_by(2) {
        let Some((kind, what)) = span.split_once(':') else { continue };
        let (kind, problem) = match kind {
            "rule" => ("rule", (!known.rules.contains(what)).then_some("no rule has this id")),
            "scenario" => ("scenario", (!known.scenarios.contains(what)).then_some("no scenario has this name")),
            "file" => ("file", file(what).is_none().then_some("no such file")),
            "test" => match what.split_once("::") {
                None => ("test", Some("write test:PATH::NAME")),
                Some((path, name)) => match file(path) {
                    None => ("test", Some("no such file")),
                    Some(source) => ("test", (!has_test(path, &source, name)).then_some("no test of this name there")),
                },
            },
            _ => continue,
        };
        *counts.entry(kind).or_default() += 1;
        if let Some(problem) = problem {
            problems.push(format!("`{span}`: {problem}"));
        }
    }
    (problems, counts)
}

#[test]
fn every_reference_in_the_hazard_log_exists() {
    let (problems, counts) = reference_problems(&read(LOG), &known(), repository_file);
    assert!(problems.is_empty(), "{LOG} names what does not exist:\n  {}", problems.join("\n  "));
    for (kind, least) in [("rule", 20), ("scenario", 10), ("test", 20), ("file", 2)] {
        let found = counts.get(kind).copied().unwrap_or(0);
        assert!(found >= least, "{LOG} has {found} `{kind}:` reference(s); the check may no longer find them");
    }
}

const SEVERITIES: [&str; 5] = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"];
const LIKELIHOODS: [&str; 5] = ["Very low", "Low", "Medium", "High", "Very high"];
/// DCB0129's clinical risk matrix: `MATRIX[likelihood][severity]`, both from the least.
const MATRIX: [[u8; 5]; 5] = [[1, 1, 2, 2, 3], [1, 2, 2, 3, 4], [2, 2, 3, 3, 4], [2, 3, 3, 4, 5], [3, 4, 4, 5, 5]];

/// The cells of a Markdown table row.
fn cells(row: &str) -> Vec<&str> {
    row.trim().trim_matches('|').split('|').map(str::trim).collect()
}

/// Every problem with the ratings of `log`, and how many hazards it rates.
fn rating_problems(log: &str) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    // The matrix as the log prints it.
    for row in log.lines().filter(|l| LIKELIHOODS.iter().any(|k| l.starts_with(&format!("| {k} | ")))) {
        let cells = cells(row);
        let Some(at) = LIKELIHOODS.iter().position(|k| *k == cells[0]) else { continue };
        if cells.len() == 6 && cells[1..].iter().any(|c| c.parse::<u8>().is_ok()) {
            let printed: Vec<String> = cells[1..].iter().map(|c| c.to_string()).collect();
            let expected: Vec<String> = MATRIX[at].iter().map(u8::to_string).collect();
            if printed != expected {
                problems.push(format!("the matrix's `{}` row is {printed:?}, not {expected:?}", cells[0]));
            }
        }
    }
    // Each hazard's ratings, then the summary's.
    let mut rated: BTreeMap<String, (String, String)> = BTreeMap::new();
    for section in log.split("\n### ").skip(1) {
        let id = section.split('.').next().unwrap_or_default().to_string();
        let mut risks = BTreeMap::new();
        for row in section.lines().filter(|l| l.starts_with("| Initial |") || l.starts_with("| Residual |")) {
            let cells = cells(row);
            let (Some(s), Some(l)) = (
                SEVERITIES.iter().position(|x| cells.get(1) == Some(x)),
                LIKELIHOODS.iter().position(|x| cells.get(2) == Some(x)),
            ) else {
                problems.push(format!("{id}: `{row}` names no severity and likelihood of the scales"));
                continue;
            };
            let expected = MATRIX[l][s].to_string();
            if cells.get(3) != Some(&expected.as_str()) {
                problems.push(format!("{id}: `{row}` should rate {expected}"));
            }
            risks.insert(cells[0].to_string(), expected);
        }
        match (risks.remove("Initial"), risks.remove("Residual")) {
            (Some(initial), Some(residual)) => {
                rated.insert(id, (initial, residual));
            }
            _ => problems.push(format!("{id}: needs one Initial and one Residual row")),
        }
    }
    let mut summarised = BTreeSet::new();
    for row in log.lines().filter(|l| l.starts_with("| H") && l[3..].starts_with(|c: char| c.is_ascii_digit())) {
        let cells = cells(row);
        let id = cells[0].split('.').next().unwrap_or_default().to_string();
        match rated.get(&id) {
            Some((initial, residual))
                if cells.get(1) == Some(&initial.as_str()) && cells.get(2) == Some(&residual.as_str()) => {}
            Some((initial, residual)) => problems.push(format!("summary of {id}: should say {initial} and {residual}")),
            None => problems.push(format!("summary of {id}: no such hazard below")),
        }
        summarised.insert(id);
    }
    problems
        .extend(rated.keys().filter(|id| !summarised.contains(*id)).map(|id| format!("{id} is not in the summary")));
    (problems, rated.len())
}

#[test]
fn every_risk_rating_is_the_matrix_value() {
    let (problems, hazards) = rating_problems(&read(LOG));
    assert!(problems.is_empty(), "{LOG}:\n  {}", problems.join("\n  "));
    assert!(hazards >= 7, "{LOG} rates {hazards} hazard(s)");
}

/// The checks themselves must catch a renamed reference and a wrong rating, or the log could
/// drift with the tests passing.
#[test]
fn the_checks_catch_a_renamed_reference_and_a_wrong_rating() {
    let known = Known { rules: ["pregnant".to_string()].into(), scenarios: ["health: pregnant".to_string()].into() };
    let files = |path: &str| match path {
        "a.rs" => Some("fn helper() {}\n#[test]\nfn real() {}\n".to_string()),
        "b.test.mjs" => Some("test(\n  'it works',\n  async () => {});\n".to_string()),
        _ => None,
    };
    let log = "`rule:pregnant` `rule:pregnancy` `scenario:health: pregnant` `scenario:health: pregnancy` \
               `test:a.rs::real` `test:a.rs::helper` `test:a.rs::renamed` `test:b.test.mjs::it works` \
               `test:b.test.mjs::it failed` `test:gone.rs::real` `test:a.rs` `file:a.rs` `file:gone.md` `is_not`";
    let (problems, counts) = reference_problems(log, &known, files);
    assert_eq!(
        problems,
        [
            "`rule:pregnancy`: no rule has this id",
            "`scenario:health: pregnancy`: no scenario has this name",
            "`test:a.rs::helper`: no test of this name there",
            "`test:a.rs::renamed`: no test of this name there",
            "`test:b.test.mjs::it failed`: no test of this name there",
            "`test:gone.rs::real`: no such file",
            "`test:a.rs`: write test:PATH::NAME",
            "`file:gone.md`: no such file",
        ]
    );
    assert_eq!(counts.values().sum::<usize>(), 13);

    let log = "| Very low | 1 | 1 | 2 | 2 | 4 |\n\
               | H1. One | 3 | 2 | Open |\n| H2. Two | 3 | 3 | Open |\n\
               \n### H1. One\n| Initial | Considerable | Medium | 3 |\n| Residual | Considerable | Low | 2 |\n\
               \n### H2. Two\n| Initial | Major | Low | 2 |\n| Residual | Major | Often | 3 |\n\
               \n### H3. Three\n| Initial | Minor | Low | 1 |\n| Residual | Minor | Very low | 1 |\n";
    let (problems, hazards) = rating_problems(log);
    assert_eq!(hazards, 2);
    let all = problems.join("\n");
    for expected in [
        "the matrix's `Very low` row",
        "H2: `| Initial | Major | Low | 2 |` should rate 3",
        "H2: `| Residual | Major | Often | 3 |` names no severity",
        "H2: needs one Initial and one Residual row",
        "summary of H2: no such hazard below",
        "H3 is not in the summary",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
}
