//! Prints how long each pass takes on generated cases of growing size, as a quick look at
//! linearity without the full benchmark run: `cargo run --release --example scale`.

// An example is an edge: it measures wall-clock time.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use normcheck::catalogue::Catalogue;
use normcheck::{engine, generate, graph, model, syntax};

fn main() {
    let (catalogue, _) = Catalogue::embedded();
    println!(
        "{:>8} {:>10} {:>12} {:>10} {:>10} {:>8}",
        "facts", "parse ms", "lower+graph", "evaluate", "total", "total/parse"
    );
    for facts in [12_500, 25_000, 50_000, 100_000, 200_000] {
        let text = generate::case_with_facts(facts);
        let t0 = Instant::now();
        let (tree, _) = syntax::parse(&text);
        let t1 = Instant::now();
        let scenario = graph::build(model::lower(&tree).0);
        let t2 = Instant::now();
        let findings = engine::evaluate(&catalogue, &scenario);
        let t3 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        println!(
            "{facts:>8} {:>10.1} {:>12.1} {:>10.1} {:>10.1} {:>8.2}   ({} findings)",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t0, t3),
            ms(t0, t3) / ms(t0, t1),
            findings.len()
        );
    }
}
