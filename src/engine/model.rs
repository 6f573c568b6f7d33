//! The closed vocabulary of the questionnaire: ids, questions, conditions, rules and levels.
//!
//! Values of these types only come from [`super::validate`] (at build time, or natively in tests
//! and tools), so fields are private and read through getters: nothing else can build a
//! questionnaire that breaks the invariants listed in `ARCHITECTURE.md`.
//!
//! Text and lists are `&'static`: the compiled-in content is plain statics (no parsing at
//! start-up, and a `&str` is smaller than a `Cow`, about 1 kB less in the wasm). Content validated
//! from files natively (the CLI, tests) is leaked once to become `'static`; a process validates a
//! content file once, or a few small fixtures in tests.

use std::fmt;

/// A `'static` string, as used by every id.
pub type Str = &'static str;
/// A `'static` list.
pub type List<T> = &'static [T];

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub(super) Str);

        impl $name {
            /// The id as written in the content file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A stable question id: the form control's `name` and the FHIR `linkId`.
    QuestionId
);
id_type!(
    /// A stable option id: the form control's `value`.
    OptionId
);
id_type!(
    /// A stable rule id.
    RuleId
);
id_type!(
    /// A stable section id.
    SectionId
);
id_type!(
    /// A source reference from the fact sheet, such as `R7`.
    SourceId
);

/// A content text: its place among every locale's content texts. [`super::validate`] gives each
/// text a place as it builds the questionnaire (levels and evidence grades first, at fixed places;
/// then in content order, an item's texts side by side, so that most are found from the first),
/// `build.rs` stores every locale's texts in that order (an empty text for an optional one a locale
/// does not have), and `i18n::Locale::at` reads it. So the widget finds a text without its key: it
/// carries no keys at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(pub(super) u16);

impl Text {
    /// Its place among a locale's content texts.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The text `n` places further on (validation keeps an item's texts side by side).
    fn after(self, n: usize) -> Text {
        Text(u16::try_from(n).map_or(u16::MAX, |n| self.0.saturating_add(n)))
    }
}

/// The texts of one option of a question: its own text under that question, empty in every locale
/// if it has none (then the option shows its shared text), and the text shared by every question
/// that offers the option ("Yes", "I'm not sure").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionTexts {
    own: Text,
    shared: Text,
}

impl OptionTexts {
    /// The option's own text under its question (empty if it has none).
    pub fn own(self) -> Text {
        self.own
    }
    /// The option's shared text.
    pub fn shared(self) -> Text {
        self.shared
    }
}

/// The option id of "I'm not sure".
pub const NOT_SURE: &str = "not_sure";
/// The option id of "None of these" (exclusive in a multiple-choice question).
pub const NONE: &str = "none";

/// One definition of a closed enum's names: `ALL` (in the order given), `name()` (the stable
/// machine name used in content, JSON and text keys) and `from_name()`.
macro_rules! names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in this order.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The stable machine name.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// Parses a machine name.
            pub fn from_name(name: &str) -> Option<$ty> {
                $ty::ALL.into_iter().find(|value| value.name() == name)
            }
        }
    };
}

/// How cautious an outcome is. Declared least cautious first, so `max` is "most cautious wins".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Nothing in the answers suggests a specific concern.
    NoSpecificConcern,
    /// Worth mentioning at the consultation.
    WorthMentioning,
    /// A professional needs to check this first.
    ProfessionalCheckFirst,
    /// Not advisable right now.
    NotAdvisableNow,
}

// Most cautious first.
names!(Level {
    NotAdvisableNow => "not_advisable_now",
    ProfessionalCheckFirst => "professional_check_first",
    WorthMentioning => "worth_mentioning",
    NoSpecificConcern => "no_specific_concern",
});

impl Level {
    /// Its place in [`Level::ALL`].
    const fn rank(self) -> u16 {
        match self {
            Level::NotAdvisableNow => 0,
            Level::ProfessionalCheckFirst => 1,
            Level::WorthMentioning => 2,
            Level::NoSpecificConcern => 3,
        }
    }

    /// Its headline on the summary: the first texts are each level's headline and explanation.
    pub const fn title(self) -> Text {
        Text(2 * self.rank())
    }

    /// Its explanation on the summary.
    pub const fn detail(self) -> Text {
        Text(2 * self.rank() + 1)
    }

    /// Whether the visitor's next step is a consultation: every level but `NotAdvisableNow`, whose
    /// next step is their doctor or a call to the clinic, and whose summary leaves out the
    /// preparation and aftercare advice (it is not the next step).
    pub const fn books(self) -> bool {
        !matches!(self, Level::NotAdvisableNow)
    }
}

/// The treatment a clinic offers, set by configuration and never asked of the visitor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    /// Mechanical ("collagen induction") microneedling.
    #[default]
    Standard,
    /// Radiofrequency microneedling.
    Rf,
    /// Microneedling with platelet-rich plasma.
    Prp,
}

names!(Variant { Standard => "standard", Rf => "rf", Prp => "prp" });

/// Which clinic variants an item applies to; empty means all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variants(pub(super) List<Variant>);

impl Variants {
    /// Whether the item applies when the clinic offers `variant`.
    pub fn includes(&self, variant: Variant) -> bool {
        self.0.is_empty() || self.0.contains(&variant)
    }

    /// The listed variants (empty: all).
    pub fn listed(&self) -> &[Variant] {
        self.0
    }
}

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Exactly one option (radios).
    Single,
    /// One or more options, or "None of these" alone (checkboxes).
    Multiple,
    /// One option naming how long ago something happened (radios).
    TimeSince,
}

names!(Kind { Single => "single", Multiple => "multiple", TimeSince => "time_since" });

impl Kind {
    /// Whether more than one option may be chosen.
    pub fn is_multiple(self) -> bool {
        self == Kind::Multiple
    }
}

/// A visibility or rule condition on earlier answers, in the spirit of FHIR `enableWhen`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The question has an answer.
    Answered(QuestionId),
    /// The answer is, or includes, one of the options.
    Is(QuestionId, List<OptionId>),
    /// The question is answered and its answer is not, and does not include, the option.
    IsNot(QuestionId, OptionId),
    /// Every condition holds.
    All(List<Condition>),
    /// At least one condition holds.
    Any(List<Condition>),
    /// Any visible question's answer includes the option (rules only).
    AnyAnswer(OptionId),
}

impl Condition {
    /// Whether the condition looks at a question for which `matches` holds. `AnyAnswer` looks at
    /// every question.
    pub fn looks_at(&self, matches: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Condition::Answered(question) | Condition::Is(question, _) | Condition::IsNot(question, _) => {
                matches(question.as_str())
            }
            Condition::All(conditions) | Condition::Any(conditions) => conditions.iter().any(|c| c.looks_at(matches)),
            Condition::AnyAnswer(_) => true,
        }
    }
}

/// A group of questions with a caption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub(super) id: SectionId,
    pub(super) title: Text,
}

impl Section {
    /// The section's id.
    pub fn id(&self) -> &SectionId {
        &self.id
    }
    /// Its caption.
    pub fn title(&self) -> Text {
        self.title
    }
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub(super) id: QuestionId,
    pub(super) section: SectionId,
    pub(super) kind: Kind,
    pub(super) options: List<OptionId>,
    pub(super) show_if: Option<Condition>,
    pub(super) variants: Variants,
    /// Only the reviewer's tool reads it: the widget is built without it.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) facts: List<u16>,
    pub(super) is_concerns: bool,
    /// Its heading; its hint, its error and its options' own texts follow it.
    pub(super) text: Text,
    /// Each option's shared text, in the order of `options`.
    pub(super) shared: List<Text>,
}

impl Question {
    /// The stable id.
    pub fn id(&self) -> &QuestionId {
        &self.id
    }
    /// The section it belongs to.
    pub fn section(&self) -> &SectionId {
        &self.section
    }
    /// How it is answered.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// Its options, in display order.
    pub fn options(&self) -> &[OptionId] {
        self.options
    }
    /// Whether it offers the option.
    pub fn has_option(&self, option: &str) -> bool {
        self.options.iter().any(|o| o.as_str() == option)
    }
    /// When it is asked; `None` means always.
    pub fn show_if(&self) -> Option<&Condition> {
        self.show_if.as_ref()
    }
    /// The clinic variants it is asked for.
    pub fn variants(&self) -> &Variants {
        &self.variants
    }
    /// The fact-sheet §2 item numbers it covers.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn facts(&self) -> &[u16] {
        self.facts
    }
    /// Whether this is the "what would you like to improve" question.
    pub fn is_concerns(&self) -> bool {
        self.is_concerns
    }
    /// Its heading.
    pub fn text(&self) -> Text {
        self.text
    }
    /// Its one-line hint (empty if it has none).
    pub fn hint(&self) -> Text {
        self.text.after(1)
    }
    /// The error shown when it is left unanswered.
    pub fn error(&self) -> Text {
        self.text.after(2)
    }
    /// The texts of one of its options, if it offers it.
    pub fn option_texts(&self, option: &str) -> Option<OptionTexts> {
        let index = self.options.iter().position(|o| o.as_str() == option)?;
        Some(OptionTexts { own: self.text.after(3 + index), shared: *self.shared.get(index)? })
    }
}

/// A rule: when its condition holds on the visible answers, it adds a finding at its level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub(super) id: RuleId,
    pub(super) level: Level,
    pub(super) when: Condition,
    pub(super) sources: List<SourceId>,
    /// Only the reviewer's tool reads it: the widget is built without it.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) facts: List<u16>,
    pub(super) variants: Variants,
    pub(super) medicine: bool,
    /// Why it matters; what a professional would do follows it.
    pub(super) reason: Text,
}

impl Rule {
    /// The stable id.
    pub fn id(&self) -> &RuleId {
        &self.id
    }
    /// The level its finding carries.
    pub fn level(&self) -> Level {
        self.level
    }
    /// When it fires.
    pub fn when(&self) -> &Condition {
        &self.when
    }
    /// The fact-sheet references behind it (at least one).
    pub fn sources(&self) -> &[SourceId] {
        self.sources
    }
    /// The fact-sheet §2 item numbers it implements.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn facts(&self) -> &[u16] {
        self.facts
    }
    /// The clinic variants it applies to.
    pub fn variants(&self) -> &Variants {
        &self.variants
    }
    /// Whether it concerns a medicine, so the summary must add "do not stop a prescribed medicine".
    pub fn is_about_medicine(&self) -> bool {
        self.medicine
    }
    /// Why it matters, in plain words.
    pub fn reason(&self) -> Text {
        self.reason
    }
    /// What a professional would typically do about it.
    pub fn action(&self) -> Text {
        self.reason.after(1)
    }
}

/// How strong the evidence for a concern is (the fact sheet's own grading, §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Moderate.
    Moderate,
    /// Moderate as an add-on to other treatment.
    ModerateAddOn,
    /// Between moderate and limited.
    ModerateToLimited,
    /// Limited.
    Limited,
}

names!(Evidence {
    Moderate => "moderate",
    ModerateAddOn => "moderate_add_on",
    ModerateToLimited => "moderate_to_limited",
    Limited => "limited",
});

impl Evidence {
    /// Its wording: the texts after the levels' are each grade's, in the order of [`Evidence::ALL`].
    pub const fn text(self) -> Text {
        let rank = match self {
            Evidence::Moderate => 0,
            Evidence::ModerateAddOn => 1,
            Evidence::ModerateToLimited => 2,
            Evidence::Limited => 3,
        };
        Text(2 * Level::ALL.len() as u16 + rank)
    }
}

/// What to expect for one concern the visitor can choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concern {
    pub(super) id: OptionId,
    pub(super) evidence: Evidence,
    pub(super) sources: List<SourceId>,
    /// The typical course; the caveat follows it.
    pub(super) course: Text,
}

impl Concern {
    /// The option id of the concern in the concerns question.
    pub fn id(&self) -> &OptionId {
        &self.id
    }
    /// The evidence grade.
    pub fn evidence(&self) -> Evidence {
        self.evidence
    }
    /// Its sources.
    pub fn sources(&self) -> &[SourceId] {
        self.sources
    }
    /// The typical course.
    pub fn course(&self) -> Text {
        self.course
    }
    /// The regulatory caveat.
    pub fn caveat(&self) -> Text {
        self.course.after(1)
    }
}

/// Where a piece of advice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AdviceGroup {
    /// Shown to everyone: choosing a clinic, infection control, realistic expectations.
    General,
    /// Before treatment.
    Preparation,
    /// After treatment.
    Aftercare,
    /// When to seek help.
    RedFlag,
}

impl AdviceGroup {
    /// Whether the group is about a treatment the visitor is going ahead with (getting ready,
    /// aftercare, when to get help after it): left out when the level does not book
    /// ([`Level::books`]).
    pub const fn follows_booking(self) -> bool {
        !matches!(self, AdviceGroup::General)
    }
}

// In display order.
names!(AdviceGroup { General => "general", Preparation => "preparation", Aftercare => "aftercare", RedFlag => "red_flag" });

/// One point of advice shown on every summary (for the clinic's variant).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    pub(super) id: Str,
    pub(super) group: AdviceGroup,
    pub(super) sources: List<SourceId>,
    pub(super) variants: Variants,
    pub(super) text: Text,
}

impl Advice {
    /// The stable id.
    pub fn id(&self) -> &str {
        self.id
    }
    /// Where it is shown.
    pub fn group(&self) -> AdviceGroup {
        self.group
    }
    /// Its sources.
    pub fn sources(&self) -> &[SourceId] {
        self.sources
    }
    /// The clinic variants it applies to.
    pub fn variants(&self) -> &Variants {
        &self.variants
    }
    /// Its wording.
    pub fn text(&self) -> Text {
        self.text
    }
}

/// How much weight a source carries, as the fact sheet ranks it (§2's source levels, §6's
/// headings): for reviewers, natively only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// A regulator, a law, official guidance or device labelling (§6 "Regulators, law, official
    /// guidance").
    Regulator,
    /// A professional body or an academic centre.
    ProfessionalBody,
    /// A peer-reviewed review, consensus statement or study.
    PeerReviewed,
    /// Seen only partly or second-hand: an abstract with unconfirmed authors, a case report, a
    /// low-authority page (the fact sheet's R-X entries). Weak.
    Secondary,
    /// A clinic's or manufacturer-style protocol: practice variation, not evidence (R-C, and R8,
    /// a clinic's copy of a device maker's care sheet). Weak.
    ClinicProtocol,
}

// Strongest first.
names!(Strength {
    Regulator => "regulator",
    ProfessionalBody => "professional_body",
    PeerReviewed => "peer_reviewed",
    Secondary => "secondary",
    ClinicProtocol => "clinic_protocol",
});

impl Strength {
    /// Whether the fact sheet treats it as weak on its own.
    pub fn is_weak(self) -> bool {
        matches!(self, Strength::Secondary | Strength::ClinicProtocol)
    }
}

/// A reference from the fact sheet's §6.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub(super) id: SourceId,
    pub(super) title: Str,
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) strength: Strength,
}

impl Source {
    /// How much weight it carries (natively only: for reviewers).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn strength(&self) -> Strength {
        self.strength
    }
    /// The R-number.
    pub fn id(&self) -> &SourceId {
        &self.id
    }
    /// Its bibliographic title (not translated: it names a document).
    pub fn title(&self) -> &str {
        self.title
    }
}

/// The whole validated questionnaire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Questionnaire {
    pub(super) version: Str,
    pub(super) reviewed: Str,
    pub(super) sections: List<Section>,
    pub(super) questions: List<Question>,
    pub(super) rules: List<Rule>,
    pub(super) concerns: List<Concern>,
    pub(super) advice: List<Advice>,
    pub(super) sources: List<Source>,
    /// The key of each text, in their order: the locale files' keys. Natively only (`build.rs`
    /// orders the locales' texts by it; the reviewer's tool and the tests find texts by key).
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) text_keys: List<Str>,
}

impl Questionnaire {
    /// The content version, shown on every summary and export.
    pub fn version(&self) -> &str {
        self.version
    }
    /// The date the content was last reviewed (ISO 8601).
    pub fn reviewed(&self) -> &str {
        self.reviewed
    }
    /// Sections, in order.
    pub fn sections(&self) -> &[Section] {
        self.sections
    }
    /// Questions, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        self.questions
    }
    /// Rules, in reading order.
    pub fn rules(&self) -> &[Rule] {
        self.rules
    }
    /// Expectations per concern.
    pub fn concerns(&self) -> &[Concern] {
        self.concerns
    }
    /// Advice points.
    pub fn advice(&self) -> &[Advice] {
        self.advice
    }
    /// Sources.
    pub fn sources(&self) -> &[Source] {
        self.sources
    }
    /// The key of each text, in the order of [`Text`]s (natively only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn text_keys(&self) -> &[&'static str] {
        self.text_keys
    }
    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id.as_str() == id)
    }
    /// The position of a question in asking order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id.as_str() == id)
    }
    /// A section by id.
    pub fn section(&self, id: &SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == *id)
    }
    /// A source by id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == *id)
    }
    /// The concern expectations for an option of the concerns question.
    pub fn concern(&self, id: &OptionId) -> Option<&Concern> {
        self.concerns.iter().find(|c| c.id == *id)
    }
}
