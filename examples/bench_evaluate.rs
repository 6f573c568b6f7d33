//! Micro-benchmark of the engine on the shipped questionnaire: `cargo run --release --example bench_evaluate`
//! (add `-- --json` for one JSON line instead of the table; `scripts/bench.sh` reads that).
//!
//! Times `evaluate` (and, for context, `visible` and one journey step) over a full answer set:
//! every question that is asked answered, multiple-choice questions with every option but
//! `none`, so every follow-up is shown and as many rules as possible fire. Plain timing loops with
//! `std::hint::black_box`; no benchmarking crate. After a warm-up, calls run in rounds of about a
//! millisecond for a fixed time; the figures are the median, fastest and slowest round's time per
//! call.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use microneedling_check::engine::{self, Action, Answers, Journey, Questionnaire, Variant, NONE};

    /// Time per call: median, fastest and slowest round.
    struct Timing {
        median: Duration,
        min: Duration,
        max: Duration,
        rounds: usize,
    }

    impl Timing {
        fn json(&self) -> String {
            let us = |d: Duration| d.as_nanos() as f64 / 1_000.0;
            format!(
                r#"{{"median_us":{:.3},"min_us":{:.3},"max_us":{:.3},"rounds":{}}}"#,
                us(self.median),
                us(self.min),
                us(self.max),
                self.rounds
            )
        }
    }

    /// Runs `f` for about `budget` after a warm-up, in rounds of enough calls to last about a
    /// millisecond, and returns the time per call of the median, fastest and slowest round.
    fn time(budget: Duration, mut f: impl FnMut()) -> Timing {
        let warm_up = Instant::now();
        let mut calls = 0u32;
        while calls < 1_000 || warm_up.elapsed() < Duration::from_millis(50) {
            f();
            calls += 1;
        }
        let per_call = warm_up.elapsed() / calls;
        let round_calls = (Duration::from_millis(1).as_nanos() / per_call.as_nanos().max(1)).clamp(1, 100_000) as u32;
        let mut rounds = Vec::new();
        let start = Instant::now();
        while start.elapsed() < budget || rounds.len() < 5 {
            let round = Instant::now();
            for _ in 0..round_calls {
                f();
            }
            rounds.push(round.elapsed() / round_calls);
        }
        rounds.sort();
        Timing { median: rounds[rounds.len() / 2], min: rounds[0], max: rounds[rounds.len() - 1], rounds: rounds.len() }
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

    let json = std::env::args().skip(1).any(|a| a == "--json");
    let q = engine::questionnaire();
    let budget = Duration::from_millis(700);
    if !json {
        println!(
            "content {}: {} questions, {} rules (release build: {}); time per call: median [fastest, slowest round]",
            q.version(),
            q.questions().len(),
            q.rules().len(),
            !cfg!(debug_assertions)
        );
    }
    let mut variants = Vec::new();
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
        if json {
            variants.push(format!(
                r#"{{"variant":"{}","answers":{},"findings":{},"level":"{}","evaluate":{},"visible":{},"journey_step":{}}}"#,
                variant.name(),
                answers.len(),
                summary.findings.len(),
                summary.level.name(),
                evaluate.json(),
                visible.json(),
                step.json()
            ));
        } else {
            let us = |t: &Timing| {
                format!(
                    "{:.2} µs [{:.2}, {:.2}]",
                    t.median.as_nanos() as f64 / 1_000.0,
                    t.min.as_nanos() as f64 / 1_000.0,
                    t.max.as_nanos() as f64 / 1_000.0
                )
            };
            println!(
                "{:>8}: {} answers, {} findings ({}) | evaluate {} | visible {} | journey step {}",
                variant.name(),
                answers.len(),
                summary.findings.len(),
                summary.level.name(),
                us(&evaluate),
                us(&visible),
                us(&step),
            );
        }
    }
    if json {
        println!(
            r#"{{"content":"{}","questions":{},"rules":{},"release":{},"variants":[{}]}}"#,
            q.version(),
            q.questions().len(),
            q.rules().len(),
            !cfg!(debug_assertions),
            variants.join(",")
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
