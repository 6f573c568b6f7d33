//! Every wording the visitor reads, per locale, compiled in from `locales/*.toml` by `build.rs`.
//!
//! Keys come from [`crate::engine::keys`] (content) or are `ui.*` keys used by the shell. Lookups
//! never fail: a missing key (impossible for validated content) shows the key itself.

use crate::engine::keys;

/// One compiled locale.
pub struct LocaleData {
    code: &'static str,
    rtl: bool,
    texts: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// A supported locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale(&'static LocaleData);

impl PartialEq for LocaleData {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for LocaleData {}
impl std::fmt::Debug for LocaleData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

impl Default for Locale {
    fn default() -> Locale {
        Locale::english()
    }
}

impl Locale {
    /// English, the source locale.
    pub fn english() -> Locale {
        Locale(&LOCALES[0])
    }

    /// Every supported locale, English first.
    pub fn all() -> impl Iterator<Item = Locale> {
        LOCALES.iter().map(Locale)
    }

    /// Finds a locale by a BCP 47 tag, matching its primary language (`es-MX` gives `es`).
    pub fn find(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Locale::all().find(|l| l.0.code == tag || l.0.code == primary)
    }

    /// Picks the first supported entry of a preference list (such as `navigator.languages`).
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Option<Locale> {
        preferred.into_iter().find_map(Locale::find)
    }

    /// The BCP 47 code, for `lang`.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// Whether it is written right to left, for `dir`.
    pub fn is_rtl(self) -> bool {
        self.0.rtl
    }

    /// The text for a key, or the key itself if there is none.
    pub fn text<'a>(self, key: &'a str) -> &'a str {
        match KEYS.binary_search(&key) {
            Ok(index) => self.0.texts.get(index).copied().unwrap_or(key),
            Err(_) => key,
        }
    }

    /// Whether a key has a text.
    pub fn has(self, key: &str) -> bool {
        KEYS.binary_search(&key).is_ok()
    }

    /// The text for a key with `{name}` placeholders filled in.
    pub fn format(self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.text(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// An option's text: under its question if written there, else the shared one.
    pub fn option(self, question: &str, option: &str) -> String {
        let specific = keys::option_specific(question, option);
        if self.has(&specific) {
            self.text(&specific).to_string()
        } else {
            self.text(&keys::option_generic(option)).to_string()
        }
    }

    /// A text for a derived key.
    pub fn get(self, key: String) -> String {
        self.text(&key).to_string()
    }
}
