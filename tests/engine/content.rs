//! Content validation: the shipped files validate, every broken fixture reports its exact error,
//! several problems are reported at once, and every text key the content and the code use exists.
//!
//! Questionnaire fixtures are `tests/fixtures/*.toml`, each a copy of `minimal.toml` with one
//! defect. Locale fixtures are `tests/fixtures/locales/<case>/`, validated against `minimal.toml`;
//! a case holds only the file(s) with its defect and reads the others from `locales/valid/`.

use std::collections::BTreeSet;
use std::path::Path;

use microneedling_check::engine::validate::{self, LocaleTexts, ValidationError};
use microneedling_check::engine::{keys, AdviceGroup, Level};
use microneedling_check::i18n::Locale;

use crate::support::{self, q, read};

/// Validates a questionnaire fixture, expecting it to be refused.
fn refused(name: &str) -> Vec<ValidationError> {
    match validate::questionnaire(&read(Path::new("tests/fixtures").join(name))) {
        Ok(_) => panic!("fixture {name} should be invalid, but it validates"),
        Err(errors) => errors,
    }
}

/// Validates a locale fixture case against `minimal.toml`.
fn locale_case(case: &str) -> Result<Vec<LocaleTexts>, Vec<ValidationError>> {
    let questionnaire = support::fixture_questionnaire("minimal.toml");
    let dir = support::root().join("tests/fixtures/locales");
    let file = |name: &str| {
        let own = dir.join(case).join(name);
        let path = if own.exists() { own } else { dir.join("valid").join(name) };
        std::fs::read_to_string(path).ok()
    };
    let index = file("index.toml").expect("an index.toml");
    validate::locales(&questionnaire, &index, |code| file(&format!("{code}.toml")))
}

fn locale_refused(case: &str) -> Vec<ValidationError> {
    locale_case(case).expect_err(&format!("locale fixture `{case}` should be invalid, but it validates"))
}

/// Asserts that exactly one error is reported and that it matches the pattern.
macro_rules! assert_only {
    ($errors:expr, $pattern:pat $(if $guard:expr)?) => {{
        let errors = $errors;
        assert!(
            errors.len() == 1 && matches!(&errors[0], $pattern $(if $guard)?),
            "expected exactly one {}, got {errors:#?}",
            stringify!($pattern)
        );
        errors.into_iter().next().expect("one error")
    }};
}

/// The variant's name. An exhaustive match: adding a variant to `ValidationError` breaks this
/// build until the variant gets a fixture (and a line in `every_variant_has_a_fixture`).
fn variant_name(error: &ValidationError) -> &'static str {
    use ValidationError::*;
    match error {
        Syntax { .. } => "Syntax",
        DuplicateId { .. } => "DuplicateId",
        UnknownId { .. } => "UnknownId",
        UnknownValue { .. } => "UnknownValue",
        ConditionNotEarlier { .. } => "ConditionNotEarlier",
        MalformedCondition { .. } => "MalformedCondition",
        NoSource { .. } => "NoSource",
        BadOptions { .. } => "BadOptions",
        Concerns { .. } => "Concerns",
        MissingLocale { .. } => "MissingLocale",
        MissingText { .. } => "MissingText",
        OrphanText { .. } => "OrphanText",
        EmptyText { .. } => "EmptyText",
        Placeholders { .. } => "Placeholders",
        TooManyTexts => "TooManyTexts",
    }
}

const VARIANTS: [&str; 15] = [
    "Syntax",
    "DuplicateId",
    "UnknownId",
    "UnknownValue",
    "ConditionNotEarlier",
    "MalformedCondition",
    "NoSource",
    "BadOptions",
    "Concerns",
    "MissingLocale",
    "MissingText",
    "OrphanText",
    "EmptyText",
    "Placeholders",
    "TooManyTexts",
];

// ---------------------------------------------------------------------------------------------
// The shipped content

// Whether the shipped files are valid is build.rs's job (it refuses to compile them otherwise, and
// the fixtures below cover every error); these check that what was compiled in is those files.

#[test]
fn the_compiled_in_questionnaire_is_content_questionnaire_toml() {
    let text = read("content/questionnaire.toml");
    let validated = validate::questionnaire(&text).expect("build.rs compiled it, so it validates");
    assert!(validated == *q(), "the compiled-in questionnaire differs from content/questionnaire.toml");
    assert!(!q().questions().is_empty() && !q().rules().is_empty());
}

fn shipped_locales() -> Vec<LocaleTexts> {
    let index = read("locales/index.toml");
    validate::locales(q(), &index, |code| {
        std::fs::read_to_string(support::root().join(format!("locales/{code}.toml"))).ok()
    })
    .expect("build.rs compiled them, so they validate")
}

#[test]
fn the_compiled_in_locales_are_the_locale_files() {
    let tables = shipped_locales();
    let compiled: Vec<Locale> = Locale::all().collect();
    let codes: Vec<&str> = tables.iter().map(|t| t.code.as_str()).collect();
    let compiled_codes: Vec<&str> = compiled.iter().map(|l| l.code()).collect();
    assert_eq!(codes, compiled_codes);
    assert_eq!(tables[0].code, "en", "English is the source locale, first in the index");
    for (table, locale) in tables.iter().zip(&compiled) {
        assert_eq!(table.rtl, locale.is_rtl(), "{}: direction", table.code);
        for (key, text) in &table.texts {
            if key.starts_with(keys::LOADER_ONLY) {
                assert!(!locale.has(key), "{}: `{key}` is compiled in", table.code);
            } else {
                assert_eq!(locale.text(key), text, "{}: `{key}`", table.code);
            }
        }
    }
}

/// Every key the content needs, derived here from the questionnaire independently of
/// `validate::locales`, has a text in every compiled locale.
#[test]
fn every_text_the_content_needs_exists_in_every_locale() {
    let q = q();
    let mut missing = Vec::new();
    for locale in Locale::all() {
        let mut need = |key: String| {
            if !locale.has(&key) || locale.text(&key).trim().is_empty() {
                missing.push(format!("{}: {key}", locale.code()));
            }
        };
        q.sections().iter().for_each(|s| need(keys::section(s.id().as_str())));
        for question in q.questions() {
            let id = question.id().as_str();
            need(keys::question(id));
            need(keys::error(id));
            for option in question.options() {
                let specific = keys::option_specific(id, option.as_str());
                need(if locale.has(&specific) { specific } else { keys::option_generic(option.as_str()) });
            }
        }
        for rule in q.rules() {
            need(keys::rule_reason(rule.id().as_str()));
            need(keys::rule_action(rule.id().as_str()));
        }
        for level in Level::ALL {
            need(keys::level_title(level.name()));
            need(keys::level_detail(level.name()));
        }
        for concern in q.concerns() {
            need(keys::concern_course(concern.id().as_str()));
            need(keys::concern_caveat(concern.id().as_str()));
            need(keys::evidence(concern.evidence().name()));
        }
        q.advice().iter().for_each(|a| need(keys::advice(a.id())));
        AdviceGroup::ALL.iter().for_each(|g| need(keys::advice_group(g.name())));
    }
    assert!(missing.is_empty(), "missing texts:\n  {}", missing.join("\n  "));
}

/// A `"ui.…"` literal: a whole key, or a prefix when the key is built from it (`"ui.level.{x}"`,
/// or a literal ending in `.`).
enum UiKey {
    Exact(String),
    Prefix(String),
}

/// The `"ui.…"` literals in a piece of Rust source. A bare `"ui."` (as in `starts_with("ui.")`)
/// builds no key and is skipped, or it would count every key as used.
fn ui_literals(source: &str) -> Vec<UiKey> {
    let mut out = Vec::new();
    for literal in support::lex(source).strings {
        if !literal.starts_with("ui.") || literal == "ui." {
            continue;
        }
        out.push(match literal.find('{') {
            Some(brace) => UiKey::Prefix(literal[..brace].to_string()),
            None if literal.ends_with('.') => UiKey::Prefix(literal.clone()),
            None => UiKey::Exact(literal.clone()),
        });
    }
    out
}

/// The quoted `ui.…` keys in a non-Rust file (such as the build script that fills the loader's
/// fallback message from the locales).
fn quoted_ui_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for quote in ['"', '\''] {
        for piece in text.split(quote).skip(1).step_by(2) {
            if piece.starts_with("ui.") && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                keys.push(piece.to_string());
            }
        }
    }
    keys
}

/// What is wrong between the `ui.*` keys of English and the literals in the shell's sources
/// (`shell`: each key they use must exist) and in every source (`all`: each English `ui.*` key
/// must be used there, or be one of the keys `elsewhere` uses; `None` while the shell does not
/// exist yet).
fn ui_key_problems(
    english: &BTreeSet<String>,
    shell: &[(String, String)],
    all: Option<&[(String, String)]>,
    elsewhere: &BTreeSet<String>,
) -> Vec<String> {
    let ui_keys: Vec<&String> = english.iter().filter(|k| k.starts_with("ui.")).collect();
    let mut problems = Vec::new();
    for (file, source) in shell {
        for key in ui_literals(source) {
            match key {
                UiKey::Exact(key) if !english.contains(&key) => {
                    problems.push(format!("{file} uses `{key}`, which locales/en.toml lacks"))
                }
                UiKey::Prefix(prefix) if !ui_keys.iter().any(|k| k.starts_with(&prefix)) => {
                    problems.push(format!("{file} builds keys from `{prefix}…`, but locales/en.toml has none"))
                }
                _ => {}
            }
        }
    }
    if let Some(all) = all {
        let used: Vec<UiKey> = all.iter().flat_map(|(_, source)| ui_literals(source)).collect();
        for key in ui_keys {
            let is_used = used.iter().any(|literal| match literal {
                UiKey::Exact(exact) => exact == key,
                UiKey::Prefix(prefix) => key.starts_with(prefix.as_str()),
            });
            if !is_used && !elsewhere.contains(key) {
                problems.push(format!("locales/en.toml has `{key}`, which nothing under src/ (or scripts/) uses"));
            }
        }
    }
    problems
}

/// Every file under a directory of the crate, recursively (any extension).
fn files_under(relative: &str) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&support::root().join(relative), &mut out);
    out.sort();
    out
}

fn sources(files: Vec<std::path::PathBuf>) -> Vec<(String, String)> {
    files.iter().map(|path| (support::shown(path), std::fs::read_to_string(path).expect("readable"))).collect()
}

#[test]
fn every_ui_key_the_code_uses_exists_in_english_and_every_english_ui_key_is_used() {
    let english: BTreeSet<String> = shipped_locales().into_iter().next().expect("English").texts.into_keys().collect();
    let mut shell_files = support::rust_files("src/ui");
    shell_files.push(support::root().join("src/cli.rs"));
    let shell = sources(shell_files);
    let all = sources(support::rust_files("src"));
    let has_shell = support::root().join("src/ui").is_dir();
    if !has_shell {
        eprintln!("note: src/ui/ does not exist yet, so unused ui.* keys are not checked");
    }
    // The build fills the loader's fallback message (shown when WebAssembly cannot start) from
    // the locales with a script, so keys quoted in scripts/ count as used too.
    let mut elsewhere = BTreeSet::new();
    for path in files_under("scripts") {
        elsewhere.extend(quoted_ui_keys(&std::fs::read_to_string(&path).unwrap_or_default()));
    }
    let problems = ui_key_problems(&english, &shell, has_shell.then_some(all.as_slice()), &elsewhere);
    assert!(problems.is_empty(), "ui.* keys:\n  {}", problems.join("\n  "));
}

#[test]
fn the_ui_key_check_catches_missing_and_unused_keys() {
    let english: BTreeSet<String> =
        ["ui.back", "ui.level.high", "ui.unused", "question.age"].iter().map(|k| k.to_string()).collect();
    let shell = vec![(
        "src/ui/app.rs".to_string(),
        r#"fn f() { t("ui.back"); t("ui.missing"); t(&format!("ui.level.{x}")); t(&format!("ui.gone.{y}")); }"#
            .to_string(),
    )];
    let other = (
        "src/engine/x.rs".to_string(),
        "// \"ui.unused\" in a comment\nfn g(k: &str) -> bool { k.starts_with(\"ui.\") }".to_string(),
    );
    let mut everything = shell.clone();
    everything.push(other);
    let problems = ui_key_problems(&english, &shell, Some(&everything), &BTreeSet::new());
    assert_eq!(
        problems,
        [
            "src/ui/app.rs uses `ui.missing`, which locales/en.toml lacks",
            "src/ui/app.rs builds keys from `ui.gone.…`, but locales/en.toml has none",
            "locales/en.toml has `ui.unused`, which nothing under src/ (or scripts/) uses",
        ]
    );
    assert!(ui_key_problems(&english, &[], None, &BTreeSet::new()).is_empty());
    let elsewhere = BTreeSet::from(["ui.unused".to_string()]);
    assert_eq!(ui_key_problems(&english, &shell, Some(&everything), &elsewhere).len(), 2, "a script uses `ui.unused`");
    assert_eq!(
        quoted_ui_keys("KEYS = {'title': \"ui.fallback.title\", 'x': 'ui.a_b'} # 'ui.{x}'"),
        ["ui.fallback.title", "ui.a_b"]
    );
}

// ---------------------------------------------------------------------------------------------
// Fixtures: one per error variant

#[test]
fn the_minimal_fixtures_are_valid() {
    let minimal = support::fixture_questionnaire("minimal.toml");
    assert_eq!(minimal.questions().len(), 3);
    let tables = locale_case("valid").unwrap_or_else(|errors| panic!("locales/valid is invalid: {errors:#?}"));
    assert_eq!(tables.iter().map(|t| t.code.as_str()).collect::<Vec<_>>(), ["en", "fr"]);
}

#[test]
fn syntax_errors_are_reported() {
    let error = assert_only!(refused("syntax.toml"), ValidationError::Syntax { file, .. } if file == "questionnaire");
    assert!(!error.to_string().contains('\n'), "one line: {error}");
    let error = assert_only!(
        refused("syntax_unknown_field.toml"),
        ValidationError::Syntax { message, .. } if message.contains("show_iff")
    );
    assert!(error.to_string().contains("show_iff"), "{error}");
}

#[test]
fn duplicate_ids_are_reported() {
    let error = assert_only!(
        refused("duplicate_id.toml"),
        ValidationError::DuplicateId { what: "rule", id } if id == "pregnant"
    );
    assert_eq!(error.to_string(), "duplicate rule id `pregnant`");
}

#[test]
fn unknown_ids_are_reported() {
    let error = assert_only!(
        refused("unknown_id.toml"),
        ValidationError::UnknownId { at, what: "source", id } if at == "rule `pregnant`" && id == "R99"
    );
    assert!(error.to_string().contains("R99"));
}

#[test]
fn unknown_values_are_reported() {
    assert_only!(
        refused("unknown_value.toml"),
        ValidationError::UnknownValue { at, field: "level", value } if at == "rule `pregnant`" && value == "urgent"
    );
}

#[test]
fn an_unknown_source_strength_is_reported() {
    assert_only!(
        refused("unknown_strength.toml"),
        ValidationError::UnknownValue { at, field, value } if at == "source `R1`" && field.starts_with("strength") && value == "hearsay"
    );
}

#[test]
fn conditions_on_later_questions_are_reported() {
    assert_only!(
        refused("condition_not_earlier.toml"),
        ValidationError::ConditionNotEarlier { question, refers_to } if question == "pregnant" && refers_to == "breastfeeding"
    );
}

#[test]
fn malformed_conditions_are_reported() {
    let error = assert_only!(
        refused("malformed_condition.toml"),
        ValidationError::MalformedCondition { at, why } if at == "rule `pregnant`" && why.contains("is_not")
    );
    assert!(error.to_string().starts_with("rule `pregnant`: "), "{error}");
}

#[test]
fn is_not_on_a_multiple_choice_question_is_reported() {
    assert_only!(
        refused("is_not_on_multiple.toml"),
        ValidationError::MalformedCondition { at, why } if at == "question `breastfeeding`" && why.contains("single-choice")
    );
}

#[test]
fn rules_without_sources_are_reported() {
    assert_only!(refused("no_source.toml"), ValidationError::NoSource { rule } if rule == "pregnant");
}

#[test]
fn bad_options_are_reported() {
    assert_only!(refused("bad_options.toml"), ValidationError::BadOptions { question, .. } if question == "breastfeeding");
}

#[test]
fn a_missing_concerns_question_is_reported() {
    assert_only!(refused("concerns.toml"), ValidationError::Concerns { why } if why.contains("role"));
}

#[test]
fn a_missing_locale_file_is_reported() {
    assert_only!(locale_refused("missing_locale"), ValidationError::MissingLocale { locale } if locale == "de");
}

#[test]
fn a_missing_text_is_reported() {
    assert_only!(
        locale_refused("missing_text"),
        ValidationError::MissingText { locale, key } if locale == "en" && key == "rule.pregnant.action"
    );
}

#[test]
fn an_unused_text_is_reported() {
    assert_only!(
        locale_refused("orphan_text"),
        ValidationError::OrphanText { locale, key } if locale == "en" && key == "advice.gone"
    );
}

#[test]
fn an_empty_text_is_reported() {
    assert_only!(
        locale_refused("empty_text"),
        ValidationError::EmptyText { locale, key } if locale == "fr" && key == "option.yes"
    );
}

#[test]
fn different_placeholders_are_reported() {
    assert_only!(
        locale_refused("placeholders"),
        ValidationError::Placeholders { locale, key, expected, found }
            if locale == "fr" && key == "ui.start.time" && expected == &["minutes"] && found.is_empty()
    );
}

#[test]
fn every_variant_has_a_fixture() {
    let mut seen = BTreeSet::new();
    let questionnaire_fixtures = [
        "syntax.toml",
        "syntax_unknown_field.toml",
        "duplicate_id.toml",
        "unknown_id.toml",
        "unknown_value.toml",
        "unknown_strength.toml",
        "condition_not_earlier.toml",
        "malformed_condition.toml",
        "is_not_on_multiple.toml",
        "no_source.toml",
        "bad_options.toml",
        "concerns.toml",
        "many_problems.toml",
    ];
    for name in questionnaire_fixtures {
        seen.extend(refused(name).iter().map(variant_name));
    }
    for case in ["missing_locale", "missing_text", "orphan_text", "empty_text", "placeholders", "many_problems"] {
        seen.extend(locale_refused(case).iter().map(variant_name));
    }
    seen.extend(too_many_texts().iter().map(variant_name));
    let missing: Vec<&str> = VARIANTS.iter().copied().filter(|v| !seen.contains(v)).collect();
    assert!(missing.is_empty(), "no fixture reports {missing:?}");
    let on_disk: BTreeSet<String> = std::fs::read_dir(support::root().join("tests/fixtures"))
        .expect("tests/fixtures")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml") && n != "minimal.toml" && n != "journey.toml")
        .collect();
    let checked: BTreeSet<String> = questionnaire_fixtures.iter().map(|n| n.to_string()).collect();
    assert_eq!(on_disk, checked, "every broken fixture in tests/fixtures/ is checked here");
}

/// `minimal.toml` with one more question whose options need more texts than a `Text` numbers
/// (two each: the option's own text under the question and its shared one). Too big for a file.
fn too_many_texts() -> Vec<ValidationError> {
    let options: Vec<String> = (0..=usize::from(u16::MAX) / 2).map(|n| format!("\"o{n}\"")).collect();
    let text = read("tests/fixtures/minimal.toml").replacen(
        "[[rule]]",
        &format!(
            "[[question]]\nid = \"many\"\nsection = \"about_you\"\nkind = \"single\"\noptions = [{}]\n\n[[rule]]",
            options.join(", ")
        ),
        1,
    );
    match validate::questionnaire(&text) {
        Ok(_) => panic!("a questionnaire with {} options should be refused", options.len()),
        Err(errors) => errors,
    }
}

#[test]
fn content_that_needs_more_texts_than_a_text_place_can_number_is_refused() {
    assert_only!(too_many_texts(), ValidationError::TooManyTexts);
}

// ---------------------------------------------------------------------------------------------
// Several problems at once

#[test]
fn every_problem_in_a_questionnaire_is_reported_at_once() {
    let errors = refused("many_problems.toml");
    let report = errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n");
    use ValidationError::*;
    type Found = fn(&ValidationError) -> bool;
    let expected: [(&str, Found); 6] = [
        ("unknown section", |e| matches!(e, UnknownId { what: "section", id, .. } if id == "elsewhere")),
        ("unknown kind", |e| matches!(e, UnknownValue { value, .. } if value == "yes_or_no")),
        ("self-reference", |e| matches!(e, ConditionNotEarlier { question, .. } if question == "breastfeeding")),
        ("no source", |e| matches!(e, NoSource { rule } if rule == "pregnant")),
        ("unknown level", |e| matches!(e, UnknownValue { field: "level", value, .. } if value == "maybe")),
        ("unknown source", |e| matches!(e, UnknownId { what: "source", id, .. } if id == "R404")),
    ];
    for (what, found) in expected {
        assert!(errors.iter().any(found), "the {what} is not reported among:\n{report}");
    }
    assert_eq!(errors.len(), 6, "exactly the six problems:\n{report}");
}

#[test]
fn every_problem_in_a_locale_is_reported_at_once() {
    let errors = locale_refused("many_problems");
    use ValidationError::*;
    assert!(
        errors.iter().any(|e| matches!(e, MissingText { key, .. } if key == "rule.pregnant.action")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|e| matches!(e, OrphanText { key, .. } if key == "advice.gone")), "{errors:#?}");
    assert!(errors.iter().any(|e| matches!(e, EmptyText { key, .. } if key == "option.yes")), "{errors:#?}");
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

/// The question ids a condition looks at.
fn condition_questions(condition: &microneedling_check::engine::Condition, out: &mut Vec<String>) {
    use microneedling_check::engine::Condition;
    match condition {
        Condition::Answered(q) | Condition::Is(q, _) | Condition::IsNot(q, _) => out.push(q.to_string()),
        Condition::All(all) | Condition::Any(all) => all.iter().for_each(|c| condition_questions(c, out)),
        Condition::AnyAnswer(_) => {}
    }
}

#[test]
fn every_rule_on_a_medicine_question_shows_the_medicine_line() {
    // The visitor unsure about a medicine is the one the line is for (issue 24): "not sure"
    // answers to the medicine questions have rules of their own, and every rule whose trigger is a
    // question of the medicines section says "do not stop or change a prescribed medicine".
    let mut missing = Vec::new();
    let mut seen = 0;
    for rule in q().rules() {
        let mut questions = Vec::new();
        condition_questions(rule.when(), &mut questions);
        let medicine_question = questions
            .iter()
            .any(|id| q().question(id).is_some_and(|question| question.section().as_str() == "medicines"));
        if medicine_question {
            seen += 1;
            if !rule.is_about_medicine() {
                missing.push(rule.id().to_string());
            }
        }
    }
    assert!(seen >= 10, "found only {seen} rules on medicine questions");
    assert!(missing.is_empty(), "rules on a medicine question without `medicine = true`: {missing:?}");
    for question in q().questions().iter().filter(|x| x.section().as_str() == "medicines") {
        if question.has_option("not_sure") {
            let own = q().rules().iter().any(|rule| {
                matches!(rule.when(), microneedling_check::engine::Condition::Is(id, options)
                    if id.as_str() == question.id().as_str() && options.iter().any(|o| o.as_str() == "not_sure"))
            });
            assert!(
                own,
                "`{}`: \"not sure\" has no rule of its own, so it would not show the medicine line",
                question.id()
            );
        }
    }
}

#[test]
fn arabic_never_says_needling_without_micro() {
    // Bare "الوخز بالإبر" usually means acupuncture; microneedling is "الوخز بالإبر الدقيقة".
    let ar = read("locales/ar.toml");
    let bare: Vec<&str> = ar
        .lines()
        .filter(|line| line.match_indices("الوخز بالإبر").any(|(i, m)| !line[i + m.len()..].starts_with(" الدقيقة")))
        .collect();
    assert!(ar.contains("الوخز بالإبر الدقيقة"), "read the Arabic texts");
    assert!(bare.is_empty(), "\"الوخز بالإبر\" without \"الدقيقة\":\n{}", bare.join("\n"));
}

#[test]
fn the_german_default_clinic_name_fits_every_template() {
    // "der Praxis" is dative: it reads right only after "bei". Every German text that names the
    // clinic must say "bei {clinic}", or the default name must change with it.
    let de = Locale::find("de").expect("de");
    assert_eq!(de.text("ui.clinic.default_name"), "der Praxis");
    let texts: Vec<(&str, &str)> = Locale::find("de")
        .map(|l| l.entries().filter(|(_, text)| text.contains("{clinic}")).collect())
        .unwrap_or_default();
    assert!(texts.len() >= 3, "found {} German texts naming the clinic", texts.len());
    for (key, text) in texts {
        assert!(
            text.matches("{clinic}").count() == text.matches("bei {clinic}").count(),
            "de `{key}` names the clinic without \"bei\": {text}"
        );
    }
}

#[test]
fn every_translation_translates_todays_english() {
    // Each translation records the English it translates (locales/<code>.from-en.toml). When an
    // English text changes, its translations are stale until re-translated and confirmed with
    // `microneedling-check translations --confirm LOCALE KEY`.
    let report =
        microneedling_check::translations::check(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("records readable");
    let list = |findings: &[microneedling_check::translations::Finding]| {
        findings.iter().map(|f| format!("  {} {}", f.locale, f.key)).collect::<Vec<_>>().join("\n")
    };
    assert!(
        report.stale.is_empty(),
        "stale translations (the English changed since they were translated):\n{}\nre-translate them, then run `cargo run -- translations --confirm LOCALE KEY`",
        list(&report.stale)
    );
    assert!(
        report.unconfirmed.is_empty(),
        "translations with no record of the English they translate:\n{}\nrun `cargo run -- translations --confirm LOCALE KEY` once they are translated",
        list(&report.unconfirmed)
    );
    assert_eq!(report.current.len(), Locale::all().count() - 1, "every translated locale is checked");
    assert!(report.current.iter().all(|(_, n)| *n > 300), "{:?}", report.current);
}
