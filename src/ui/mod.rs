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
use wasm_bindgen::JsCast;
use web_sys::{CssStyleRule, CssStyleSheet, HtmlElement, ShadowRoot};

pub use app::{App, AppProps};

/// Replaces Rust's default allocator (dlmalloc) with a much smaller one: see [`alloc`].
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator::new();

/// The widget's stylesheet (`styles/widget.css`, minified by `build.rs`), adopted by each shadow
/// root: no `<style>` element, so a strict `style-src` policy has nothing to block.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// An empty options dictionary for a browser API, without a prototype: a host page's polluted
/// `Object.prototype` cannot add options to it (the same reason as vendor/yew/PATCH.md).
fn dictionary<T: JsCast>() -> T {
    js_sys::Object::<JsValue>::create(JsValue::NULL.unchecked_ref()).unchecked_into()
}

/// Renders the widget into `shadow`, the shadow root the loader attached to `host`, configured by
/// `host`'s attributes and theme properties.
///
/// Bad attribute values are reported with `console.warn` (naming the attribute, never an answer)
/// and replaced by safe defaults. Theme values that passed the checks are set on `.mc` in a second
/// adopted stylesheet through the CSSOM: no `style` attribute, nothing a strict `style-src` blocks.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(host: HtmlElement, shadow: ShadowRoot) -> Result<(), JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    let (config, mut warnings) = crate::config::read(|name| host.get_attribute(name), &languages);
    let style = web_sys::window().and_then(|w| w.get_computed_style(&host).ok().flatten());
    let (theme, theme_warnings) = crate::config::check_theme(
        |name| style.as_ref().and_then(|s| s.get_property_value(name).ok()),
        |value| web_sys::css::supports_with_value("color", value).unwrap_or(false),
    );
    warnings.extend(theme_warnings);
    for warning in warnings {
        web_sys::console::warn_1(&warning.to_string().into());
    }
    let themed = CssStyleSheet::new()?;
    themed.replace_sync(".mc{}")?;
    let rule: CssStyleRule = themed.css_rules()?.item(0).ok_or("no theme rule")?.dyn_into()?;
    for (name, value) in &theme.properties {
        rule.style().set_property(name, value)?;
    }
    shadow.set_adopted_style_sheets(&js_sys::Array::of2(&sheet, &themed));
    shadow.set_text_content(None);
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let container = document.create_element("div")?;
    container.set_class_name("mc-mount");
    shadow.append_child(&container)?;
    yew::Renderer::<App>::with_root_and_props(container, AppProps { config }).render();
    Ok(())
}
