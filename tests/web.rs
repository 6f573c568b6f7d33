//! Browser tests (wasm-bindgen-test in headless Chromium): the reducer-driven journey as a
//! visitor meets it in the DOM — back and continue, validation and focus, conditional follow-ups,
//! change from check-your-answers, the summary, and start again.
#![cfg(target_arch = "wasm32")]

use microneedling_check::config::Config;
use microneedling_check::engine::{self, Variant};
use microneedling_check::i18n::Locale;
use microneedling_check::ui::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// One mounted widget in its own container.
struct Widget {
    root: Element,
}

// Every locale's pack, as the loader hands them over (the widget carries no texts).
include!(concat!(env!("OUT_DIR"), "/packs.rs"));

fn load_packs() {
    for (code, pack) in PACKS {
        let locale = Locale::all().find(|l| l.code() == code).expect("a pack for a known locale");
        assert!(locale.load_pack(pack.to_string()), "the {code} pack fits this build");
    }
}

impl Widget {
    async fn mount(config: Config) -> Widget {
        load_packs();
        let document = gloo_document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { config }).render();
        yew::scheduler::flush().await;
        Widget { root }
    }

    async fn english() -> Widget {
        Widget::mount(Config {
            clinic_name: Some("Test Clinic".into()),
            booking_url: Some("https://example.com/book".into()),
            locale: Locale::english(),
            variant: Variant::Standard,
            ..Config::default()
        })
        .await
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn step(&self) -> String {
        self.find(".mc").and_then(|e| e.get_attribute("data-step")).unwrap_or_default()
    }

    fn question(&self) -> String {
        self.find("fieldset[data-question]").and_then(|e| e.get_attribute("data-question")).unwrap_or_default()
    }

    fn progress(&self) -> String {
        self.find(".mc-progress").and_then(|e| e.text_content()).unwrap_or_default()
    }

    async fn click(&self, selector: &str) {
        let element = self.find(selector).unwrap_or_else(|| panic!("no element matches {selector}"));
        element.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
    }

    async fn choose(&self, option: &str) {
        let selector = format!("input[name=\"{}\"][value=\"{option}\"]", self.question());
        self.click(&selector).await;
    }

    fn checked(&self, option: &str) -> bool {
        let selector = format!("input[name=\"{}\"][value=\"{option}\"]", self.question());
        self.find(&selector).unwrap().dyn_into::<HtmlInputElement>().unwrap().checked()
    }

    /// Answers each question page with `answers` (question, option) or a safe default, until the
    /// page `until` is reached (a question id, or "check").
    async fn answer_until(&self, answers: &[(&str, &str)], until: &str) {
        for _ in 0..80 {
            if self.step() == until || self.question() == until {
                return;
            }
            assert_eq!(self.step(), "question", "expected a question page before {until}");
            let question = self.question();
            let options: Vec<String> = (0..self.root.query_selector_all("input").unwrap().length())
                .filter_map(|i| self.root.query_selector_all("input").unwrap().item(i))
                .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .collect();
            let wanted: Vec<&str> = answers.iter().filter(|(q, _)| *q == question).map(|(_, o)| *o).collect();
            if wanted.is_empty() {
                self.choose(&default_option(&options)).await;
            } else {
                for option in wanted {
                    self.choose(option).await;
                }
            }
            self.click("[data-action=continue]").await;
        }
        panic!("never reached {until}");
    }
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn focused_class() -> String {
    gloo_document().active_element().map(|e| e.class_name()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn start_continue_and_back() {
    let widget = Widget::english().await;
    assert_eq!(widget.step(), "start");
    widget.click("[data-action=start]").await;
    assert_eq!(widget.question(), "concerns");
    assert!(widget.progress().starts_with("Question 1 of "), "{}", widget.progress());
    assert!(focused_class().contains("mc-title"), "focus moves to the heading, not {}", focused_class());
    widget.choose("acne_scars").await;
    widget.click("[data-action=continue]").await;
    assert_eq!(widget.question(), "age");
    assert!(widget.progress().starts_with("Question 2 of "), "{}", widget.progress());
    widget.click("[data-action=back]").await;
    assert_eq!(widget.question(), "concerns");
    assert!(widget.checked("acne_scars"), "going back keeps the answer");
    widget.click("[data-action=back]").await;
    assert_eq!(widget.step(), "start");
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_the_error_and_focuses_the_summary() {
    let widget = Widget::english().await;
    widget.click("[data-action=start]").await;
    assert!(widget.find(".mc-error-summary").is_none());
    widget.click("[data-action=continue]").await;
    assert_eq!(widget.question(), "concerns", "no answer, no advance");
    let summary = widget.find(".mc-error-summary").expect("an error summary");
    assert!(summary.text_content().unwrap().contains("There is a problem"));
    assert!(focused_class().contains("mc-error-summary"), "focus is on {}", focused_class());
    let inline = widget.find(".mc-error-message").expect("an error next to the field");
    assert!(inline.text_content().unwrap().contains("Select what you would like to improve"));
    // Choosing an option clears the error; nothing advances until Continue.
    widget.choose("none").await;
    assert!(widget.find(".mc-error-summary").is_none());
    assert_eq!(widget.question(), "concerns");
}

#[wasm_bindgen_test]
async fn none_of_these_excludes_the_other_options() {
    let widget = Widget::english().await;
    widget.click("[data-action=start]").await;
    widget.choose("acne_scars").await;
    widget.choose("wrinkles").await;
    widget.choose("none").await;
    assert!(widget.checked("none") && !widget.checked("acne_scars") && !widget.checked("wrinkles"));
    widget.choose("wrinkles").await;
    assert!(!widget.checked("none") && widget.checked("wrinkles"));
}

#[wasm_bindgen_test]
async fn a_follow_up_is_asked_only_when_its_condition_holds() {
    let widget = Widget::english().await;
    widget.click("[data-action=start]").await;
    widget.answer_until(&[], "skin_history").await;
    widget.choose("none").await;
    widget.click("[data-action=continue]").await;
    assert_ne!(widget.question(), "rosacea_flare");
    widget.click("[data-action=back]").await;
    assert_eq!(widget.question(), "skin_history");
    let before = widget.progress();
    widget.choose("rosacea").await;
    widget.click("[data-action=continue]").await;
    assert_eq!(widget.question(), "rosacea_flare");
    let (n_before, n_after) = (number(&before, 0), number(&widget.progress(), 0));
    assert_eq!(n_after, n_before + 1, "{before} then {}", widget.progress());
    // The follow-up was counted from the start ("of up to m"): the total never grows.
    assert!(number(&widget.progress(), 1) <= number(&before, 1), "{before} then {}", widget.progress());
}

/// The `index`th number in a progress line ("Question 7 of up to 30": 7, then 30).
fn number(progress: &str, index: usize) -> usize {
    progress.split_whitespace().filter_map(|w| w.parse().ok()).nth(index).unwrap_or(0)
}

#[wasm_bindgen_test]
async fn change_from_check_answers_asks_new_follow_ups_then_returns() {
    let widget = Widget::english().await;
    widget.click("[data-action=start]").await;
    widget.answer_until(&[("concerns", "acne_scars")], "check").await;
    assert!(focused_class().contains("mc-title"));
    assert!(widget.find("[data-action=change][data-question=rosacea_flare]").is_none());
    widget.click("[data-action=change][data-question=skin_history]").await;
    assert_eq!(widget.question(), "skin_history");
    assert!(widget.checked("none"), "the page shows the current answer");
    widget.choose("rosacea").await;
    widget.click("[data-action=continue]").await;
    assert_eq!(widget.question(), "rosacea_flare", "the new follow-up comes first");
    widget.choose("no").await;
    widget.click("[data-action=continue]").await;
    assert_eq!(widget.step(), "check", "then back to check your answers");
    assert!(widget.find("[data-action=change][data-question=rosacea_flare]").is_some());
}

#[wasm_bindgen_test]
async fn the_summary_shows_the_engines_level_and_start_again_clears_everything() {
    let widget = Widget::english().await;
    widget.click("[data-action=start]").await;
    let answers = [("concerns", "wrinkles"), ("pregnant", "yes")];
    widget.answer_until(&answers, "check").await;
    widget.click("[data-action=see-result]").await;
    assert_eq!(widget.step(), "summary");
    let level = widget.find("[data-level]").and_then(|e| e.get_attribute("data-level")).unwrap();
    assert_eq!(level, "not_advisable_now");
    assert!(widget.find("[data-rule=pregnant]").is_some());
    let text = widget.root.text_content().unwrap().to_lowercase();
    assert!(!text.contains("you are suitable") && !text.contains("safe for you"));
    assert!(text.contains("not a diagnosis"));
    // Not advisable now: no booking link at all (issue 25); without a phone, no main button either.
    assert!(widget.find("a[href='https://example.com/book']").is_none(), "no booking link when not advisable");
    assert!(widget.find(".mc-next [data-next]").is_none());

    widget.click("[data-action=restart]").await;
    assert_eq!(widget.step(), "start");
    widget.click("[data-action=start]").await;
    assert!(!widget.checked("wrinkles"), "start again clears every answer");

    // Any other level books a consultation: the booking link is the main action.
    widget.answer_until(&[("concerns", "wrinkles"), ("age", "22_or_over")], "check").await;
    widget.click("[data-action=see-result]").await;
    let booking = widget.find(".mc-next a[data-next=book]").expect("the booking link");
    assert_eq!(booking.get_attribute("href").as_deref(), Some("https://example.com/book"));
    assert_eq!(booking.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

#[wasm_bindgen_test]
async fn the_root_carries_lang_and_dir_for_every_locale() {
    for locale in Locale::all() {
        let widget = Widget::mount(Config { locale, ..Config::default() }).await;
        let root = widget.find(".mc").unwrap();
        assert_eq!(root.get_attribute("lang").as_deref(), Some(locale.code()));
        let dir = if locale.is_rtl() { "rtl" } else { "ltr" };
        assert_eq!(root.get_attribute("dir").as_deref(), Some(dir));
    }
    // The engine behind the page is the one the reviewer's tool uses.
    assert!(!engine::questionnaire().questions().is_empty());
}

/// The widget's allocator (src/ui/alloc.rs) is this test binary's global allocator too: blocks of
/// many sizes and alignments are aligned, do not overlap, keep their contents through `realloc`,
/// and freed blocks are reused rather than growing memory without bound.
#[wasm_bindgen_test]
fn the_allocator_aligns_separates_and_reuses_blocks() {
    use std::alloc::{alloc, dealloc, realloc, Layout};
    let mut blocks = Vec::new();
    for (i, size) in [1usize, 7, 8, 9, 24, 100, 4096, 70_000, 3].into_iter().enumerate() {
        for align in [1usize, 8, 16, 64, 4096] {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: the layout has a non-zero size; every block is freed below with its layout.
            let ptr = unsafe { alloc(layout) };
            assert!(!ptr.is_null() && ptr as usize % align == 0, "size {size}, align {align}");
            unsafe { ptr.write_bytes(i as u8 + 1, size) };
            blocks.push((ptr, layout, i as u8 + 1));
        }
    }
    for &(ptr, layout, fill) in &blocks {
        let bytes = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
        assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten by another");
    }
    // Growing within a block's class keeps it in place; growing past it moves the contents.
    let layout = Layout::from_size_align(10, 1).unwrap();
    unsafe {
        let ptr = alloc(layout);
        ptr.write_bytes(42, 10);
        let same = realloc(ptr, layout, 16);
        assert_eq!(same, ptr);
        let moved = realloc(same, Layout::from_size_align(16, 1).unwrap(), 1000);
        assert!(std::slice::from_raw_parts(moved, 10).iter().all(|&b| b == 42));
        dealloc(moved, Layout::from_size_align(1000, 1).unwrap());
    }
    for (ptr, layout, _) in blocks {
        unsafe { dealloc(ptr, layout) };
    }
    // A thousand rounds of the same allocations need no new memory.
    let pages = || core::arch::wasm32::memory_size(0);
    let churn = || {
        for _ in 0..1000 {
            let strings: Vec<String> = (0..50).map(|n| "x".repeat(n * 7)).collect();
            assert_eq!(strings[49].len(), 343);
        }
    };
    churn();
    let before = pages();
    churn();
    assert_eq!(pages(), before, "memory grew while the same blocks were freed and allocated again");
}

/// The option the journey driver picks for a question a test does not answer: the shared policy
/// of `tests/fixtures/default_answers.txt`, which the end-to-end tests read too.
fn default_option(options: &[String]) -> String {
    let rules = include_str!("fixtures/default_answers.txt");
    for rule in rules.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (kind, text) = rule.split_once(' ').unwrap_or((rule, ""));
        let found = options.iter().find(|o| match kind {
            "is" => o.as_str() == text,
            "starts" => o.starts_with(text),
            "ends" => o.ends_with(text),
            _ => false,
        });
        if let Some(found) = found {
            return found.clone();
        }
    }
    options.last().cloned().unwrap_or_default()
}
