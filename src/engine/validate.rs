//! Turns the content files into a [`Questionnaire`] and locale tables, or reports every problem at once.
//!
//! This runs in the build script (so invalid content never compiles into the widget), in the
//! native tests (one broken fixture per error) and in the reviewer's tool. It is never shipped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::keys;
use super::model::{
    Advice, AdviceGroup, Concern, Condition, Evidence, Kind, Level, OptionId, Question, QuestionId, Questionnaire,
    Rule, RuleId, Section, SectionId, Source, SourceId, Strength, Text, Variant, Variants, NONE,
};
use super::raw::{
    RawAdvice, RawConcern, RawCondition, RawLocaleIndex, RawQuestion, RawQuestionnaire, RawRule, RawSection, RawSource,
};

/// One problem found in the content. Validation collects all of them before failing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    /// A file is not valid TOML or does not have the expected shape.
    Syntax { file: String, message: String },
    /// Two items of the same kind share an id.
    DuplicateId { what: &'static str, id: String },
    /// An id names nothing that exists.
    UnknownId { at: String, what: &'static str, id: String },
    /// A field holds a value outside its closed vocabulary (a kind, level, variant, …).
    UnknownValue { at: String, field: &'static str, value: String },
    /// A question's condition looks at itself or at a later question.
    ConditionNotEarlier { question: String, refers_to: String },
    /// A condition does not have exactly one form, or uses a form not allowed where it stands.
    MalformedCondition { at: String, why: &'static str },
    /// A rule cites no source.
    NoSource { rule: String },
    /// A question is missing options it must have.
    BadOptions { question: String, why: &'static str },
    /// The concerns question or its expectations are missing or inconsistent.
    Concerns { why: String },
    /// A locale file named in the index does not exist.
    MissingLocale { locale: String },
    /// A text key the content needs is missing from a locale.
    MissingText { locale: String, key: String },
    /// A locale holds a key nothing uses.
    OrphanText { locale: String, key: String },
    /// A text is empty.
    EmptyText { locale: String, key: String },
    /// A translation's `{placeholders}` differ from the English text's.
    Placeholders { locale: String, key: String, expected: Vec<String>, found: Vec<String> },
    /// The content needs more texts than a [`Text`] can number.
    TooManyTexts,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ValidationError::*;
        match self {
            Syntax { file, message } => write!(f, "{file}: {message}"),
            DuplicateId { what, id } => write!(f, "duplicate {what} id `{id}`"),
            UnknownId { at, what, id } => write!(f, "{at}: unknown {what} `{id}`"),
            UnknownValue { at, field, value } => write!(f, "{at}: `{value}` is not a valid {field}"),
            ConditionNotEarlier { question, refers_to } => write!(
                f,
                "question `{question}`: its condition looks at `{refers_to}`, which is not an earlier question"
            ),
            MalformedCondition { at, why } => write!(f, "{at}: {why}"),
            NoSource { rule } => write!(f, "rule `{rule}` cites no source"),
            BadOptions { question, why } => write!(f, "question `{question}`: {why}"),
            Concerns { why } => write!(f, "concerns: {why}"),
            MissingLocale { locale } => write!(f, "locale `{locale}`: file locales/{locale}.toml is missing"),
            MissingText { locale, key } => write!(f, "locale `{locale}`: missing text `{key}`"),
            OrphanText { locale, key } => write!(f, "locale `{locale}`: text `{key}` is not used by anything"),
            EmptyText { locale, key } => write!(f, "locale `{locale}`: text `{key}` is empty"),
            Placeholders { locale, key, expected, found } => {
                write!(f, "locale `{locale}`: text `{key}` has placeholders {found:?} but English has {expected:?}")
            }
            TooManyTexts => write!(f, "the content needs more than {} texts", u16::MAX),
        }
    }
}

type Errors = Vec<ValidationError>;

/// Validated content lives for the whole process (the model holds `'static` data, like the
/// compiled-in content), so its lists and strings are leaked once.
fn leak_list<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Gives each text the content can show its place ([`Text`]), in the order it is first asked for,
/// and keeps its key: the levels' and evidence grades' texts first, at the places
/// [`Level::title`], [`Level::detail`] and [`Evidence::text`] name, then the content's.
struct TextPlaces {
    keys: Vec<&'static str>,
    places: BTreeMap<String, Text>,
    overflow: bool,
}

impl TextPlaces {
    fn new() -> TextPlaces {
        let mut places = TextPlaces { keys: Vec::new(), places: BTreeMap::new(), overflow: false };
        for level in Level::ALL {
            places.add(keys::level_title(level.name()));
            places.add(keys::level_detail(level.name()));
        }
        for grade in Evidence::ALL {
            places.add(keys::evidence(grade.name()));
        }
        places
    }

    /// The place of the text with this key (the same place each time it is asked for).
    fn add(&mut self, key: String) -> Text {
        match self.places.get(&key) {
            Some(&text) => text,
            None => self.run([key]),
        }
    }

    /// New places side by side for these keys (an item's own texts); the first one's.
    fn run(&mut self, keys: impl IntoIterator<Item = String>) -> Text {
        let first = u16::try_from(self.keys.len()).unwrap_or(u16::MAX);
        for key in keys {
            let Ok(index) = u16::try_from(self.keys.len()) else {
                self.overflow = true;
                return Text(u16::MAX);
            };
            self.keys.push(leak(key.clone()));
            self.places.entry(key).or_insert(Text(index));
        }
        Text(first)
    }
}

fn check_unique<'a>(what: &'static str, ids: impl Iterator<Item = &'a str>, errors: &mut Errors) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            errors.push(ValidationError::DuplicateId { what, id: id.to_string() });
        }
    }
}

/// Looks a name up with `parse`, or reports it as an unknown `field` and uses `fallback`: the one
/// place for "is this one of the names we know".
fn named<T>(
    at: &str,
    field: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
    fallback: T,
    errors: &mut Errors,
) -> T {
    parse(value).unwrap_or_else(|| {
        errors.push(ValidationError::UnknownValue { at: at.to_string(), field, value: value.to_string() });
        fallback
    })
}

fn variants(at: &str, names: &[String], errors: &mut Errors) -> Variants {
    let list = names
        .iter()
        .map(|name| named(at, "variant (standard, rf or prp)", name, Variant::from_name, Variant::Standard, errors))
        .collect();
    Variants(leak_list(list))
}

fn sources(at: &str, ids: &[String], known: &BTreeSet<&str>, errors: &mut Errors) -> Vec<SourceId> {
    for id in ids.iter().filter(|id| !known.contains(id.as_str())) {
        errors.push(ValidationError::UnknownId { at: at.to_string(), what: "source", id: id.clone() });
    }
    ids.iter().map(|id| SourceId(leak(id.clone()))).collect()
}

/// Where a condition stands, which decides what it may refer to.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// A question's `show_if`: only earlier questions (the first `usize` of them).
    ShowIf { question: &'a str, earlier: usize },
    /// A rule's `when`: any question, but never `is_not`.
    Rule,
}

struct ConditionChecker<'a> {
    raw: &'a RawQuestionnaire,
}

impl ConditionChecker<'_> {
    fn question(&self, at: &str, place: Place<'_>, id: &str, errors: &mut Errors) -> Option<usize> {
        let Some(position) = self.raw.questions.iter().position(|q| q.id == id) else {
            errors.push(ValidationError::UnknownId { at: at.to_string(), what: "question", id: id.to_string() });
            return None;
        };
        if let Place::ShowIf { question, earlier } = place {
            if position >= earlier {
                errors.push(ValidationError::ConditionNotEarlier {
                    question: question.to_string(),
                    refers_to: id.to_string(),
                });
            }
        }
        Some(position)
    }

    fn option(&self, at: &str, question: usize, option: &str, errors: &mut Errors) -> OptionId {
        if let Some(q) = self.raw.questions.get(question) {
            if !q.options.iter().any(|o| o == option) {
                errors.push(ValidationError::UnknownId {
                    at: at.to_string(),
                    what: "option",
                    id: format!("{}.{option}", q.id),
                });
            }
        }
        OptionId(leak(option.to_string()))
    }

    fn check(&self, at: &str, place: Place<'_>, raw: &RawCondition, errors: &mut Errors) -> Condition {
        let malformed = |errors: &mut Errors, why| {
            errors.push(ValidationError::MalformedCondition { at: at.to_string(), why });
            Condition::All(leak_list(Vec::new()))
        };
        let forms = [
            raw.is.is_some(),
            raw.is_not.is_some(),
            raw.answered.is_some(),
            raw.all.is_some(),
            raw.any.is_some(),
            raw.any_answer.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            return malformed(
                errors,
                "a condition needs exactly one of `is`, `is_not`, `answered`, `all`, `any`, `any_answer`",
            );
        }
        let needs_q = raw.is.is_some() || raw.is_not.is_some() || raw.answered.is_some();
        if needs_q != raw.q.is_some() {
            return malformed(errors, "`q` goes with `is`, `is_not` and `answered`, and only with them");
        }
        let list = |items: &Vec<RawCondition>, errors: &mut Errors| -> Vec<Condition> {
            items.iter().map(|item| self.check(at, place, item, errors)).collect()
        };
        if let Some(items) = &raw.all {
            if items.is_empty() {
                return malformed(errors, "`all` needs at least one condition");
            }
            return Condition::All(leak_list(list(items, errors)));
        }
        if let Some(items) = &raw.any {
            if items.is_empty() {
                return malformed(errors, "`any` needs at least one condition");
            }
            return Condition::Any(leak_list(list(items, errors)));
        }
        if let Some(option) = &raw.any_answer {
            if let Place::ShowIf { .. } = place {
                return malformed(errors, "`any_answer` is only allowed in rules");
            }
            if !self.raw.questions.iter().any(|q| q.options.contains(option)) {
                errors.push(ValidationError::UnknownId { at: at.to_string(), what: "option", id: option.clone() });
            }
            return Condition::AnyAnswer(OptionId(leak(option.clone())));
        }
        let q_name = raw.q.as_deref().unwrap_or_default();
        let position = self.question(at, place, q_name, errors);
        let qid = QuestionId(leak(q_name.to_string()));
        if let Some(answered) = raw.answered {
            if !answered {
                return malformed(errors, "`answered` can only be `true`");
            }
            return Condition::Answered(qid);
        }
        if let Some(option) = &raw.is_not {
            if let Place::Rule = place {
                return malformed(
                    errors,
                    "rules may not use `is_not`: one more risk answer must never lower the level",
                );
            }
            // On a multiple-choice question, ticking one more box could hide a follow-up (and
            // drop its findings), so `is_not` may only look at single answers.
            if position.and_then(|p| self.raw.questions.get(p)).is_some_and(|q| q.kind == "multiple") {
                return malformed(errors, "`is_not` can only look at a single-choice question");
            }
            let option =
                position.map(|p| self.option(at, p, option, errors)).unwrap_or_else(|| OptionId(leak(option.clone())));
            return Condition::IsNot(qid, option);
        }
        let options = raw.is.as_ref().map(|is| match is {
            super::raw::OneOrMany::One(one) => vec![one.clone()],
            super::raw::OneOrMany::Many(many) => many.clone(),
        });
        let options = options.unwrap_or_default();
        if options.is_empty() {
            return malformed(errors, "`is` needs at least one option");
        }
        let options = options
            .iter()
            .map(|o| match position {
                Some(p) => self.option(at, p, o, errors),
                None => OptionId(leak(o.clone())),
            })
            .collect();
        Condition::Is(qid, leak_list(options))
    }
}

/// What the validation of one questionnaire file builds up as it goes: every problem found, the
/// texts' places, and what the items may refer to.
struct Build<'r> {
    raw: &'r RawQuestionnaire,
    errors: Errors,
    texts: TextPlaces,
    known_sources: BTreeSet<&'r str>,
    known_sections: BTreeSet<&'r str>,
}

/// Parses and validates `content/questionnaire.toml`.
pub fn questionnaire(text: &str) -> Result<Questionnaire, Vec<ValidationError>> {
    let raw: RawQuestionnaire = toml::from_str(text).map_err(|e| {
        vec![ValidationError::Syntax { file: "questionnaire".into(), message: e.to_string().trim().replace('\n', " ") }]
    })?;
    let mut b = Build {
        raw: &raw,
        errors: Vec::new(),
        texts: TextPlaces::new(),
        known_sources: raw.sources.iter().map(|s| s.id.as_str()).collect(),
        known_sections: raw.sections.iter().map(|s| s.id.as_str()).collect(),
    };
    check_unique("section", raw.sections.iter().map(|s| s.id.as_str()), &mut b.errors);
    check_unique("question", raw.questions.iter().map(|q| q.id.as_str()), &mut b.errors);
    check_unique("rule", raw.rules.iter().map(|r| r.id.as_str()), &mut b.errors);
    check_unique("concern", raw.concerns.iter().map(|c| c.id.as_str()), &mut b.errors);
    check_unique("advice", raw.advice.iter().map(|a| a.id.as_str()), &mut b.errors);
    check_unique("source", raw.sources.iter().map(|s| s.id.as_str()), &mut b.errors);

    // Text places, in this order: sections' titles, the options' shared texts ("Yes") in the order
    // they are first offered, then each item's own texts side by side.
    let sections: Vec<Section> = raw.sections.iter().map(|s| b.section(s)).collect();
    for q in &raw.questions {
        for option in &q.options {
            b.texts.add(keys::option_generic(option));
        }
    }
    let questions: Vec<Question> = raw.questions.iter().enumerate().map(|(index, q)| b.question(index, q)).collect();
    let rules: Vec<Rule> = raw.rules.iter().map(|r| b.rule(r)).collect();
    b.concerns_question(&questions);
    let concerns: Vec<Concern> = raw.concerns.iter().map(|c| b.concern(c)).collect();
    let advice: Vec<Advice> = raw.advice.iter().map(|a| b.advice(a)).collect();
    let sources: Vec<Source> = raw.sources.iter().map(|s| b.source(s)).collect();

    if b.texts.overflow {
        b.errors.push(ValidationError::TooManyTexts);
    }
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    Ok(Questionnaire {
        version: leak(raw.version.clone()),
        reviewed: leak(raw.reviewed.clone()),
        sections: leak_list(sections),
        questions: leak_list(questions),
        rules: leak_list(rules),
        concerns: leak_list(concerns),
        advice: leak_list(advice),
        sources: leak_list(sources),
        text_keys: leak_list(b.texts.keys),
    })
}

impl<'r> Build<'r> {
    fn section(&mut self, s: &RawSection) -> Section {
        Section { id: SectionId(leak(s.id.clone())), title: self.texts.add(keys::section(&s.id)) }
    }

    fn question(&mut self, index: usize, q: &RawQuestion) -> Question {
        let at = format!("question `{}`", q.id);
        if !self.known_sections.contains(q.section.as_str()) {
            self.errors.push(ValidationError::UnknownId { at: at.clone(), what: "section", id: q.section.clone() });
        }
        let kind = named(
            &at,
            "kind (single, multiple or time_since)",
            &q.kind,
            Kind::from_name,
            Kind::Single,
            &mut self.errors,
        );
        if q.options.len() < 2 {
            self.errors.push(ValidationError::BadOptions { question: q.id.clone(), why: "needs at least two options" });
        }
        if kind.is_multiple() && !q.options.iter().any(|o| o == NONE) {
            self.errors.push(ValidationError::BadOptions {
                question: q.id.clone(),
                why: "a multiple-choice question must offer `none` (\"None of these\")",
            });
        }
        check_unique("option", q.options.iter().map(|o| o.as_str()), &mut self.errors);
        let is_concerns = match q.role.as_deref() {
            None => false,
            Some(role) => {
                named(&at, "role (concerns)", role, |r| (r == "concerns").then_some(true), false, &mut self.errors)
            }
        };
        let checker = ConditionChecker { raw: self.raw };
        let show_if = q
            .show_if
            .as_ref()
            .map(|c| checker.check(&at, Place::ShowIf { question: &q.id, earlier: index }, c, &mut self.errors));
        let own = q.options.iter().map(|o| keys::option_specific(&q.id, o));
        let text =
            self.texts.run([keys::question(&q.id), keys::hint(&q.id), keys::error(&q.id)].into_iter().chain(own));
        let shared = q.options.iter().map(|o| self.texts.add(keys::option_generic(o))).collect();
        Question {
            id: QuestionId(leak(q.id.clone())),
            section: SectionId(leak(q.section.clone())),
            kind,
            options: leak_list(q.options.iter().map(|o| OptionId(leak(o.clone()))).collect()),
            show_if,
            variants: variants(&at, &q.variants, &mut self.errors),
            facts: leak_list(q.facts.clone()),
            is_concerns,
            text,
            shared: leak_list(shared),
        }
    }

    fn rule(&mut self, r: &RawRule) -> Rule {
        let at = format!("rule `{}`", r.id);
        let level = named(&at, "level", &r.level, Level::from_name, Level::ProfessionalCheckFirst, &mut self.errors);
        if r.sources.is_empty() {
            self.errors.push(ValidationError::NoSource { rule: r.id.clone() });
        }
        let checker = ConditionChecker { raw: self.raw };
        Rule {
            id: RuleId(leak(r.id.clone())),
            level,
            when: checker.check(&at, Place::Rule, &r.when, &mut self.errors),
            sources: leak_list(sources(&at, &r.sources, &self.known_sources, &mut self.errors)),
            facts: leak_list(r.facts.clone()),
            variants: variants(&at, &r.variants, &mut self.errors),
            medicine: r.medicine,
            reason: self.texts.run([keys::rule_reason(&r.id), keys::rule_action(&r.id)]),
        }
    }

    /// Exactly one multiple-choice question has `role = "concerns"`, and its options and the
    /// `[[concern]]` entries match.
    fn concerns_question(&mut self, questions: &[Question]) {
        let why = |why: String| ValidationError::Concerns { why };
        match questions.iter().filter(|q| q.is_concerns).collect::<Vec<_>>().as_slice() {
            [question] => {
                if !question.kind.is_multiple() {
                    self.errors.push(why("the concerns question must be multiple choice".into()));
                }
                let offered =
                    question.options.iter().filter(|o| o.as_str() != NONE && o.as_str() != super::model::NOT_SURE);
                for option in offered {
                    if !self.raw.concerns.iter().any(|c| c.id == option.as_str()) {
                        self.errors.push(why(format!("option `{option}` has no [[concern]] entry")));
                    }
                }
                for c in &self.raw.concerns {
                    if !question.has_option(&c.id) {
                        self.errors.push(why(format!("[[concern]] `{}` is not an option of `{}`", c.id, question.id)));
                    }
                }
            }
            [] => self.errors.push(why("no question has `role = \"concerns\"`".into())),
            _ => self.errors.push(why("more than one question has `role = \"concerns\"`".into())),
        }
    }

    fn concern(&mut self, c: &RawConcern) -> Concern {
        let at = format!("concern `{}`", c.id);
        Concern {
            id: OptionId(leak(c.id.clone())),
            evidence: named(
                &at,
                "evidence grade",
                &c.evidence,
                Evidence::from_name,
                Evidence::Limited,
                &mut self.errors,
            ),
            sources: leak_list(sources(&at, &c.sources, &self.known_sources, &mut self.errors)),
            course: self.texts.run([keys::concern_course(&c.id), keys::concern_caveat(&c.id)]),
        }
    }

    fn advice(&mut self, a: &RawAdvice) -> Advice {
        let at = format!("advice `{}`", a.id);
        Advice {
            id: leak(a.id.clone()),
            group: named(&at, "advice group", &a.group, AdviceGroup::from_name, AdviceGroup::General, &mut self.errors),
            sources: leak_list(sources(&at, &a.sources, &self.known_sources, &mut self.errors)),
            variants: variants(&at, &a.variants, &mut self.errors),
            text: self.texts.add(keys::advice(&a.id)),
        }
    }

    fn source(&mut self, s: &RawSource) -> Source {
        let at = format!("source `{}`", s.id);
        let field = "strength (regulator, professional_body, peer_reviewed, secondary or clinic_protocol)";
        let strength = named(&at, field, &s.strength, Strength::from_name, Strength::ClinicProtocol, &mut self.errors);
        #[cfg(target_arch = "wasm32")]
        let _ = strength;
        Source {
            id: SourceId(leak(s.id.clone())),
            title: leak(s.title.clone()),
            #[cfg(not(target_arch = "wasm32"))]
            strength,
        }
    }
}

/// The keys a questionnaire needs in every locale, and the optional ones it may use.
/// One validated locale: its code, direction and every text by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocaleTexts {
    /// BCP 47 code, such as `en` or `ar`.
    pub code: String,
    /// Whether it is written right to left.
    pub rtl: bool,
    /// Key to text.
    pub texts: BTreeMap<String, String>,
}

/// The keys a questionnaire needs in every locale, and the optional ones it may use.
fn needed_keys(q: &Questionnaire, english: &BTreeMap<String, String>) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut required = BTreeSet::new();
    let mut optional = BTreeSet::new();
    for s in q.sections() {
        required.insert(keys::section(s.id().as_str()));
    }
    for question in q.questions() {
        let id = question.id().as_str();
        required.insert(keys::question(id));
        required.insert(keys::error(id));
        optional.insert(keys::hint(id));
        for option in question.options() {
            let specific = keys::option_specific(id, option.as_str());
            if english.contains_key(&specific) {
                required.insert(specific);
            } else {
                required.insert(keys::option_generic(option.as_str()));
            }
        }
    }
    for rule in q.rules() {
        required.insert(keys::rule_reason(rule.id().as_str()));
        required.insert(keys::rule_action(rule.id().as_str()));
    }
    for level in Level::ALL {
        required.insert(keys::level_title(level.name()));
        required.insert(keys::level_detail(level.name()));
    }
    for concern in q.concerns() {
        required.insert(keys::concern_course(concern.id().as_str()));
        required.insert(keys::concern_caveat(concern.id().as_str()));
        required.insert(keys::evidence(concern.evidence().name()));
    }
    for advice in q.advice() {
        required.insert(keys::advice(advice.id()));
    }
    for group in AdviceGroup::ALL {
        required.insert(keys::advice_group(group.name()));
    }
    (required, optional)
}

/// The `{placeholders}` in a text, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                found.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    found.sort();
    found
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>, file: &str, errors: &mut Errors) {
    for (key, value) in table {
        let key = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::String(text) => {
                out.insert(key, text.clone());
            }
            toml::Value::Table(inner) => flatten(&key, inner, out, file, errors),
            _ => errors
                .push(ValidationError::Syntax { file: file.to_string(), message: format!("`{key}` must be a string") }),
        }
    }
}

/// Validates `locales/index.toml` and every locale file it names, read through `read` by code.
///
/// The first locale in the index is the source (English): it decides which optional and `ui.*`
/// keys exist; every other locale must have exactly its keys, with the same placeholders.
pub fn locales(
    q: &Questionnaire,
    index: &str,
    read: impl Fn(&str) -> Option<String>,
) -> Result<Vec<LocaleTexts>, Vec<ValidationError>> {
    let index: RawLocaleIndex = toml::from_str(index).map_err(|e| {
        vec![ValidationError::Syntax { file: "locales/index".into(), message: e.to_string().trim().replace('\n', " ") }]
    })?;
    let mut errors = Vec::new();
    check_unique("locale", index.locales.iter().map(|l| l.code.as_str()), &mut errors);
    let mut tables = Vec::new();
    for entry in &index.locales {
        let rtl = match entry.dir.as_str() {
            "ltr" => false,
            "rtl" => true,
            other => {
                errors.push(ValidationError::UnknownValue {
                    at: format!("locale `{}`", entry.code),
                    field: "dir (ltr or rtl)",
                    value: other.to_string(),
                });
                false
            }
        };
        let Some(text) = read(&entry.code) else {
            errors.push(ValidationError::MissingLocale { locale: entry.code.clone() });
            continue;
        };
        let file = format!("locales/{}", entry.code);
        let mut texts = BTreeMap::new();
        match text.parse::<toml::Table>() {
            Ok(table) => flatten("", &table, &mut texts, &file, &mut errors),
            Err(e) => errors.push(ValidationError::Syntax { file, message: e.to_string().trim().replace('\n', " ") }),
        }
        tables.push(LocaleTexts { code: entry.code.clone(), rtl, texts });
    }
    let Some(source) = tables.first() else {
        errors.push(ValidationError::MissingLocale { locale: "en".into() });
        return Err(errors);
    };
    let (required, optional) = needed_keys(q, &source.texts);
    for key in &required {
        if !source.texts.contains_key(key) {
            errors.push(ValidationError::MissingText { locale: source.code.clone(), key: key.clone() });
        }
    }
    for key in source.texts.keys() {
        if !required.contains(key) && !optional.contains(key) && !key.starts_with(keys::SHELL) {
            errors.push(ValidationError::OrphanText { locale: source.code.clone(), key: key.clone() });
        }
    }
    for table in &tables {
        for (key, text) in &table.texts {
            if text.trim().is_empty() {
                errors.push(ValidationError::EmptyText { locale: table.code.clone(), key: key.clone() });
            }
        }
    }
    for table in tables.iter().skip(1) {
        for (key, english) in &source.texts {
            match table.texts.get(key) {
                None => errors.push(ValidationError::MissingText { locale: table.code.clone(), key: key.clone() }),
                Some(text) => {
                    let (expected, found) = (placeholders(english), placeholders(text));
                    if expected != found {
                        errors.push(ValidationError::Placeholders {
                            locale: table.code.clone(),
                            key: key.clone(),
                            expected,
                            found,
                        });
                    }
                }
            }
        }
        for key in table.texts.keys().filter(|key| !source.texts.contains_key(*key)) {
            errors.push(ValidationError::OrphanText { locale: table.code.clone(), key: key.clone() });
        }
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        Err(errors)
    }
}
