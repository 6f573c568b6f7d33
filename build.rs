//! Build script: validates the content and locale files and compiles them into static Rust data.
//!
//! The widget never parses content at start-up and ships no parser: what it runs is the output of
//! this script, written only after `engine::validate` accepted every file. Invalid content stops
//! the build with every problem listed.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/engine/keys.rs"]
mod keys;
#[allow(dead_code)]
#[path = "src/engine/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/engine/raw.rs"]
mod raw;
#[allow(dead_code)]
#[path = "src/engine/validate.rs"]
mod validate;

use model::{Condition, List, Questionnaire, Text, Variants};

fn main() {
    for watched in [
        "content",
        "locales",
        "styles/widget.css",
        "src/engine/model.rs",
        "src/engine/raw.rs",
        "src/engine/validate.rs",
        "src/engine/keys.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let read = |path: &str| fs::read_to_string(path).unwrap_or_else(|e| fail(&[format!("{path}: {e}")]));
    let questionnaire = validate::questionnaire(&read("content/questionnaire.toml")).unwrap_or_else(|errors| {
        fail(&errors.iter().map(|e| format!("content/questionnaire.toml: {e}")).collect::<Vec<_>>())
    });
    let locales = validate::locales(&questionnaire, &read("locales/index.toml"), |code| {
        fs::read_to_string(format!("locales/{code}.toml")).ok()
    })
    .unwrap_or_else(|errors| fail(&errors.iter().map(ToString::to_string).collect::<Vec<_>>()));

    let out = env::var("OUT_DIR").unwrap_or_else(|e| fail(&[format!("OUT_DIR: {e}")]));
    write(&Path::new(&out).join("questionnaire.rs"), &questionnaire_code(&questionnaire));
    write(&Path::new(&out).join("locales.rs"), &locales_code(&questionnaire, &locales));
    write(&Path::new(&out).join("widget.css"), &minify_css(&read("styles/widget.css")));
}

/// Drops comments, needless white space and each rule's last `;` from the widget's stylesheet (it
/// is compiled into the wasm). A space after a `:` that ends a word goes (`display: block`), one
/// before a `:` stays: `.mc :focus` and `.mc:focus` mean different things. (The stylesheet has no
/// string with `: ` or `;}` in it, which this would change.)
fn minify_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joins = |c: char| "{};,".contains(c);
        if word.starts_with('}') && out.ends_with(';') {
            out.pop();
        }
        if !out.is_empty() && !out.ends_with(joins) && !out.ends_with(':') && !word.starts_with(joins) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn fail(errors: &[String]) -> ! {
    for error in errors {
        println!("cargo:warning={error}");
    }
    panic!("the content is invalid ({} problems):\n  {}", errors.len(), errors.join("\n  "));
}

fn write(path: &Path, code: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(code) {
        fs::write(path, code).unwrap_or_else(|e| fail(&[format!("{}: {e}", path.display())]));
    }
}

/// Emits Rust expressions for the model; every list becomes its own named static so that nested
/// borrowed data is plainly `'static`.
#[derive(Default)]
struct Gen {
    statics: String,
    count: usize,
}

fn string(text: &str) -> String {
    format!("{text:?}")
}

impl Gen {
    fn list<T>(&mut self, ty: &str, items: &[T], mut item: impl FnMut(&mut Gen, &T) -> String) -> String {
        let exprs: Vec<String> = items.iter().map(|i| item(self, i)).collect();
        let name = format!("L{}", self.count);
        self.count += 1;
        let _ = writeln!(self.statics, "static {name}: [{ty}; {}] = [{}];", exprs.len(), exprs.join(", "));
        format!("&{name}")
    }

    fn ids<T: std::fmt::Display + Clone>(&mut self, ty: &str, items: &List<T>) -> String {
        self.list(ty, items, |_, id| format!("{ty}({})", string(&id.to_string())))
    }

    fn variants(&mut self, variants: &Variants) -> String {
        let list = self.list("Variant", variants.listed(), |_, v| format!("Variant::{v:?}"));
        format!("Variants({list})")
    }

    fn condition(&mut self, condition: &Condition) -> String {
        match condition {
            Condition::Answered(q) => format!("Condition::Answered(QuestionId({}))", string(q.as_str())),
            Condition::Is(q, options) => {
                let options = self.ids("OptionId", options);
                format!("Condition::Is(QuestionId({}), {options})", string(q.as_str()))
            }
            Condition::IsNot(q, o) => {
                format!("Condition::IsNot(QuestionId({}), OptionId({}))", string(q.as_str()), string(o.as_str()))
            }
            Condition::All(items) => {
                format!("Condition::All({})", self.list("Condition", items, |g, c| g.condition(c)))
            }
            Condition::Any(items) => {
                format!("Condition::Any({})", self.list("Condition", items, |g, c| g.condition(c)))
            }
            Condition::AnyAnswer(o) => format!("Condition::AnyAnswer(OptionId({}))", string(o.as_str())),
        }
    }
}

/// A question's or rule's fact-sheet item numbers, as a field only native builds have: the reviewer's
/// tool lists them, the widget never reads them.
fn facts(numbers: &[u16]) -> String {
    let numbers: Vec<String> = numbers.iter().map(u16::to_string).collect();
    format!("#[cfg(not(target_arch = \"wasm32\"))] facts: &[{}]", numbers.join(", "))
}

fn text(text: Text) -> String {
    format!("Text({})", text.index())
}

fn questionnaire_code(q: &Questionnaire) -> String {
    let mut g = Gen::default();
    let sections = g.list("Section", q.sections(), |_, s| {
        format!("Section {{ id: SectionId({}), title: {} }}", string(s.id().as_str()), text(s.title()))
    });
    let questions = g.list("Question", q.questions(), |g, question| {
        let options = g.ids("OptionId", &question.options);
        let shared = g.list("Text", question.options(), |_, option| {
            let texts = question.option_texts(option.as_str()).unwrap_or_else(|| fail(&["an option without texts".into()]));
            text(texts.shared())
        });
        let show_if = match question.show_if() {
            Some(c) => format!("Some({})", g.condition(c)),
            None => "None".into(),
        };
        let variants = g.variants(question.variants());
        let facts = facts(question.facts());
        format!(
            "Question {{ id: QuestionId({}), section: SectionId({}), kind: Kind::{:?}, options: {options}, show_if: {show_if}, variants: {variants}, {facts}, is_concerns: {}, text: {}, shared: {shared} }}",
            string(question.id().as_str()),
            string(question.section().as_str()),
            question.kind(),
            question.is_concerns(),
            text(question.text()),
        )
    });
    let rules = g.list("Rule", q.rules(), |g, rule| {
        let when = g.condition(rule.when());
        let sources = g.ids("SourceId", &rule.sources);
        let facts = facts(rule.facts());
        let variants = g.variants(rule.variants());
        format!(
            "Rule {{ id: RuleId({}), level: Level::{:?}, when: {when}, sources: {sources}, {facts}, variants: {variants}, medicine: {}, reason: {} }}",
            string(rule.id().as_str()),
            rule.level(),
            rule.is_about_medicine(),
            text(rule.reason()),
        )
    });
    let concerns = g.list("Concern", q.concerns(), |g, c| {
        let sources = g.ids("SourceId", &c.sources);
        format!(
            "Concern {{ id: OptionId({}), evidence: Evidence::{:?}, sources: {sources}, course: {} }}",
            string(c.id().as_str()),
            c.evidence(),
            text(c.course()),
        )
    });
    let advice = g.list("Advice", q.advice(), |g, a| {
        let sources = g.ids("SourceId", &a.sources);
        let variants = g.variants(a.variants());
        format!(
            "Advice {{ id: {}, group: AdviceGroup::{:?}, sources: {sources}, variants: {variants}, text: {} }}",
            string(a.id()),
            a.group(),
            text(a.text()),
        )
    });
    let sources = g.list("Source", q.sources(), |_, s| {
        format!(
            "Source {{ id: SourceId({}), title: {}, #[cfg(not(target_arch = \"wasm32\"))] strength: Strength::{:?} }}",
            string(s.id().as_str()),
            string(s.title()),
            s.strength()
        )
    });
    // The texts' keys only natively: the widget finds its texts by place, not by key.
    let text_keys = format!("#[cfg(not(target_arch = \"wasm32\"))] text_keys: &{:?}", q.text_keys());
    format!(
        "// Generated by build.rs from content/questionnaire.toml. Do not edit.\n{}\npub(super) static QUESTIONNAIRE: Questionnaire = Questionnaire {{ version: {}, reviewed: {}, sections: {sections}, questions: {questions}, rules: {rules}, concerns: {concerns}, advice: {advice}, sources: {sources}, {text_keys} }};\n",
        g.statics,
        string(q.version()),
        string(q.reviewed())
    )
}

fn locales_code(q: &Questionnaire, locales: &[validate::LocaleTexts]) -> String {
    // Each locale is one string with its texts separated by U+0001, so the widget carries no
    // pointer tables; `i18n` splits a locale once, the first time it is used. The content's texts
    // come first, at the places validation gave them (`model::Text`; an optional text the locale
    // does not have is empty); then the shell's `ui.*` texts, in the order of `UI_KEYS`, which
    // `ui!` searches at compile time. So the widget carries no keys at all.
    let Some(source) = locales.first() else { fail(&["no locales".into()]) };
    let ui: Vec<&str> = source
        .texts
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with(keys::SHELL) && !k.starts_with(keys::LOADER_ONLY))
        .collect();
    let unplaced: Vec<String> = source
        .texts
        .keys()
        .filter(|k| !k.starts_with(keys::SHELL) && !q.text_keys().contains(&k.as_str()))
        .map(|k| format!("locale `{}`: text `{k}` has no place among the content's texts", source.code))
        .collect();
    if !unplaced.is_empty() {
        fail(&unplaced);
    }
    let keys: Vec<&str> = q.text_keys().iter().copied().chain(ui.iter().copied()).collect();
    if keys
        .iter()
        .copied()
        .chain(locales.iter().flat_map(|l| l.texts.values().map(String::as_str)))
        .any(|t| t.contains(SEPARATOR))
    {
        fail(&["a text or key contains the control character U+0001".into()]);
    }
    let mut code = String::from("// Generated by build.rs from locales/*.toml. Do not edit.\n");
    let _ = writeln!(code, "const UI_KEYS: [&str; {}] = {ui:?};", ui.len());
    // The texts' order, as a fingerprint every locale pack starts with: a pack made from other
    // content (an older build's, a file from elsewhere) is refused, not misread.
    let fingerprint = keys.iter().fold(0x811c_9dc5_u32, |hash, key| {
        key.bytes().chain([0]).fold(hash, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
    });
    let _ = writeln!(code, "const TEXT_COUNT: usize = {};", keys.len());
    let _ = writeln!(code, "const FINGERPRINT: &str = \"{fingerprint:08x}\";");
    // The widget (wasm32) carries no texts: each locale's are a pack file it receives at run time
    // (`i18n::load_pack`). Natively (the reviewer's tool, tests, the pack writer) they are compiled in.
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let out = env::var("OUT_DIR").unwrap_or_default();
    let mut packs = String::from("// Generated by build.rs: each locale's pack, for the browser tests.\n");
    let _ = write!(packs, "pub const PACKS: [(&str, &str); {}] = [", locales.len());
    let entries: Vec<String> = locales
        .iter()
        .map(|l| {
            let texts: Vec<&str> = keys.iter().map(|key| l.texts.get(*key).map_or("", String::as_str)).collect();
            let file = Path::new(&out).join(format!("pack-{}.txt", l.code));
            write(&file, &format!("{fingerprint:08x}{SEPARATOR}{}", texts.join(SEPARATOR)));
            let _ = write!(packs, "({:?}, include_str!({:?})), ", l.code, file.display().to_string());
            if wasm {
                format!("LocaleData {{ code: {:?}, rtl: {} }}", l.code, l.rtl)
            } else {
                format!("LocaleData {{ code: {:?}, rtl: {}, texts: {:?} }}", l.code, l.rtl, texts.join(SEPARATOR))
            }
        })
        .collect();
    let _ = writeln!(code, "static LOCALES: [LocaleData; {}] = [{}];", entries.len(), entries.join(", "));
    packs.push_str("];\n");
    write(&Path::new(&out).join("packs.rs"), &packs);
    code
}

/// Separates texts inside a compiled locale string.
const SEPARATOR: &str = "\u{1}";
