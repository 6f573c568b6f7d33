//! Keeping a result (`src/export.rs`): the plain-text and HTML copies and the FHIR R4 resources.
//!
//! The FHIR checks are structural (the parts of R4 a record system relies on: resource types,
//! statuses, item fields, unique `linkId`s equal to the engine's question ids, typed answers whose
//! codes the question offers, `enableWhen` looking back with valid operators, no empty arrays) and
//! semantic: a small R4 `enableWhen` evaluator over the exported Questionnaire must enable exactly
//! the questions the engine asks, for scenario answers and generated ones (hidden answers included).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use microneedling_check::cli;
use microneedling_check::engine::{self, keys, Answers, Level, Question, Questionnaire, Variant, NONE};
use microneedling_check::export::{self, fhir};
use microneedling_check::i18n::{fill, Locale};
use serde_json::Value;

use crate::support::{self, first_answer, full_answers, q};

const DATE: &str = "2026-12-01";
const HOSTILE: &str = "<script>alert(\"x\")</script> & 'Co' </p>";

/// Answer sets to export: a few scenario files (through the reviewer's tool's parser), a full
/// answer set per variant, and generated sets that also answer hidden questions.
fn answer_sets(q: &Questionnaire) -> Vec<(String, Variant, Answers)> {
    let mut sets = Vec::new();
    for file in ["basics.toml", "medicines.toml", "treatments.toml", "variants.toml", "full_journeys.toml"] {
        let table: toml::Table = support::read(format!("tests/scenarios/{file}")).parse().expect("scenario TOML");
        for scenario in table["scenario"].as_array().expect("[[scenario]]") {
            let name = format!("{file}: {}", scenario["name"].as_str().unwrap_or_default());
            let variant = scenario.get("variant").and_then(|v| v.as_str()).map_or(Variant::Standard, |v| {
                Variant::from_name(v).unwrap_or_else(|| panic!("{name}: variant `{v}`"))
            });
            let json = serde_json::to_string(&scenario["answers"]).expect("answers as JSON");
            let answers = cli::parse_answers(q, &json, variant).unwrap_or_else(|e| panic!("{name}: {e}"));
            sets.push((name, variant, answers));
        }
    }
    for variant in Variant::ALL {
        sets.push((format!("full {}", variant.name()), variant, full_answers(q, variant, first_answer)));
    }
    // A tiny deterministic generator: answers every question (asked or not) at random, or skips it.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n.max(1)
    };
    for round in 0..150 {
        let variant = Variant::ALL[round % 3];
        let mut answers = Answers::new();
        for question in q.questions() {
            if next(5) == 0 {
                continue;
            }
            let options: Vec<&str> = question.options().iter().map(|o| o.as_str()).collect();
            let mut chosen = vec![options[next(options.len())]];
            if question.kind().is_multiple() && chosen[0] != NONE {
                let extra = options[next(options.len())];
                if extra != NONE && extra != chosen[0] {
                    chosen.push(extra);
                }
            }
            answers.set(question, &chosen).expect("generated answer is valid");
        }
        sets.push((format!("generated {round}"), variant, answers));
    }
    sets
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{json}"))
}

/// FHIR JSON may hold no empty arrays, empty objects, empty strings or nulls.
fn assert_no_empties(value: &Value, at: &str) {
    match value {
        Value::Null => panic!("{at}: null"),
        Value::String(s) => assert!(!s.is_empty(), "{at}: empty string"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "{at}: empty array");
            for (i, item) in items.iter().enumerate() {
                assert_no_empties(item, &format!("{at}[{i}]"));
            }
        }
        Value::Object(map) => {
            assert!(!map.is_empty(), "{at}: empty object");
            for (key, item) in map {
                assert_no_empties(item, &format!("{at}.{key}"));
            }
        }
        _ => {}
    }
}

fn assert_version_tag(resource: &Value, q: &Questionnaire) {
    let tags = resource["meta"]["tag"].as_array().expect("meta.tag");
    assert!(
        tags.iter().any(|t| t["system"] == fhir::VERSION_TAG_SYSTEM && t["code"] == q.version()),
        "no content version tag: {tags:?}"
    );
    assert!(
        tags.iter().any(|t| t["system"] == fhir::WIDGET_VERSION_TAG_SYSTEM && t["code"] == env!("CARGO_PKG_VERSION")),
        "no widget version tag: {tags:?}"
    );
}

fn assert_coding(coding: &Value, question: &Question, locale: Locale, at: &str) {
    assert_eq!(coding["system"], fhir::OPTION_SYSTEM, "{at}");
    let code = coding["code"].as_str().unwrap_or_else(|| panic!("{at}: code"));
    assert!(question.has_option(code), "{at}: `{code}` is not an option of `{}`", question.id());
    assert_eq!(coding["display"], locale.option(question.id().as_str(), code), "{at}");
}

/// Checks the exported Questionnaire's structure and returns it.
fn checked_questionnaire(q: &Questionnaire, locale: Locale) -> Value {
    let json = fhir::questionnaire(q, locale);
    let resource = parse(&json);
    assert_no_empties(&resource, "Questionnaire");
    assert_eq!(resource["resourceType"], "Questionnaire");
    assert_eq!(resource["status"], "draft");
    assert_eq!(resource["url"], fhir::QUESTIONNAIRE_URL);
    assert_eq!(resource["version"], q.version());
    assert_eq!(resource["date"], q.reviewed());
    assert_eq!(resource["language"], locale.code());
    assert_version_tag(&resource, q);
    let items = resource["item"].as_array().expect("item");
    let ids: Vec<&str> = items.iter().map(|i| i["linkId"].as_str().expect("linkId")).collect();
    let expected: Vec<&str> = q.questions().iter().map(|x| x.id().as_str()).collect();
    assert_eq!(ids, expected, "linkIds are the engine's question ids, in asking order");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "linkIds are unique");
    for (index, (item, question)) in items.iter().zip(q.questions()).enumerate() {
        let at = format!("item `{}`", question.id());
        assert_eq!(item["text"], locale.get(keys::question(question.id().as_str())), "{at}");
        assert_eq!(item["type"], "choice", "{at}");
        assert_eq!(item["required"], true, "{at}");
        assert_eq!(item["repeats"].as_bool().unwrap_or(false), question.kind().is_multiple(), "{at}");
        let options = item["answerOption"].as_array().expect("answerOption");
        let codes: Vec<&str> = options.iter().map(|o| o["valueCoding"]["code"].as_str().expect("code")).collect();
        let wanted: Vec<&str> = question.options().iter().map(|o| o.as_str()).collect();
        assert_eq!(codes, wanted, "{at}: answerOption codes are the option ids");
        for option in options {
            assert_coding(&option["valueCoding"], question, locale, &at);
        }
        let variants: Vec<&str> = extensions(item, fhir::VARIANT_EXTENSION, "valueCode");
        let listed: Vec<&str> = question.variants().listed().iter().map(|v| v.name()).collect();
        assert_eq!(variants, listed, "{at}: variant extensions");
        let Some(whens) = item.get("enableWhen") else {
            assert!(question.show_if().is_none(), "{at}: its show_if is missing");
            assert!(item.get("enableBehavior").is_none(), "{at}: enableBehavior without enableWhen");
            continue;
        };
        assert!(question.show_if().is_some(), "{at}: enableWhen without show_if");
        let whens = whens.as_array().expect("enableWhen list");
        match item.get("enableBehavior") {
            None => assert_eq!(whens.len(), 1, "{at}: enableBehavior is required with several enableWhen"),
            Some(b) => assert!(b == "all" || b == "any", "{at}: enableBehavior {b}"),
        }
        for when in whens {
            let target = when["question"].as_str().expect("enableWhen.question");
            assert!(ids[..index].contains(&target), "{at}: enableWhen refers to `{target}`, not an earlier item");
            let answer_keys: Vec<&String> =
                when.as_object().expect("object").keys().filter(|k| k.starts_with("answer")).collect();
            assert_eq!(answer_keys.len(), 1, "{at}: one answer[x] per enableWhen");
            match when["operator"].as_str().expect("operator") {
                "exists" => assert_eq!(when["answerBoolean"], true, "{at}"),
                "=" | "!=" => {
                    let referenced = q.question(target).expect("referenced question");
                    assert_coding(&when["answerCoding"], referenced, locale, &at);
                }
                other => panic!("{at}: operator `{other}` is not used by this content"),
            }
        }
    }
    resource
}

fn extensions<'v>(item: &'v Value, url: &str, value: &str) -> Vec<&'v str> {
    item.get("extension")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter(|e| e["url"] == url).filter_map(|e| e[value].as_str()).collect())
        .unwrap_or_default()
}

/// The linkIds an R4 form filler would enable, in order, for these answers: an item is enabled
/// when its `enableWhen` holds on the answers of enabled items (answers of disabled items do not
/// count); variant-only items are skipped for other variants.
fn fhir_enabled(questionnaire: &Value, answers: &Answers, variant: Variant) -> Vec<String> {
    let mut counted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut enabled = Vec::new();
    for item in questionnaire["item"].as_array().expect("item") {
        let id = item["linkId"].as_str().expect("linkId");
        let variants = extensions(item, fhir::VARIANT_EXTENSION, "valueCode");
        if !variants.is_empty() && !variants.contains(&variant.name()) {
            continue;
        }
        let on = match item.get("enableWhen").and_then(Value::as_array) {
            None => true,
            Some(whens) => {
                let results = whens.iter().map(|when| {
                    let given = counted.get(when["question"].as_str().expect("question"));
                    let code = &when["answerCoding"]["code"];
                    let equal = given.is_some_and(|options| options.iter().any(|o| o == code));
                    match when["operator"].as_str().expect("operator") {
                        "exists" => given.is_some() == when["answerBoolean"].as_bool().expect("answerBoolean"),
                        "=" => equal,
                        "!=" => !equal,
                        other => panic!("operator {other}"),
                    }
                });
                if item["enableBehavior"] == "any" {
                    results.into_iter().any(|r| r)
                } else {
                    results.into_iter().all(|r| r)
                }
            }
        };
        if on {
            enabled.push(id.to_string());
            if let Some(options) = answers.get(id) {
                counted.insert(id.to_string(), options.iter().map(ToString::to_string).collect());
            }
        }
    }
    enabled
}

#[test]
fn the_fhir_questionnaire_is_r4_shaped_in_every_locale() {
    assert!(fhir::inexpressible(q()).is_empty(), "every show_if of the content fits enableWhen");
    for locale in Locale::all() {
        checked_questionnaire(q(), locale);
    }
}

#[test]
fn fhir_enable_when_enables_exactly_what_the_engine_asks() {
    let questionnaire = checked_questionnaire(q(), Locale::english());
    for (name, variant, answers) in answer_sets(q()) {
        let asked: Vec<String> =
            engine::visible(q(), &answers, variant).questions.iter().map(|x| x.id().to_string()).collect();
        assert_eq!(fhir_enabled(&questionnaire, &answers, variant), asked, "{name}");
    }
}

#[test]
fn the_fhir_response_holds_the_answers_that_count_in_asking_order() {
    let questionnaire = checked_questionnaire(q(), Locale::english());
    let locales: Vec<Locale> = Locale::all().collect();
    for (n, (name, variant, answers)) in answer_sets(q()).into_iter().enumerate() {
        let locale = locales[n % locales.len()];
        let resource = parse(&fhir::questionnaire_response(q(), &answers, variant, locale, DATE));
        assert_no_empties(&resource, &name);
        assert_eq!(resource["resourceType"], "QuestionnaireResponse", "{name}");
        assert_eq!(resource["status"], "completed", "{name}");
        assert_eq!(resource["authored"], DATE, "{name}");
        assert_eq!(resource["language"], locale.code(), "{name}");
        assert_eq!(resource["questionnaire"], format!("{}|{}", questionnaire["url"].as_str().unwrap(), q().version()));
        assert_version_tag(&resource, q());
        let shown = engine::visible(q(), &answers, variant);
        let expected: Vec<&str> =
            shown.questions.iter().map(|x| x.id().as_str()).filter(|id| shown.answers.is_answered(id)).collect();
        let items = resource.get("item").and_then(Value::as_array).cloned().unwrap_or_default();
        let ids: Vec<&str> = items.iter().map(|i| i["linkId"].as_str().expect("linkId")).collect();
        assert_eq!(ids, expected, "{name}: answered asked questions, in asking order");
        for item in &items {
            let question = q().question(item["linkId"].as_str().unwrap()).expect("a question of the engine");
            let at = format!("{name}: `{}`", question.id());
            assert_eq!(item["text"], locale.get(keys::question(question.id().as_str())), "{at}");
            let given = item["answer"].as_array().expect("answer");
            if !question.kind().is_multiple() {
                assert_eq!(given.len(), 1, "{at}: one answer to a single-choice question");
            }
            let codes: Vec<&str> = given.iter().map(|a| a["valueCoding"]["code"].as_str().expect("code")).collect();
            let counted: Vec<&str> =
                shown.answers.get(question.id().as_str()).unwrap().iter().map(|o| o.as_str()).collect();
            assert_eq!(codes, counted, "{at}");
            for answer in given {
                assert_eq!(answer.as_object().unwrap().len(), 1, "{at}: answers are valueCoding only");
                assert_coding(&answer["valueCoding"], question, locale, &at);
            }
        }
    }
}

#[test]
fn hidden_answers_are_left_out_of_every_export() {
    let q = q();
    let pregnant = q.question("pregnant").expect("pregnant");
    let breastfeeding = q.question("breastfeeding").expect("breastfeeding");
    assert!(breastfeeding.show_if().is_some(), "breastfeeding is a follow-up");
    let mut answers = full_answers(q, Variant::Standard, first_answer);
    answers.set(pregnant, &["yes"]).unwrap();
    answers.set(breastfeeding, &["no"]).unwrap();
    assert!(!engine::visible(q, &answers, Variant::Standard).contains("breastfeeding"));
    let en = Locale::english();
    let response = parse(&fhir::questionnaire_response(q, &answers, Variant::Standard, en, DATE));
    let ids: Vec<&str> = response["item"].as_array().unwrap().iter().map(|i| i["linkId"].as_str().unwrap()).collect();
    assert!(ids.contains(&"pregnant") && !ids.contains(&"breastfeeding"), "{ids:?}");
    let text = en.get(keys::question("breastfeeding"));
    let plain = export::plain_text(q, &answers, Variant::Standard, en, None, DATE);
    assert!(plain.contains(&en.get(keys::question("pregnant"))) && !plain.contains(&text), "{plain}");
    let html = export::html_document(q, &answers, Variant::Standard, en, None, DATE);
    assert!(!html.contains(&export::escape_html(&text)));
}

/// Every text a copy of the result must hold, for these answers.
fn required_texts(q: &Questionnaire, answers: &Answers, variant: Variant, locale: Locale) -> Vec<String> {
    let summary = engine::evaluate(q, answers, variant);
    let mut texts = vec![
        locale.get(keys::level_title(summary.level.name())),
        locale.get(keys::level_detail(summary.level.name())),
        locale.text("ui.summary.disclaimer").to_string(),
        fill(locale.text("ui.summary.version"), &[("version", q.version()), ("date", q.reviewed())]),
        DATE.to_string(),
    ];
    if summary.medicine {
        texts.push(locale.text("ui.summary.medicine").to_string());
    }
    for finding in &summary.findings {
        texts.push(locale.get(keys::rule_reason(finding.rule.id().as_str())));
        texts.push(locale.get(keys::rule_action(finding.rule.id().as_str())));
    }
    for concern in &summary.concerns {
        texts.push(locale.get(keys::concern_course(concern.id().as_str())));
    }
    for advice in &summary.advice {
        texts.push(locale.get(keys::advice(advice.id())));
    }
    for question in &summary.visible.questions {
        let id = question.id().as_str();
        if let Some(chosen) = summary.visible.answers.get(id) {
            texts.push(locale.get(keys::question(id)));
            texts.extend(chosen.iter().map(|o| locale.option(id, o.as_str())));
        }
    }
    texts
}

#[test]
fn the_text_and_html_copies_hold_the_whole_result_and_every_answer() {
    let locales: Vec<Locale> = Locale::all().collect();
    for (n, (name, variant, answers)) in answer_sets(q()).into_iter().enumerate().filter(|(n, _)| n % 4 == 0) {
        let locale = locales[n % locales.len()];
        let plain = export::plain_text(q(), &answers, variant, locale, Some("Clinic"), DATE);
        let html = export::html_document(q(), &answers, variant, locale, Some("Clinic"), DATE);
        for text in required_texts(q(), &answers, variant, locale) {
            assert!(plain.contains(&text), "{name} ({}): plain text lacks {text:?}", locale.code());
            assert!(html.contains(&export::escape_html(&text)), "{name} ({}): HTML lacks {text:?}", locale.code());
        }
        assert_html_shape(&html, locale, &name);
    }
}

fn assert_html_shape(html: &str, locale: Locale, name: &str) {
    let head = format!(
        "<!doctype html>\n<html lang=\"{}\" dir=\"{}\">",
        locale.code(),
        if locale.is_rtl() { "rtl" } else { "ltr" }
    );
    assert!(html.starts_with(&head), "{name}: {}", &html[..80]);
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("<style>"), "{name}");
    assert!(html.contains(&format!("content=\"microneedling-check {}\"", q().version())), "{name}: generator");
    assert!(
        html.contains(&format!(
            "<meta name=\"microneedling-check-widget-version\" content=\"{}\">",
            env!("CARGO_PKG_VERSION")
        )),
        "{name}: the widget's version"
    );
    let lower = html.to_lowercase();
    for banned in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "url(", "@import"] {
        assert!(!lower.contains(banned), "{name}: the HTML copy holds `{banned}`");
    }
    // Only these attributes, so no event handler, `src` or `href` can slip in.
    for tag in html.split('<').skip(1).filter_map(|rest| rest.split('>').next()) {
        let bare: Vec<&str> = tag.split('"').step_by(2).collect();
        for attribute in bare.join("").split_whitespace().filter_map(|word| word.split_once('=').map(|(a, _)| a)) {
            assert!(["lang", "dir", "charset", "name", "content", "class"].contains(&attribute), "{name}: <{tag}>");
        }
    }
    for tag in ["html", "head", "body", "main", "title", "style", "h1", "h2", "h3", "p", "ul", "li", "strong"] {
        let opened = html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(opened, html.matches(&format!("</{tag}>")).count(), "{name}: <{tag}> is not balanced");
    }
    assert!(html.trim_end().ends_with("</html>"), "{name}");
}

#[test]
fn copies_escape_hostile_text() {
    assert_eq!(
        export::escape_html("<script>alert(\"x\") & 'y'</script>"),
        "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
    );
    assert_eq!(export::escape_html("plain é 漢字"), "plain é 漢字");
    let answers = full_answers(q(), Variant::Standard, first_answer);
    let en = Locale::english();
    let html = export::html_document(q(), &answers, Variant::Standard, en, Some(HOSTILE), DATE);
    assert!(!html.contains("<script") && !html.contains("alert(\"x\")"), "hostile name left raw");
    assert!(html.contains(&export::escape_html(HOSTILE)));
    assert_html_shape(&html, en, "hostile");
    let plain = export::plain_text(q(), &answers, Variant::Standard, en, Some(HOSTILE), DATE);
    assert!(plain.contains(HOSTILE), "plain text keeps the name as given");
    let hostile_date = export::html_document(q(), &answers, Variant::Standard, en, None, "<b>&");
    assert!(hostile_date.contains("&lt;b&gt;&amp;") && !hostile_date.contains("<b>"));
}

#[test]
fn json_strings_survive_every_awkward_character() {
    for text in [
        "",
        "plain",
        "\"quoted\" \\ back\\slash",
        "line\nbreak\r\ttab",
        "\u{0}\u{1}\u{1f}\u{7f}",
        "é 漢字 🙂 \u{2028}",
        HOSTILE,
    ] {
        let json = fhir::json_string(text);
        assert_eq!(serde_json::from_str::<String>(&json).unwrap_or_else(|e| panic!("{json}: {e}")), text);
    }
    let answers = full_answers(q(), Variant::Standard, first_answer);
    let resource = parse(&fhir::questionnaire_response(q(), &answers, Variant::Standard, Locale::english(), HOSTILE));
    assert_eq!(resource["authored"], HOSTILE);
}

#[test]
fn the_copies_start_with_the_title_and_date_and_end_with_the_answers() {
    let en = Locale::english();
    let answers = full_answers(q(), Variant::Standard, first_answer);
    let plain = export::plain_text(q(), &answers, Variant::Standard, en, None, DATE);
    let first = plain.lines().next().unwrap_or_default();
    assert_eq!(first, format!("# {}", en.text("ui.start.title")));
    let level = engine::evaluate(q(), &answers, Variant::Standard).level;
    let next = match level {
        Level::NotAdvisableNow => "ui.next.stop",
        Level::ProfessionalCheckFirst => "ui.next.check",
        _ => "ui.summary.next",
    };
    assert!(plain.contains(&fill(en.text(next), &[("clinic", en.text("ui.clinic.default_name"))])), "{plain}");
    let result = plain.find(&en.get(keys::level_title(level.name())));
    let last_question = q().questions().iter().rev().find(|x| answers.is_answered(x.id().as_str())).unwrap();
    let last = plain.rfind(&en.get(keys::question(last_question.id().as_str())));
    assert!(result < last, "the result comes before the answers");
    assert!(plain.rfind(en.text("ui.summary.disclaimer")) < last, "the answers come last");
}

/// A questionnaire with every shape of `show_if`, two of which FHIR's flat list cannot say.
fn shapes() -> Questionnaire {
    let minimal = support::read("tests/fixtures/minimal.toml");
    let extra = r#"
[[question]]
id = "both"
section = "about_you"
kind = "single"
options = ["yes", "no"]
show_if = { all = [{ q = "pregnant", is = "no" }, { q = "breastfeeding", answered = true }, { q = "concerns", is = "acne_scars" }] }

[[question]]
id = "either"
section = "about_you"
kind = "single"
options = ["yes", "no"]
show_if = { any = [{ q = "pregnant", is = ["yes", "not_sure"] }, { q = "concerns", answered = true }] }

[[question]]
id = "nested"
section = "about_you"
kind = "single"
options = ["yes", "no"]
show_if = { all = [{ q = "pregnant", is = ["no", "not_sure"] }, { q = "breastfeeding", is = "no" }] }

[[question]]
id = "not_in_any"
section = "about_you"
kind = "single"
options = ["yes", "no"]
show_if = { any = [{ q = "pregnant", is_not = "yes" }, { q = "concerns", is = "none" }] }
"#;
    let at = minimal.find("[[rule]]").expect("minimal.toml has rules");
    let text = format!("{}{extra}\n{}", &minimal[..at], &minimal[at..]);
    engine::validate::questionnaire(&text).unwrap_or_else(|e| panic!("shapes fixture: {e:?}"))
}

#[test]
fn show_if_shapes_are_flattened_exactly_or_reported() {
    let q = shapes();
    let hard: Vec<&str> = fhir::inexpressible(&q).iter().map(|x| x.id().as_str()).collect();
    assert_eq!(hard, ["nested", "not_in_any"]);
    let questionnaire = parse(&fhir::questionnaire(&q, Locale::english()));
    assert_no_empties(&questionnaire, "shapes");
    let item = |id: &str| questionnaire["item"].as_array().unwrap().iter().find(|i| i["linkId"] == id).unwrap().clone();
    assert!(item("nested").get("enableWhen").is_none() && item("not_in_any").get("enableWhen").is_none());
    assert_eq!(item("both")["enableBehavior"], "all");
    assert_eq!(item("either")["enableBehavior"], "any");
    assert_eq!(item("breastfeeding")["enableWhen"].as_array().unwrap().len(), 2, "is_not: exists and !=");
    // Every combination of answers: the expressible items are enabled exactly when the engine asks them.
    let concerns: [&[&str]; 3] = [&[], &["acne_scars"], &["none"]];
    for c in concerns {
        for p in ["", "yes", "no", "not_sure"] {
            for b in ["", "yes", "no"] {
                let mut answers = Answers::new();
                for (id, chosen) in [("concerns", c.to_vec()), ("pregnant", vec![p]), ("breastfeeding", vec![b])] {
                    if !chosen.is_empty() && chosen != [""] {
                        answers.set(q.question(id).unwrap(), &chosen).unwrap();
                    }
                }
                let asked: Vec<String> = engine::visible(&q, &answers, Variant::Standard)
                    .questions
                    .iter()
                    .map(|x| x.id().to_string())
                    .filter(|id| !hard.contains(&id.as_str()))
                    .collect();
                let mut enabled = fhir_enabled(&questionnaire, &answers, Variant::Standard);
                enabled.retain(|id| !hard.contains(&id.as_str()));
                assert_eq!(enabled, asked, "concerns {c:?}, pregnant {p:?}, breastfeeding {b:?}");
            }
        }
    }
}

#[test]
fn the_tool_prints_the_fhir_questionnaire_in_english() {
    let output = Command::new(env!("CARGO_BIN_EXE_microneedling-check"))
        .args(["questions", "--fhir"])
        .output()
        .expect("the microneedling-check binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty());
    let out = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(out, fhir::questionnaire(q(), Locale::english()) + "\n");
    let help = Command::new(env!("CARGO_BIN_EXE_microneedling-check")).arg("help").output().expect("runs");
    assert!(String::from_utf8_lossy(&help.stdout).contains("questions [--json | --fhir]"));
}

#[test]
fn copies_are_dated_by_the_visitors_own_clock() {
    use export::LocalTime;
    // 2026-12-03T05:00:00Z: still 2 December in Pago Pago (UTC−11), already 3 December in London.
    let utc = 1_796_274_000_000;
    let pago_pago = LocalTime::at(utc, -660);
    assert_eq!(pago_pago.date(), "2026-12-02");
    assert_eq!(pago_pago.date_time(), "2026-12-02T18:00:00-11:00");
    assert_eq!(LocalTime::at(utc, 0).date_time(), "2026-12-03T05:00:00+00:00");
    assert_eq!(LocalTime::at(utc, 345).date_time(), "2026-12-03T10:45:00+05:45", "Kathmandu");
    assert_eq!(LocalTime::at(0, 0).date_time(), "1970-01-01T00:00:00+00:00");
    assert_eq!(LocalTime::at(-1, 0).date_time(), "1969-12-31T23:59:59+00:00");
    assert_eq!(LocalTime::at(951_782_400_000, 0).date(), "2000-02-29", "a leap day");
    // Every day of four years against a simple day count.
    let mut expected = (2024, 1, 1);
    for day in 0..(4 * 366) {
        let millis = (1_704_067_200 + day * 86_400) * 1000 + 43_200_000; // noon UTC
        let shown = LocalTime::at(millis, 0).date();
        assert_eq!(shown, format!("{:04}-{:02}-{:02}", expected.0, expected.1, expected.2));
        let leap = expected.0 % 4 == 0;
        let length = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][expected.1 - 1];
        expected = if expected.2 < length {
            (expected.0, expected.1, expected.2 + 1)
        } else if expected.1 < 12 {
            (expected.0, expected.1 + 1, 1)
        } else {
            (expected.0 + 1, 1, 1)
        };
    }
    // The FHIR answers carry the local time with its offset.
    let answers = full_answers(q(), Variant::Standard, first_answer);
    let stamp = pago_pago.date_time();
    let resource = parse(&fhir::questionnaire_response(q(), &answers, Variant::Standard, Locale::english(), &stamp));
    assert_eq!(resource["authored"], "2026-12-02T18:00:00-11:00");
}

#[test]
fn the_saved_copy_isolates_the_clinics_name() {
    let en = Locale::english();
    let answers = full_answers(q(), Variant::Standard, first_answer);
    // A right-to-left override in the name must not reverse the rest of the sentence.
    let name = "Clinic \u{202e}evil\u{2069} name";
    let html = export::html_document(q(), &answers, Variant::Standard, en, Some(name), DATE);
    assert!(html.contains("<bdi>Clinic \u{202e}evil name</bdi>"), "the name inside <bdi>, its stray isolate dropped");
    assert_eq!(html.matches("<bdi>").count(), html.matches("</bdi>").count());
    assert!(!html.contains('\u{2068}') && !html.contains('\u{2069}'), "no isolate marks left in the HTML");
    let plain = export::plain_text(q(), &answers, Variant::Standard, en, Some("Lumen"), DATE);
    assert!(plain.contains("Lumen") && !plain.contains('\u{2068}'), "the plain text keeps the name as given");
}
