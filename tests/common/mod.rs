//! What the tests share: running the binary from the repository root, without colour; the
//! worked cases.

// Tests stop at the first surprise; each test crate uses some of these.
#![allow(clippy::unwrap_used, clippy::disallowed_methods, dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every worked case and policy document under `cases/`, in path order.
pub fn case_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "case" || e == "policy" || e == "md")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

pub fn normcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}
