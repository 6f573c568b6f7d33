//! The widget's stand-in for `console_error_panic_hook` 0.1.7, put in its place by `[patch]` in the
//! widget's `Cargo.toml`. Yew 0.23 installs [`hook`] as the panic hook whenever it renders.
//!
//! It logs a panic's message and a stack with `console.error`, as the original does, except in
//! the shipped widget: `scripts/build.sh` builds that with `-Cpanic=immediate-abort`, under which a
//! panic stops at once and never calls a hook, so there the hook is empty and the message
//! formatting it would link is left out (about 0.5 kB gzip). Tests, debug builds and clippy keep
//! the logging.

use std::panic::PanicHookInfo;

#[cfg(all(target_arch = "wasm32", not(panic = "immediate-abort")))]
mod console {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        pub fn error(message: String);

        pub type Error;

        #[wasm_bindgen(constructor)]
        pub fn new() -> Error;

        #[wasm_bindgen(method, getter)]
        pub fn stack(this: &Error) -> String;
    }
}

/// A panic hook that logs the panic to `console.error` with a JavaScript stack (on other targets,
/// to stderr).
pub fn hook(info: &PanicHookInfo<'_>) {
    #[cfg(all(target_arch = "wasm32", not(panic = "immediate-abort")))]
    console::error(format!("{info}\n\nStack:\n\n{}\n\n", console::Error::new().stack()));
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{info}");
    #[cfg(all(target_arch = "wasm32", panic = "immediate-abort"))]
    let _ = info;
}

/// Installs [`hook`] the first time it is called.
pub fn set_once() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| std::panic::set_hook(Box::new(hook)));
}
