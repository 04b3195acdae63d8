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
