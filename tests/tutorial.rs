//! `docs/tutorial.md` is run: every `$ normcheck ...` line of its `console` blocks runs in a
//! directory holding a copy of `cases/`, in order, and each line shown under a command must
//! appear in what it prints; its `case file=NAME` blocks write that file (`append` adds to
//! it). A command may exit 0 or 1 (findings), never 2 (invalid input).

#![allow(clippy::unwrap_used, clippy::disallowed_methods, clippy::panic)]

use std::path::Path;
use std::process::Command;

/// Copies a directory tree.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs one command of the tutorial and checks what it prints.
fn run(dir: &Path, command: &str, shown: &[String]) {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(&args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "`{command}` exited with {:?}:\n{printed}",
        out.status.code()
    );
    for line in shown {
        assert!(
            printed.contains(line.as_str()),
            "`{command}` does not print `{line}`; it prints:\n{printed}"
        );
    }
}

#[test]
fn every_command_of_the_tutorial_runs_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tutorial = std::fs::read_to_string(root.join("docs/tutorial.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root.join("cases"), &dir.path().join("cases"));
    let mut lines = tutorial.lines();
    let (mut commands, mut files) = (0, 0);
    while let Some(line) = lines.next() {
        if line == "```console" {
            // Commands, each followed by the lines it must print.
            let mut pending: Option<(String, Vec<String>)> = None;
            for line in lines.by_ref().take_while(|l| *l != "```") {
                if let Some(command) = line.strip_prefix("$ ") {
                    assert!(command.starts_with("normcheck "), "{command}");
                    if let Some((command, shown)) = pending.take() {
                        run(dir.path(), &command, &shown);
                    }
                    pending = Some((command.to_owned(), Vec::new()));
                    commands += 1;
                } else if let Some((_, shown)) = pending.as_mut() {
                    shown.push(line.trim().to_owned());
                }
            }
            if let Some((command, shown)) = pending {
                run(dir.path(), &command, &shown);
            }
        } else if let Some(spec) = line.strip_prefix("```case file=") {
            let (name, append) = match spec.strip_suffix(" append") {
                Some(name) => (name, true),
                None => (spec, false),
            };
            let mut text: String = lines
                .by_ref()
                .take_while(|l| *l != "```")
                .map(|l| format!("{l}\n"))
                .collect();
            let path = dir.path().join(name);
            if append {
                text = format!("{}\n{text}", std::fs::read_to_string(&path).unwrap());
            }
            std::fs::write(path, text).unwrap();
            files += 1;
        }
    }
    assert!(
        commands >= 10 && files >= 3,
        "{commands} commands, {files} files"
    );
}
