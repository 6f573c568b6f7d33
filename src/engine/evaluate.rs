//! From answers to a summary: which rules fire, the overall level, and what to show with it.
//!
//! `evaluate` is total (it never fails or panics), deterministic, ignores answers to hidden
//! questions, and is monotone: rules cannot test for the absence of an answer, so one more risk
//! answer can only add findings, and the overall level is the most cautious finding's.

use super::answers::Answers;
use super::flow::{self, Trigger, Visible};
use super::model::{Advice, Concern, Level, Question, Questionnaire, Rule, Variant, NONE, NOT_SURE};

/// One rule that fired, with the answers that fired it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding<'q> {
    /// The rule (its id, level, sources; its texts are keyed by its id).
    pub rule: &'q Rule,
    /// The answers that made it fire, in asking order.
    pub triggers: Vec<Trigger>,
}

impl Finding<'_> {
    /// The level this finding carries.
    pub fn level(&self) -> Level {
        self.rule.level()
    }
}

/// Everything the result page and the reviewer's tool show.
#[derive(Clone, Debug)]
pub struct Summary<'q> {
    /// The most cautious level any rule reached (`NoSpecificConcern` if none fired).
    pub level: Level,
    /// The findings, most cautious first, then in rule order.
    pub findings: Vec<Finding<'q>>,
    /// Expectations for each concern the visitor chose, in option order.
    pub concerns: Vec<&'q Concern>,
    /// Advice for the clinic's variant, in content order; only the general advice when the level
    /// does not book ([`Level::books`]).
    pub advice: Vec<&'q Advice>,
    /// Whether a finding is about a medicine, so "do not stop a prescribed medicine" must show.
    pub medicine: bool,
    /// Questions that are asked but have no answer yet (the widget never evaluates with any).
    pub unanswered: Vec<&'q Question>,
    /// The questions asked and the answers that counted.
    pub visible: Visible<'q>,
}

/// Evaluates the answers for the clinic's variant.
pub fn evaluate<'q>(questionnaire: &'q Questionnaire, answers: &Answers, variant: Variant) -> Summary<'q> {
    let visible = flow::visible(questionnaire, answers, variant);
    // Most cautious first, then rule order; triggers in asking order. Built by filtering rather
    // than sorting, which keeps sort code out of the widget.
    let fired: Vec<Finding<'q>> = questionnaire
        .rules()
        .iter()
        .filter(|rule| rule.variants().includes(variant))
        .filter_map(|rule| {
            let hits = flow::triggers(rule.when(), &visible)?;
            let mut triggers: Vec<Trigger> = Vec::with_capacity(hits.len());
            for question in &visible.questions {
                for hit in hits.iter().filter(|t| t.question == *question.id()) {
                    if !triggers.contains(hit) {
                        triggers.push(hit.clone());
                    }
                }
            }
            Some(Finding { rule, triggers })
        })
        .collect();
    let findings: Vec<Finding<'q>> =
        Level::ALL.iter().flat_map(|level| fired.iter().filter(move |f| f.level() == *level).cloned()).collect();
    let level = findings.iter().map(Finding::level).max().unwrap_or(Level::NoSpecificConcern);
    let concerns = questionnaire
        .questions()
        .iter()
        .filter(|q| q.is_concerns())
        .flat_map(|q| visible.answers.get(q.id().as_str()).unwrap_or_default())
        .filter(|option| option.as_str() != NONE && option.as_str() != NOT_SURE)
        .filter_map(|option| questionnaire.concern(option))
        .collect();
    let advice = questionnaire
        .advice()
        .iter()
        .filter(|a| a.variants().includes(variant))
        .filter(|a| level.books() || !a.group().follows_booking())
        .collect();
    let medicine = findings.iter().any(|f| f.rule.is_about_medicine());
    let unanswered = visible.unanswered().collect();
    Summary { level, findings, concerns, advice, medicine, unanswered, visible }
}
