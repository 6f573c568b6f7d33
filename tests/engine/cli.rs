//! The reviewer's tool, run as the real binary: every command, and every bad input giving one
//! clear error line that names the culprit, a non-zero exit and never a panic.
//!
//! Question ids used here are picked from the shipped questionnaire by their shape (the first
//! single-choice question that is always asked, the concerns question, a follow-up), never
//! hard-coded, so the tests keep working while the content grows.

use std::process::Command;

use microneedling_check::engine::{self, Condition, Question, Variant};
use serde_json::Value;

use crate::support::{answers_json, first_answer, full_answers, q, TempFile};

/// What the tool did.
struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

fn tool(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_microneedling-check"))
        .args(args)
        .output()
        .expect("the microneedling-check binary runs");
    Run {
        code: output.status.code(),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn ok(args: &[&str]) -> String {
    let run = tool(args);
    assert_eq!(run.code, Some(0), "{args:?} failed: {}", run.err);
    assert!(run.err.is_empty(), "{args:?} wrote to stderr: {}", run.err);
    run.out
}

fn json(args: &[&str]) -> Value {
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}):\n{out}"))
}

/// A single-choice question that is always asked, in every variant.
fn plain_single() -> &'static Question {
    q().questions()
        .iter()
        .find(|x| !x.kind().is_multiple() && x.show_if().is_none() && x.variants().listed().is_empty())
        .expect("an always-asked single-choice question")
}

fn concerns() -> &'static Question {
    q().questions().iter().find(|x| x.is_concerns()).expect("the concerns question")
}

/// A follow-up question (it has a `show_if`) asked in the standard variant.
fn follow_up() -> &'static Question {
    q().questions()
        .iter()
        .find(|x| x.show_if().is_some() && x.variants().includes(Variant::Standard))
        .expect("a follow-up question")
}

#[test]
fn questions_lists_every_section_question_and_option() {
    let out = ok(&["questions"]);
    assert!(out.contains(q().version()), "the content version");
    for section in q().sections() {
        assert!(out.contains(&format!("({})", section.id())), "section `{}` missing", section.id());
    }
    for question in q().questions() {
        let heading = format!("- `{}` [{}]", question.id(), question.kind().name());
        assert!(out.contains(&heading), "question `{}` missing", question.id());
        for option in question.options() {
            assert!(out.contains(&format!("- `{option}`: ")), "option `{}.{option}` missing", question.id());
        }
        if question.show_if().is_some() {
            let block = out.split(&heading).nth(1).expect("after the heading");
            let block = block.split("\n- `").next().unwrap_or(block);
            assert!(block.contains("shown if: "), "`{}` does not say when it is shown", question.id());
        }
    }
}

#[test]
fn questions_json_is_valid_and_has_every_question_once() {
    let value = json(&["questions", "--json"]);
    assert_eq!(value["version"].as_str(), Some(q().version()));
    let mut listed = Vec::new();
    for section in value["sections"].as_array().expect("sections") {
        for item in section["questions"].as_array().expect("questions") {
            let id = item["id"].as_str().expect("id");
            let question = q().question(id).unwrap_or_else(|| panic!("unknown question `{id}` in the JSON"));
            assert_eq!(item["kind"].as_str(), Some(question.kind().name()), "`{id}` kind");
            let options: Vec<&str> =
                item["options"].as_array().expect("options").iter().filter_map(|o| o["id"].as_str()).collect();
            let expected: Vec<&str> = question.options().iter().map(|o| o.as_str()).collect();
            assert_eq!(options, expected, "`{id}` options");
            assert_eq!(item.get("show_if").is_some(), question.show_if().is_some(), "`{id}` show_if");
            assert!(item["text"].as_str().is_some_and(|t| !t.is_empty() && !t.starts_with("question.")), "`{id}` text");
            listed.push(id.to_string());
        }
    }
    let mut expected: Vec<String> = q().questions().iter().map(|x| x.id().to_string()).collect();
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected, "every question exactly once");
}

#[test]
fn rules_lists_every_rule_with_its_level_trigger_and_sources() {
    let out = ok(&["rules"]);
    let mut problems = Vec::new();
    for rule in q().rules() {
        let heading = format!("## `{}`: {}\n", rule.id(), rule.level().name());
        let Some(block) = out.split(&heading).nth(1) else {
            problems.push(format!("rule `{}` is missing", rule.id()));
            continue;
        };
        let block = block.split("\n## ").next().unwrap_or(block);
        let Some(sources) = block.lines().find(|l| l.starts_with("- **Sources:**")) else {
            problems.push(format!("rule `{}` lists no sources", rule.id()));
            continue;
        };
        for source in rule.sources() {
            let Some(cited) = q().source(source) else { continue };
            let strength = cited.strength().name().replace('_', " ");
            if !sources.contains(&format!("{source} ({}; {strength})", cited.title())) {
                problems.push(format!("rule `{}` does not cite `{source}`", rule.id()));
            }
        }
        if !block.contains("- **Trigger:** ") || !block.contains("- **Reason:** ") {
            problems.push(format!("rule `{}` lacks its trigger or reason", rule.id()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A rule that one answer to an always-asked question fires, with that answer's JSON.
fn one_answer_rule() -> (&'static engine::Rule, String) {
    q().rules()
        .iter()
        .filter(|r| r.variants().listed().is_empty())
        .find_map(|rule| {
            let Condition::Is(id, options) = rule.when() else { return None };
            let question = q().question(id.as_str())?;
            let simple = question.show_if().is_none() && question.variants().listed().is_empty();
            let value = if question.kind().is_multiple() {
                format!("[\"{}\"]", options[0])
            } else {
                format!("\"{}\"", options[0])
            };
            simple.then(|| (rule, format!("{{\"{id}\": {value}}}")))
        })
        .expect("a rule fired by one answer to an always-asked question")
}

#[test]
fn assess_as_text_shows_the_level_and_each_finding_with_its_trigger() {
    let (rule, answers) = one_answer_rule();
    let file = TempFile::new(&answers);
    let out = ok(&["assess", &file.arg()]);
    let parsed = microneedling_check::cli::parse_answers(q(), &answers, Variant::Standard).expect("valid");
    let summary = engine::evaluate(q(), &parsed, Variant::Standard);
    assert!(out.starts_with(&format!("Overall: {}\n", summary.level.name())), "{out}");
    for finding in &summary.findings {
        assert!(out.contains(&format!("[{}] {} (because ", finding.level().name(), finding.rule.id())), "{out}");
    }
    assert!(summary.findings.iter().any(|f| f.rule.id() == rule.id()));
    assert!(out.contains("Not answered (the widget would ask these): "), "partial answers are flagged:\n{out}");
    assert!(out.contains("Variant: standard."), "{out}");
}

#[test]
fn assess_as_json_agrees_with_the_engine_for_every_variant() {
    for variant in Variant::ALL {
        for choose in [first_answer as fn(&Question) -> Vec<&str>, last_answer] {
            let answers = full_answers(q(), variant, choose);
            let file = TempFile::new(&answers_json(q(), &answers));
            let value = json(&["assess", &file.arg(), "--json", "--variant", variant.name()]);
            let summary = engine::evaluate(q(), &answers, variant);
            assert_eq!(value["level"].as_str(), Some(summary.level.name()), "{}", variant.name());
            assert_eq!(value["variant"].as_str(), Some(variant.name()));
            let rules: Vec<&str> =
                value["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule"].as_str()).collect();
            let expected: Vec<&str> = summary.findings.iter().map(|f| f.rule.id().as_str()).collect();
            assert_eq!(rules, expected, "{}", variant.name());
            assert_eq!(value["unanswered"].as_array().map(Vec::len), Some(0), "a full answer set");
            assert_eq!(value["medicine_warning"].as_bool(), Some(summary.medicine));
        }
    }
}

/// The last option, or for multiple choice every option but `none`: the most answers possible.
fn last_answer(question: &Question) -> Vec<&str> {
    let mut options = question.options().iter().map(|o| o.as_str());
    if question.kind().is_multiple() {
        options.filter(|o| *o != engine::NONE).collect()
    } else {
        options.next_back().into_iter().collect()
    }
}

#[test]
fn a_variant_only_question_is_refused_in_other_variants() {
    let Some(question) = q().questions().iter().find(|x| !x.variants().includes(Variant::Standard)) else {
        return; // the content has no variant-only question yet
    };
    let json = format!(
        "{{\"{}\": {}}}",
        question.id(),
        if question.kind().is_multiple() { "[\"none\"]".to_string() } else { format!("\"{}\"", question.options()[0]) }
    );
    let file = TempFile::new(&json);
    let run = tool(&["assess", &file.arg()]);
    assert_eq!(run.code, Some(1));
    assert!(run.err.contains(&format!("question `{}` is not asked", question.id())) && run.err.contains("standard"));
    if question.show_if().is_none() {
        let variant = question.variants().listed()[0];
        ok(&["assess", &file.arg(), "--variant", variant.name()]);
    }
}

/// Runs a bad input and checks the failure: non-zero (not a panic's 101), nothing on stdout,
/// exactly one `error:` line, naming the culprit.
fn fails(what: &str, args: &[&str], culprit: &str) {
    let run = tool(args);
    assert!(
        matches!(run.code, Some(code) if code != 0 && code != 101),
        "{what}: exit code {:?}, stderr: {}",
        run.code,
        run.err
    );
    assert!(!run.err.contains("panicked"), "{what}: panicked: {}", run.err);
    assert!(run.out.is_empty(), "{what}: printed to stdout: {}", run.out);
    let errors: Vec<&str> = run.err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{what}: one error line, got:\n{}", run.err);
    assert!(errors[0].contains(culprit), "{what}: {:?} does not name {culprit:?}", errors[0]);
}

fn fails_on_answers(what: &str, answers: &str, culprit: &str) {
    let file = TempFile::new(answers);
    fails(what, &["assess", &file.arg()], culprit);
}

#[test]
fn every_bad_answers_file_gives_one_error_line_naming_the_culprit() {
    let single = plain_single().id().as_str();
    let multiple = concerns().id().as_str();
    let option = &concerns().options()[0];
    fails_on_answers("unknown question", r#"{"no_such_question": "yes"}"#, "unknown question `no_such_question`");
    fails_on_answers(
        "unknown option",
        &format!(r#"{{"{single}": "no_such_option"}}"#),
        &format!("question `{single}` has no option `no_such_option`"),
    );
    fails_on_answers(
        "string for multiple choice",
        &format!(r#"{{"{multiple}": "{option}"}}"#),
        &format!("question `{multiple}` is multiple choice"),
    );
    fails_on_answers(
        "list for single choice",
        &format!(r#"{{"{single}": ["{}"]}}"#, plain_single().options()[0]),
        &format!("question `{single}` takes one option id as a string"),
    );
    let hidden = follow_up();
    let answer =
        if hidden.kind().is_multiple() { "[\"none\"]".to_string() } else { format!("\"{}\"", hidden.options()[0]) };
    fails_on_answers(
        "answer to a hidden question",
        &format!(r#"{{"{}": {answer}}}"#, hidden.id()),
        &format!("question `{}` is not asked", hidden.id()),
    );
    fails_on_answers("invalid JSON", "{\"age\": ", "not valid JSON");
    fails_on_answers("not an object", r#"["a", "b"]"#, "must be a JSON object");
    fails_on_answers("a number as an option", &format!(r#"{{"{multiple}": [1]}}"#), "every option must be a string");
    fails_on_answers(
        "empty list",
        &format!(r#"{{"{multiple}": []}}"#),
        &format!("question `{multiple}` needs at least one option"),
    );
    fails_on_answers(
        "none with another option",
        &format!(r#"{{"{multiple}": ["none", "{option}"]}}"#),
        "`none` cannot be combined",
    );
}

#[test]
fn every_bad_command_line_gives_one_error_line_naming_the_culprit() {
    let missing = std::env::temp_dir().join("microneedling-check-no-such-dir/answers.json");
    let missing = missing.display().to_string();
    fails("missing file", &["assess", &missing], &format!("cannot read {missing}"));
    let file = TempFile::new("{}");
    fails("unknown variant", &["assess", &file.arg(), "--variant", "laser"], "unknown variant `laser`");
    fails("variant without value", &["assess", &file.arg(), "--variant"], "--variant needs a value");
    fails("unknown option", &["assess", &file.arg(), "--verbose"], "unknown option `--verbose`");
    fails("two files", &["assess", &file.arg(), "other.json"], "unexpected argument `other.json`");
    fails("no answers file", &["assess"], "needs an answers file");
    fails("unknown command", &["frobnicate"], "unknown command `frobnicate`");
    fails("no command", &[], "no command given");
    fails("questions with a bad flag", &["questions", "--xml"], "--xml");
    fails("rules with a flag", &["rules", "--json"], "`rules` takes no options");
}

#[test]
fn help_prints_the_usage() {
    let out = ok(&["--help"]);
    assert!(out.contains("USAGE:") && out.contains("assess ANSWERS.json"), "{out}");
}

#[test]
fn an_answers_file_that_answers_a_question_twice_is_refused() {
    let single = plain_single();
    let id = single.id().as_str();
    let (first, last) = (&single.options()[0], &single.options()[single.options().len() - 1]);
    fails_on_answers(
        "duplicate key",
        &format!(r#"{{"{id}": "{first}", "{}": {}, "{id}": "{last}"}}"#, concerns().id(), r#"["none"]"#),
        &format!("question `{id}` is answered twice"),
    );
    // The same answers with each key once are fine (the control).
    let file = TempFile::new(&format!(r#"{{"{id}": "{last}"}}"#));
    assert_eq!(tool(&["assess", &file.arg()]).code, Some(0));
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"answers-\xff\xfe.json");
    let output = Command::new(env!("CARGO_BIN_EXE_microneedling-check"))
        .arg("assess")
        .arg(bad)
        .output()
        .expect("the microneedling-check binary runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error: argument 2 is not valid UTF-8"), "{err}");
}

#[test]
fn error_messages_escape_control_characters_and_cap_what_they_echo() {
    // A terminal escape, a line break and a right-to-left override in a question id.
    let hostile = "x\u{1b}[31mred\nline\u{202e}txt";
    let answers = serde_json::json!({ hostile: "yes" }).to_string();
    let file = TempFile::new(&answers);
    let run = tool(&["assess", &file.arg()]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.err.lines().count(), 1, "one line: {:?}", run.err);
    assert!(!run.err.contains('\u{1b}') && !run.err.contains('\u{202e}'), "{:?}", run.err);
    assert!(run.err.contains(r"x\u{001b}[31mred\u{000a}line\u{202e}txt"), "{:?}", run.err);

    let long = "q".repeat(100_000);
    let file = TempFile::new(&serde_json::json!({ &long: "yes" }).to_string());
    let run = tool(&["assess", &file.arg()]);
    assert_eq!(run.code, Some(1));
    assert!(run.err.len() < 600, "{} bytes of error", run.err.len());
    assert!(run.err.contains("more characters)"), "{}", run.err);

    assert_eq!(microneedling_check::cli::printable("plain é 漢字"), "plain é 漢字");
}

#[test]
fn translations_reports_every_locale_and_rules_marks_weak_evidence() {
    let out = ok(&["translations"]);
    for code in ["es", "fr", "de", "ar"] {
        assert!(out.contains(&format!("  {code}: ")) && out.contains("0 stale, 0 unconfirmed"), "{out}");
    }
    fails("confirm without a locale", &["translations", "--confirm"], "--confirm needs a locale");
    fails("confirm an unknown locale", &["translations", "--confirm", "xx"], "`xx` is not a translated locale");
    let rules = ok(&["rules"]);
    assert!(rules.contains("rest only on weak sources:"), "{rules}");
    assert!(rules.contains("clinic protocol") && rules.contains("regulator"), "each source shows its strength");
    let weak_rules = rules.matches("- **Evidence:** WEAK").count();
    let listed = q().rules().iter().filter(|r| microneedling_check::cli::only_weak_sources(q(), r)).count();
    assert_eq!(weak_rules, listed, "each weak-only rule is flagged where it is described");
    assert!(listed > 0);
}
