//! Every wording the visitor reads, per locale, compiled in from `locales/*.toml` by `build.rs`.
//!
//! Keys come from [`crate::engine::keys`] (content) or are `ui.*` keys used by the shell. Lookups
//! never fail: a missing key (impossible for validated content) shows the key itself.

use std::sync::OnceLock;

use crate::engine::{keys, SourceId};

/// One compiled locale: its texts in key order, separated by U+0001.
pub struct LocaleData {
    code: &'static str,
    rtl: bool,
    texts: Texts,
}

/// A locale's joined texts as compiled in by `build.rs`.
enum Texts {
    /// UTF-8, used in place: for an ASCII-only locale (English), and for one with more than 128
    /// different non-ASCII characters (no shipped locale yet).
    Utf8(&'static str),
    /// One byte per character: ASCII as itself, and byte `0x80 + i` for the `i`-th of the locale's
    /// own non-ASCII characters. Smaller once gzipped than UTF-8 (Arabic by a sixth).
    Packed(&'static [u8], &'static [char]),
}

impl Texts {
    /// The texts as a string, unpacked (once per locale and process: the caller keeps it).
    fn unpack(&self) -> &'static str {
        match *self {
            Texts::Utf8(text) => text,
            Texts::Packed(bytes, chars) => {
                let text: String = bytes
                    .iter()
                    .map(|&b| match b.checked_sub(0x80) {
                        None => char::from(b),
                        Some(i) => chars.get(usize::from(i)).copied().unwrap_or(char::REPLACEMENT_CHARACTER),
                    })
                    .collect();
                Box::leak(text.into_boxed_str())
            }
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

const SEPARATOR: char = '\u{1}';

/// A text's first `{name}` placeholder: the text before it, its name and the text after it.
/// Searching for a `char`, not a `&str`: substring search is 0.9 kB of code the widget lacks.
fn placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let (before, rest) = text.split_once('{')?;
    let (name, after) = rest.split_once('}')?;
    Some((before, name, after))
}

/// A text split around its `{name}` placeholder, or `None` if it has none.
pub fn around<'a>(text: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let mut start = 0;
    while let Some((before, found, after)) = placeholder(text.get(start..)?) {
        if found == name {
            return Some((text.get(..start + before.len())?, after));
        }
        start += before.len() + 1;
    }
    None
}

/// The parts with `separator` between them: `[T]::join`, in one small function. The standard
/// library's copies the separator by size in several unrolled loops (0.8 kB of code in the widget).
pub fn join(parts: &[&str], separator: &str) -> String {
    let mut out = String::new();
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// Splits a compiled string into its parts, once per process (the widget is single-threaded;
/// `OnceLock` keeps it correct natively too).
fn split(cell: &'static OnceLock<Vec<&'static str>>, blob: impl FnOnce() -> &'static str) -> &'static [&'static str] {
    cell.get_or_init(|| blob().split(SEPARATOR).collect())
}

fn keys() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    split(&CELL, || KEYS)
}

fn texts(index: usize) -> &'static [&'static str] {
    static CELLS: [OnceLock<Vec<&'static str>>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
    match (CELLS.get(index), LOCALES.get(index)) {
        (Some(cell), Some(locale)) => split(cell, || locale.texts.unpack()),
        _ => &[],
    }
}

/// A supported locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale(usize);

impl Default for Locale {
    fn default() -> Locale {
        Locale::english()
    }
}

impl Locale {
    /// English, the source locale.
    pub fn english() -> Locale {
        Locale(0)
    }

    /// Every supported locale, English first.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..LOCALES.len()).map(Locale)
    }

    /// Finds a locale by a BCP 47 tag, matching its primary language (`es-MX` gives `es`).
    pub fn find(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Locale::all().find(|l| l.code() == tag || l.code() == primary)
    }

    /// Picks the first supported entry of a preference list (such as `navigator.languages`).
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Option<Locale> {
        preferred.into_iter().find_map(Locale::find)
    }

    /// The BCP 47 code, for `lang`.
    pub fn code(self) -> &'static str {
        LOCALES.get(self.0).map_or("en", |l| l.code)
    }

    /// Whether it is written right to left, for `dir`.
    pub fn is_rtl(self) -> bool {
        LOCALES.get(self.0).is_some_and(|l| l.rtl)
    }

    /// The text for a key, or the key itself if there is none.
    pub fn text(self, key: &str) -> &str {
        match keys().binary_search(&key) {
            Ok(index) => texts(self.0).get(index).copied().unwrap_or(key),
            Err(_) => key,
        }
    }

    /// Whether a key has a text.
    pub fn has(self, key: &str) -> bool {
        keys().binary_search(&key).is_ok()
    }

    /// The text for a key with `{name}` placeholders filled in, in one pass: a value is never
    /// searched for placeholders, and a placeholder with no value stays as it is.
    pub fn format(self, key: &str, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.text(key);
        while let Some((before, name, after)) = placeholder(rest) {
            out.push_str(before);
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => {
                    out.push_str(value);
                    rest = after;
                }
                None => {
                    out.push('{');
                    rest = rest.get(before.len() + 1..).unwrap_or_default();
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The line naming a finding's or concern's sources ("Sources: R7, R9").
    pub fn sources(self, ids: &[SourceId]) -> String {
        let ids: Vec<&str> = ids.iter().map(SourceId::as_str).collect();
        self.format("ui.summary.sources", &[("ids", &join(&ids, ", "))])
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

#[cfg(test)]
mod tests {
    use super::{around, join, Locale, Texts};

    #[test]
    fn format_fills_each_placeholder_once_and_keeps_unknown_ones() {
        let en = Locale::english();
        let template = en.text("ui.progress");
        let (before, rest) = template.split_once("{n}").expect("ui.progress has {n}");
        let (between, after) = rest.split_once("{m}").expect("ui.progress has {m} after {n}");
        let filled = en.format("ui.progress", &[("n", "{m}"), ("m", "9")]);
        assert_eq!(filled, format!("{before}{{m}}{between}9{after}"));
        assert_eq!(en.format("ui.progress", &[]), template);
        assert_eq!(en.format("no.such.key {x} {", &[("x", "1")]), "no.such.key 1 {");
    }

    #[test]
    fn join_puts_the_separator_between_parts_only() {
        assert_eq!(join(&[], ", "), "");
        assert_eq!(join(&["R7"], ", "), "R7");
        assert_eq!(join(&["R7", "R9", "R-C2"], ", "), "R7, R9, R-C2");
    }

    #[test]
    fn around_splits_a_text_at_its_placeholder() {
        assert_eq!(around("Book at {clinic} today", "clinic"), Some(("Book at ", " today")));
        assert_eq!(around("{c} {clin} {clinic}", "clinic"), Some(("{c} {clin} ", "")));
        assert_eq!(around("{clinic", "clinic"), None);
        assert_eq!(around("no placeholder", "clinic"), None);
    }

    #[test]
    fn packed_texts_unpack_to_their_characters_and_utf8_stays_as_it_is() {
        let packed = Texts::Packed(b"caf\x80 \x81\x80\x01x\xff", &['é', 'ب']);
        assert_eq!(packed.unpack(), "café بé\u{1}x\u{fffd}");
        assert_eq!(Texts::Utf8("مرحبا").unpack(), "مرحبا");
    }
}
