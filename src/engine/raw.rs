//! The content files as written, before validation: plain serde shapes with no invariants.
//!
//! Only [`super::validate`] reads these. They exist natively (build script, tests, tools) and are
//! never compiled into the widget, which ships the validated content as static data.

use serde::Deserialize;

/// `content/questionnaire.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub version: String,
    pub reviewed: String,
    #[serde(default, rename = "section")]
    pub sections: Vec<RawSection>,
    #[serde(default, rename = "question")]
    pub questions: Vec<RawQuestion>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RawRule>,
    #[serde(default, rename = "concern")]
    pub concerns: Vec<RawConcern>,
    #[serde(default, rename = "advice")]
    pub advice: Vec<RawAdvice>,
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub section: String,
    pub kind: String,
    pub options: Vec<String>,
    pub show_if: Option<RawCondition>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub facts: Vec<u16>,
    pub role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub level: String,
    pub when: RawCondition,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub facts: Vec<u16>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub medicine: bool,
}

/// One condition; exactly one of its forms must be filled in (checked by validation).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub q: Option<String>,
    pub is: Option<OneOrMany>,
    pub is_not: Option<String>,
    pub answered: Option<bool>,
    pub all: Option<Vec<RawCondition>>,
    pub any: Option<Vec<RawCondition>>,
    pub any_answer: Option<String>,
}

/// `"a"` or `["a", "b"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values as a list.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcern {
    pub id: String,
    pub evidence: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdvice {
    pub id: String,
    pub group: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub variants: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    /// regulator | professional_body | peer_reviewed | secondary | clinic_protocol
    pub strength: String,
}

/// `locales/index.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLocaleIndex {
    pub locales: Vec<RawLocaleEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLocaleEntry {
    pub code: String,
    pub dir: String,
}
