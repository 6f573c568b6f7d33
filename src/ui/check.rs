//! Check your answers: the visible answers grouped by section, each with a Change button.

use yew::prelude::*;

use crate::engine::{self, Action};
use crate::i18n::ui;

use super::app::PageProps;
use super::question::back_link;
use super::start::contact_line;
use super::text::answer_texts;

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
                        <dd class="mc-value">{ for answers.into_iter().map(|a| html! { <span class="mc-answer">{ a }</span> }) }</dd>
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

/// The check-your-answers page.
pub fn check_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let see_result = props.dispatch.reform(|_| Action::SeeResult);
    html! {
        <div class="mc-page">
            { back_link(props) }
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ locale.ui(ui!("ui.check.title")) }</h2>
            <p>{ locale.ui(ui!("ui.check.lead")) }</p>
            { answers_by_section(props, true) }
            <button type="button" class="mc-button" data-action="see-result" onclick={see_result}>
                { locale.ui(ui!("ui.check.button")) }
            </button>
            { contact_line(props) }
        </div>
    }
}
