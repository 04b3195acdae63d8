//! What normcheck reads and writes, attacked as a pull request to a checked repository could:
//! links out of the tree, FIFOs and devices, a closed or full standard output, and `fmt` on
//! links and on files with their own permissions.

// Tests build fixtures on disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::normcheck;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const CASE: &str = "case \"T\" {\n  assessed 2024-01-01\n}\nstate XA\n";
const SECRET: &str = "SECRET_TOKEN_4f1d";

/// A tree holding one case, and links and a FIFO that the walk must not read.
fn hostile_tree(root: &Path) -> std::path::PathBuf {
    let outside = root.join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    let tree = root.join("tree");
    std::fs::create_dir(&tree).unwrap();
    std::fs::write(tree.join("real.case"), CASE).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), tree.join("leak.case")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", tree.join("env.case")).unwrap();
    std::os::unix::fs::symlink("real.case", tree.join("alias.case")).unwrap();
    let fifo = Command::new("mkfifo").arg(tree.join("pipe.case")).status();
    assert!(
        fifo.is_ok_and(|s| s.success()),
        "mkfifo is part of coreutils"
    );
    tree
}

#[test]
fn a_walk_reads_no_file_outside_the_tree_and_says_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let tree = hostile_tree(dir.path());
    for format in ["human", "json", "sarif", "markdown"] {
        let out = normcheck(&["check", "--format", format, tree.to_str().unwrap()]);
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            !all.contains(SECRET),
            "{format}: a linked file's text leaked"
        );
        assert!(!all.contains("PATH="), "{format}: the environment leaked");
        assert_eq!(out.status.code(), Some(0), "{format}: warnings only\n{all}");
        assert_eq!(all.matches("skipped-path").count(), 3, "{format}:\n{all}");
        if format != "sarif" {
            // SARIF lists results only; the case has none.
            assert!(all.contains("real.case"), "{format}");
        }
    }
    // The link inside the tree is read once, as the file it leads to.
    let out = normcheck(&["check", "--format", "json", tree.to_str().unwrap()]);
    assert_eq!(text(&out.stdout).matches("\"title\": \"T\"").count(), 1);
}

#[test]
fn a_path_named_on_the_command_line_is_read_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let tree = hostile_tree(dir.path());
    let out = normcheck(&["check", tree.join("alias.case").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // A link out of any tree, named explicitly, is what the user asked for.
    let out = normcheck(&["check", tree.join("leak.case").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("missing-case"));
}

#[test]
fn devices_and_non_directories_get_messages_that_say_so() {
    let out = normcheck(&["check", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    let all = text(&out.stdout);
    assert!(all.contains("it is a device"), "{all}");
    assert!(!all.contains("Not a directory"), "{all}");
    let out = normcheck(&["check", "--rules", "/dev/zero", "cases/notpetya-2017.case"]);
    assert_eq!(out.status.code(), Some(2));
    let all = text(&out.stdout);
    assert!(all.contains("`--rules` takes a directory"), "{all}");
    assert!(!all.contains("Not a directory"), "{all}");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [
        &["generate", "--facts", "200000"][..],
        &["check", "cases/"],
        &["rules", "--docs"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_normcheck"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert!(out.status.code().is_some(), "{args:?}: killed by a signal");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_an_empty_report() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(["check", "--format", "sarif", "cases/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("write-failed"), "{stderr}");
    assert!(!stderr.contains("unreadable-file"), "{stderr}");
}

#[test]
fn fmt_formats_the_target_of_a_link_and_keeps_the_link_and_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.case");
    let link = dir.path().join("link.case");
    std::fs::write(&real, "case  \"T\" {}\nstate   XA\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.case", &link).unwrap();
    let out = normcheck(&["fmt", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "case \"T\" { }\nstate XA\n"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}
