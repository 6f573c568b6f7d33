//! Text keys, derived from ids so the content file never names a key and no key is hand-written twice.
//!
//! Locale files map these keys to wording. An option's text is looked up under its question first
//! (`option.<question>.<option>`) and then generically (`option.<option>`), so "Yes" is written once.
//! Validation gives each key's text a place ([`super::model::Text`]) and the widget finds its texts
//! by place: these functions run in the build, the reviewer's tool and the tests, not the widget.

/// The prefix of the shell's own texts (`ui.back`), which no id derives: the widget names them with
/// `i18n::ui!`, and `build.rs` stores them after the content's texts.
pub const SHELL: &str = "ui.";

/// The prefix of the texts only the loader shows (its message when the widget cannot start), which
/// `scripts/fallback_texts.py` copies into it: no Rust code reads them, so `build.rs` leaves them
/// out of the compiled tables (0.2 kB in the shipped widget for the five locales).
pub const LOADER_ONLY: &str = "ui.fallback.";

/// The caption of a section.
pub fn section(id: &str) -> String {
    format!("section.{id}")
}

/// A question's heading.
pub fn question(id: &str) -> String {
    format!("question.{id}")
}

/// A question's optional one-line hint.
pub fn hint(id: &str) -> String {
    format!("question.{id}.hint")
}

/// The error shown when a question is left unanswered ("Select if you are pregnant").
pub fn error(id: &str) -> String {
    format!("question.{id}.error")
}

/// An option's text under its own question.
pub fn option_specific(question: &str, option: &str) -> String {
    format!("option.{question}.{option}")
}

/// An option's text shared by every question that offers it.
pub fn option_generic(option: &str) -> String {
    format!("option.{option}")
}

/// Why a rule matters, in plain words.
pub fn rule_reason(id: &str) -> String {
    format!("rule.{id}.reason")
}

/// What a professional would typically do about it.
pub fn rule_action(id: &str) -> String {
    format!("rule.{id}.action")
}

/// A level's headline on the summary.
pub fn level_title(name: &str) -> String {
    format!("level.{name}.title")
}

/// A level's explanation on the summary.
pub fn level_detail(name: &str) -> String {
    format!("level.{name}.detail")
}

/// The typical course for a concern.
pub fn concern_course(id: &str) -> String {
    format!("concern.{id}.course")
}

/// The regulatory caveat for a concern.
pub fn concern_caveat(id: &str) -> String {
    format!("concern.{id}.caveat")
}

/// An evidence grade's wording.
pub fn evidence(name: &str) -> String {
    format!("evidence.{name}")
}

/// One advice point.
pub fn advice(id: &str) -> String {
    format!("advice.{id}")
}

/// The heading of an advice group.
pub fn advice_group(name: &str) -> String {
    format!("ui.advice.{name}")
}
