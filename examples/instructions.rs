//! Runs the pipeline once on a generated case, up to a given pass, for counting instructions
//! under callgrind (repeatable, unlike wall-clock time):
//!
//! ```sh
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions 100000 evaluate
//! ```
//!
//! The pass is `text` (generating the case alone), `parse`, `graph` (lowering and graph
//! building), `evaluate` or `render` (the whole check with its report, written nowhere; a
//! format may follow, as in `render json`); each run includes the passes before it, so
//! subtract to get one pass.

// An example is an edge: it reads its command line.
#![allow(clippy::disallowed_methods)]

use normcheck::generate;
use normcheck::language::{lower, syntax};
use normcheck::report::{Format, Report, Style};
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::engine;
use normcheck::scenario::graph;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let facts: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let pass = args.next().unwrap_or_else(|| "evaluate".to_owned());
    let (catalogue, _) = Catalogue::embedded();
    let text = generate::case_with_facts(facts);
    if pass == "text" {
        return Ok(());
    }
    if pass == "render" {
        // The report's format may follow: `render json`.
        let format = args
            .next()
            .and_then(|name| Format::from_name(&name))
            .unwrap_or(Format::Human);
        let style = Style {
            format,
            color: false,
            test: false,
            summary: false,
        };
        let checked = normcheck::check_case(&catalogue, "generated.case", text);
        let mut report = Report::start(style, &catalogue, std::io::sink())?;
        report.case(checked, Vec::new())?;
        return report.finish().map(drop);
    }
    let mut arena = syntax::Arena::new();
    let (tree, _) = syntax::parse(&text, &mut arena);
    if pass == "parse" {
        return Ok(());
    }
    let scenario = graph::build(lower::lower(&tree).0);
    if pass == "graph" {
        return Ok(());
    }
    std::hint::black_box(engine::evaluate(&catalogue, &scenario));
    Ok(())
}
