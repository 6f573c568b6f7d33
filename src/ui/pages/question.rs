//! One question per page: caption, heading as legend, hint, options, error, Continue and Back.

use yew::prelude::*;

use crate::engine::{self, Action, Kind, NONE};
use crate::i18n::{join, ui};

use crate::ui::parts::{back_link, contact_line, progress, PageProps};

/// A question page.
pub fn question_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let q = engine::questionnaire();
    let Some(question) = props.journey.question(q) else { return Html::default() };
    let id = question.id().as_str();
    let progress = progress(locale, &props.journey);
    let hint = Some(locale.at(question.hint())).filter(|hint| !hint.is_empty());
    let error = props.journey.has_error().then(|| locale.at(question.error()));
    let (hint_id, error_id) = (format!("mc-{id}-hint"), format!("mc-{id}-error"));
    let described: Vec<&str> = [hint.as_ref().map(|_| hint_id.as_str()), error.as_ref().map(|_| error_id.as_str())]
        .into_iter()
        .flatten()
        .collect();
    let kind = if question.kind() == Kind::Multiple { "checkbox" } else { "radio" };
    let onsubmit = props.dispatch.reform(|event: SubmitEvent| {
        event.prevent_default();
        Action::Continue
    });
    let error_summary = error.as_ref().map(|message| {
        let first_input = props.first_input.clone();
        // A button, not an in-page `#` link: nothing the widget renders can change the address.
        let jump = Callback::from(move |_: MouseEvent| {
            if let Some(input) = first_input.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        });
        html! {
            <div class="mc-error-summary" role="alert" tabindex="-1" ref={props.error_summary.clone()}>
                <h2 class="mc-error-summary-title">{ locale.ui(ui!("ui.error.title")) }</h2>
                <ul class="mc-list">
                    <li><button type="button" class="mc-link-button mc-error-link" data-action="error-link" onclick={jump}>{ *message }</button></li>
                </ul>
            </div>
        }
    });
    let chosen = props.journey.answers().get(id).unwrap_or_default();
    let options = question.options().iter().enumerate().map(|(index, option)| {
        let input_id = format!("mc-{id}-{index}");
        let value = option.as_str().to_string();
        let onchange = props.dispatch.reform({
            let value = value.clone();
            move |_: Event| Action::Choose(value.clone())
        });
        let divider = (question.kind() == Kind::Multiple && option.as_str() == NONE && index > 0)
            .then(|| html! { <p class="mc-or">{ locale.ui(ui!("ui.or")) }</p> });
        let node = if index == 0 { props.first_input.clone() } else { NodeRef::default() };
        html! {
            <>
                { divider }
                <div class="mc-option">
                    <input class="mc-input" type={kind} id={input_id.clone()} name={id.to_string()} value={value}
                        checked={chosen.contains(option)} onchange={onchange} ref={node} />
                    <label class="mc-label" for={input_id}>{ locale.option(id, option.as_str()) }</label>
                </div>
            </>
        }
    });
    let section = q.section(question.section()).map_or("", |section| locale.at(section.title()));
    html! {
        <div class="mc-page">
            { back_link(props) }
            { error_summary }
            // `method="dialog"` outside a <dialog>: submitting (Continue, or Enter on an option)
            // fires `submit` for the journey but never navigates, so no answer can reach a URL
            // even if a host script stops this handler (ARCHITECTURE.md, invariants).
            <form class="mc-form" method="dialog" novalidate=true onsubmit={onsubmit}>
                <p class="mc-progress">{ progress }</p>
                <fieldset class="mc-fieldset" data-error={error.is_some().then_some("")} data-question={id.to_string()}
                    aria-describedby={(!described.is_empty()).then(|| join(&described, " "))}>
                    <legend class="mc-legend">
                        <span class="mc-caption">{ section }</span>
                        <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ locale.at(question.text()) }</h2>
                    </legend>
                    if let Some(hint) = hint {
                        <p class="mc-hint" id={hint_id.clone()}>{ hint }</p>
                    }
                    if let Some(message) = error {
                        <p class="mc-error-message" id={error_id.clone()}>
                            <span class="mc-visually-hidden">{ locale.ui(ui!("ui.error.prefix")) }</span>{ message }
                        </p>
                    }
                    <div class="mc-options">{ for options }</div>
                </fieldset>
                <button type="submit" class="mc-button" data-action="continue">{ locale.ui(ui!("ui.continue")) }</button>
            </form>
            { contact_line(props) }
        </div>
    }
}
