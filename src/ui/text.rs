//! Small helpers that turn engine values into locale text, shared by the pages.

use yew::{html, Html};

use crate::engine::Question;
use crate::i18n::{ui, Locale, Ui};

/// The texts of a question's chosen options, in option order.
pub fn answer_texts(locale: Locale, question: &Question, chosen: &[crate::engine::OptionId]) -> Vec<String> {
    chosen.iter().map(|o| locale.option(question.id().as_str(), o.as_str())).collect()
}

/// The clinic's name, or the locale's words for "the clinic".
pub fn clinic_name(locale: Locale, name: Option<&str>) -> String {
    name.map(str::to_string).unwrap_or_else(|| locale.ui(ui!("ui.clinic.default_name")).to_string())
}

/// A text with its `{clinic}` placeholder filled by the clinic's name inside `<bdi>`, so a
/// left-to-right name sits correctly in a right-to-left sentence (and the other way round).
pub fn with_clinic(locale: Locale, key: Ui, clinic: &str) -> Html {
    let template = locale.ui(key);
    let (before, after) = crate::i18n::around(template, "clinic").unwrap_or((template, ""));
    html! { <>{ before.to_string() }<bdi>{ clinic.to_string() }</bdi>{ after.to_string() }</> }
}
