//! Runs the pipeline once on a generated case, up to a given pass, for counting instructions
//! under callgrind (repeatable, unlike wall-clock time):
//!
//! ```sh
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions 100000 evaluate
//! ```
//!
//! The pass is `parse`, `graph` (lowering and graph building) or `evaluate`; each run includes
//! the passes before it, so subtract to get one pass.

// An example is an edge: it reads its command line.
#![allow(clippy::disallowed_methods)]

use normcheck::generate;
use normcheck::language::{lower, syntax};
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::engine;
use normcheck::scenario::graph;

fn main() {
    let mut args = std::env::args().skip(1);
    let facts: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let pass = args.next().unwrap_or_else(|| "evaluate".to_owned());
    let (catalogue, _) = Catalogue::embedded();
    let text = generate::case_with_facts(facts);
    let arena = syntax::Arena::new();
    let (tree, _) = syntax::parse(&text, &arena);
    if pass == "parse" {
        return;
    }
    let scenario = graph::build(lower::lower(&tree).0);
    if pass == "graph" {
        return;
    }
    std::hint::black_box(engine::evaluate(&catalogue, &scenario));
}
