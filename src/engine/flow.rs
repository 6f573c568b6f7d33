//! Which questions are asked, given the answers so far and the clinic's variant.
//!
//! Conditions only look at earlier questions (validation guarantees it), so one pass in asking
//! order decides visibility. An answer to a hidden question is ignored everywhere: it neither shows
//! follow-ups nor fires rules.

use super::answers::Answers;
use super::model::{Condition, OptionId, Question, QuestionId, Questionnaire, Variant};

/// The questions that are asked and the answers that count.
#[derive(Clone, Debug)]
pub struct Visible<'q> {
    /// The questions asked, in order.
    pub questions: Vec<&'q Question>,
    /// The answers to those questions only.
    pub answers: Answers,
}

impl<'q> Visible<'q> {
    /// Whether the question is asked.
    pub fn contains(&self, question: &str) -> bool {
        self.questions.iter().any(|q| q.id().as_str() == question)
    }

    /// The questions asked but not yet answered.
    pub fn unanswered(&self) -> impl Iterator<Item = &'q Question> + '_ {
        self.questions.iter().copied().filter(|q| !self.answers.is_answered(q.id().as_str()))
    }
}

/// Decides which questions are asked.
pub fn visible<'q>(questionnaire: &'q Questionnaire, answers: &Answers, variant: Variant) -> Visible<'q> {
    let mut shown = Visible { questions: Vec::new(), answers: Answers::new() };
    for question in questionnaire.questions() {
        if !question.variants().includes(variant) {
            continue;
        }
        let asked = match question.show_if() {
            None => true,
            Some(condition) => triggers(condition, &shown).is_some(),
        };
        if asked {
            shown.questions.push(question);
            if let Some(options) = answers.get(question.id().as_str()) {
                shown.answers.insert(question.id().clone(), options.to_vec());
            }
        }
    }
    shown
}

/// One answer that made a condition hold.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Trigger {
    /// The question.
    pub question: QuestionId,
    /// The option chosen.
    pub option: OptionId,
}

/// Whether the condition holds on the visible answers, and if so which answers made it hold.
pub fn triggers(condition: &Condition, shown: &Visible<'_>) -> Option<Vec<Trigger>> {
    let answers = &shown.answers;
    let pairs = |question: &QuestionId, options: &mut dyn Iterator<Item = &OptionId>| -> Vec<Trigger> {
        options.map(|option| Trigger { question: question.clone(), option: option.clone() }).collect()
    };
    match condition {
        Condition::Answered(question) => {
            let options = answers.get(question.as_str())?;
            Some(pairs(question, &mut options.iter()))
        }
        Condition::Is(question, wanted) => {
            let options = answers.get(question.as_str())?;
            let hits = pairs(question, &mut options.iter().filter(|o| wanted.contains(o)));
            (!hits.is_empty()).then_some(hits)
        }
        Condition::IsNot(question, unwanted) => {
            let options = answers.get(question.as_str())?;
            (!options.contains(unwanted)).then(|| pairs(question, &mut options.iter()))
        }
        Condition::All(conditions) => {
            let mut all = Vec::new();
            for condition in conditions.iter() {
                all.extend(triggers(condition, shown)?);
            }
            Some(all)
        }
        Condition::Any(conditions) => {
            let mut held = false;
            let mut any = Vec::new();
            for hits in conditions.iter().filter_map(|c| triggers(c, shown)) {
                held = true;
                any.extend(hits);
            }
            held.then_some(any)
        }
        Condition::AnyAnswer(option) => {
            let hits: Vec<Trigger> = answers
                .iter()
                .filter(|(_, options)| options.contains(option))
                .map(|(question, _)| Trigger { question: question.clone(), option: option.clone() })
                .collect();
            (!hits.is_empty()).then_some(hits)
        }
    }
}
