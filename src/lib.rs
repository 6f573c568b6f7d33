//! microneedling-check: a private, in-browser microneedling self-check for clinic websites.
//!
//! - [`engine`]: the pure core (model, answers, visibility, rules, evaluation, journey); no web crates.
//! - [`config`]: the clinic's attributes, checked, with safe defaults.
//! - [`i18n`]: every wording, per locale, compiled in.
//! - [`cli`]: the reviewer's command-line tool (native only).
//! - `ui`: the Yew shell and the custom-element entry point (WebAssembly only).

pub mod config;
pub mod engine;
pub mod export;
pub mod i18n;
pub mod theme;
#[cfg(not(target_arch = "wasm32"))]
pub mod translations;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
