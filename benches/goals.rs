//! The performance goals of normcheck at scale, measured on the release binary as ratios of
//! runs made in turn (the best time of each side over several turns, the median ratio of peak
//! memory), so that a noisy machine moves both sides of a ratio together:
//!
//! - **diagnostics**: a case with a warning on every dated fact, against the same case
//!   without, at 10k and 100k facts, in every format (goal: at most 2x);
//! - **output**: JSON and SARIF against the human format, on a 100k-fact case (goal: at most
//!   1.3x in time and in peak memory);
//! - **directory**: 2,000 small cases at 2 threads against 1 thread (goal: at most 0.6x), and
//!   the peak memory of 2,000 files against 100;
//! - **start-up**: `check` of one small case against `--version` (goal: at most 2x);
//! - **memory**: peak memory per fact of `check --format json` on a 1M-fact case (goal: at
//!   most 400 bytes);
//! - **throughput**: parsing (in process, no I/O) and a whole `check` with human output, in
//!   MB of case text a second, on a 1M-fact case (goals: at least 15 and 8). These two are
//!   absolute figures, so they hold on a machine like the reference one (2 cores): read them
//!   as the order of magnitude they are.
//!
//! - **policy**: checking a Markdown policy document of 10,000 provisions, and a repository of
//!   1,000 Markdown strategies, against reading them and parsing their Markdown alone (in
//!   process, one thread; goal: at most 3x; with, for the document, what parsing its
//!   statements alone costs against the same, the floor under that ratio); and 20,000
//!   provisions against 10,000 (goal: at most 2.5x: linear).
//!
//! Peak memory is the child's `VmHWM` (Linux), sampled while it runs. Prints one line per
//! measurement with its goal; exits 1 if a goal is missed. Run with `cargo bench --bench goals`
//! (a filter word runs the groups whose name holds it).

// A benchmark is an edge: it reads its arguments, files and the clock, and prints its table;
// it stops at the first file it cannot set up.
#![allow(clippy::print_stdout, clippy::disallowed_methods, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use normcheck::language::syntax;

const BIN: &str = env!("CARGO_BIN_EXE_normcheck");
const PAIRS: usize = 7;

/// One run of the binary, timed.
fn run_timed(args: &[&str]) -> Duration {
    let start = Instant::now();
    let _ = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    start.elapsed()
}

/// One run of the binary: its time, and its peak resident memory in KB. Peak memory is
/// sampled from `/proc` while the child runs, which takes time from it (and its memory lock),
/// so a run is timed without sampling and then run again to sample.
fn run(args: &[&str]) -> (Duration, u64) {
    let took = run_timed(args);
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    (took, peak)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// `a` against `b`, run in turn: the ratio of their best times (a run on a shared machine is
/// only ever slowed by what else runs, so the fastest of several is the truest), the median
/// ratio of their peak memory, and `a`'s best time.
fn paired(a: &[&str], b: &[&str]) -> (f64, f64, f64) {
    let (mut best_a, mut best_b, mut memory) = (f64::MAX, f64::MAX, Vec::new());
    for _ in 0..PAIRS {
        let (ta, ma) = run(a);
        let (tb, mb) = run(b);
        best_a = best_a.min(ta.as_secs_f64());
        best_b = best_b.min(tb.as_secs_f64());
        memory.push(ma as f64 / mb.max(1) as f64);
    }
    (best_a / best_b.max(1e-9), median(memory), best_a)
}

struct Goals {
    missed: Vec<String>,
}

impl Goals {
    fn line(&mut self, what: &str, measured: f64, goal: f64, unit: &str) {
        self.check(what, measured, goal, unit, measured <= goal, "<=");
    }

    fn line_at_least(&mut self, what: &str, measured: f64, goal: f64, unit: &str) {
        self.check(what, measured, goal, unit, measured >= goal, ">=");
    }

    fn check(&mut self, what: &str, measured: f64, goal: f64, unit: &str, ok: bool, how: &str) {
        println!(
            "{what:<58} {measured:>8.2}{unit:<2} goal {how} {goal:.2}{unit:<2} {}",
            if ok { "ok" } else { "MISSED" }
        );
        if !ok {
            self.missed.push(what.to_owned());
        }
    }
}

/// A Markdown policy document of `provisions` permitted or required conducts, in sections of
/// prose with a `normcheck` block each, as a long doctrine would be written: a third would
/// implicate commitments (operations against critical infrastructure), the rest not.
fn policy_document(provisions: usize) -> String {
    let mut out = String::from(
        "# Doctrine for ICT operations\n\n```normcheck\npolicy doctrine \"Doctrine\" { of XA }\nstate XA \"Examplia\"\norgan forces \"Cyber Forces\" { of XA; kind armed-forces }\nprovides operations-review, operations-oversight, policy-contact, technical-contact\n```\n",
    );
    for i in 0..provisions {
        out.push_str(&format!(
            "\n## {i}. Operations of kind {i}\n\nThe Cyber Forces may conduct operations of this kind, within the limits the law sets and\nsubject to review.\n\n```normcheck\n"
        ));
        let conduct = match i % 3 {
            0 => "kind disruption\n  effects impairment-of-services\n  intent intentional\n  target-sector energy",
            1 => "kind espionage\n  effects data-theft\n  context armed-conflict",
            _ => "kind intrusion\n  target-kind system",
        };
        let verb = if i % 2 == 0 { "permits" } else { "requires" };
        out.push_str(&format!(
            "{verb} op{i} \"Operation {i}\" {{\n  by forces\n  {conduct}\n}}\n```\n"
        ));
    }
    out
}

fn generate(dir: &Path, name: &str, facts: usize) -> PathBuf {
    let out = Command::new(BIN)
        .args(["generate", "--facts", &facts.to_string()])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let path = dir.join(name);
    std::fs::write(&path, out.stdout).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// The same case with its assessment date moved before its events: a warning on every dated
/// fact.
fn warned(dir: &Path, clean: &Path, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(clean).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    let moved = text.replacen("assessed 2024-01-01", "assessed 2020-01-01", 1);
    std::fs::write(&path, moved).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |group: &str| filter.as_deref().is_none_or(|f| group.contains(f));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    let mut goals = Goals { missed: Vec::new() };
    let formats = ["human", "json", "sarif", "markdown"];

    if wanted("diagnostics") {
        for facts in [10_000, 100_000] {
            let clean = generate(dir, &format!("clean{facts}.case"), facts);
            let warned = warned(dir, &clean, &format!("warned{facts}.case"));
            let (clean, warned) = (clean.to_string_lossy(), warned.to_string_lossy());
            for format in formats {
                let (time, _, _) = paired(
                    &["check", "--format", format, &warned],
                    &["check", "--format", format, &clean],
                );
                goals.line(
                    &format!("diagnostics: warned/clean, {facts} facts, {format}"),
                    time,
                    2.0,
                    "x",
                );
            }
        }
    }

    if wanted("output") {
        let case = generate(dir, "output.case", 100_000);
        let case = case.to_string_lossy();
        for format in ["json", "sarif"] {
            let (time, memory, _) = paired(
                &["check", "--format", format, &case],
                &["check", "--format", "human", &case],
            );
            goals.line(
                &format!("output: {format}/human time, 100k facts"),
                time,
                1.3,
                "x",
            );
            goals.line(
                &format!("output: {format}/human peak memory, 100k facts"),
                memory,
                1.3,
                "x",
            );
        }
    }

    if wanted("directory") {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
        let mut sources: Vec<PathBuf> = std::fs::read_dir(&shipped)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "case"))
            .collect();
        sources.sort();
        let fill = |name: &str, n: usize| {
            let d = dir.join(name);
            std::fs::create_dir(&d).unwrap_or_else(|e| panic!("{e}"));
            for i in 0..n {
                let from = &sources[i % sources.len()];
                std::fs::copy(from, d.join(format!("{i:05}.case")))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            d.to_string_lossy().into_owned()
        };
        let (many, few) = (fill("many", 2_000), fill("few", 100));
        for format in ["human", "json"] {
            let (time, _, one) = paired(
                &["check", "--format", format, "--threads", "2", &many],
                &["check", "--format", format, "--threads", "1", &many],
            );
            goals.line(
                &format!("directory: 2 threads/1 thread, 2,000 files, {format}"),
                time,
                0.6,
                "x",
            );
            println!("{:<58} {:>8.0}ms", "  (2 threads, best)", one * 1e3);
            let (_, memory, _) = paired(
                &["check", "--format", format, &many],
                &["check", "--format", format, &few],
            );
            goals.line(
                &format!("directory: peak memory 2,000 files/100 files, {format}"),
                memory,
                1.5,
                "x",
            );
        }
    }

    if wanted("start-up") {
        let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/estonia-2007.case");
        let small = small.to_string_lossy();
        let (time, _, _) = paired(&["check", &small], &["--version"]);
        goals.line(
            "start-up: check of one small case/--version",
            time,
            2.0,
            "x",
        );
    }

    if wanted("memory") || wanted("throughput") {
        let facts = 1_000_000;
        let case = generate(dir, "million.case", facts);
        let bytes = std::fs::metadata(&case).map_or(0, |m| m.len()) as f64;
        let case = case.to_string_lossy();
        if wanted("memory") {
            let (_, peak) = run(&["check", "--format", "json", &case]);
            goals.line(
                "memory: peak per fact, 1M facts, json",
                peak as f64 * 1024.0 / facts as f64,
                400.0,
                "B",
            );
        }
        if wanted("throughput") {
            let text = std::fs::read_to_string(&*case).unwrap_or_else(|e| panic!("{e}"));
            let mut best = f64::MAX;
            for _ in 0..PAIRS {
                let start = Instant::now();
                let mut arena = syntax::Arena::new();
                std::hint::black_box(syntax::parse(&text, &mut arena));
                best = best.min(start.elapsed().as_secs_f64());
            }
            let mbs = |seconds: f64| bytes / 1e6 / seconds.max(1e-9);
            goals.line_at_least("throughput: parse, MB/s, 1M facts", mbs(best), 15.0, "");
            let best = (0..3)
                .map(|_| run_timed(&["check", &case]).as_secs_f64())
                .fold(f64::MAX, f64::min);
            goals.line_at_least(
                "throughput: check, human, MB/s, 1M facts",
                mbs(best),
                8.0,
                "",
            );
        }
    }

    if wanted("policy") {
        let (catalogue, _) = normcheck::rules::catalogue::Catalogue::embedded();
        // The best of a few runs of each side, taken in turn.
        let best = |f: &mut dyn FnMut()| {
            (0..PAIRS)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min)
        };
        let parse_markdown = |text: &str| {
            let events = pulldown_cmark::Parser::new(text).count();
            std::hint::black_box(events);
        };

        let document = policy_document(10_000);
        let path = dir.join("provisions.md");
        std::fs::write(&path, &document).unwrap_or_else(|e| panic!("{e}"));
        let name = path.to_string_lossy().into_owned();
        let checked = normcheck::check_case(&catalogue, &name, document.as_str());
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());
        let markdown = best(&mut || {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            parse_markdown(&text);
        });
        let check = best(&mut || {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box(normcheck::check_case(&catalogue, &name, text));
        });
        goals.line(
            "policy: check/Markdown alone, 10,000 provisions",
            check / markdown,
            3.0,
            "x",
        );
        // What pest alone costs: parsing the statements of the document, already read, with
        // nothing else of the check (no goal: it is the floor under the line above).
        let read = normcheck::language::markdown::read(&document);
        let statements = best(&mut || {
            let mut arena = syntax::Arena::new();
            std::hint::black_box(syntax::parse_regions(
                &read.statements,
                &mut arena,
                &read.regions,
            ));
        });
        println!(
            "{:<58} {:>8.2}x",
            "  (parsing its statements alone/Markdown alone)",
            statements / markdown
        );
        // Linear: twice the provisions, twice the time (goal: at most 2.5x).
        let double = policy_document(20_000);
        let twice = best(&mut || {
            std::hint::black_box(normcheck::check_case(&catalogue, &name, double.as_str()));
        });
        let once = best(&mut || {
            std::hint::black_box(normcheck::check_case(&catalogue, &name, document.as_str()));
        });
        goals.line("policy: 20,000/10,000 provisions", twice / once, 2.5, "x");

        let strategy = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/policy-repo/strategy/national-cyber-security-strategy.md"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let repo = dir.join("repo");
        let files: Vec<PathBuf> = (0..1_000)
            .map(|i| {
                let sub = repo.join(format!("part{}", i / 100));
                std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
                let file = sub.join(format!("strategy-{i}.md"));
                std::fs::write(&file, &strategy).unwrap_or_else(|e| panic!("{e}"));
                file
            })
            .collect();
        let markdown = best(&mut || {
            for file in &files {
                let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
                parse_markdown(&text);
            }
        });
        let check = best(&mut || {
            for file in &files {
                let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
                let name = file.to_string_lossy();
                std::hint::black_box(normcheck::check_found(
                    &catalogue,
                    &name,
                    text,
                    Default::default(),
                ));
            }
        });
        goals.line(
            "policy: check/Markdown alone, 1,000 Markdown files",
            check / markdown,
            3.0,
            "x",
        );
    }

    if !goals.missed.is_empty() {
        println!("\nmissed: {}", goals.missed.join("; "));
        std::process::exit(1);
    }
}
