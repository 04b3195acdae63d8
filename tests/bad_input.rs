//! Bad inputs carry their expected diagnostics: each `tests/bad/*.case` file starts with
//! `# expect: code, code` (every diagnostic of the file, in order), and the rendered report is
//! snapshot-tested so that reviewers read what a user sees.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::Path;

use normcheck::language::model::Date;
use normcheck::{check_case_on, CheckOptions};

const TODAY: Date = Date {
    year: 2026,
    month: 6,
    day: 1,
};
/// Suppressions judged against `TODAY`.
const ON_TODAY: CheckOptions = CheckOptions {
    today: Some(TODAY),
    threads: std::num::NonZeroUsize::MIN,
};
use normcheck::report::render_diagnostic;
use normcheck::rules::catalogue::Catalogue;

#[test]
fn every_bad_input_reports_its_expected_diagnostics() {
    let (catalogue, problems) = Catalogue::embedded();
    assert!(problems.is_empty());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 15,
        "expected at least 15 bad inputs, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected: Vec<&str> = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect:"))
            .map(|codes| codes.split(',').map(str::trim).collect())
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: code, ...`"));
        // Markdown policy documents are read as Markdown; everything else as the case language.
        let display = format!("tests/bad/{}", path.file_name().unwrap().to_str().unwrap());
        // Suppressions' `until` dates are judged against a fixed day.
        let checked = check_case_on(&catalogue, &display, &text, ON_TODAY);
        let found: Vec<&str> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        if found != expected {
            failures.push(format!("{name}: expected {expected:?}, found {found:?}"));
            continue;
        }
        let rendered: String = checked
            .diagnostics
            .iter()
            .map(|d| render_diagnostic(&display, &text, d, false))
            .collect();
        for d in &checked.diagnostics {
            for internal in [
                "statement_line",
                "block_junk",
                "standing_clause",
                "date_range",
                "string_inner",
                "EOI",
                "SOI",
                "Rule::",
            ] {
                assert!(
                    !d.message.contains(internal),
                    "{name}: message names a grammar rule: {}",
                    d.message
                );
            }
            assert!(d.help.is_some(), "{name}: `{}` has no help line", d.code);
            assert!(
                d.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{name}: message is capitalised"
            );
        }
        insta::assert_snapshot!(name, rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The examples in docs/diagnostics.md are real renderings of the bad inputs; they must not
/// drift from what normcheck prints.
#[test]
fn the_documented_examples_are_current() {
    let (catalogue, _) = Catalogue::embedded();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    let mut checked = 0;
    for part in doc.split("Example (`").skip(1) {
        let (path, rest) = part.split_once("`):\n\n```\n").unwrap();
        let shown = &rest[..rest.find("```").unwrap()];
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let case = check_case_on(&catalogue, path, &text, ON_TODAY);
        let rendered: String = case
            .diagnostics
            .iter()
            .map(|d| render_diagnostic(path, &text, d, false))
            .collect();
        assert_eq!(
            shown.trim_end(),
            rendered.trim_end(),
            "the example for {path} in docs/diagnostics.md is out of date"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} examples found");
}
