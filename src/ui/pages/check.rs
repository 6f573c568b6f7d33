//! Check your answers: the visible answers grouped by section, each with a Change button.

use yew::prelude::*;

use crate::engine::Action;
use crate::i18n::ui;
use crate::ui::parts::{answers_by_section, back_link, contact_line, PageProps};

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
