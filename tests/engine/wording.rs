//! The wording rules of the fact sheet (§5), checked on the English source texts: never tell a
//! visitor they are "suitable" or "safe", never promise or trivialise, never tell anyone to stop a
//! medicine, and say on the start page and the summary what the check is not.
//!
//! Translations cannot be checked this way (Spanish "seguro" also means "sure"); the README asks
//! for a native-speaking clinician's review of each locale.

use std::collections::BTreeMap;

fn english() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table.into_iter().map(|(key, value)| (key, value.as_str().unwrap_or_default().to_string())).collect()
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '-').map(str::to_string).collect()
}

#[test]
fn no_text_says_suitable_or_safe_or_promises_results() {
    let forbidden =
        ["suitable", "safe", "safely", "risk-free", "painless", "guarantee", "guarantees", "approved", "cure", "cures"];
    let mut problems = Vec::new();
    for (key, text) in english() {
        for word in words(&text) {
            if forbidden.contains(&word.as_str()) {
                problems.push(format!("{key}: uses `{word}`: {text}"));
            }
        }
        let lower = text.to_lowercase();
        for phrase in ["no downtime", "100%", "permanent results", "you are a good candidate"] {
            if lower.contains(phrase) {
                problems.push(format!("{key}: uses `{phrase}`: {text}"));
            }
        }
        // "guaranteed" may only appear negated ("never guaranteed").
        if lower.contains("guaranteed") && !(lower.contains("never guaranteed") || lower.contains("not guaranteed")) {
            problems.push(format!("{key}: promises a result: {text}"));
        }
    }
    assert!(problems.is_empty(), "wording rules broken:\n{}", problems.join("\n"));
}

#[test]
fn no_text_tells_anyone_to_stop_or_change_a_medicine() {
    let mut problems = Vec::new();
    for (key, text) in english() {
        let lower = text.to_lowercase();
        for phrase in ["stop taking", "stop your", "stop using your", "change your dose", "come off"] {
            if lower.contains(phrase) {
                problems.push(format!("{key}: `{phrase}`: {text}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let line = &english()["ui.summary.medicine"];
    assert!(line.contains("Do not stop or change"), "the medicine line must say not to stop or change: {line}");
}

#[test]
fn the_start_page_and_summary_say_what_the_check_is_not() {
    let texts = english();
    for key in ["ui.start.not_diagnosis", "ui.summary.disclaimer"] {
        let text = texts[key].to_lowercase();
        assert!(text.contains("not a diagnosis"), "{key} must say it is not a diagnosis: {text}");
        assert!(text.contains("professional"), "{key} must send the visitor to a professional: {text}");
    }
    let best = texts["level.no_specific_concern.title"].to_lowercase();
    assert!(best.contains("no specific concern"), "the best level is worded as no specific concern: {best}");
}

#[test]
fn the_next_step_fits_the_level_and_the_start_page_warns_about_the_browsers_back_button() {
    let texts = english();
    // Not advisable now: no booking, their doctor or the clinic instead (issue 25).
    let stop = texts["ui.next.stop"].to_lowercase();
    assert!(stop.contains("do not book") && stop.contains("doctor") && stop.contains("{clinic}"), "{stop}");
    // A professional check first: a consultation, not a treatment.
    let check = texts["ui.next.check"].to_lowercase();
    assert!(check.contains("consultation") && check.contains("not a treatment"), "{check}");
    let back = texts["ui.start.back"].to_lowercase();
    assert!(back.contains("browser") && back.contains("clears") && back.contains("keeps"), "{back}");
    // "FDA-authorised" is said in plain words, and what the FDA is, once.
    assert!(texts.iter().all(|(_, text)| !text.contains("FDA-authorised")), "a bare \"FDA-authorised\" is left");
    assert!(texts["ui.summary.fda"].contains("US regulator"));
}
