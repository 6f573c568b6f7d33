//! The start page: what the check is and is not, privacy, who it is for, the clinic's contact.

use yew::prelude::*;

use crate::engine::{self, Action};
use crate::i18n::{ui, Ui};

use super::app::PageProps;
use super::text::{clinic_name, with_clinic};

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

/// The first page.
pub fn start_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let q = engine::questionnaire();
    let total = engine::visible(q, props.journey.answers(), props.journey.variant()).questions.len();
    let all = q.questions().iter().filter(|x| x.variants().includes(props.journey.variant())).count();
    let (low, high) = (total.to_string(), all.to_string());
    let start = props.dispatch.reform(|_| Action::Start);
    let t = |key: Ui| locale.ui(key).to_string();
    html! {
        <div class="mc-page">
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ t(ui!("ui.start.title")) }</h2>
            <p class="mc-lead">{ t(ui!("ui.start.lead")) }</p>
            <ul class="mc-list">
                <li>{ t(ui!("ui.start.not_diagnosis")) }</li>
                <li>{ locale.format(ui!("ui.start.questions"), &[("low", &low), ("high", &high)]) }</li>
                <li>{ t(ui!("ui.start.adults")) }</li>
            </ul>
            <div class="mc-inset">
                <h3 class="mc-subtitle">{ t(ui!("ui.start.privacy_title")) }</h3>
                <p>{ t(ui!("ui.start.privacy")) }</p>
            </div>
            <button type="button" class="mc-button mc-button-start" data-action="start" onclick={start}>
                { t(ui!("ui.start.button")) }
            </button>
            { contact_line(props) }
        </div>
    }
}
