//! The start page: what the check is and is not, privacy, who it is for, the clinic's contact.

use yew::prelude::*;

use crate::engine::{self, Action};
use crate::i18n::ui;
use crate::ui::parts::{contact_line, PageProps};

/// The first page.
pub fn start_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let q = engine::questionnaire();
    let total = engine::visible(q, props.journey.answers(), props.journey.variant()).questions.len();
    let all = q.questions().iter().filter(|x| x.variants().includes(props.journey.variant())).count();
    let (low, high) = (total.to_string(), all.to_string());
    let start = props.dispatch.reform(|_| Action::Start);
    html! {
        <div class="mc-page">
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ locale.ui(ui!("ui.start.title")) }</h2>
            <p class="mc-lead">{ locale.ui(ui!("ui.start.lead")) }</p>
            <ul class="mc-list">
                <li>{ locale.ui(ui!("ui.start.not_diagnosis")) }</li>
                <li>{ locale.format(ui!("ui.start.questions"), &[("low", &low), ("high", &high)]) }</li>
                <li>{ locale.ui(ui!("ui.start.adults")) }</li>
                <li>{ locale.ui(ui!("ui.start.back")) }</li>
            </ul>
            <div class="mc-inset">
                <h3 class="mc-subtitle">{ locale.ui(ui!("ui.start.privacy_title")) }</h3>
                <p>{ locale.ui(ui!("ui.start.privacy")) }</p>
            </div>
            <button type="button" class="mc-button mc-button-start" data-action="start" onclick={start}>
                { locale.ui(ui!("ui.start.button")) }
            </button>
            { contact_line(props) }
        </div>
    }
}
