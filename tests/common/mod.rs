//! What the command-line tests share: running the binary from the repository root, without
//! colour.

// Tests stop at the first surprise.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

pub fn normcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}
