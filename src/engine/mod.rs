//! The pure engine: questionnaire model, answers, visibility, rules, evaluation and the journey.
//!
//! **Invariant:** nothing here knows about a browser. No `yew`, `web_sys`, `gloo`, `js_sys`, no
//! clock, no randomness, no input or output; a tidy test enforces it. The widget, the reviewer's
//! tool and the tests all drive the same functions, so a scenario behaves the same everywhere.
//!
//! The engine emits ids, levels and text places ([`Text`]), never sentences: wording lives in
//! `locales/`.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

pub mod answers;
pub mod evaluate;
pub mod flow;
pub mod journey;
pub mod keys;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod raw;
#[cfg(not(target_arch = "wasm32"))]
pub mod validate;

mod builtin;

pub use answers::{AnswerError, Answers};
pub use evaluate::{evaluate, Finding, Summary};
pub use flow::{visible, Trigger, Visible};
pub use journey::{Action, Journey, Progress, Step};
pub use model::{
    Advice, AdviceGroup, Concern, Condition, Evidence, Kind, Level, OptionId, OptionTexts, Question, QuestionId,
    Questionnaire, Rule, RuleId, Section, SectionId, Source, SourceId, Strength, Text, Variant, Variants, NONE,
    NOT_SURE,
};

/// The questionnaire compiled into this build (validated by the build script).
pub fn questionnaire() -> &'static Questionnaire {
    &builtin::QUESTIONNAIRE
}
