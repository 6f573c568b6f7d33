//! The data-driven scenario harness: every `tests/scenarios/*.toml` file, checked against the engine.
//!
//! Each `[[scenario]]` has a unique `name`, an optional `variant` (`standard`, `rf` or `prp`;
//! default `standard`), an optional `note`, `answers` (question id to an option id, or a list of
//! option ids for a multiple-choice question), the expected `level` and the EXACT set of `rules`
//! that fire. Answers go through `cli::parse_answers`, the reviewer's tool's own parser, so an
//! unknown id, a wrong shape or an answer to a question that is not asked fails with the culprit.
//! Every problem in every file is reported at once, by file and scenario name. The files' shape
//! is `microneedling_check::scenarios`, which the reviewer's report reads too.
//!
//! Coverage: every rule must fire in at least one scenario, and be absent from at least one
//! scenario that answers a question its trigger looks at (so the rule is seen to discriminate).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use microneedling_check::cli;
use microneedling_check::engine::{self, Answers, Condition, Level, Questionnaire, Variant};
use microneedling_check::scenarios::File as RawFile;
use serde_json::Value;

use crate::support::{self, q, TempFile};

/// A scenario that parsed: its answers are valid for its variant.
#[derive(Debug)]
struct Scenario {
    /// `file: name`, for messages.
    label: String,
    variant: Variant,
    answers: Answers,
    /// The answers as the JSON the reviewer's tool reads.
    json: String,
    level: Level,
    rules: BTreeSet<String>,
    medicine: Option<bool>,
}

/// Parses one scenario file; problems are pushed to `problems` and the scenario skipped.
fn load_text(q: &Questionnaire, file: &str, text: &str, problems: &mut Vec<String>) -> Vec<Scenario> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            problems.push(format!("{file}: not a valid scenario file: {}", e.to_string().trim().replace('\n', " ")));
            return Vec::new();
        }
    };
    if raw.scenario.is_empty() {
        problems.push(format!("{file}: has no [[scenario]]"));
    }
    let known_rules: BTreeSet<&str> = q.rules().iter().map(|r| r.id().as_str()).collect();
    let mut loaded = Vec::new();
    for s in raw.scenario {
        let label = format!("{file}: `{}`", s.name);
        let mut bad = Vec::new();
        let variant = match s.variant.as_deref() {
            None => Variant::Standard,
            Some(name) => Variant::from_name(name).unwrap_or_else(|| {
                bad.push(format!("unknown variant `{name}`"));
                Variant::Standard
            }),
        };
        let level = Level::from_name(&s.level).unwrap_or_else(|| {
            bad.push(format!("unknown level `{}`", s.level));
            Level::NoSpecificConcern
        });
        let mut rules = BTreeSet::new();
        for rule in &s.rules {
            if !known_rules.contains(rule.as_str()) {
                bad.push(format!("expects unknown rule `{rule}`"));
            }
            if !rules.insert(rule.clone()) {
                bad.push(format!("lists rule `{rule}` twice"));
            }
        }
        let json = serde_json::to_string(&s.answers).unwrap_or_else(|e| panic!("{label}: answers to JSON: {e}"));
        let answers = cli::parse_answers(q, &json, variant).unwrap_or_else(|e| {
            bad.push(format!("bad answers: {e}"));
            Answers::new()
        });
        if bad.is_empty() {
            loaded.push(Scenario { label, variant, answers, json, level, rules, medicine: s.medicine });
        } else {
            problems.extend(bad.into_iter().map(|b| format!("{label}: {b}")));
        }
    }
    loaded
}

/// Every scenario file, in name order, with every problem found while reading them.
fn load(q: &Questionnaire) -> (Vec<Scenario>, Vec<String>) {
    let dir = support::root().join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    let mut scenarios = Vec::new();
    for path in &files {
        let text = support::read(path);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        scenarios.extend(load_text(q, &name, &text, &mut problems));
    }
    if files.is_empty() {
        problems.push(format!("no scenario files in {}", dir.display()));
    }
    problems.extend(duplicate_names(&files));
    (scenarios, problems)
}

/// Scenario names must be unique across every file (checked on the raw files, so a scenario
/// that fails to load still counts).
fn duplicate_names(files: &[impl AsRef<Path>]) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in files {
        let Ok(raw) = toml::from_str::<RawFile>(&support::read(path)) else { continue };
        let file = support::shown(path.as_ref());
        for s in raw.scenario {
            if let Some(first) = seen.insert(s.name.clone(), file.clone()) {
                problems.push(format!("scenario name `{}` is used in {first} and again in {file}", s.name));
            }
        }
    }
    problems
}

/// What is wrong with one scenario's outcome, if anything.
fn check(q: &Questionnaire, s: &Scenario) -> Option<String> {
    let summary = engine::evaluate(q, &s.answers, s.variant);
    let fired: BTreeSet<String> = summary.findings.iter().map(|f| f.rule.id().to_string()).collect();
    let mut wrong = Vec::new();
    if let Some(medicine) = s.medicine {
        if summary.medicine != medicine {
            wrong.push(format!("the medicine line is {}, expected {}", summary.medicine, medicine));
        }
    }
    if summary.level != s.level {
        wrong.push(format!("level is `{}`, expected `{}`", summary.level.name(), s.level.name()));
    }
    let missing: Vec<&String> = s.rules.difference(&fired).collect();
    let extra: Vec<&String> = fired.difference(&s.rules).collect();
    if !missing.is_empty() {
        wrong.push(format!("rules expected but not fired: {missing:?}"));
    }
    if !extra.is_empty() {
        wrong.push(format!("rules fired but not expected: {extra:?}"));
    }
    (!wrong.is_empty()).then(|| format!("{} [{}]: {}", s.label, s.variant.name(), wrong.join("; ")))
}

#[test]
fn every_scenario_gives_its_level_and_exactly_its_rules() {
    let q = q();
    let (scenarios, mut problems) = load(q);
    problems.extend(scenarios.iter().filter_map(|s| check(q, s)));
    assert!(problems.is_empty(), "{} scenario problem(s):\n  {}", problems.len(), problems.join("\n  "));
    assert!(!scenarios.is_empty());
}

/// The questions a condition looks at (for `any_answer`, every question offering the option).
fn looks_at(q: &Questionnaire, condition: &Condition, out: &mut BTreeSet<String>) {
    match condition {
        Condition::Answered(id) | Condition::Is(id, _) | Condition::IsNot(id, _) => {
            out.insert(id.to_string());
        }
        Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| looks_at(q, c, out)),
        Condition::AnyAnswer(option) => {
            out.extend(q.questions().iter().filter(|x| x.has_option(option.as_str())).map(|x| x.id().to_string()));
        }
    }
}

#[test]
fn every_rule_fires_in_one_scenario_and_is_absent_in_another() {
    let q = q();
    let (scenarios, _) = load(q);
    let mut never_fires = Vec::new();
    let mut never_absent = Vec::new();
    for rule in q.rules() {
        let mut inputs = BTreeSet::new();
        looks_at(q, rule.when(), &mut inputs);
        let mut fires = false;
        let mut absent = false;
        for s in scenarios.iter().filter(|s| rule.variants().includes(s.variant)) {
            let summary = engine::evaluate(q, &s.answers, s.variant);
            if summary.findings.iter().any(|f| f.rule.id() == rule.id()) {
                fires = true;
            } else if inputs.iter().any(|id| summary.visible.answers.is_answered(id)) {
                absent = true;
            }
        }
        if !fires {
            never_fires.push(rule.id().to_string());
        }
        if !absent {
            never_absent.push(format!("{} (answer one of {inputs:?} without firing it)", rule.id()));
        }
    }
    let mut report = Vec::new();
    if !never_fires.is_empty() {
        report.push(format!("rules that no scenario fires: {}", never_fires.join(", ")));
    }
    if !never_absent.is_empty() {
        report.push(format!(
            "rules with no scenario answering their trigger question without firing them: {}",
            never_absent.join(", ")
        ));
    }
    assert!(report.is_empty(), "scenario coverage is incomplete:\n  {}", report.join("\n  "));
}

#[test]
fn the_reviewers_tool_agrees_with_the_engine_on_every_scenario() {
    let q = q();
    let (scenarios, _) = load(q);
    let mut problems = Vec::new();
    for s in &scenarios {
        let file = TempFile::new(&s.json);
        let args: Vec<String> =
            vec!["assess".into(), file.arg(), "--json".into(), "--variant".into(), s.variant.name().into()];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::run(&args, &mut out, &mut err);
        if code != ExitCode::SUCCESS {
            problems.push(format!("{}: the tool failed: {}", s.label, String::from_utf8_lossy(&err).trim()));
            continue;
        }
        let json: Value = match serde_json::from_slice(&out) {
            Ok(json) => json,
            Err(e) => {
                problems.push(format!("{}: the tool printed invalid JSON: {e}", s.label));
                continue;
            }
        };
        let summary = engine::evaluate(q, &s.answers, s.variant);
        let engine_rules: Vec<&str> = summary.findings.iter().map(|f| f.rule.id().as_str()).collect();
        let tool_rules: Vec<&str> = json["findings"]
            .as_array()
            .map(|list| list.iter().filter_map(|f| f["rule"].as_str()).collect())
            .unwrap_or_default();
        if json["level"].as_str() != Some(summary.level.name()) {
            problems.push(format!("{}: tool level {} but engine `{}`", s.label, json["level"], summary.level.name()));
        }
        if tool_rules != engine_rules {
            problems.push(format!("{}: tool rules {tool_rules:?} but engine {engine_rules:?}", s.label));
        }
        if json["variant"].as_str() != Some(s.variant.name()) {
            problems.push(format!("{}: tool reports variant {}", s.label, json["variant"]));
        }
    }
    assert!(problems.is_empty(), "{} disagreement(s):\n  {}", problems.len(), problems.join("\n  "));
    assert!(!scenarios.is_empty());
}

/// The harness itself must catch bad scenarios, or a typo would silently pass.
#[test]
fn the_harness_reports_every_bad_scenario_with_its_name() {
    let q = q();
    let hidden = q
        .questions()
        .iter()
        .find(|x| x.show_if().is_some() && x.variants().includes(Variant::Standard))
        .expect("the content has a conditional follow-up question");
    let rule = q.rules().first().expect("the content has a rule");
    let text = format!(
        r#"
[[scenario]]
name = "unknown_question"
answers = {{ no_such_question = "yes" }}
level = "no_specific_concern"
rules = []

[[scenario]]
name = "hidden_question"
answers = {{ {hidden} = {answer} }}
level = "no_specific_concern"
rules = []

[[scenario]]
name = "unknown_rule_and_level"
answers = {{}}
level = "fine"
rules = ["no_such_rule"]

[[scenario]]
name = "wrong_expectation"
answers = {{}}
level = "not_advisable_now"
rules = ["{rule}"]

[[scenario]]
name = "unknown_variant"
variant = "laser"
answers = {{}}
level = "no_specific_concern"
rules = []
"#,
        hidden = hidden.id(),
        answer = if hidden.kind().is_multiple() {
            format!("[\"{}\"]", hidden.options()[0])
        } else {
            format!("\"{}\"", hidden.options()[0])
        },
        rule = rule.id(),
    );
    let mut problems = Vec::new();
    let loaded = load_text(q, "meta.toml", &text, &mut problems);
    let all = problems.join("\n");
    for expected in [
        "`unknown_question`: bad answers: unknown question `no_such_question`",
        &format!("`hidden_question`: bad answers: question `{}` is not asked", hidden.id()),
        "`unknown_rule_and_level`: unknown level `fine`",
        "`unknown_rule_and_level`: expects unknown rule `no_such_rule`",
        "`unknown_variant`: unknown variant `laser`",
    ] {
        assert!(all.contains(expected), "missing problem {expected:?} in:\n{all}");
    }
    assert_eq!(loaded.len(), 1, "only `wrong_expectation` loads");
    let wrong = check(q, &loaded[0]).expect("an empty answer set fires nothing");
    assert!(wrong.contains("`wrong_expectation`") && wrong.contains(rule.id().as_str()), "{wrong}");

    let mut problems = Vec::new();
    load_text(
        q,
        "typo.toml",
        "[[scenario]]\nname = \"x\"\nanswers = {}\nlevel = \"no_specific_concern\"\nrule = []\n",
        &mut problems,
    );
    assert!(problems.len() == 1 && problems[0].starts_with("typo.toml: not a valid scenario file"), "{problems:?}");
}
