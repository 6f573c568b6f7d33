//! How many question pages a visitor answers: the journey walked natively with the shared
//! default-answer policy (`tests/fixtures/default_answers.txt`, also read by `tests/web.rs` and the
//! end-to-end tests), for three journeys: nothing to flag, one recent procedure, three.
//! Issue 26 wants at most 18 pages for a visitor with nothing to flag.

use microneedling_check::engine::{Action, Journey, Step, Variant};

use crate::support::q;

/// The most question pages a visitor with nothing to flag may answer (issue 26).
const MOST_PAGES_NOTHING_TO_FLAG: usize = 18;

/// The option the shared policy picks for a question a journey does not answer.
fn default_option(options: &[&str]) -> String {
    let rules = include_str!("../fixtures/default_answers.txt");
    for rule in rules.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (kind, text) = rule.split_once(' ').unwrap_or((rule, ""));
        let found = options.iter().find(|o| match kind {
            "is" => **o == text,
            "starts" => o.starts_with(text),
            "ends" => o.ends_with(text),
            _ => false,
        });
        if let Some(found) = found {
            return (*found).to_string();
        }
    }
    options.last().map(|o| (*o).to_string()).unwrap_or_default()
}

/// Walks the journey from Start to Check your answers; returns the question ids asked, in order.
/// `answers` gives options for some questions (ids not asked are ignored); the rest get the policy's.
fn walk(answers: &[(&str, &[&str])], variant: Variant) -> Vec<String> {
    let questionnaire = q();
    let mut journey = Journey::new(variant).apply(questionnaire, &Action::Start);
    let mut asked = Vec::new();
    while let Step::Question(_) = journey.step() {
        assert!(asked.len() < 200, "still on question pages after 200 pages: {asked:?}");
        let question = journey.question(questionnaire).expect("a question page has its question");
        let id = question.id().as_str().to_string();
        let options: Vec<&str> = question.options().iter().map(|o| o.as_str()).collect();
        let chosen: Vec<String> = match answers.iter().find(|(q, _)| *q == id) {
            Some((_, given)) => given.iter().map(|o| (*o).to_string()).collect(),
            None => vec![default_option(&options)],
        };
        for option in &chosen {
            journey = journey.apply(questionnaire, &Action::Choose(option.clone()));
        }
        journey = journey.apply(questionnaire, &Action::Continue);
        assert!(!journey.has_error(), "Continue refused {id} = {chosen:?}");
        asked.push(id);
    }
    assert_eq!(journey.step(), Step::Check);
    asked
}

/// The three journeys of issue 26. Answers name both the procedures page and the timing
/// questions, so the same journeys count pages before and after the merge.
const ONE_PROCEDURE: &[(&str, &[&str])] = &[("procedures", &["toxin"]), ("toxin", &["1_to_6_months"])];
const THREE_PROCEDURES: &[(&str, &[&str])] = &[
    ("procedures", &["toxin", "filler", "laser"]),
    ("toxin", &["1_to_6_months"]),
    ("filler", &["1_to_12_months"]),
    ("laser", &["1_to_3_months"]),
];

#[test]
fn page_counts_of_three_journeys() {
    for variant in [Variant::Standard, Variant::Rf, Variant::Prp] {
        let nothing = walk(&[], variant);
        let one = walk(ONE_PROCEDURE, variant);
        let three = walk(THREE_PROCEDURES, variant);
        println!(
            "{variant:?}: nothing to flag {} pages, one procedure {}, three procedures {}",
            nothing.len(),
            one.len(),
            three.len()
        );
        println!("  nothing to flag: {}", nothing.join(", "));
        println!("  three procedures: {}", three.join(", "));
        assert!(
            nothing.len() <= MOST_PAGES_NOTHING_TO_FLAG,
            "{variant:?}: a visitor with nothing to flag answers {} question pages, more than {MOST_PAGES_NOTHING_TO_FLAG}: {}",
            nothing.len(),
            nothing.join(", ")
        );
        // A timing follow-up only for what was ticked: one page more per procedure, and the deep
        // resurfacing follow-up for a laser 1 to 3 months ago.
        assert_eq!(one.len(), nothing.len() + 1, "{variant:?}: one procedure adds its timing page: {one:?}");
        assert_eq!(three.len(), nothing.len() + 4, "{variant:?}: three procedures: {three:?}");
        for timing in ["toxin", "filler", "threads", "peel", "laser", "surgery", "hair_removal", "microneedling_before"]
        {
            assert!(!nothing.iter().any(|id| id == timing), "{variant:?}: {timing} asked though not ticked");
        }
        assert!(nothing.iter().any(|id| id == "procedures"), "{variant:?}: the procedures page is asked");
    }
}
