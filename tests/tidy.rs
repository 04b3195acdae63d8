//! House rules that a reviewer would otherwise check by hand: every source file says what it
//! owns in a module comment, and the words the field forbids stay out of what users read.

// Tests read the source tree and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::{Path, PathBuf};

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_source_file_starts_with_a_module_comment() {
    for dir in ["src", "tests", "benches", "examples"] {
        for path in files(dir, "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("//!"),
                "{} does not start with a `//!` comment saying what it owns",
                path.display()
            );
        }
    }
}

#[test]
fn norms_are_never_said_to_be_violated() {
    let mut places = files("rules", "yaml");
    places.extend(files("cases", "case"));
    places.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    for path in places {
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        assert!(
            !text.contains("violat"),
            "{} speaks of violation: a norm is implicated or not observed",
            path.display()
        );
    }
}

/// The layout shows the stages: no source file grows past what a reader takes in at once.
#[test]
fn no_source_file_is_over_900_lines() {
    for path in files("src", "rs") {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert!(
            lines <= 900,
            "{} has {lines} lines: split it by concern",
            path.display()
        );
    }
}

/// The core does no I/O: the library denies the methods `clippy.toml` disallows, and printing.
#[test]
fn the_library_denies_io_clocks_and_printing() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for lint in [
        "clippy::disallowed_methods",
        "clippy::print_stdout",
        "clippy::print_stderr",
    ] {
        assert!(
            lib.lines()
                .any(|l| l.starts_with("#![deny(") && l.contains(lint)),
            "src/lib.rs does not deny {lint}"
        );
    }
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("clippy.toml")).unwrap();
    for method in [
        "std::fs::File::open",
        "std::fs::rename",
        "std::path::Path::exists",
        "std::env::current_dir",
        "std::io::stdout",
        "std::time::Instant::now",
    ] {
        assert!(
            config.contains(&format!("\"{method}\"")),
            "clippy.toml does not disallow {method}"
        );
    }
}
