//! The native test suite (test layer 1): one binary, one module per concern. Run: `cargo test --test engine`.
//!
//! - `scenarios`: the data-driven scenarios in `tests/scenarios/*.toml`, and their rule coverage;
//! - `properties`: generated answer sets (totality, determinism, monotonicity, hidden answers);
//! - `content`: the shipped content and locales validate; one broken fixture per error;
//! - `tidy`: no web crate in the engine, no network or storage API, module docs everywhere;
//! - `cli`: the reviewer's tool, run as the real binary;
//! - `hazard_log`: every reference of `docs/clinical-safety.md` exists, every rating is the matrix's;
//! - `report`: the clinical reviewer's HTML report;
//! - `journey`: the visitor's journey state machine;
//! - `wording`: the English texts keep the wording rules (never "suitable" or "safe", no promises).
#![cfg(not(target_arch = "wasm32"))]

mod cli;
mod content;
mod export;
mod hazard_log;
mod journey;
mod pages;
mod properties;
mod report;
mod scenarios;
mod support;
mod tidy;
mod wording;
