//! A visitor's answers, held in memory only, checked against each question's kind as they are set.

use std::fmt;

use super::model::{OptionId, Question, QuestionId, NONE};

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The question does not offer that option.
    UnknownOption { question: String, option: String },
    /// No option was given.
    Empty { question: String },
    /// A single-choice question got more than one option.
    MoreThanOne { question: String },
    /// "None of these" was combined with another option.
    NoneWithOthers { question: String },
    /// The same option was given twice.
    Repeated { question: String, option: String },
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::UnknownOption { question, option } => {
                write!(f, "question `{question}` has no option `{option}`")
            }
            AnswerError::Empty { question } => write!(f, "question `{question}` needs at least one option"),
            AnswerError::MoreThanOne { question } => {
                write!(f, "question `{question}` takes one option, not a list of several")
            }
            AnswerError::NoneWithOthers { question } => {
                write!(f, "question `{question}`: `none` cannot be combined with other options")
            }
            AnswerError::Repeated { question, option } => {
                write!(f, "question `{question}`: option `{option}` is given twice")
            }
        }
    }
}

/// Answers by question id, kept sorted by id so iteration (and every output) is deterministic and
/// equal answers compare equal. A sorted `Vec` rather than a `BTreeMap`: a questionnaire has a few
/// dozen questions, and the map's code would cost the widget about 25 kB.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(Vec<(QuestionId, Vec<OptionId>)>);

impl Answers {
    /// No answers.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// The options chosen for a question, if it was answered.
    pub fn get(&self, question: &str) -> Option<&[OptionId]> {
        self.0.iter().find(|(id, _)| id.as_str() == question).map(|(_, options)| options.as_slice())
    }

    /// Whether the question's answer is, or includes, the option.
    pub fn includes(&self, question: &str, option: &str) -> bool {
        self.get(question).is_some_and(|options| options.iter().any(|o| o.as_str() == option))
    }

    /// Whether the question was answered.
    pub fn is_answered(&self, question: &str) -> bool {
        self.get(question).is_some()
    }

    /// Sets a question's answer after checking it against the question's kind and options.
    pub fn set(&mut self, question: &Question, chosen: &[&str]) -> Result<(), AnswerError> {
        let name = || question.id().to_string();
        if chosen.is_empty() {
            return Err(AnswerError::Empty { question: name() });
        }
        if !question.kind().is_multiple() && chosen.len() > 1 {
            return Err(AnswerError::MoreThanOne { question: name() });
        }
        if chosen.len() > 1 && chosen.contains(&NONE) {
            return Err(AnswerError::NoneWithOthers { question: name() });
        }
        for (index, wanted) in chosen.iter().enumerate() {
            if chosen.iter().take(index).any(|earlier| earlier == wanted) {
                return Err(AnswerError::Repeated { question: name(), option: wanted.to_string() });
            }
            if !question.has_option(wanted) {
                return Err(AnswerError::UnknownOption { question: name(), option: wanted.to_string() });
            }
        }
        // Kept in the question's own option order, so equal answers compare equal.
        let options: Vec<OptionId> =
            question.options().iter().filter(|o| chosen.contains(&o.as_str())).cloned().collect();
        self.insert(question.id().clone(), options);
        Ok(())
    }

    /// Applies one click on an option, as a form control would: a radio replaces the answer; a
    /// checkbox toggles its option, and "None of these" and the other options exclude each other.
    pub fn toggle(&mut self, question: &Question, option: &str) -> Result<(), AnswerError> {
        if !question.kind().is_multiple() {
            return self.set(question, &[option]);
        }
        let mut chosen: Vec<String> =
            self.get(question.id().as_str()).unwrap_or_default().iter().map(|o| o.to_string()).collect();
        if let Some(position) = chosen.iter().position(|o| o == option) {
            chosen.remove(position);
        } else if option == NONE {
            chosen = vec![NONE.to_string()];
        } else {
            chosen.retain(|o| o != NONE);
            chosen.push(option.to_string());
        }
        if chosen.is_empty() {
            self.clear(question.id().as_str());
            return Ok(());
        }
        let chosen: Vec<&str> = chosen.iter().map(String::as_str).collect();
        self.set(question, &chosen)
    }

    /// Removes a question's answer.
    pub fn clear(&mut self, question: &str) {
        self.0.retain(|(id, _)| id.as_str() != question);
    }

    /// Every answer, by question id.
    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &[OptionId])> {
        self.0.iter().map(|(id, options)| (id, options.as_slice()))
    }

    /// How many questions are answered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn insert(&mut self, question: QuestionId, options: Vec<OptionId>) {
        match self.0.binary_search_by(|(id, _)| id.cmp(&question)) {
            Ok(index) => {
                if let Some(entry) = self.0.get_mut(index) {
                    entry.1 = options;
                }
            }
            Err(index) => self.0.insert(index, (question, options)),
        }
    }
}
