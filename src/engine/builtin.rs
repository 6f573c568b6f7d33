//! The questionnaire compiled in by `build.rs` after validation: borrowed statics, no parsing.

#[cfg(not(target_arch = "wasm32"))]
use super::model::Strength;
use super::model::{
    Advice, AdviceGroup, Concern, Condition, Evidence, Kind, Level, OptionId, Question, QuestionId, Questionnaire,
    Rule, RuleId, Section, SectionId, Source, SourceId, Text, Variant, Variants,
};

include!(concat!(env!("OUT_DIR"), "/questionnaire.rs"));
