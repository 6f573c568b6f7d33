//! FHIR R4 JSON: the whole questionnaire as a `Questionnaire`, and a visitor's answers as a
//! `QuestionnaireResponse`, so a clinic's record system can take them in.
//!
//! Written by hand with a tiny escaping writer, so the widget ships no JSON library.
//!
//! Choices:
//! - Items are **flat** (no section groups): `linkId` is the engine's question id, in asking order,
//!   in both resources.
//! - Every question is `type` `choice` (R4's coded-answer type; R5 calls it `coding`), `required`,
//!   `repeats` when multiple choice; options are `valueCoding`s in [`OPTION_SYSTEM`] whose `code` is
//!   the option id. "None of these" carries the core `questionnaire-optionExclusive` extension.
//! - `show_if` becomes `enableWhen`: `is` gives one `=` entry per option (`enableBehavior` `any`),
//!   `is_not` gives `exists` plus `!=` (`all`: FHIR's `!=` also holds when unanswered, the engine's
//!   does not), `answered` gives `exists`; `all`/`any` are concatenated when every part fits the
//!   same behaviour. Anything else cannot be written as one flat list: [`inexpressible`] names
//!   those questions, and they are exported without `enableWhen` (always enabled).
//! - Questions asked only for some clinic variants are included with their `enableWhen` unchanged
//!   and one [`VARIANT_EXTENSION`] per variant (`valueCode` `standard`, `rf` or `prp`).
//! - The widget's version is a `meta.tag` in [`WIDGET_VERSION_TAG_SYSTEM`].
//! - The content version is the `Questionnaire.version` and a `meta.tag` in [`VERSION_TAG_SYSTEM`]
//!   on both resources; the response's `questionnaire` is `QUESTIONNAIRE_URL|version`.
//! - `status` is `draft`: the content is not clinically signed off.

use crate::engine::{self, Answers, Condition, Question, QuestionId, Questionnaire, Variant, NONE};
use crate::i18n::{ui, Locale};

/// The canonical URL of the questionnaire (a URN: the project owns no web address).
pub const QUESTIONNAIRE_URL: &str = "urn:microneedling-check:questionnaire";
/// The code system of the answer options: codes are the content's option ids.
pub const OPTION_SYSTEM: &str = "urn:microneedling-check:option";
/// The `meta.tag` system whose code is the content version.
pub const VERSION_TAG_SYSTEM: &str = "urn:microneedling-check:content-version";
/// The `meta.tag` system whose code is the widget's version (`Cargo.toml`'s, the release's).
pub const WIDGET_VERSION_TAG_SYSTEM: &str = "urn:microneedling-check:widget-version";
/// The extension naming a clinic variant a question is asked for.
pub const VARIANT_EXTENSION: &str = "urn:microneedling-check:variant";
const EXCLUSIVE: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";

/// A JSON string literal, quoted and escaped.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends `"name":"value",` (the value escaped).
fn field(out: &mut String, name: &str, value: &str) {
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
    out.push_str(&json_string(value));
    out.push(',');
}

/// Replaces a trailing comma with `close` (or appends it).
fn close(out: &mut String, close: char) {
    if out.ends_with(',') {
        out.pop();
    }
    out.push(close);
}

fn coding(out: &mut String, question: &str, option: &str, locale: Locale) {
    out.push_str("{\"valueCoding\":{");
    field(out, "system", OPTION_SYSTEM);
    field(out, "code", option);
    field(out, "display", &locale.option(question, option));
    close(out, '}');
}

fn head(out: &mut String, resource: &str, q: &Questionnaire, locale: Locale) {
    out.push('{');
    field(out, "resourceType", resource);
    out.push_str("\"meta\":{\"tag\":[{");
    field(out, "system", VERSION_TAG_SYSTEM);
    field(out, "code", q.version());
    close(out, '}');
    out.push_str(",{");
    field(out, "system", WIDGET_VERSION_TAG_SYSTEM);
    field(out, "code", env!("CARGO_PKG_VERSION"));
    close(out, '}');
    out.push_str("]},");
    field(out, "language", locale.code());
}

/// A `QuestionnaireResponse` (`status` `completed`, `authored` = `date`, a FHIR `dateTime` such as
/// [`crate::export::LocalTime::date_time`] writes) with the answers to the questions that are
/// asked, in asking order, texts in the visitor's locale.
pub fn questionnaire_response(
    q: &Questionnaire,
    answers: &Answers,
    variant: Variant,
    locale: Locale,
    date: &str,
) -> String {
    let mut out = String::new();
    head(&mut out, "QuestionnaireResponse", q, locale);
    field(&mut out, "questionnaire", &format!("{QUESTIONNAIRE_URL}|{}", q.version()));
    field(&mut out, "status", "completed");
    field(&mut out, "authored", date);
    let shown = engine::visible(q, answers, variant);
    let mut items = String::new();
    for question in &shown.questions {
        let id = question.id().as_str();
        let Some(chosen) = shown.answers.get(id) else { continue };
        items.push('{');
        field(&mut items, "linkId", id);
        text(&mut items, id, locale);
        items.push_str("\"answer\":[");
        for option in chosen {
            coding(&mut items, id, option.as_str(), locale);
            items.push_str("},");
        }
        close(&mut items, ']');
        items.push_str("},");
    }
    if !items.is_empty() {
        out.push_str("\"item\":[");
        out.push_str(&items);
        close(&mut out, ']');
    }
    close(&mut out, '}');
    out
}

/// One `enableWhen` entry: `=`/`!=` an option, or `exists` (`answerBoolean` true) when `option` is `None`.
struct When<'a> {
    question: &'a QuestionId,
    operator: &'static str,
    option: Option<&'a str>,
}

/// A condition as one flat list of `enableWhen` entries and its `enableBehavior`, if FHIR can say it.
fn flatten(condition: &Condition) -> Option<(Vec<When<'_>>, &'static str)> {
    let when = |question, operator, option| When { question, operator, option };
    match condition {
        Condition::Answered(q) => Some((vec![when(q, "exists", None)], "all")),
        Condition::Is(q, options) => Some((options.iter().map(|o| when(q, "=", Some(o.as_str()))).collect(), "any")),
        Condition::IsNot(q, o) => Some((vec![when(q, "exists", None), when(q, "!=", Some(o.as_str()))], "all")),
        Condition::All(items) | Condition::Any(items) => {
            let behaviour = if matches!(condition, Condition::All(_)) { "all" } else { "any" };
            let mut whens = Vec::new();
            for item in items.iter() {
                let (parts, inner) = flatten(item)?;
                if parts.len() > 1 && inner != behaviour {
                    return None;
                }
                whens.extend(parts);
            }
            Some((whens, behaviour))
        }
        Condition::AnyAnswer(_) => None,
    }
}

/// The questions whose `show_if` cannot be written as FHIR R4's flat `enableWhen` list (none in
/// the shipped content; a test keeps it so). [`questionnaire`] leaves their `enableWhen` out.
pub fn inexpressible(q: &Questionnaire) -> Vec<&Question> {
    q.questions().iter().filter(|x| x.show_if().is_some_and(|c| flatten(c).is_none())).collect()
}

/// An item's `text`: its question's heading. Only the compiled-in questions have one (a
/// questionnaire validated from another file, natively, has its own ids); FHIR allows none, but
/// no empty string.
fn text(out: &mut String, question: &str, locale: Locale) {
    let heading = locale.question(question);
    if !heading.is_empty() {
        field(out, "text", heading);
    }
}

fn item(out: &mut String, question: &Question, locale: Locale) {
    let id = question.id().as_str();
    out.push('{');
    field(out, "linkId", id);
    text(out, id, locale);
    field(out, "type", "choice");
    out.push_str("\"required\":true,");
    if question.kind().is_multiple() {
        out.push_str("\"repeats\":true,");
    }
    if !question.variants().listed().is_empty() {
        out.push_str("\"extension\":[");
        for variant in question.variants().listed() {
            out.push('{');
            field(out, "url", VARIANT_EXTENSION);
            field(out, "valueCode", variant.name());
            close(out, '}');
            out.push(',');
        }
        close(out, ']');
        out.push(',');
    }
    if let Some((whens, behaviour)) = question.show_if().and_then(flatten) {
        out.push_str("\"enableWhen\":[");
        for when in &whens {
            out.push('{');
            field(out, "question", when.question.as_str());
            field(out, "operator", when.operator);
            match when.option {
                Some(option) => {
                    out.push_str("\"answerCoding\":{");
                    field(out, "system", OPTION_SYSTEM);
                    field(out, "code", option);
                    field(out, "display", &locale.option(when.question.as_str(), option));
                    close(out, '}');
                }
                None => out.push_str("\"answerBoolean\":true"),
            }
            out.push_str("},");
        }
        close(out, ']');
        out.push(',');
        if whens.len() > 1 {
            field(out, "enableBehavior", behaviour);
        }
    }
    out.push_str("\"answerOption\":[");
    for option in question.options() {
        coding(out, id, option.as_str(), locale);
        if question.kind().is_multiple() && option.as_str() == NONE {
            out.push_str(",\"extension\":[{");
            field(out, "url", EXCLUSIVE);
            out.push_str("\"valueBoolean\":true}]");
        }
        out.push_str("},");
    }
    close(out, ']');
    out.push('}');
}

/// The whole questionnaire as a FHIR R4 `Questionnaire` (`status` `draft`, `version` = content
/// version, `date` = review date), every question including the variant-only ones, texts in `locale`.
pub fn questionnaire(q: &Questionnaire, locale: Locale) -> String {
    let mut out = String::new();
    head(&mut out, "Questionnaire", q, locale);
    field(&mut out, "url", QUESTIONNAIRE_URL);
    field(&mut out, "version", q.version());
    field(&mut out, "name", "MicroneedlingSelfCheck");
    field(&mut out, "title", locale.ui(ui!("ui.start.title")));
    field(&mut out, "status", "draft");
    field(&mut out, "date", q.reviewed());
    out.push_str("\"item\":[");
    for question in q.questions() {
        item(&mut out, question, locale);
        out.push(',');
    }
    close(&mut out, ']');
    out.push('}');
    out
}
