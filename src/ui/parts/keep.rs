//! "Keep your result": save a copy, download the answers as FHIR, copy the summary, print.
//!
//! Everything happens in the browser: files are made with a `Blob` and an object URL that never
//! leaves the page, and the copy goes to the clipboard. Nothing is sent or stored.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use crate::config::Config;
use crate::engine::Journey;
use crate::export;
use crate::i18n::{ui, Ui};

/// Now, on the visitor's own clock (the engine has no clock): the copies carry the local date,
/// and the FHIR answers the local time with its offset, never the UTC date.
pub fn now() -> export::LocalTime {
    let date = js_sys::Date::new_0();
    export::LocalTime::at(date.get_time() as i64, -(date.get_timezone_offset() as i32))
}

/// Offers `contents` as a file download, through an anchor placed next to `beside`.
fn download(beside: &web_sys::Element, name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let options: BlobPropertyBag = crate::ui::dictionary();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&contents.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = beside.owner_document().ok_or("no document")?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    beside.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoke once the browser has started the download.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000)?;
    }
    Ok(())
}

/// The buttons' properties.
#[derive(Properties, PartialEq, Clone)]
pub struct KeepProps {
    /// The journey, for the answers and the variant.
    pub journey: Journey,
    /// The clinic's configuration (name, locale).
    pub config: Config,
}

/// Save, download, copy and print.
#[component]
pub fn KeepResult(props: &KeepProps) -> Html {
    let locale = props.config.locale;
    let status = use_state(|| None::<Ui>);
    let group = use_node_ref();

    let file = {
        let (props, group) = (props.clone(), group.clone());
        move |kind: &'static str| {
            let (props, group) = (props.clone(), group.clone());
            Callback::from(move |_: MouseEvent| {
                let q = crate::engine::questionnaire();
                let (answers, variant) = (props.journey.answers(), props.journey.variant());
                let (locale, clinic, now) = (props.config.locale, props.config.clinic_name.as_deref(), now());
                let date = now.date();
                let (name, mime, contents) = if kind == "fhir" {
                    let json = export::fhir::questionnaire_response(q, answers, variant, locale, &now.date_time());
                    (format!("microneedling-check-answers-{date}.json"), "application/fhir+json", json)
                } else {
                    let html = export::html_document(q, answers, variant, locale, clinic, &date);
                    (format!("microneedling-check-{date}.html"), "text/html;charset=utf-8", html)
                };
                if let Some(beside) = group.cast::<web_sys::Element>() {
                    if download(&beside, &name, mime, &contents).is_err() {
                        web_sys::console::warn_1(&"<microneedling-check> the browser refused the download".into());
                    }
                }
            })
        }
    };

    let copy = {
        let (props, status) = (props.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let q = crate::engine::questionnaire();
            let text = export::plain_text(
                q,
                props.journey.answers(),
                props.journey.variant(),
                props.config.locale,
                props.config.clinic_name.as_deref(),
                &now().date(),
            );
            let Some(window) = web_sys::window() else { return };
            let (done, failed) = (status.clone(), status.clone());
            let on_done = Closure::<dyn FnMut(JsValue)>::new(move |_| done.set(Some(ui!("ui.keep.copied"))));
            let on_fail = Closure::<dyn FnMut(JsValue)>::new(move |_| failed.set(Some(ui!("ui.keep.copy_failed"))));
            let _ = window.navigator().clipboard().write_text(&text).then2(&on_done, &on_fail);
            // The promise settles later; the two small callbacks live until the page goes.
            on_done.forget();
            on_fail.forget();
        })
    };

    let print = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    html! {
        <section class="mc-keep">
            <h3 class="mc-subtitle">{ locale.ui(ui!("ui.keep.title")) }</h3>
            <p>{ locale.ui(ui!("ui.keep.lead")) }</p>
            <div class="mc-button-group" ref={group}>
                <button type="button" class="mc-button mc-button-secondary" data-action="print" onclick={print}>{ locale.ui(ui!("ui.summary.print")) }</button>
                <button type="button" class="mc-button mc-button-secondary" data-action="save" onclick={file("html")}>{ locale.ui(ui!("ui.keep.save")) }</button>
                <button type="button" class="mc-button mc-button-secondary" data-action="copy" onclick={copy}>{ locale.ui(ui!("ui.keep.copy")) }</button>
                <button type="button" class="mc-button mc-button-secondary" data-action="download-fhir" aria-describedby="mc-fhir-hint" onclick={file("fhir")}>{ locale.ui(ui!("ui.keep.fhir")) }</button>
            </div>
            <p class="mc-hint" id="mc-fhir-hint">{ locale.ui(ui!("ui.keep.fhir_hint")) }</p>
            <p class="mc-keep-status" role="status">{ status.map(|key| locale.ui(key)) }</p>
        </section>
    }
}
