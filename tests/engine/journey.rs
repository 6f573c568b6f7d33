//! The visitor's journey as a pure state machine: start, questions, check your answers, summary.
//!
//! Exact behaviour is tested on `tests/fixtures/journey.toml` (a small fixed questionnaire with
//! follow-ups and an RF-only question); walks and random action sequences also run on the
//! shipped questionnaire, asserting only what holds whatever the content.

use std::sync::OnceLock;

use microneedling_check::engine::{self, Action, Answers, Journey, Progress, Questionnaire, Step, Variant, NONE};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use crate::support::{self, first_answer, q};

fn jq() -> &'static Questionnaire {
    static FIXTURE: OnceLock<Questionnaire> = OnceLock::new();
    FIXTURE.get_or_init(|| support::fixture_questionnaire("journey.toml"))
}

/// The step of a question of the fixture.
fn at(id: &str) -> Step {
    Step::Question(jq().position(id).unwrap_or_else(|| panic!("no question `{id}`")))
}

fn choose(option: &str) -> Action {
    Action::Choose(option.to_string())
}

fn change(question: &str) -> Action {
    Action::Change(question.to_string())
}

/// Applies the actions in turn on the fixture.
fn go(journey: &Journey, actions: &[Action]) -> Journey {
    actions.iter().fold(journey.clone(), |j, action| j.apply(jq(), action))
}

fn started(variant: Variant) -> Journey {
    go(&Journey::new(variant), &[Action::Start])
}

/// One option per question, then Continue: the actions to answer questions in turn.
fn answer(options: &[&str]) -> Vec<Action> {
    options.iter().flat_map(|o| [choose(o), Action::Continue]).collect()
}

fn chosen(journey: &Journey, question: &str) -> Vec<String> {
    journey.answers().get(question).unwrap_or_default().iter().map(|o| o.to_string()).collect()
}

/// A journey at check-your-answers: acne scars, pregnant, no conditions, non-smoker.
fn at_check() -> Journey {
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "yes", "none", "no"]));
    assert_eq!(j.step(), Step::Check);
    j
}

#[test]
fn start_leads_to_the_first_question_and_back_returns_to_start() {
    let j = Journey::new(Variant::Standard);
    assert_eq!(j.step(), Step::Start);
    assert_eq!(j.progress(jq()), None);
    let j = j.apply(jq(), &Action::Start);
    assert_eq!(j.step(), at("concerns"));
    assert_eq!(j.question(jq()).map(|x| x.id().as_str()), Some("concerns"));
    let j = j.apply(jq(), &Action::Back);
    assert_eq!(j.step(), Step::Start);
    assert!(j.answers().is_empty());
}

#[test]
fn back_returns_to_the_previous_asked_question_and_keeps_answers() {
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "yes"]));
    assert_eq!(j.step(), at("conditions"), "breastfeeding is not asked when pregnant");
    let j = j.apply(jq(), &Action::Back);
    assert_eq!(j.step(), at("pregnant"), "Back skips the question that was not asked");
    assert_eq!(chosen(&j, "pregnant"), ["yes"], "the answer is kept");
    assert_eq!(j.apply(jq(), &Action::Back).step(), at("concerns"));
}

#[test]
fn continue_without_an_answer_shows_the_error_and_stays() {
    let j = started(Variant::Standard);
    let j = j.apply(jq(), &Action::Continue);
    assert_eq!(j.step(), at("concerns"));
    assert!(j.has_error());
    let again = j.apply(jq(), &Action::Continue);
    assert!(again.has_error() && again.step() == at("concerns"));
    let j = j.apply(jq(), &choose("fine_lines"));
    assert!(!j.has_error(), "choosing clears the error");
    let j = j.apply(jq(), &Action::Continue);
    assert_eq!(j.step(), at("pregnant"));
    assert!(!j.has_error());
    // Unticking the only checkbox leaves the question unanswered again.
    let j = go(&j, &[Action::Back, choose("fine_lines"), Action::Continue]);
    assert!(j.has_error() && j.step() == at("concerns"), "{j:?}");
}

#[test]
fn follow_ups_are_asked_only_when_their_condition_holds() {
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "no"]));
    assert_eq!(j.step(), at("breastfeeding"), "asked when not pregnant");
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "not_sure"]));
    assert_eq!(j.step(), at("breastfeeding"), "asked when not sure");
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "yes"]));
    assert_eq!(j.step(), at("conditions"), "not asked when pregnant");

    let j = go(&j, &[choose("keloids"), choose("eczema"), Action::Continue]);
    assert_eq!(j.step(), at("eczema_where"), "asked when eczema is among the conditions");
    let j = go(&j, &[Action::Back, choose("eczema"), Action::Continue]);
    assert_eq!(chosen(&j, "conditions"), ["keloids"]);
    assert_eq!(j.step(), at("smoking"), "not asked without eczema; implants is RF-only");
}

#[test]
fn a_variant_only_question_is_asked_only_for_that_variant() {
    let path = answer(&["acne_scars", "yes", "none"]);
    assert_eq!(go(&started(Variant::Standard), &path).step(), at("smoking"));
    assert_eq!(go(&started(Variant::Prp), &path).step(), at("smoking"));
    let rf = go(&started(Variant::Rf), &path);
    assert_eq!(rf.step(), at("implants"));
    assert_eq!(rf.variant(), Variant::Rf);
}

/// A progress line as (number, total, certain).
type Line = (usize, usize, bool);

/// The progress on each page of a walk through the fixture with these answers, before and after
/// choosing.
fn progress_on_walk(answers: &[&str]) -> Vec<(Line, Line)> {
    let mut j = started(Variant::Standard);
    let mut seen = Vec::new();
    for option in answers {
        let before = j.progress(jq()).expect("on a question");
        j = j.apply(jq(), &choose(option));
        let after = j.progress(jq()).expect("on a question");
        seen.push(((before.number, before.total, before.certain), (after.number, after.total, after.certain)));
        j = j.apply(jq(), &Action::Continue);
    }
    assert_eq!(j.step(), Step::Check);
    seen
}

#[test]
fn progress_counts_follow_ups_that_may_come_and_never_grows() {
    // Choosing never changes the line; the number moves by one per Continue; the total counts
    // every follow-up that an answer not given yet may add ("up to"), so it never grows.
    let up_to = |n, m| ((n, m, false), (n, m, false));
    let exact = |n, m| ((n, m, true), (n, m, true));
    assert_eq!(
        progress_on_walk(&["acne_scars", "no", "no", "eczema", "face", "yes"]),
        [
            up_to(1, 6), // concerns; breastfeeding and eczema_where may follow
            up_to(2, 6), // pregnant
            up_to(3, 6), // breastfeeding, asked as "no" left it in
            up_to(4, 6), // conditions: eczema_where may follow
            exact(5, 6), // eczema_where, asked: nothing is uncertain any more
            exact(6, 6), // smoking
        ]
    );
    assert_eq!(
        progress_on_walk(&["acne_scars", "yes", "none", "yes"]),
        [
            up_to(1, 6),
            up_to(2, 6), // pregnant: "yes" leaves out breastfeeding
            up_to(3, 5), // conditions: the total shrank by the follow-up not asked
            exact(4, 4), // smoking: eczema_where is not asked either
        ]
    );
}

#[test]
fn change_from_check_returns_to_check_after_continue() {
    let j = at_check();
    let j = j.apply(jq(), &change("smoking"));
    assert_eq!(j.step(), at("smoking"));
    assert!(j.is_changing());
    assert_eq!(chosen(&j, "smoking"), ["no"], "the current answer is shown");
    let j = go(&j, &[choose("yes"), Action::Continue]);
    assert_eq!(j.step(), Step::Check);
    assert!(!j.is_changing());
    assert_eq!(chosen(&j, "smoking"), ["yes"]);
}

#[test]
fn change_from_check_asks_a_newly_triggered_follow_up_first() {
    let j = at_check().apply(jq(), &change("pregnant"));
    assert_eq!(j.step(), at("pregnant"));
    let j = go(&j, &[choose("no"), Action::Continue]);
    assert_eq!(j.step(), at("breastfeeding"), "the new follow-up comes first");
    assert!(j.is_changing());
    let j = j.apply(jq(), &Action::Continue);
    assert!(j.has_error() && j.step() == at("breastfeeding"), "it must be answered");
    let j = go(&j, &[choose("no"), Action::Continue]);
    assert_eq!(j.step(), Step::Check, "then back to check, not on through conditions and smoking");
    assert!(!j.is_changing());

    let j = at_check().apply(jq(), &change("conditions"));
    let j = go(&j, &[choose("eczema"), Action::Continue]);
    assert_eq!(chosen(&j, "conditions"), ["eczema"], "`eczema` replaced `none`");
    assert_eq!(j.step(), at("eczema_where"));
    let j = go(&j, &answer(&["elsewhere"]));
    assert_eq!(j.step(), Step::Check);
}

#[test]
fn back_while_changing_returns_to_check_and_see_result_asks_what_is_missing() {
    let j = go(&at_check(), &[change("pregnant"), choose("no"), Action::Back]);
    assert_eq!(j.step(), Step::Check);
    assert!(!j.is_changing());
    assert_eq!(chosen(&j, "pregnant"), ["no"], "the change is kept");
    let j = j.apply(jq(), &Action::SeeResult);
    assert_eq!(j.step(), at("breastfeeding"), "the unanswered follow-up is asked before the result");
    let j = go(&j, &[choose("yes"), Action::Continue]);
    assert_eq!(j.step(), at("conditions"), "not changing: the journey goes on in order");
}

#[test]
fn see_result_then_back_and_restart() {
    let j = at_check().apply(jq(), &Action::SeeResult);
    assert_eq!(j.step(), Step::Summary);
    let summary = engine::evaluate(jq(), j.answers(), j.variant());
    assert!(summary.unanswered.is_empty());
    assert_eq!(summary.findings.iter().map(|f| f.rule.id().as_str()).collect::<Vec<_>>(), ["pregnant"]);
    assert_eq!(j.apply(jq(), &Action::Continue), j, "Continue means nothing on the summary");
    let back = j.apply(jq(), &Action::Back);
    assert_eq!(back.step(), Step::Check);
    assert_eq!(back.apply(jq(), &Action::Back).step(), at("smoking"), "Back from check: the last question");

    let restarted = j.apply(jq(), &Action::Restart);
    assert_eq!(restarted, Journey::new(Variant::Standard));
    assert!(restarted.answers().is_empty(), "every answer is cleared");
    let rf = go(&started(Variant::Rf), &[choose("acne_scars"), Action::Continue, choose("yes"), Action::Restart]);
    assert_eq!(rf, Journey::new(Variant::Rf), "Restart from a question keeps only the variant");
}

#[test]
fn actions_that_make_no_sense_leave_the_state_unchanged() {
    let start = Journey::new(Variant::Standard);
    for action in [Action::Continue, Action::Back, choose("yes"), change("pregnant"), Action::SeeResult] {
        assert_eq!(start.apply(jq(), &action), start, "{action:?} on the start page");
    }
    let j = started(Variant::Standard);
    for action in [choose("no_such_option"), choose("yes"), Action::Start, Action::SeeResult, change("smoking")] {
        assert_eq!(j.apply(jq(), &action), j, "{action:?} on a question");
    }
    let check = at_check();
    for action in [change("breastfeeding"), change("implants"), change("no_such_question"), Action::Continue] {
        assert_eq!(check.apply(jq(), &action), check, "{action:?} on check: not an asked question");
    }
}

#[test]
fn hidden_answers_are_kept_but_do_not_count() {
    let j = go(&started(Variant::Standard), &answer(&["acne_scars", "no", "yes"]));
    let j = go(&j, &[Action::Back, Action::Back, choose("yes"), Action::Continue]);
    assert_eq!(j.step(), at("conditions"));
    assert_eq!(chosen(&j, "breastfeeding"), ["yes"], "kept, so it shows again if asked again");
    let summary = engine::evaluate(jq(), j.answers(), j.variant());
    assert!(!summary.visible.answers.is_answered("breastfeeding"));
}

#[test]
fn none_and_the_other_options_exclude_each_other() {
    let concerns = jq().question("concerns").expect("concerns");
    let mut answers = Answers::new();
    let get = |a: &Answers| a.get("concerns").map(|o| o.iter().map(|x| x.to_string()).collect::<Vec<_>>());
    answers.toggle(concerns, "fine_lines").expect("valid");
    answers.toggle(concerns, "acne_scars").expect("valid");
    assert_eq!(get(&answers), Some(vec!["acne_scars".into(), "fine_lines".into()]), "kept in option order");
    answers.toggle(concerns, NONE).expect("valid");
    assert_eq!(get(&answers), Some(vec![NONE.into()]), "`none` clears the others");
    answers.toggle(concerns, "acne_scars").expect("valid");
    assert_eq!(get(&answers), Some(vec!["acne_scars".into()]), "another option clears `none`");
    answers.toggle(concerns, "acne_scars").expect("valid");
    assert_eq!(get(&answers), None, "unticking the last option leaves the question unanswered");
    assert!(answers.toggle(concerns, "no_such_option").is_err());
    assert_eq!(get(&answers), None, "a refused toggle changes nothing");
    assert!(answers.set(concerns, &[NONE, "acne_scars"]).is_err(), "`set` refuses `none` with others too");

    let pregnant = jq().question("pregnant").expect("pregnant");
    answers.toggle(pregnant, "yes").expect("valid");
    answers.toggle(pregnant, "no").expect("valid");
    assert_eq!(answers.get("pregnant").map(|o| o.len()), Some(1), "a radio replaces its answer");
    assert!(answers.includes("pregnant", "no"));
    answers.toggle(pregnant, "no").expect("valid");
    assert!(answers.includes("pregnant", "no"), "clicking a chosen radio keeps it");
}

#[test]
fn a_variant_change_keeps_the_answers_that_still_apply_and_the_place() {
    // RF clinic, on the RF-only `implants` question with earlier answers.
    let rf = go(&started(Variant::Rf), &answer(&["acne_scars", "no", "no", "none", "yes"]));
    assert_eq!(rf.step(), at("smoking"));
    assert_eq!(chosen(&rf, "implants"), ["yes"]);
    let (standard, dropped) = rf.switch_variant(jq(), Variant::Standard);
    assert_eq!(dropped, ["implants"], "only the RF-only answer goes");
    assert_eq!(standard.variant(), Variant::Standard);
    assert_eq!(standard.step(), at("smoking"), "the visitor stays where they were");
    for kept in ["concerns", "pregnant", "breastfeeding", "conditions"] {
        assert_eq!(standard.answers().is_answered(kept), rf.answers().is_answered(kept), "{kept}");
    }
    assert!(!standard.answers().is_answered("implants"));

    // On a question the new variant does not ask: the next one it asks.
    let on_implants = go(&started(Variant::Rf), &answer(&["acne_scars", "no", "no", "none"]));
    assert_eq!(on_implants.step(), at("implants"));
    let (moved, dropped) = on_implants.switch_variant(jq(), Variant::Standard);
    assert!(dropped.is_empty());
    assert_eq!(moved.step(), at("smoking"));

    // On the summary, a new variant that asks one more question: that question, unanswered.
    let summary = at_check().apply(jq(), &Action::SeeResult);
    assert_eq!(summary.step(), Step::Summary);
    let (rf, dropped) = summary.switch_variant(jq(), Variant::Rf);
    assert!(dropped.is_empty());
    assert_eq!(rf.step(), at("implants"));
    let (back, _) = summary.switch_variant(jq(), Variant::Standard);
    assert_eq!(back, summary, "the same variant changes nothing");

    // The start page and check your answers stay put.
    let (start, _) = Journey::new(Variant::Standard).switch_variant(jq(), Variant::Rf);
    assert_eq!(start, Journey::new(Variant::Rf));
    assert_eq!(at_check().switch_variant(jq(), Variant::Rf).0.step(), Step::Check);
}

/// Walks the journey answering every question with `first_answer`, checking the progress.
fn walk(q: &Questionnaire, variant: Variant) -> Journey {
    let mut j = Journey::new(variant).apply(q, &Action::Start);
    let mut visited = Vec::new();
    let mut expected_number = 1;
    let mut last_total = usize::MAX;
    while let Some(question) = j.question(q) {
        let options = first_answer(question);
        for option in &options {
            j = j.apply(q, &choose(option));
        }
        let progress = j.progress(q).expect("progress on a question");
        assert_eq!(progress.number, expected_number, "`{}`", question.id());
        assert!(progress.number <= progress.total);
        assert!(progress.total <= last_total, "`{}`: the total grew to {}", question.id(), progress.total);
        last_total = progress.total;
        visited.push(question.id().to_string());
        j = j.apply(q, &Action::Continue);
        expected_number += 1;
        assert!(visited.len() <= q.questions().len(), "the journey loops");
    }
    assert_eq!(j.step(), Step::Check);
    let shown = engine::visible(q, j.answers(), variant);
    let expected: Vec<String> = shown.questions.iter().map(|x| x.id().to_string()).collect();
    assert_eq!(visited, expected, "every asked question once, in order");
    j
}

#[test]
fn the_shipped_questionnaire_can_be_walked_to_the_summary_in_every_variant() {
    for variant in Variant::ALL {
        let j = walk(q(), variant).apply(q(), &Action::SeeResult);
        assert_eq!(j.step(), Step::Summary, "{}", variant.name());
    }
    walk(jq(), Variant::Rf);
}

/// One random action: its kind, and a number choosing its argument.
fn action() -> impl Strategy<Value = (u8, u32)> {
    // Weighted towards choosing and continuing, so walks get deep into the questionnaire.
    (
        prop_oneof![4 => Just(1u8), 4 => Just(2u8), 1 => Just(0u8), 2 => Just(3u8), 1 => Just(4u8), 1 => Just(5u8), 1 => Just(6u8)],
        any::<u32>(),
    )
}

fn to_action(q: &Questionnaire, j: &Journey, (kind, n): (u8, u32)) -> Action {
    match kind {
        0 => Action::Start,
        1 => match j.question(q) {
            Some(question) if n % 10 != 9 => choose(question.options()[n as usize % question.options().len()].as_str()),
            _ => choose("no_such_option"),
        },
        2 => Action::Continue,
        3 => Action::Back,
        4 => change(q.questions()[n as usize % q.questions().len()].id().as_str()),
        5 => Action::SeeResult,
        _ if n % 8 == 0 => Action::Restart,
        _ => Action::Continue,
    }
}

/// What must hold after any sequence of actions.
/// `unchanged`: the action left the state as it was (it made no sense there).
fn check_invariants(q: &Questionnaire, j: &Journey, last: &Action, unchanged: bool) -> Result<(), TestCaseError> {
    let shown = engine::visible(q, j.answers(), j.variant());
    match j.step() {
        Step::Question(index) => {
            let question = q.questions().get(index);
            prop_assert!(question.is_some(), "step {index} out of range");
            let id = question.map(|x| x.id().as_str()).unwrap_or_default();
            prop_assert!(shown.contains(id), "on `{id}`, which is not asked");
            let progress = j.progress(q);
            prop_assert!(progress.is_some());
            let progress = progress.unwrap_or(Progress { number: 0, total: 0, certain: false });
            prop_assert!(progress.number >= 1 && progress.number <= progress.total);
            // An honest upper bound of what is asked, and exact when it says it is certain.
            prop_assert!(progress.total >= shown.questions.len(), "{progress:?} < {}", shown.questions.len());
            if progress.certain {
                prop_assert_eq!(progress.total, shown.questions.len());
            }
            if j.has_error() {
                prop_assert!(!j.answers().is_answered(id), "an error on an answered question");
                prop_assert!(*last == Action::Continue || unchanged, "the error outlived {:?}", last);
            }
        }
        Step::Summary => {
            prop_assert!(shown.unanswered().next().is_none(), "the summary is never shown with a question unanswered");
            prop_assert!(!j.has_error() && !j.is_changing());
        }
        Step::Start | Step::Check => {
            prop_assert!(!j.has_error() && !j.is_changing());
            prop_assert!(j.progress(q).is_none());
        }
    }
    if *last == Action::Restart {
        prop_assert_eq!(j, &Journey::new(j.variant()));
    }
    for (id, options) in j.answers().iter() {
        let question = q.question(id.as_str());
        prop_assert!(question.is_some_and(|x| options.iter().all(|o| x.has_option(o.as_str()))));
        prop_assert!(!options.is_empty());
        prop_assert!(options.len() == 1 || !options.iter().any(|o| o.as_str() == NONE));
    }
    Ok(())
}

fn random_walk(q: &Questionnaire, variant: Variant, steps: &[(u8, u32)]) -> Result<(), TestCaseError> {
    let mut j = Journey::new(variant);
    for step in steps {
        let action = to_action(q, &j, *step);
        let next = j.apply(q, &action);
        check_invariants(q, &next, &action, next == j)?;
        j = next;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_journeys_on_the_fixture_keep_every_invariant(
        variant in prop::sample::select(Variant::ALL.to_vec()),
        steps in prop::collection::vec(action(), 1..60),
    ) {
        random_walk(jq(), variant, &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_journeys_on_the_shipped_questionnaire_keep_every_invariant(
        variant in prop::sample::select(Variant::ALL.to_vec()),
        steps in prop::collection::vec(action(), 1..80),
    ) {
        random_walk(q(), variant, &steps)?;
    }
}
