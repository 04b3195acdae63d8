//! Prints how long each pass takes on generated cases of doubling size (the median of five
//! runs) and the ratio to the size before, as a quick look at linearity without the full
//! benchmark run, with the throughput of parsing and of the whole check (in process, without
//! rendering) in MB of case text a second: `cargo run --release --example scale`.

// An example is an edge: it measures wall-clock time.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use normcheck::generate;
use normcheck::language::{lower, syntax};
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::engine;
use normcheck::scenario::graph;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let (catalogue, _) = Catalogue::embedded();
    println!(
        "{:>8} {:>16} {:>16} {:>16} {:>16} {:>11} {:>12} {:>12}",
        "facts",
        "parse ms (x)",
        "lower+graph (x)",
        "evaluate (x)",
        "check (x)",
        "check/parse",
        "parse MB/s",
        "check MB/s"
    );
    let mut previous: Option<[f64; 4]> = None;
    for facts in [12_500, 25_000, 50_000, 100_000, 200_000] {
        let text = generate::case_with_facts(facts);
        let mut samples: [Vec<f64>; 4] = Default::default();
        for _ in 0..5 {
            let t0 = Instant::now();
            let mut arena = syntax::Arena::new();
            let (tree, _) = syntax::parse(&text, &mut arena);
            let t1 = Instant::now();
            let scenario = graph::build(lower::lower(&tree).0);
            let t2 = Instant::now();
            let findings = engine::evaluate(&catalogue, &scenario);
            let t3 = Instant::now();
            std::hint::black_box(findings);
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
            samples[0].push(ms(t0, t1));
            samples[1].push(ms(t1, t2));
            samples[2].push(ms(t2, t3));
            samples[3].push(ms(t0, t3));
        }
        let now = samples.map(median);
        let cell = |i: usize| match previous {
            Some(p) => format!("{:.1} ({:.2})", now[i], now[i] / p[i]),
            None => format!("{:.1}", now[i]),
        };
        let mbs = |ms: f64| text.len() as f64 / 1e3 / ms.max(1e-9);
        println!(
            "{facts:>8} {:>16} {:>16} {:>16} {:>16} {:>11.2} {:>12.1} {:>12.1}",
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            now[3] / now[0],
            mbs(now[0]),
            mbs(now[3])
        );
        previous = Some(now);
    }
}
