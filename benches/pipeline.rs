//! Benchmarks: each pass (parse, lower + graph build, rule evaluation) on generated cases of
//! 1,000, 10,000 and 100,000 facts, the full `check` of one file, and `check` over 1,000
//! small cases; and `report`'s passes (what would change the findings, the case page) at the
//! same sizes, with the drawing at the sizes it is made for (up to 100 nodes). Run with `cargo bench`; compare the times across sizes to see that every pass
//! stays linear.

// Benchmarks are an edge: they write and read the files they measure.
#![allow(clippy::disallowed_methods, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use normcheck::language::{lower, syntax};
use normcheck::report::view::CaseView;
use normcheck::report::{drawing, html};
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::engine;
use normcheck::rules::whatif::whatif;
use normcheck::scenario::graph;
use normcheck::{check_case, generate};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn passes(c: &mut Criterion) {
    let (catalogue, _) = Catalogue::embedded();
    let mut group = c.benchmark_group("pass");
    group.sample_size(10);
    for facts in SIZES {
        let text = generate::case_with_facts(facts);
        group.throughput(Throughput::Elements(facts as u64));
        group.bench_with_input(BenchmarkId::new("parse", facts), &text, |b, text| {
            b.iter(|| syntax::parse(text, &mut syntax::Arena::new()).1)
        });
        let mut arena = syntax::Arena::new();
        let (tree, _) = syntax::parse(&text, &mut arena);
        group.bench_with_input(BenchmarkId::new("lower+graph", facts), &tree, |b, tree| {
            b.iter(|| graph::build(lower::lower(tree).0))
        });
        let scenario = graph::build(lower::lower(&tree).0);
        group.bench_with_input(
            BenchmarkId::new("evaluate", facts),
            &scenario,
            |b, scenario| b.iter(|| engine::evaluate(&catalogue, scenario)),
        );
        group.bench_with_input(BenchmarkId::new("check", facts), &text, |b, text| {
            b.iter(|| check_case(&catalogue, "bench.case", text))
        });
    }
    group.finish();
}

/// `check` over a directory of 1,000 small case files, read from disk as the CLI does.
fn directory_of_small_cases(c: &mut Criterion) {
    let (catalogue, _) = Catalogue::embedded();
    let dir = tempfile::tempdir().expect("a temporary directory for the benchmark");
    for i in 0..1_000 {
        let path = dir.path().join(format!("case-{i:04}.case"));
        std::fs::write(path, generate::case_with_facts(45)).expect("writing a generated case");
    }
    let mut group = c.benchmark_group("directory");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("check 1000 small case files", |b| {
        b.iter(|| {
            let mut paths: Vec<_> = std::fs::read_dir(dir.path())
                .expect("the benchmark directory")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            paths.sort();
            paths
                .iter()
                .map(|p| {
                    let text = std::fs::read_to_string(p).expect("a generated case");
                    check_case(&catalogue, &p.display().to_string(), &text)
                        .findings
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

/// `normcheck report`'s passes over one case: `whatif`, the case page (without its drawing),
/// and the drawing of generated cases of about 20, 35 and 55 nodes.
fn report(c: &mut Criterion) {
    let (catalogue, _) = Catalogue::embedded();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    for facts in SIZES {
        let case = check_case(&catalogue, "bench.case", generate::case_with_facts(facts));
        group.throughput(Throughput::Elements(facts as u64));
        group.bench_with_input(BenchmarkId::new("whatif", facts), &case, |b, case| {
            b.iter(|| whatif(&catalogue, &case.scenario, &case.findings).len())
        });
        let levers = whatif(&catalogue, &case.scenario, &case.findings);
        group.bench_with_input(BenchmarkId::new("page", facts), &case, |b, case| {
            b.iter(|| {
                let view = CaseView::new(&catalogue, case, &[]);
                html::case_page(&view, &levers, Err("not drawn")).len()
            })
        });
    }
    for facts in [60, 120, 200] {
        let case = check_case(&catalogue, "bench.case", generate::case_with_facts(facts));
        let nodes = case.scenario.graph.node_count();
        group.throughput(Throughput::Elements(nodes as u64));
        group.bench_with_input(
            BenchmarkId::new("drawing (nodes)", nodes),
            &case,
            |b, case| b.iter(|| drawing::svg(&case.scenario, false).map(|svg| svg.len())),
        );
    }
    group.finish();
}

criterion_group!(benches, passes, directory_of_small_cases, report);
criterion_main!(benches);
