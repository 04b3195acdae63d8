//! Hostile inputs, timed: each shape that once made normcheck hang, crash or grow superlinear,
//! at three sizes, through the whole `check` of one file. Prints the time per input and how it
//! grows as the input quadruples, and fails (exit code 1) if an input takes longer than its
//! budget or its time grows more than 8x for 4x the input: a budget per input in a benchmark
//! harness, never a timing assertion in `cargo test`. Run with `cargo bench --bench hostile`.

// A benchmark is an edge: it reads its arguments and the clock, and prints its table.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

use std::time::{Duration, Instant};

use normcheck::check_case;
use normcheck::rules::catalogue::Catalogue;

const HEADER: &str = "case \"t\" {}\nstate XA\n";

/// A shape: its name, the sizes it is tried at (the largest quadruple the smallest), and the
/// text for a size.
struct Shape {
    name: &'static str,
    sizes: [usize; 3],
    make: fn(usize) -> String,
}

fn ids(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{prefix}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "close brace then text, nested",
        sizes: [20, 40, 80],
        make: |n| format!("{}}}x\n", "a {\n".repeat(n)),
    },
    Shape {
        name: "blocks nested deep",
        sizes: [25_000, 50_000, 100_000],
        make: |n| format!("{HEADER}{}{}", "a {\n".repeat(n), "}\n".repeat(n)),
    },
    Shape {
        name: "blocks opened, never closed",
        sizes: [25_000, 50_000, 100_000],
        make: |n| format!("{HEADER}{}", "a {\n".repeat(n)),
    },
    Shape {
        name: "a problem far into a long line",
        sizes: [65_536, 131_072, 262_144],
        make: |n| format!("{HEADER}{}bogus x\n", " ".repeat(n)),
    },
    Shape {
        name: "unclosed quotes and escapes on one line",
        sizes: [50_000, 100_000, 200_000],
        make: |n| format!("{HEADER}note \"{}\n", "\\\"".repeat(n)),
    },
    Shape {
        name: "a line that cannot be read, repeated",
        sizes: [25_000, 50_000, 100_000],
        make: |n| format!("{HEADER}{}", "x = \"{\" }\n".repeat(n)),
    },
    Shape {
        name: "undeclared references",
        sizes: [25_000, 50_000, 100_000],
        make: |n| {
            format!(
                "{HEADER}act a1 {{ by XA\n against {}\n kind disruption\n}}\n",
                ids("t", n)
            )
        },
    },
    Shape {
        name: "duplicate ids",
        sizes: [25_000, 50_000, 100_000],
        make: |n| format!("{HEADER}{}", "state XA\n".repeat(n)),
    },
    Shape {
        name: "a long id with no declaration near it",
        sizes: [25_000, 50_000, 100_000],
        make: |n| {
            format!(
                "{HEADER}state {}\nact a1 {{ by {}\n kind disruption }}\n",
                "y".repeat(n),
                "y".repeat(n + 1)
            )
        },
    },
    Shape {
        name: "one act against many targets",
        sizes: [12_500, 25_000, 50_000],
        make: |n| {
            let declared: String = (0..n)
                .map(|i| format!("infrastructure t{i} {{ in XA }}\n"))
                .collect();
            format!(
                "{HEADER}{declared}act a1 {{ by XA\n against {}\n kind disruption\n}}\n",
                ids("t", n)
            )
        },
    },
    Shape {
        name: "a standing inherited by many facts",
        sizes: [2_500, 5_000, 10_000],
        make: |n| {
            let declared: String = (0..n)
                .map(|i| format!("state S{i}\ninfrastructure t{i} {{ in S0 }}\n"))
                .collect();
            format!(
                "{HEADER}{declared}act a1 (alleged by {}) {{\n by S0\n against {}\n kind disruption\n}}\n",
                ids("S", n),
                ids("t", n)
            )
        },
    },
    Shape {
        name: "lone carriage returns",
        sizes: [25_000, 50_000, 100_000],
        make: |n| format!("{HEADER}{}", "state XB\r".repeat(n)),
    },
];

/// The best of three runs: the least disturbed by the machine's other work.
fn time(catalogue: &Catalogue, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(check_case(catalogue, "hostile.case", text));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; a filter word runs the shapes whose name holds it.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let (catalogue, _) = Catalogue::embedded();
    let budget = Duration::from_secs(1);
    let mut failed = Vec::new();
    println!(
        "{:<44} {:>9} {:>11} {:>10} {:>7}",
        "shape", "size", "bytes", "time", "growth"
    );
    for shape in SHAPES {
        if filter.as_deref().is_some_and(|f| !shape.name.contains(f)) {
            continue;
        }
        let mut first = None;
        for size in shape.sizes {
            let text = (shape.make)(size);
            let took = time(&catalogue, &text);
            let growth = first.map_or(1.0, |f: Duration| {
                took.as_secs_f64() / f.as_secs_f64().max(1e-6)
            });
            first.get_or_insert(took);
            println!(
                "{:<44} {:>9} {:>11} {:>8.1}ms {:>6.1}x",
                shape.name,
                size,
                text.len(),
                took.as_secs_f64() * 1e3,
                growth
            );
            if took > budget {
                failed.push(format!(
                    "{} at {size}: {took:?}, over the budget of {budget:?}",
                    shape.name
                ));
            }
            // Quadrupled input, up to 8x the time: linear with room for noise and caches.
            if size == shape.sizes[2] && growth > 8.0 && took > Duration::from_millis(20) {
                failed.push(format!(
                    "{}: {growth:.1}x the time for 4x the input",
                    shape.name
                ));
            }
        }
    }
    if !failed.is_empty() {
        eprintln!("\nover budget:\n  {}", failed.join("\n  "));
        std::process::exit(1);
    }
}
