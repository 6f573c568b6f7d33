//! What the pages share: their properties, the parts every page shows (back link, contact line),
//! the answers by section, the progress line, and small helpers that turn engine values into
//! locale text. Pages import this module and the engine only, never each other.

mod keep;

use yew::prelude::*;

use crate::config::Config;
use crate::engine::{self, Action, Journey, OptionId, Question, SourceId};
use crate::i18n::{ui, Locale, Ui};

pub use keep::{now, KeepResult};

/// What every page gets from the root. The pages are plain functions of these, not components:
/// they keep no state of their own (the root holds it), and each component type would cost Yew's
/// lifecycle code again (about 0.5 kB gzip each).
pub struct PageProps {
    /// The journey state.
    pub journey: Journey,
    /// Sends an action to the reducer.
    pub dispatch: Callback<Action>,
    /// The clinic's configuration.
    pub config: Config,
    /// The page heading, which receives focus when the page changes.
    pub heading: NodeRef,
    /// The error summary, which receives focus when Continue finds no answer.
    pub error_summary: NodeRef,
    /// A question's first option, which the error summary's link focuses.
    pub first_input: NodeRef,
}

/// The Back control: a button styled as a link, so the host page's URL never changes.
pub fn back_link(props: &PageProps) -> Html {
    let back = props.dispatch.reform(|_| Action::Back);
    html! {
        <button type="button" class="mc-back" data-action="back" onclick={back}>
            { props.config.locale.ui(ui!("ui.back")) }
        </button>
    }
}

/// The clinic's contact line, shown in the same place on every page (WCAG 3.2.6).
pub fn contact_line(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let name = clinic_name(locale, props.config.clinic_name.as_deref());
    let phone = props.config.phone.as_ref().map(|phone| {
        html! { <>{" "}<a class="mc-link" href={format!("tel:{}", phone.dial)} dir="ltr">{ &phone.display }</a></> }
    });
    html! {
        <p class="mc-contact">{ with_clinic(locale, ui!("ui.contact"), &name) }{ phone }</p>
    }
}

/// "Question n of m", or "Question n of up to m" while a follow-up may still come or not
/// ([`engine::Progress`]), on a question page, in the visitor's locale (the progress line and the
/// live region say the same).
pub fn progress(locale: Locale, journey: &Journey) -> Option<String> {
    let p = journey.progress(engine::questionnaire())?;
    let key = if p.certain { ui!("ui.progress") } else { ui!("ui.progress_up_to") };
    Some(locale.format(key, &[("n", &p.number.to_string()), ("m", &p.total.to_string())]))
}

/// The visible answers grouped by section, as `<dl>` lists; with `change`, each row has a Change
/// button (check your answers), without it the list is read-only (the printed summary, whose
/// section headings are styled for print).
pub fn answers_by_section(props: &PageProps, change: bool) -> Html {
    let locale = props.config.locale;
    let q = engine::questionnaire();
    let shown = engine::visible(q, props.journey.answers(), props.journey.variant());
    let sections = q.sections().iter().filter_map(|section| {
        let rows: Vec<Html> = shown
            .questions
            .iter()
            .filter(|question| question.section() == section.id())
            .map(|question| {
                let id = question.id().as_str().to_string();
                let title = locale.at(question.text());
                let answers = answer_texts(locale, question, shown.answers.get(&id).unwrap_or_default());
                let action = change.then(|| {
                    let onclick = props.dispatch.reform({
                        let id = id.clone();
                        move |_| Action::Change(id.clone())
                    });
                    html! {
                        <dd class="mc-actions">
                            <button type="button" class="mc-link-button" data-action="change" data-question={id.clone()} {onclick}>
                                { locale.ui(ui!("ui.check.change")) }
                                <span class="mc-visually-hidden">{ format!(" {title}") }</span>
                            </button>
                        </dd>
                    }
                });
                html! {
                    <div class="mc-row">
                        <dt class="mc-key">{ title }</dt>
                        <dd class="mc-value">
                            // A question shown again by a change and not answered yet (See your
                            // result will ask it): say so rather than leave the row blank.
                            if answers.is_empty() {
                                <span class="mc-unanswered">{ locale.ui(ui!("ui.check.not_answered")) }</span>
                            }
                            { for answers.into_iter().map(|a| html! { <span class="mc-answer">{ a }</span> }) }
                        </dd>
                        { action }
                    </div>
                }
            })
            .collect();
        (!rows.is_empty()).then(|| {
            let title = locale.at(section.title());
            // Literal classes: a computed `class` costs Yew's `Classes` set (about 4 kB gzip).
            let heading = if change {
                html! { <h3 class="mc-subtitle">{ title }</h3> }
            } else {
                html! { <h3 class="mc-print-section">{ title }</h3> }
            };
            html! {
                <>
                    { heading }
                    <dl class="mc-summary-list">{ for rows }</dl>
                </>
            }
        })
    });
    html! { <>{ for sections }</> }
}

/// A "Sources: R1, R2" line.
pub fn sources_line(locale: Locale, sources: &[SourceId]) -> Html {
    html! { <p class="mc-sources">{ locale.sources(sources) }</p> }
}

/// The texts of a question's chosen options, in option order.
pub fn answer_texts(locale: Locale, question: &Question, chosen: &[OptionId]) -> Vec<String> {
    chosen.iter().map(|o| locale.option(question.id().as_str(), o.as_str())).collect()
}

/// The clinic's name, or the locale's words for "the clinic".
pub fn clinic_name(locale: Locale, name: Option<&str>) -> String {
    name.map(str::to_string).unwrap_or_else(|| locale.ui(ui!("ui.clinic.default_name")).to_string())
}

/// A text with its `{clinic}` placeholder filled by the clinic's name inside `<bdi>`, so a
/// left-to-right name sits correctly in a right-to-left sentence (and the other way round); a
/// text without the placeholder as it is.
pub fn with_clinic(locale: Locale, key: Ui, clinic: &str) -> Html {
    let template = locale.ui(key);
    match crate::i18n::around(template, "clinic") {
        Some((before, after)) => {
            html! { <>{ before.to_string() }<bdi>{ clinic.to_string() }</bdi>{ after.to_string() }</> }
        }
        None => html! { { template } },
    }
}
