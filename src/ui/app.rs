//! The root component: the journey reducer, focus management and the live region.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::engine::{self, Action, Journey, Step};

use super::pages::{check_page, question_page, start_page, summary_page};
use super::parts::{progress, PageProps};

/// The widget's properties: the clinic's validated configuration.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Read from the element's attributes.
    pub config: Config,
}

/// The reducer state: the pure journey plus a counter of page moves, which drives focus.
#[derive(Clone, PartialEq)]
pub struct State {
    /// The engine's journey.
    pub journey: Journey,
    /// Increases on every action except choosing an option, so focus moves only on a new page
    /// (or a new error), never while the visitor is choosing.
    pub moves: u32,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let journey = self.journey.apply(engine::questionnaire(), &action);
        // A variant change moves focus only if it moved the visitor to another page.
        let stays = match action {
            Action::Choose(_) => true,
            Action::SwitchVariant(_) => journey.step() == self.journey.step(),
            _ => false,
        };
        let moves = if stays { self.moves } else { self.moves.wrapping_add(1) };
        if journey == self.journey && moves == self.moves {
            return self;
        }
        Rc::new(State { journey, moves })
    }
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let variant = props.config.variant;
    let state = use_reducer(move || State { journey: Journey::new(variant), moves: 0 });
    let heading = use_node_ref();
    let error_summary = use_node_ref();
    let first_input = use_node_ref();
    let root = use_node_ref();
    let dispatcher = state.dispatcher();
    let dispatch = Callback::from(move |action: Action| dispatcher.dispatch(action));

    // The clinic's `variant` attribute changed while the widget runs: keep what still applies and
    // say in the console which questions' answers were dropped (their ids, never the answers).
    {
        let (journey, dispatch) = (state.journey.clone(), dispatch.clone());
        use_effect_with(variant, move |variant| {
            if journey.variant() != *variant {
                let (_, dropped) = journey.switch_variant(engine::questionnaire(), *variant);
                if !dropped.is_empty() {
                    let message = format!(
                        "<microneedling-check> attribute `variant`: now {}; the answers to {} no longer apply and were dropped",
                        variant.name(),
                        crate::i18n::join(&dropped, ", ")
                    );
                    web_sys::console::warn_1(&message.into());
                }
                dispatch.emit(Action::SwitchVariant(*variant));
            }
        });
    }

    {
        let (heading, error_summary, root) = (heading.clone(), error_summary.clone(), root.clone());
        let error = state.journey.has_error();
        use_effect_with(state.moves, move |moves| {
            // The first render must not steal focus from the host page.
            if *moves > 0 {
                let target = if error { &error_summary } else { &heading };
                if let Some(element) = target.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
                // After a long page, focusing the new heading leaves it at the screen's top edge,
                // with Back, the progress and the section name above it: bring the widget's top
                // into view. Only when it is above the screen, so a host page (someone else's) is
                // scrolled no more than that; focus stays on the heading.
                if let Some(root) = root.cast::<web_sys::Element>() {
                    if root.get_bounding_client_rect().top() < 0.0 {
                        root.scroll_into_view_with_bool(true);
                    }
                }
            }
        });
    }

    let locale = props.config.locale;
    let journey = &state.journey;
    // The live region adds what the focused heading does not say, and never repeats it: on a
    // question page the progress; elsewhere the heading says it all.
    let (step_name, announcement) = match journey.step() {
        Step::Start => ("start", None),
        Step::Question(_) => ("question", progress(locale, journey)),
        Step::Check => ("check", None),
        Step::Summary => ("summary", None),
    };
    let page = PageProps {
        journey: state.journey.clone(),
        dispatch,
        config: props.config.clone(),
        heading,
        error_summary,
        first_input,
    };
    let body = match journey.step() {
        Step::Start => start_page(&page),
        Step::Question(_) => question_page(&page),
        Step::Check => check_page(&page),
        Step::Summary => summary_page(&page),
    };
    let announcement = announcement.filter(|_| state.moves > 0);
    html! {
        <div class="mc" lang={locale.code()} dir={if locale.is_rtl() { "rtl" } else { "ltr" }} data-step={step_name} ref={root}>
            <p class="mc-visually-hidden" role="status" aria-live="polite">{ announcement }</p>
            { body }
        </div>
    }
}
