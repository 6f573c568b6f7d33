//! The visitor's journey as a pure state machine: start, one question per page, check your
//! answers, summary. The widget's reducer is a thin wrapper over [`Journey::apply`], so every
//! step (back, continue, validation, follow-ups, change from check-your-answers) is testable natively.

use super::answers::Answers;
use super::flow;
use super::model::{Question, Questionnaire, Variant};

/// Where the visitor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// What the check is and is not; the Start button.
    Start,
    /// One question, by its position in the questionnaire.
    Question(usize),
    /// Check your answers.
    Check,
    /// The result.
    Summary,
}

/// Something the visitor did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Pressed Start.
    Start,
    /// Clicked an option of the current question (a radio or a checkbox).
    Choose(String),
    /// Pressed Continue.
    Continue,
    /// Followed the Back link.
    Back,
    /// Followed a Change link on check-your-answers.
    Change(String),
    /// Asked for the result from check-your-answers.
    SeeResult,
    /// Pressed Start again: every answer is cleared.
    Restart,
    /// The clinic's variant changed mid-journey: see [`Journey::switch_variant`].
    SwitchVariant(Variant),
}

/// The whole journey state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journey {
    step: Step,
    answers: Answers,
    variant: Variant,
    /// Set when Continue was pressed with no answer; cleared by any other action.
    error: bool,
    /// Set while changing an answer from check-your-answers: Continue goes back there once every
    /// newly shown follow-up is answered.
    changing: bool,
}

/// "Question n of m", or "Question n of up to m" while a later answer may still leave out a
/// follow-up. Counted from the answers *before* the current question only, so the line stays put
/// while the visitor chooses, the number grows by one per Continue and the total never grows
/// (a follow-up that may come is counted from the start; when it turns out not to be asked, the
/// total shrinks, which "up to" said it might).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The current question's number, from 1.
    pub number: usize,
    /// The most questions the visitor can be asked, given their answers before this question.
    pub total: usize,
    /// Whether `total` is certain: no question still to come depends on an answer not given yet.
    pub certain: bool,
}

impl Journey {
    /// A journey at its start page.
    pub fn new(variant: Variant) -> Journey {
        Journey { step: Step::Start, answers: Answers::new(), variant, error: false, changing: false }
    }

    /// The current step.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The answers so far (including answers to questions now hidden, which count for nothing but
    /// are kept so that showing the question again shows the visitor's choice).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The clinic's variant.
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// Whether the current question was left unanswered on Continue.
    pub fn has_error(&self) -> bool {
        self.error
    }

    /// Whether the visitor is changing an answer from check-your-answers.
    pub fn is_changing(&self) -> bool {
        self.changing
    }

    /// The current question, if on a question page.
    pub fn question<'q>(&self, questionnaire: &'q Questionnaire) -> Option<&'q Question> {
        match self.step {
            Step::Question(index) => questionnaire.questions().get(index),
            _ => None,
        }
    }

    /// The progress on a question page (see [`Progress`]).
    pub fn progress(&self, questionnaire: &Questionnaire) -> Option<Progress> {
        let current = self.question(questionnaire)?;
        let Step::Question(index) = self.step else { return None };
        let mut before = self.answers.clone();
        for question in questionnaire.questions().iter().skip(index) {
            before.clear(question.id().as_str());
        }
        let shown = flow::visible(questionnaire, &before, self.variant);
        let number = shown.questions.iter().position(|q| q.id() == current.id())? + 1;
        // Later questions not asked on the answers so far whose condition looks at a question not
        // answered yet (this one or a later one): they may still be asked.
        let unknown = |id: &str| questionnaire.position(id).is_none_or(|at| at >= index);
        let maybe = questionnaire
            .questions()
            .iter()
            .skip(index + 1)
            .filter(|q| q.variants().includes(self.variant) && !shown.contains(q.id().as_str()))
            .filter(|q| q.show_if().is_some_and(|c| c.looks_at(&unknown)))
            .count();
        Some(Progress { number, total: shown.questions.len() + maybe, certain: maybe == 0 })
    }

    /// The same journey for a clinic that now offers `variant` (its `variant` attribute changed
    /// mid-journey). Answers to questions the new variant does not ask are dropped and returned, by
    /// question id; every other answer is kept. A visitor on a question the new variant does not
    /// ask moves to the next one it does ask (or Check your answers), and a visitor on the summary
    /// moves to the first question the new variant asks that is still unanswered, if any.
    pub fn switch_variant<'q>(&self, questionnaire: &'q Questionnaire, variant: Variant) -> (Journey, Vec<&'q str>) {
        let mut next = self.clone();
        next.variant = variant;
        next.error = false;
        let dropped: Vec<&str> = questionnaire
            .questions()
            .iter()
            .filter(|q| self.answers.is_answered(q.id().as_str()) && !q.variants().includes(variant))
            .map(|q| q.id().as_str())
            .collect();
        for id in &dropped {
            next.answers.clear(id);
        }
        let shown = flow::visible(questionnaire, &next.answers, variant);
        let position = |q: &Question| questionnaire.position(q.id().as_str()).map(Step::Question);
        match self.step {
            Step::Question(index) => {
                let asked = self.question(questionnaire).is_some_and(|q| shown.contains(q.id().as_str()));
                if !asked {
                    let later =
                        shown.questions.iter().copied().find(|q| questionnaire.position(q.id().as_str()) > Some(index));
                    next.step = later.and_then(position).unwrap_or(Step::Check);
                    next.changing = false;
                }
            }
            Step::Summary => {
                if let Some(question) = shown.unanswered().next() {
                    next.step = position(question).unwrap_or(Step::Check);
                }
            }
            Step::Start | Step::Check => {}
        }
        (next, dropped)
    }

    /// Applies one action and returns the new state. Actions that make no sense where the visitor
    /// is (Continue on the summary, an option the question lacks) leave the state unchanged.
    pub fn apply(&self, questionnaire: &Questionnaire, action: &Action) -> Journey {
        let mut next = self.clone();
        next.error = false;
        let shown = flow::visible(questionnaire, &self.answers, self.variant);
        let position = |q: &Question| questionnaire.position(q.id().as_str()).map(Step::Question);
        match (self.step, action) {
            (Step::Start, Action::Start) => {
                next.step = shown.questions.first().and_then(|q| position(q)).unwrap_or(Step::Check);
            }
            (Step::Question(_), Action::Choose(option)) => {
                if let Some(question) = self.question(questionnaire) {
                    if next.answers.toggle(question, option).is_err() {
                        return self.clone();
                    }
                }
            }
            (Step::Question(index), Action::Continue) => {
                let Some(question) = self.question(questionnaire) else { return self.clone() };
                if !self.answers.is_answered(question.id().as_str()) {
                    next.error = true;
                    return next;
                }
                let target = if self.changing {
                    shown.unanswered().next()
                } else {
                    shown.questions.iter().copied().find(|q| questionnaire.position(q.id().as_str()) > Some(index))
                };
                next.step = target.and_then(position).unwrap_or(Step::Check);
                if next.step == Step::Check {
                    next.changing = false;
                }
            }
            (Step::Question(index), Action::Back) => {
                let before =
                    shown.questions.iter().rev().find(|q| questionnaire.position(q.id().as_str()) < Some(index));
                next.step = match (self.changing, before) {
                    (true, _) => Step::Check,
                    (false, Some(question)) => position(question).unwrap_or(Step::Start),
                    (false, None) => Step::Start,
                };
                next.changing = false;
            }
            (Step::Check, Action::Back) => {
                next.step = shown.questions.last().and_then(|q| position(q)).unwrap_or(Step::Start);
            }
            (Step::Check, Action::Change(question)) => {
                let Some(index) = questionnaire.position(question) else { return self.clone() };
                if !shown.contains(question) {
                    return self.clone();
                }
                next.step = Step::Question(index);
                next.changing = true;
            }
            (Step::Check, Action::SeeResult) => {
                next.step = match shown.unanswered().next() {
                    Some(question) => position(question).unwrap_or(Step::Check),
                    None => Step::Summary,
                };
            }
            (Step::Summary, Action::Back) => next.step = Step::Check,
            (_, Action::Restart) => next = Journey::new(self.variant),
            (_, Action::SwitchVariant(variant)) => return self.switch_variant(questionnaire, *variant).0,
            _ => return self.clone(),
        }
        next
    }
}
