//! Micro-benchmark of the engine on the shipped questionnaire: `cargo run --release --example bench_evaluate`.
//!
//! Times `evaluate` (and, for context, `visible` and one journey step) over a full answer set:
//! every question that is asked answered, multiple-choice questions with every option but
//! `none`, so every follow-up is shown and as many rules as possible fire. Plain timing loops with
//! `std::hint::black_box`; no benchmarking crate. Figures are the fastest of many rounds.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use microneedling_check::engine::{self, Action, Answers, Journey, Questionnaire, Variant, NONE};

    /// Runs `f` in rounds of 1,000 calls for about `budget` after a warm-up, and returns the time
    /// per call of the fastest round (the least disturbed by other work on the machine).
    fn time(budget: Duration, mut f: impl FnMut()) -> Duration {
        for _ in 0..1_000 {
            f();
        }
        let mut best = Duration::MAX;
        let start = Instant::now();
        while start.elapsed() < budget {
            let round = Instant::now();
            for _ in 0..1_000 {
                f();
            }
            best = best.min(round.elapsed() / 1_000);
        }
        best
    }

    fn full(q: &Questionnaire, variant: Variant) -> Answers {
        let mut answers = Answers::new();
        for question in q.questions() {
            if !engine::visible(q, &answers, variant).contains(question.id().as_str()) {
                continue;
            }
            let all: Vec<&str> = question.options().iter().map(|o| o.as_str()).filter(|o| *o != NONE).collect();
            let chosen: Vec<&str> = if question.kind().is_multiple() {
                all
            } else {
                // The first option is usually the riskiest ("yes", "now", …), which shows follow-ups.
                all.into_iter().take(1).collect()
            };
            if let Err(e) = answers.set(question, &chosen) {
                eprintln!("cannot answer `{}`: {e}", question.id());
                std::process::exit(1);
            }
        }
        answers
    }

    let q = engine::questionnaire();
    let budget = Duration::from_millis(700);
    println!(
        "content {}: {} questions, {} rules (release build: {})",
        q.version(),
        q.questions().len(),
        q.rules().len(),
        !cfg!(debug_assertions)
    );
    for variant in Variant::ALL {
        let answers = full(q, variant);
        let summary = engine::evaluate(q, &answers, variant);
        let evaluate = time(budget, || {
            black_box(engine::evaluate(black_box(q), black_box(&answers), black_box(variant)));
        });
        let visible = time(budget, || {
            black_box(engine::visible(black_box(q), black_box(&answers), black_box(variant)));
        });
        let journey = Journey::new(variant);
        let step = time(budget, || {
            black_box(black_box(&journey).apply(black_box(q), black_box(&Action::Start)));
        });
        println!(
            "{:>8}: {} answers, {} findings ({}) | evaluate {:.2} µs | visible {:.2} µs | journey step {:.2} µs",
            variant.name(),
            answers.len(),
            summary.findings.len(),
            summary.level.name(),
            evaluate.as_nanos() as f64 / 1_000.0,
            visible.as_nanos() as f64 / 1_000.0,
            step.as_nanos() as f64 / 1_000.0,
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
