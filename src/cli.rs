//! The reviewer's command-line tool: read the questionnaire and rules, try scenarios, check the
//! translations and write the page a clinical reviewer signs (`crate::report`), without a browser.
//!
//! `run` takes its arguments and output streams from the caller, so tests drive it directly.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use crate::engine::{self, keys, Answers, Condition, Level, Questionnaire, Summary, Variant};
use crate::export;
use crate::i18n::Locale;

const USAGE: &str = "\
microneedling-check: the reviewer's tool for the microneedling self-check content

USAGE:
    microneedling-check questions [--json | --fhir]
    microneedling-check rules
    microneedling-check assess ANSWERS.json [--json] [--variant standard|rf|prp]
    microneedling-check translations [--confirm LOCALE [KEY...]]
    microneedling-check report --html

ANSWERS.json holds {\"question_id\": \"option_id\", \"multi_question_id\": [\"option_id\", ...]}.
`questions --fhir` prints the questionnaire as a FHIR R4 Questionnaire (JSON, English, status draft).
`translations` lists translations whose English changed since they were translated (stale) or that
record no English at all (unconfirmed), and exits 1 if there are any; `--confirm LOCALE` records
that LOCALE's translations (all of them, or the KEYs given) match today's English.
`report --html` prints one self-contained HTML page (no scripts, nothing loaded) for a clinical
reviewer to read, print and sign: the versions, every rule (those no scenario fires first) with its
wording in every locale, sources and scenarios, the translations to check, every question, and a
sign-off block. Like `translations`, it reads this checkout's files when it runs: the scenarios
(tests/scenarios/*.toml) and the translations' records (locales/*.from-en.toml).
";

/// Runs the tool with the process's arguments (without the program name), as the operating system
/// gives them: an argument that is not UTF-8 is a usage error (exit code 2), not a panic.
pub fn run_os(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let mut strings = Vec::new();
    for (index, arg) in args.into_iter().enumerate() {
        match arg.into_string() {
            Ok(arg) => strings.push(arg),
            Err(arg) => {
                let shown = printable(&arg.to_string_lossy());
                let _ = writeln!(err, "error: argument {} is not valid UTF-8: {shown}\n\n{USAGE}", index + 1);
                return ExitCode::from(2);
            }
        }
    }
    run(&strings, out, err)
}

/// Runs the tool with `args` (without the program name); returns the process exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match dispatch(args) {
        Ok(text) => match out.write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {}\n\n{USAGE}", printable(&message));
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            let _ = writeln!(err, "error: {}", printable(&message));
            ExitCode::FAILURE
        }
        Err(Failure::Findings(report)) => {
            let _ = out.write_all(report.as_bytes());
            ExitCode::FAILURE
        }
    }
}

/// The most characters of an error message the tool prints; the rest is counted, not shown.
const MAX_MESSAGE: usize = 300;

/// `message` safe to print on a terminal: control characters (terminal escapes, line breaks) and
/// the invisible characters that reorder text (bidirectional overrides and isolates) are written
/// as `\u{…}`, and anything past [`MAX_MESSAGE`] characters is cut and counted.
pub fn printable(message: &str) -> String {
    let mut out = String::new();
    for c in message.chars().take(MAX_MESSAGE) {
        let reorders =
            matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || reorders {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    let rest = message.chars().count().saturating_sub(MAX_MESSAGE);
    if rest > 0 {
        let _ = write!(out, "… ({rest} more characters)");
    }
    out
}

enum Failure {
    Usage(String),
    Input(String),
    /// A report of the project's own files that found problems: printed whole, exit code 1.
    Findings(String),
}

fn dispatch(args: &[String]) -> Result<String, Failure> {
    let q = engine::questionnaire();
    let en = Locale::english();
    let (command, rest) = args.split_first().ok_or_else(|| Failure::Usage("no command given".into()))?;
    let flags: Vec<&str> = rest.iter().map(String::as_str).collect();
    match command.as_str() {
        "questions" => match flags.as_slice() {
            [] => Ok(questions_text(q, en)),
            ["--json"] => Ok(pretty(&questions_json(q, en))),
            ["--fhir"] => match export::fhir::inexpressible(q).as_slice() {
                [] => Ok(export::fhir::questionnaire(q, en) + "\n"),
                hard => Err(Failure::Input(format!(
                    "FHIR enableWhen cannot express the shown-if condition of: {}",
                    hard.iter().map(|x| x.id().as_str()).collect::<Vec<_>>().join(", ")
                ))),
            },
            _ => Err(Failure::Usage(format!("`questions` takes --json or --fhir, not {}", flags.join(" ")))),
        },
        "rules" if flags.is_empty() => Ok(rules_markdown(q, en)),
        "rules" => Err(Failure::Usage("`rules` takes no options".into())),
        "assess" => {
            let mut file = None;
            let mut as_json = false;
            let mut variant = Variant::Standard;
            let mut iter = flags.iter();
            while let Some(flag) = iter.next() {
                match *flag {
                    "--json" => as_json = true,
                    "--variant" => {
                        let name = iter.next().ok_or_else(|| Failure::Usage("--variant needs a value".into()))?;
                        variant = Variant::from_name(name).ok_or_else(|| {
                            Failure::Usage(format!("unknown variant `{name}`: use standard, rf or prp"))
                        })?;
                    }
                    other if other.starts_with("--") => {
                        return Err(Failure::Usage(format!("unknown option `{other}`")))
                    }
                    path if file.is_none() => file = Some(path),
                    extra => return Err(Failure::Usage(format!("unexpected argument `{extra}`"))),
                }
            }
            let path = file.ok_or_else(|| Failure::Usage("`assess` needs an answers file".into()))?;
            let text = std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
            let answers = parse_answers(q, &text, variant).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
            let summary = engine::evaluate(q, &answers, variant);
            Ok(if as_json {
                pretty(&summary_json(q, &summary, variant, en))
            } else {
                summary_text(q, &summary, variant, en)
            })
        }
        "translations" => translations(&flags),
        "report" => match flags.as_slice() {
            ["--html"] => report(q),
            _ => Err(Failure::Usage("`report` takes --html".into())),
        },
        "help" | "--help" | "-h" => Ok(USAGE.to_string()),
        other => Err(Failure::Usage(format!("unknown command `{other}`"))),
    }
}

/// `translations [--confirm LOCALE [KEY...]]`: the files are this checkout's `locales/`.
fn translations(flags: &[&str]) -> Result<String, Failure> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match flags {
        [] => {
            let report = crate::translations::check(root).map_err(Failure::Input)?;
            let en = Locale::english();
            let mut out = String::from("Translations against English (locales/<code>.from-en.toml):\n");
            for (code, current) in &report.current {
                let count = |list: &[crate::translations::Finding]| list.iter().filter(|f| &f.locale == code).count();
                let _ = writeln!(
                    out,
                    "  {code}: {current} current, {} stale, {} unconfirmed",
                    count(&report.stale),
                    count(&report.unconfirmed)
                );
            }
            for (title, list) in [
                ("Stale (the English changed since they were translated):", &report.stale),
                ("Unconfirmed (no record of the English they translate):", &report.unconfirmed),
                ("Records of keys that no longer exist (dropped by --confirm):", &report.orphaned),
            ] {
                if !list.is_empty() {
                    let _ = writeln!(out, "\n{title}");
                    for f in list {
                        let _ = writeln!(out, "  {} {}: English now \"{}\"", f.locale, f.key, en.text(&f.key));
                    }
                }
            }
            if report.is_clean() {
                Ok(out)
            } else {
                let _ = writeln!(
                    out,
                    "\nRe-translate each one, then confirm it: microneedling-check translations --confirm LOCALE KEY"
                );
                Err(Failure::Findings(out))
            }
        }
        ["--confirm", code, keys @ ..] => {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            let changed = crate::translations::confirm(root, code, &keys).map_err(Failure::Input)?;
            Ok(format!("{code}: {changed} record(s) written to locales/{code}.from-en.toml\n"))
        }
        ["--confirm"] => Err(Failure::Usage("--confirm needs a locale".into())),
        _ => Err(Failure::Usage(format!("`translations` takes --confirm LOCALE [KEY...], not {}", flags.join(" ")))),
    }
}

/// `report --html`: the scenarios and the translations' records are this checkout's.
fn report(q: &Questionnaire) -> Result<String, Failure> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = crate::scenarios::read_dir(&root.join("tests/scenarios")).map_err(Failure::Input)?;
    let ran = crate::report::run_scenarios(q, &files).map_err(Failure::Input)?;
    let checked = crate::translations::check(root).map_err(Failure::Input)?;
    Ok(crate::report::html(q, &ran, &checked))
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads an answers file (`{"question": "option" | ["option", ...]}`) and checks every answer
/// against the questionnaire; the first problem is returned as one line naming the culprit.
pub fn parse_answers(q: &Questionnaire, text: &str, variant: Variant) -> Result<Answers, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("the answers must be a JSON object of question ids")?;
    // serde_json keeps the last of two equal keys; an answers file that says two things about one
    // question is ambiguous, so it is refused.
    serde_json::from_str::<KeysOnce>(text).map_err(|e| format!("{e}"))?;
    let mut answers = Answers::new();
    for (id, answer) in object {
        let question = q.question(id).ok_or_else(|| format!("unknown question `{id}`"))?;
        let options: Vec<&str> = match answer {
            Value::String(one) if !question.kind().is_multiple() => vec![one.as_str()],
            Value::Array(many) if question.kind().is_multiple() => many
                .iter()
                .map(|o| o.as_str().ok_or_else(|| format!("question `{id}`: every option must be a string")))
                .collect::<Result<_, _>>()?,
            _ if question.kind().is_multiple() => {
                return Err(format!("question `{id}` is multiple choice: give a list of option ids"))
            }
            _ => return Err(format!("question `{id}` takes one option id as a string")),
        };
        answers.set(question, &options).map_err(|e| e.to_string())?;
    }
    let shown = engine::visible(q, &answers, variant);
    if let Some((hidden, _)) = answers.iter().find(|(id, _)| !shown.contains(id.as_str())) {
        return Err(format!(
            "question `{hidden}` is not asked with these answers (its condition does not hold, or the {} variant does not ask it)",
            variant.name()
        ));
    }
    Ok(answers)
}

/// A JSON object whose keys each occur once (its values are not read): deserializing it fails,
/// naming the key, on the second occurrence of a key.
struct KeysOnce;

impl<'de> serde::Deserialize<'de> for KeysOnce {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeysOnce;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeysOnce, A::Error> {
                let mut seen = std::collections::BTreeSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "question `{key}` is answered twice; give each question once"
                        )));
                    }
                }
                Ok(KeysOnce)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A condition in words, for reviewers.
pub fn describe(condition: &Condition) -> String {
    let options = |list: &[engine::OptionId]| list.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(" or ");
    let join = |items: &[Condition], word: &str| {
        let parts: Vec<String> = items.iter().map(describe).collect();
        format!("({})", parts.join(word))
    };
    match condition {
        Condition::Answered(q) => format!("`{q}` is answered"),
        Condition::Is(q, list) => format!("`{q}` is {}", options(list)),
        Condition::IsNot(q, o) => format!("`{q}` is answered and is not `{o}`"),
        Condition::All(items) => join(items, " and "),
        Condition::Any(items) => join(items, " or "),
        Condition::AnyAnswer(o) => format!("any question is answered `{o}`"),
    }
}

fn condition_json(condition: &Condition) -> Value {
    match condition {
        Condition::Answered(q) => json!({"q": q.as_str(), "answered": true}),
        Condition::Is(q, list) => json!({"q": q.as_str(), "is": list.iter().map(|o| o.as_str()).collect::<Vec<_>>()}),
        Condition::IsNot(q, o) => json!({"q": q.as_str(), "is_not": o.as_str()}),
        Condition::All(items) => json!({"all": items.iter().map(condition_json).collect::<Vec<_>>()}),
        Condition::Any(items) => json!({"any": items.iter().map(condition_json).collect::<Vec<_>>()}),
        Condition::AnyAnswer(o) => json!({"any_answer": o.as_str()}),
    }
}

fn variants_text(variants: &engine::Variants) -> String {
    if variants.listed().is_empty() {
        "all".into()
    } else {
        variants.listed().iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
    }
}

fn questions_text(q: &Questionnaire, en: Locale) -> String {
    let mut out =
        format!("Microneedling self-check questionnaire, content {} (reviewed {})\n", q.version(), q.reviewed());
    for section in q.sections() {
        let _ = write!(out, "\n## {} ({})\n", en.at(section.title()), section.id());
        for question in q.questions().iter().filter(|x| x.section() == section.id()) {
            let id = question.id().as_str();
            let _ = write!(out, "\n- `{id}` [{}]: {}\n", question.kind().name(), en.text(&keys::question(id)));
            if let Some(condition) = question.show_if() {
                let _ = writeln!(out, "    shown if: {}", describe(condition));
            }
            if !question.variants().listed().is_empty() {
                let _ = writeln!(out, "    only for: {}", variants_text(question.variants()));
            }
            for option in question.options() {
                let _ = writeln!(out, "    - `{option}`: {}", en.option(id, option.as_str()));
            }
        }
    }
    out
}

fn questions_json(q: &Questionnaire, en: Locale) -> Value {
    let sections: Vec<Value> = q
        .sections()
        .iter()
        .map(|section| {
            let questions: Vec<Value> = q
                .questions()
                .iter()
                .filter(|x| x.section() == section.id())
                .map(|question| {
                    let id = question.id().as_str();
                    let mut item = Map::new();
                    item.insert("id".into(), json!(id));
                    item.insert("kind".into(), json!(question.kind().name()));
                    item.insert("text".into(), json!(en.text(&keys::question(id))));
                    if en.has(&keys::hint(id)) {
                        item.insert("hint".into(), json!(en.text(&keys::hint(id))));
                    }
                    let options: Vec<Value> = question
                        .options()
                        .iter()
                        .map(|o| json!({"id": o.as_str(), "text": en.option(id, o.as_str())}))
                        .collect();
                    item.insert("options".into(), Value::Array(options));
                    if let Some(condition) = question.show_if() {
                        item.insert("show_if".into(), condition_json(condition));
                    }
                    if !question.variants().listed().is_empty() {
                        let names: Vec<&str> = question.variants().listed().iter().map(|v| v.name()).collect();
                        item.insert("variants".into(), json!(names));
                    }
                    item.insert("facts".into(), json!(question.facts()));
                    Value::Object(item)
                })
                .collect();
            json!({"id": section.id().as_str(), "title": en.at(section.title()), "questions": questions})
        })
        .collect();
    json!({"version": q.version(), "reviewed": q.reviewed(), "sections": sections})
}

fn sources_text(q: &Questionnaire, ids: &[engine::SourceId]) -> String {
    ids.iter()
        .map(|id| match q.source(id) {
            Some(source) => format!("{id} ({}; {})", source.title(), source.strength().name().replace('_', " ")),
            None => id.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether every source a rule cites is weak on its own (a clinic protocol or a second-hand report).
pub fn only_weak_sources(q: &Questionnaire, rule: &engine::Rule) -> bool {
    rule.sources().iter().all(|id| q.source(id).is_none_or(|s| s.strength().is_weak()))
}

fn rules_markdown(q: &Questionnaire, en: Locale) -> String {
    let mut out = format!(
        "# Rules of the microneedling self-check\n\nContent {}, reviewed {}. Levels, most cautious first: {}.\nThe overall outcome is the most cautious level any rule reaches; with none, it is `no_specific_concern`.\n",
        q.version(),
        q.reviewed(),
        Level::ALL.iter().map(|l| format!("`{}`", l.name())).collect::<Vec<_>>().join(", ")
    );
    let weak: Vec<String> =
        q.rules().iter().filter(|r| only_weak_sources(q, r)).map(|r| format!("`{}`", r.id())).collect();
    let _ = writeln!(
        out,
        "\nEach source is marked with its strength as the fact sheet ranks it: regulator, professional body, peer reviewed; or, weak on its own, secondary (seen only in part or second-hand) and clinic protocol (practice variation, not evidence).\n\n**{} rule(s) rest only on weak sources:** {}.",
        weak.len(),
        if weak.is_empty() { "none".to_string() } else { weak.join(", ") }
    );
    for rule in q.rules() {
        let id = rule.id().as_str();
        let _ = write!(out, "\n## `{id}`: {}\n\n", rule.level().name());
        if only_weak_sources(q, rule) {
            let _ = writeln!(out, "- **Evidence:** WEAK: every source is a clinic protocol or a second-hand report");
        }
        let _ = writeln!(out, "- **Trigger:** {}", describe(rule.when()));
        let _ = writeln!(out, "- **Reason:** {}", en.text(&keys::rule_reason(id)));
        let _ = writeln!(out, "- **What a professional would typically do:** {}", en.text(&keys::rule_action(id)));
        let _ = writeln!(out, "- **Sources:** {}", sources_text(q, rule.sources()));
        if !rule.facts().is_empty() {
            let facts: Vec<String> = rule.facts().iter().map(u16::to_string).collect();
            let _ = writeln!(out, "- **Fact sheet §2 items:** {}", facts.join(", "));
        }
        let _ = writeln!(out, "- **Variants:** {}", variants_text(rule.variants()));
        if rule.is_about_medicine() {
            let _ = writeln!(out, "- **Adds:** the \"do not stop or change a prescribed medicine\" line");
        }
    }
    out
}

fn summary_json(q: &Questionnaire, summary: &Summary<'_>, variant: Variant, en: Locale) -> Value {
    let findings: Vec<Value> = summary
        .findings
        .iter()
        .map(|f| {
            let id = f.rule.id().as_str();
            json!({
                "rule": id,
                "level": f.level().name(),
                "triggers": f.triggers.iter().map(|t| json!({"question": t.question.as_str(), "option": t.option.as_str()})).collect::<Vec<_>>(),
                "reason": en.text(&keys::rule_reason(id)),
                "action": en.text(&keys::rule_action(id)),
                "sources": f.rule.sources().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let concerns: Vec<Value> = summary
        .concerns
        .iter()
        .map(|c| {
            let id = c.id().as_str();
            json!({
                "concern": id,
                "evidence": c.evidence().name(),
                "course": en.text(&keys::concern_course(id)),
                "caveat": en.text(&keys::concern_caveat(id)),
                "sources": c.sources().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "level": summary.level.name(),
        "headline": en.text(&keys::level_title(summary.level.name())),
        "findings": findings,
        "concerns": concerns,
        "medicine_warning": summary.medicine,
        "unanswered": summary.unanswered.iter().map(|q| q.id().as_str()).collect::<Vec<_>>(),
        "variant": variant.name(),
        "content_version": q.version(),
    })
}

fn summary_text(q: &Questionnaire, summary: &Summary<'_>, variant: Variant, en: Locale) -> String {
    let level = summary.level.name();
    let mut out =
        format!("Overall: {level}\n{}\n{}\n", en.text(&keys::level_title(level)), en.text(&keys::level_detail(level)));
    if !summary.unanswered.is_empty() {
        let ids: Vec<&str> = summary.unanswered.iter().map(|q| q.id().as_str()).collect();
        let _ = writeln!(out, "\nNot answered (the widget would ask these): {}", ids.join(", "));
    }
    for finding in &summary.findings {
        let id = finding.rule.id().as_str();
        let triggers: Vec<String> = finding.triggers.iter().map(|t| format!("{} = {}", t.question, t.option)).collect();
        let _ = write!(
            out,
            "\n[{}] {id} (because {})\n  Why: {}\n  A professional would typically: {}\n  Sources: {}\n",
            finding.level().name(),
            triggers.join(", "),
            en.text(&keys::rule_reason(id)),
            en.text(&keys::rule_action(id)),
            sources_text(q, finding.rule.sources())
        );
    }
    if summary.medicine {
        let _ = writeln!(out, "\n{}", en.text("ui.summary.medicine"));
    }
    let _ = write!(
        out,
        "\nVariant: {}. Content {} (reviewed {}).\n{}\n",
        variant.name(),
        q.version(),
        q.reviewed(),
        en.text("ui.summary.disclaimer")
    );
    out
}
