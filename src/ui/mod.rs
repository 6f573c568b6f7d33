//! The thin Yew shell over the engine, and the entry point the JS loader calls.
//!
//! **Invariant:** no clinical rule and no wording lives here. Pages render engine values and
//! locale texts, and send [`crate::engine::Action`]s to the journey reducer. Nothing here sends,
//! stores or logs an answer: no network, storage or cookie API is even compiled in.

mod alloc;
mod app;
mod pages;
mod parts;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::Config;
use crate::i18n::Locale;
use crate::theme::Scheme;
use web_sys::{
    CssStyleRule, CssStyleSheet, HtmlElement, OffscreenCanvas, OffscreenCanvasRenderingContext2d, ShadowRoot,
};

pub use app::{App, AppProps};

/// Replaces Rust's default allocator (dlmalloc) with a much smaller one: see [`alloc`].
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator::new();

/// The widget's stylesheet (`styles/widget.css`, minified by `build.rs`), adopted by each shadow
/// root: no `<style>` element, so a strict `style-src` policy has nothing to block.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// An empty options dictionary for a browser API, without a prototype: a host page's polluted
/// `Object.prototype` cannot add options to it (the same reason as vendor/yew/PATCH.md).
pub(crate) fn dictionary<T: JsCast>() -> T {
    js_sys::Object::<JsValue>::create(JsValue::NULL.unchecked_ref()).unchecked_into()
}

/// One mounted widget: its element, its shadow root, its Yew app and what it last applied.
struct Instance {
    id: u32,
    host: HtmlElement,
    shadow: ShadowRoot,
    app: yew::AppHandle<App>,
    /// The rule of the second adopted sheet that holds the clinic's checked theme values.
    theme: CssStyleRule,
    /// Every warning printed for this element, so a live change prints only what is new.
    warned: Vec<String>,
    /// The last theme applied, so a re-check that changes nothing repaints nothing.
    applied: crate::theme::Theme,
    /// The locale shown: a change to one whose pack is not loaded keeps it.
    locale: Locale,
}

thread_local! {
    /// The mounted widgets. The loader keeps each one's id and calls `unmountWidget` when its
    /// element is removed for good, which is what frees it.
    static INSTANCES: std::cell::RefCell<Vec<Instance>> = const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// What the browser paints for a CSS colour, as RGBA, or `None` if it is not a colour: the
/// colour is painted on a 1×1 canvas and read back, so any syntax the browser accepts (`hsl()`,
/// `oklch()`, a name, `#rrggbbaa`) is checked as it will look.
fn resolve_colour(canvas: Option<&OffscreenCanvasRenderingContext2d>, value: &str) -> Option<[u8; 4]> {
    let canvas = canvas?;
    if !web_sys::css::supports_with_value("color", value).unwrap_or(false) {
        return None;
    }
    // Painted over two different colours: if the canvas ignored the value, the two pixels differ.
    let mut pixels = [[0u8; 4]; 2];
    for (pixel, under) in pixels.iter_mut().zip(["#010203", "#fdfcfb"]) {
        canvas.clear_rect(0.0, 0.0, 1.0, 1.0);
        canvas.set_fill_style_str(under);
        canvas.set_fill_style_str(value);
        canvas.fill_rect(0.0, 0.0, 1.0, 1.0);
        let data = canvas.get_image_data(0.0, 0.0, 1.0, 1.0).ok()?.data();
        *pixel = [*data.first()?, *data.get(1)?, *data.get(2)?, *data.get(3)?];
    }
    (pixels[0] == pixels[1]).then_some(pixels[0])
}

/// The browser's language preferences (`navigator.languages`).
fn languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

/// The code of the locale `host` asks for (its `locale` attribute, else the browser's languages,
/// else English): the pack the loader must hand over before the widget can show it.
#[wasm_bindgen(js_name = localeOf)]
pub fn locale_of(host: HtmlElement) -> String {
    crate::config::read(|name| host.get_attribute(name), &languages()).0.locale.code().into()
}

/// Takes the pack of locale `code` (the text of its `microneedling-check-texts-<code>.bin`, which
/// the loader has checked against its integrity); returns whether it fits this build.
#[wasm_bindgen(js_name = loadLocale)]
pub fn load_locale(code: &str, pack: String) -> bool {
    Locale::all().find(|l| l.code() == code).is_some_and(|l| l.load_pack(pack))
}

/// Reads `host`'s attributes and theme properties: the configuration and the theme to apply, and
/// the warnings for every bad value (`warned` filters out those printed before).
fn read_host(host: &HtmlElement, warned: &mut Vec<String>) -> (Config, crate::theme::Theme) {
    let window = web_sys::window();
    let (config, mut warnings) = crate::config::read(|name| host.get_attribute(name), &languages());
    let dark = match config.scheme {
        Scheme::Light => false,
        Scheme::Dark => true,
        Scheme::Auto => window
            .as_ref()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|query| query.matches()),
    };
    let style = window.as_ref().and_then(|w| w.get_computed_style(host).ok().flatten());
    let canvas = OffscreenCanvas::new(1, 1)
        .ok()
        .and_then(|c| {
            // The canvas is only ever read back: say so, or Chromium warns on every re-check.
            let options: js_sys::Object = dictionary();
            let _ = js_sys::Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
            c.get_context_with_context_options("2d", &options).ok().flatten()
        })
        .and_then(|c| c.dyn_into::<OffscreenCanvasRenderingContext2d>().ok());
    let (theme, theme_warnings) = crate::theme::check_theme(
        dark,
        |name| style.as_ref().and_then(|s| s.get_property_value(name).ok()),
        |value| resolve_colour(canvas.as_ref(), value),
    );
    warnings.extend(theme_warnings);
    for warning in warnings {
        let text = warning.to_string();
        if !warned.contains(&text) {
            web_sys::console::warn_1(&text.as_str().into());
            warned.push(text);
        }
    }
    (config, theme)
}

/// Sets the theme on the theme rule (clearing what an earlier check set), with the CSS
/// `color-scheme` that matches its background, for the parts the browser draws (scrollbars).
fn apply_theme(rule: &CssStyleRule, theme: &crate::theme::Theme) -> Result<(), JsValue> {
    let style = rule.style();
    style.set_css_text("");
    for (name, value) in &theme.properties {
        style.set_property(name, value)?;
    }
    style.set_property("color-scheme", if theme.dark { "dark" } else { "light" })
}

/// Renders the widget into `shadow`, the shadow root the loader attached to `host`, configured by
/// `host`'s attributes and theme properties; returns the widget's id for `updateWidget` and
/// `unmountWidget`.
///
/// Bad attribute values are reported with `console.warn` (naming the attribute, never an answer)
/// and replaced by safe defaults. Theme values that passed the checks are set on `.mc` in a second
/// adopted stylesheet through the CSSOM: no `style` attribute, nothing a strict `style-src` blocks.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(host: HtmlElement, shadow: ShadowRoot) -> Result<u32, JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(CSS)?;
    let mut warned = Vec::new();
    let (config, theme) = read_host(&host, &mut warned);
    if !config.locale.is_loaded() {
        return Err(JsValue::from_str("the locale's texts are not loaded"));
    }
    let locale = config.locale;
    let themed = CssStyleSheet::new()?;
    themed.replace_sync(".mc{}")?;
    let rule: CssStyleRule = themed.css_rules()?.item(0).ok_or("no theme rule")?.dyn_into()?;
    apply_theme(&rule, &theme)?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of2(&sheet, &themed));
    shadow.set_text_content(None);
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let container = document.create_element("div")?;
    container.set_class_name("mc-mount");
    shadow.append_child(&container)?;
    let app = yew::Renderer::<App>::with_root_and_props(container, AppProps { config }).render();
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    INSTANCES.with(|all| {
        all.borrow_mut().push(Instance { id, host, shadow, app, theme: rule, warned, applied: theme, locale })
    });
    Ok(id)
}

/// Applies the element's attributes and theme again, after the page changed them: a new
/// `locale`, `clinic-name`, `booking-url`, `phone` or `variant` takes effect at once, and the
/// visitor keeps their place and answers. Every live change, the locale's included, goes through
/// here. Unknown ids are ignored.
#[wasm_bindgen(js_name = updateWidget)]
pub fn update_widget(id: u32) -> Result<(), JsValue> {
    INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        let Some(instance) = all.iter_mut().find(|i| i.id == id) else { return Ok(()) };
        let (mut config, theme) = read_host(&instance.host, &mut instance.warned);
        // A locale whose pack has not arrived (or failed) keeps the current one: the loader
        // calls again once it is in.
        if config.locale.is_loaded() {
            instance.locale = config.locale;
        } else {
            config.locale = instance.locale;
        }
        if theme != instance.applied {
            apply_theme(&instance.theme, &theme)?;
            instance.applied = theme;
        }
        instance.app.update(AppProps { config });
        Ok(())
    })
}

/// The contrast verdicts of the widget `id`'s theme as JSON (`[{"pair", "ratio", "required",
/// "passes"}]`), for the page (the element's `themeReport`); `[]` for an unknown id.
#[wasm_bindgen(js_name = themeReport)]
pub fn theme_report(id: u32) -> String {
    INSTANCES
        .with(|all| all.borrow().iter().find(|i| i.id == id).map(|i| i.applied.report()))
        .unwrap_or_else(|| "[]".into())
}

/// Destroys the widget `id`: its Yew app (whose listeners the Yew patch removes with it), its
/// shadow content and stylesheets. Unknown ids are ignored.
#[wasm_bindgen(js_name = unmountWidget)]
pub fn unmount_widget(id: u32) {
    let instance = INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        let index = all.iter().position(|i| i.id == id)?;
        Some(all.swap_remove(index))
    });
    if let Some(instance) = instance {
        instance.app.destroy();
        instance.shadow.set_text_content(None);
        instance.shadow.set_adopted_style_sheets(&js_sys::Array::new());
    }
}
