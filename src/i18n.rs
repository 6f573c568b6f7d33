//! Every wording the visitor reads, per locale, compiled in from `locales/*.toml` by `build.rs`.
//!
//! Content texts are found by their place, a [`Text`] that the questionnaire's items carry
//! ([`crate::engine::Question::text`], [`crate::engine::Rule::reason`], …), which validation gave
//! them and `build.rs` stores the texts by. The shell's own `ui.*` texts are named with [`ui!`],
//! which finds each one's place at compile time: a key missing from `locales/en.toml` does not
//! compile. So the widget carries no text keys. Natively (the reviewer's tool, tests) any text
//! can also be found by its key ([`Locale::text`]).

use std::sync::OnceLock;

use crate::engine::{self, AdviceGroup, Level, SourceId, Text};

/// One supported locale: its code and direction and, natively, its texts (content texts in the
/// order of their [`Text`] places, then the `ui.*` texts in the order of `UI_KEYS`, separated by
/// U+0001). The widget carries no texts: it receives each locale's as a pack ([`Locale::load_pack`]).
pub struct LocaleData {
    code: &'static str,
    rtl: bool,
    #[cfg(not(target_arch = "wasm32"))]
    texts: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Each locale's pack, in the order of `LOCALES` (written by `build.rs` beside `locales.rs`).
#[cfg(not(target_arch = "wasm32"))]
mod packs {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

/// `ui!("ui.back")`: the [`Ui`] text of that key, found at compile time.
macro_rules! ui {
    ($key:literal) => {
        const { $crate::i18n::Ui::find($key) }
    };
}
pub(crate) use ui;

/// One of the shell's `ui.*` texts: its place among them, after the content's texts in every
/// locale (`build.rs` puts them there, in the order of `UI_KEYS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ui(usize);

impl Ui {
    /// The text of a `ui.*` key in `locales/en.toml`. Meant for compile time, through [`ui!`],
    /// where an unknown key stops the build; called at run time (natively, in tests), it panics.
    pub const fn find(key: &str) -> Ui {
        let mut i = 0;
        while i < UI_KEYS.len() {
            if same(UI_KEYS[i].as_bytes(), key.as_bytes()) {
                return Ui(i);
            }
            i += 1;
        }
        panic!("no such ui.* key in locales/en.toml");
    }

    /// A `ui.*` key named by a string at run time: natively only (the reviewer's tool, tests).
    #[cfg(not(target_arch = "wasm32"))]
    fn by_name(key: &str) -> Option<Ui> {
        UI_KEYS.iter().position(|k| *k == key).map(Ui)
    }
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The heading of an advice group (`ui.advice.<name>`) on a summary of `level`: when the level
/// does not book, the general advice is for later, and its heading says so.
pub fn advice_heading(group: AdviceGroup, level: Level) -> Ui {
    match group {
        AdviceGroup::General if !level.books() => ui!("ui.advice.later"),
        AdviceGroup::General => ui!("ui.advice.general"),
        AdviceGroup::Preparation => ui!("ui.advice.preparation"),
        AdviceGroup::Aftercare => ui!("ui.advice.aftercare"),
        AdviceGroup::RedFlag => ui!("ui.advice.red_flag"),
    }
}

/// The heading of a group of findings (`ui.group.<level>`): not the level's own headline, which
/// is the summary's heading.
pub fn group_heading(level: Level) -> Ui {
    match level {
        Level::NotAdvisableNow => ui!("ui.group.not_advisable_now"),
        Level::ProfessionalCheckFirst => ui!("ui.group.professional_check_first"),
        Level::WorthMentioning | Level::NoSpecificConcern => ui!("ui.group.worth_mentioning"),
    }
}

/// The next step for a summary of `level`, with a `{clinic}` placeholder: not booking yet (their
/// doctor, or asking the clinic), a consultation before any treatment, or bringing the summary
/// to a consultation.
pub fn next_step(level: Level) -> Ui {
    match level {
        Level::NotAdvisableNow => ui!("ui.next.stop"),
        Level::ProfessionalCheckFirst => ui!("ui.next.check"),
        Level::WorthMentioning | Level::NoSpecificConcern => ui!("ui.summary.next"),
    }
}

const SEPARATOR: char = '\u{1}';

/// A text's first `{name}` placeholder: the text before it, its name and the text after it.
/// Searching for a `char`, not a `&str`: substring search is 0.9 kB of code the widget lacks.
fn placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let (before, rest) = text.split_once('{')?;
    let (name, after) = rest.split_once('}')?;
    Some((before, name, after))
}

/// A text with its `{name}` placeholders filled in, in one pass: a value is never searched for
/// placeholders, and a placeholder with no value stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
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

/// Each locale's texts, split once per process (the widget is single-threaded; `OnceLock` keeps it
/// correct natively too): natively from the compiled-in string, in the widget from its pack.
static TEXTS: [OnceLock<Vec<&'static str>>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];

fn texts(index: usize) -> &'static [&'static str] {
    let Some(cell) = TEXTS.get(index) else { return &[] };
    #[cfg(not(target_arch = "wasm32"))]
    let texts = LOCALES.get(index).map(|locale| cell.get_or_init(|| locale.texts.split(SEPARATOR).collect()));
    #[cfg(target_arch = "wasm32")]
    let texts = cell.get();
    texts.map_or(&[], Vec::as_slice)
}

/// A locale pack's texts, if it fits this build: its first part is the fingerprint of the texts'
/// order (`build.rs`) and the rest are exactly as many texts as this build places.
fn unpack(pack: &str) -> Option<Vec<&str>> {
    let (fingerprint, rest) = pack.split_once(SEPARATOR)?;
    let texts: Vec<&str> = rest.split(SEPARATOR).collect();
    (fingerprint == FINGERPRINT && texts.len() == TEXT_COUNT).then_some(texts)
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

    /// Whether this locale's texts are here: always natively; in the widget once its pack is loaded.
    pub fn is_loaded(self) -> bool {
        !texts(self.0).is_empty()
    }

    /// Takes this locale's pack (the file `pack` writes, as text); returns whether it fits this
    /// build (see [`unpack`]). A second pack for a loaded locale changes nothing.
    pub fn load_pack(self, pack: String) -> bool {
        let Some(cell) = TEXTS.get(self.0) else { return false };
        if cell.get().is_some() {
            return true;
        }
        match unpack(Box::leak(pack.into_boxed_str())) {
            Some(texts) => cell.set(texts).is_ok(),
            None => false,
        }
    }

    /// This locale's pack as `build.rs` wrote it: the fingerprint of the texts' order, then every
    /// text, separated by U+0001 (natively only: `examples/locale_packs.rs` writes the shipped
    /// packs with it).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn pack(self) -> &'static str {
        packs::PACKS.get(self.0).map_or("", |(_, pack)| pack)
    }

    /// A content text (empty for an optional text the locale does not have).
    pub fn at(self, text: Text) -> &'static str {
        texts(self.0).get(text.index()).copied().unwrap_or_default()
    }

    /// The text of a key (content or `ui.*`), or the key itself if there is none: natively only,
    /// for the reviewer's tool and the tests. The widget finds its texts by place.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn text(self, key: &str) -> &str {
        match engine::questionnaire().text_keys().iter().position(|k| *k == key) {
            Some(index) => texts(self.0).get(index).copied().filter(|t| !t.is_empty()).unwrap_or(key),
            None => Ui::by_name(key).map_or(key, |ui| self.ui(ui)),
        }
    }

    /// Every key with its text, content keys first, then the shell's (natively only, like
    /// [`Locale::text`]): for the translation checks.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn entries(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let content = engine::questionnaire().text_keys().iter().copied();
        content.chain(UI_KEYS.iter().copied()).map(move |key| (key, self.text(key))).filter(|(key, text)| key != text)
    }

    /// Whether a key has a text (natively only, like [`Locale::text`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn has(self, key: &str) -> bool {
        self.text(key) != key
    }

    /// The text of a key made with [`crate::engine::keys`], as a `String` (natively only, like
    /// [`Locale::text`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn get(self, key: String) -> String {
        self.text(&key).to_string()
    }

    /// One of the shell's texts.
    pub fn ui(self, key: Ui) -> &'static str {
        let texts = texts(self.0);
        texts.len().checked_sub(UI_KEYS.len()).and_then(|start| texts.get(start + key.0)).copied().unwrap_or_default()
    }

    /// One of the shell's texts with its `{name}` placeholders filled in (see [`fill`]).
    pub fn format(self, key: Ui, values: &[(&str, &str)]) -> String {
        fill(self.ui(key), values)
    }

    /// The line naming a finding's or concern's sources ("Sources: R7, R9").
    pub fn sources(self, ids: &[SourceId]) -> String {
        let ids: Vec<&str> = ids.iter().map(SourceId::as_str).collect();
        self.format(ui!("ui.summary.sources"), &[("ids", &join(&ids, ", "))])
    }

    /// An option's text: its own under its question if it has one, else the shared one (the
    /// option's id if no compiled-in question offers it, which validated answers never ask for).
    pub fn option(self, question: &str, option: &str) -> String {
        let texts = engine::questionnaire().question(question).and_then(|q| q.option_texts(option));
        match texts {
            Some(texts) => match self.at(texts.own()) {
                "" => self.at(texts.shared()).to_string(),
                own => own.to_string(),
            },
            None => option.to_string(),
        }
    }

    /// A compiled-in question's heading, by its id (empty if there is no such question).
    pub fn question(self, id: &str) -> &'static str {
        engine::questionnaire().question(id).map_or("", |q| self.at(q.text()))
    }
}

#[cfg(test)]
mod tests {
    use super::{around, fill, join, Locale};

    #[test]
    fn format_fills_each_placeholder_once_and_keeps_unknown_ones() {
        let en = Locale::english();
        let template = en.ui(ui!("ui.progress"));
        let (before, rest) = template.split_once("{n}").expect("ui.progress has {n}");
        let (between, after) = rest.split_once("{m}").expect("ui.progress has {m} after {n}");
        let filled = en.format(ui!("ui.progress"), &[("n", "{m}"), ("m", "9")]);
        assert_eq!(filled, format!("{before}{{m}}{between}9{after}"));
        assert_eq!(en.format(ui!("ui.progress"), &[]), template);
        assert_eq!(fill("no.such.key {x} {", &[("x", "1")]), "no.such.key 1 {");
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
    #[cfg(not(target_arch = "wasm32"))]
    fn a_pack_fits_only_the_build_that_wrote_it() {
        use super::unpack;
        let pack = Locale::english().pack();
        let texts = unpack(pack).expect("a pack of this build fits");
        assert_eq!(texts.len(), super::TEXT_COUNT);
        assert_eq!(texts.last(), Some(&Locale::english().ui(super::Ui(super::UI_KEYS.len() - 1))));
        let other = pack.replacen(super::FINGERPRINT, "00000000", 1);
        assert!(unpack(&other).is_none(), "another build's fingerprint");
        assert!(unpack(&format!("{pack}\u{1}one more")).is_none(), "one text too many");
        assert!(unpack(pack.rsplit_once('\u{1}').unwrap().0).is_none(), "one text too few");
        assert!(unpack("").is_none() && unpack("garbage").is_none());
        assert!(Locale::english().load_pack(pack.to_string()), "natively every locale is loaded already");
        assert!(Locale::all().all(Locale::is_loaded));
    }

    /// Natively only: these find texts by key, which the widget cannot.
    #[cfg(not(target_arch = "wasm32"))]
    mod by_key {
        use super::super::{advice_heading, AdviceGroup, Locale, Text, Ui, UI_KEYS};
        use crate::engine::{self, keys};

        #[test]
        fn ui_texts_are_found_by_their_keys_and_content_texts_are_not_among_them() {
            for locale in Locale::all() {
                assert_eq!(locale.ui(ui!("ui.back")), locale.text("ui.back"), "{}", locale.code());
                assert!(!locale.ui(ui!("ui.back")).is_empty() && locale.ui(ui!("ui.back")) != "ui.back");
                assert_eq!(locale.ui(Ui::find(UI_KEYS[0])), locale.text(UI_KEYS[0]));
                let last = UI_KEYS[UI_KEYS.len() - 1];
                assert_eq!(locale.ui(Ui::find(last)), locale.text(last), "the last ui text is the last text");
                assert!(
                    locale.has("ui.back") && !engine::questionnaire().text_keys().contains(&"ui.back"),
                    "natively only: the widget has no ui.* keys"
                );
            }
            assert_eq!(
                Locale::english().ui(ui!("ui.advice.general")),
                Locale::english().text(&keys::advice_group("general"))
            );
            for group in AdviceGroup::ALL {
                let heading = advice_heading(group, engine::Level::NoSpecificConcern);
                assert_eq!(heading, Ui::find(&keys::advice_group(group.name())), "{}", group.name());
            }
            assert_eq!(advice_heading(AdviceGroup::General, engine::Level::NotAdvisableNow), ui!("ui.advice.later"));
        }

        /// Each item's texts are at the places validation gave them: the same texts their keys find.
        #[test]
        fn every_item_finds_the_texts_of_its_keys() {
            let q = engine::questionnaire();
            for locale in Locale::all() {
                let same = |text: Text, key: String| {
                    let by_key = if locale.has(&key) { locale.text(&key) } else { "" };
                    assert_eq!(locale.at(text), by_key, "{}: {key}", locale.code());
                };
                for level in engine::Level::ALL {
                    same(level.title(), keys::level_title(level.name()));
                    same(level.detail(), keys::level_detail(level.name()));
                }
                for grade in engine::Evidence::ALL {
                    same(grade.text(), keys::evidence(grade.name()));
                }
                for section in q.sections() {
                    same(section.title(), keys::section(section.id().as_str()));
                }
                for question in q.questions() {
                    let id = question.id().as_str();
                    same(question.text(), keys::question(id));
                    same(question.hint(), keys::hint(id));
                    same(question.error(), keys::error(id));
                    assert!(!locale.at(question.text()).is_empty() && !locale.at(question.error()).is_empty());
                    for option in question.options() {
                        let texts = question.option_texts(option.as_str()).expect("every option has texts");
                        same(texts.own(), keys::option_specific(id, option.as_str()));
                        same(texts.shared(), keys::option_generic(option.as_str()));
                        let shown = locale.option(id, option.as_str());
                        assert!(!shown.is_empty() && shown != option.as_str(), "{}: {id}/{option}", locale.code());
                    }
                }
                for rule in q.rules() {
                    same(rule.reason(), keys::rule_reason(rule.id().as_str()));
                    same(rule.action(), keys::rule_action(rule.id().as_str()));
                }
                for concern in q.concerns() {
                    same(concern.course(), keys::concern_course(concern.id().as_str()));
                    same(concern.caveat(), keys::concern_caveat(concern.id().as_str()));
                }
                for advice in q.advice() {
                    same(advice.text(), keys::advice(advice.id()));
                }
                assert_eq!(locale.option("no_such_question", "yes"), "yes");
            }
        }
    }
}
