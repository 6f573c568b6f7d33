//! microneedling-check: a private, in-browser microneedling self-check for clinic websites.
//!
//! - [`engine`]: the pure core (model, answers, visibility, rules, evaluation, journey); no web crates.
//! - [`config`]: the clinic's attributes, checked, with safe defaults.
//! - [`i18n`]: every wording, per locale, compiled in.
//! - [`cli`]: the reviewer's command-line tool (native only), and [`report`], its HTML page for a
//!   clinical reviewer.
//! - `ui`: the Yew shell and the custom-element entry point (WebAssembly only).

pub mod config;
pub mod engine;
pub mod export;
pub mod i18n;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod scenarios;
pub mod theme;
#[cfg(not(target_arch = "wasm32"))]
pub mod translations;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
