//! The thin Yew shell over the engine, and the entry point the JS loader calls.
//!
//! **Invariant:** no clinical rule and no wording lives here. Pages render engine values and
//! locale texts, and send [`crate::engine::Action`]s to the journey reducer. Nothing here sends,
//! stores or logs an answer: no network, storage or cookie API is even compiled in.

mod alloc;
mod app;
mod check;
mod keep;
mod question;
mod start;
mod summary;
mod text;

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRootInit, ShadowRootMode};

pub use app::{App, AppProps};

/// Replaces Rust's default allocator (dlmalloc) with a much smaller one: see [`alloc`].
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator::new();

/// The widget's stylesheet (`styles/widget.css`, minified by `build.rs`), adopted by each shadow
/// root: no `<style>` element, so a strict `style-src` policy has nothing to block.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// Renders the widget into `host`'s open shadow root, configured by `host`'s attributes.
///
/// Bad attribute values are reported with `console.warn` (naming the attribute, never an answer)
/// and replaced by safe defaults.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(host: HtmlElement) -> Result<(), JsValue> {
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    shadow.set_text_content(None);
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let container = document.create_element("div")?;
    container.set_class_name("mc-mount");
    shadow.append_child(&container)?;

    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    let (config, mut warnings) = crate::config::read(|name| host.get_attribute(name), &languages);
    let style = web_sys::window().and_then(|w| w.get_computed_style(&host).ok().flatten());
    let (theme, theme_warnings) = crate::config::check_theme(|name| {
        style.as_ref().and_then(|s| s.get_property_value(name).ok()).filter(|v| !v.trim().is_empty())
    });
    warnings.extend(theme_warnings);
    for warning in warnings {
        web_sys::console::warn_1(&warning.to_string().into());
    }
    yew::Renderer::<App>::with_root_and_props(container, AppProps { config, theme }).render();
    Ok(())
}
