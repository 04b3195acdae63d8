//! A finding's fingerprint (what a baseline records) is made of the rule, the party, what the
//! finding is about and the ids and words of its facts: every worked case is edited the ways
//! a document is edited without changing what it says (statements moved, blocks reindented,
//! prose and comments inserted) and keeps every fingerprint; changing a fact a finding rests
//! on changes that finding's fingerprint and no other.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;

use normcheck::baseline::fingerprint;
use normcheck::rules::catalogue::Catalogue;
use normcheck::{check_case, CheckedCase};

mod common;
use common::case_files;

/// Each finding of a case as `rule party about` with its fingerprint, in a stable order.
fn fingerprints(catalogue: &Catalogue, checked: &CheckedCase) -> BTreeMap<String, String> {
    assert!(
        !checked.has_errors(),
        "{}: {:#?}",
        checked.path,
        checked.diagnostics
    );
    let s = &checked.scenario;
    let mut out = BTreeMap::new();
    for f in &checked.findings {
        let key = format!(
            "{} {} {}",
            catalogue.get(f.rule).id,
            s.name(f.party),
            s.name(f.focus)
        );
        let print = fingerprint(catalogue, s, f).to_string();
        assert!(out.insert(key.clone(), print).is_none(), "{key} twice");
    }
    out
}

/// The top-level statements of a case file, each with the lines of its block and the comments
/// and blank lines before it.
fn statements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    for line in text.split_inclusive('\n') {
        current.push_str(line);
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                '#' if !quoted => break,
                '{' if !quoted => depth += 1,
                '}' if !quoted => depth -= 1,
                _ => {}
            }
        }
        let content = line.trim();
        if depth == 0 && !content.is_empty() && !content.starts_with('#') {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out
}

/// Edits that change how a document is written and nothing it says.
fn rewritten(path: &str, text: &str) -> Vec<(&'static str, String)> {
    if path.ends_with(".md") {
        // Prose before every block, and the statements of every block indented further.
        let mut inserted = String::from("An added paragraph of prose.\n\n");
        let mut reindented = String::new();
        let mut inside = false;
        for line in text.split_inclusive('\n') {
            let fence = line.trim_start().starts_with("```");
            if fence && !inside {
                inserted.push_str("A paragraph written later, above the block.\n\n");
            }
            inserted.push_str(line);
            if inside && !fence && !line.trim().is_empty() {
                reindented.push_str("    ");
            }
            reindented.push_str(line);
            if fence {
                inside = !inside;
            }
        }
        return vec![("prose inserted", inserted), ("reindented", reindented)];
    }
    let statements = statements(text);
    let moved: String = statements.iter().rev().map(String::as_str).collect();
    let moved = format!("{}\n", moved.trim_end());
    let inserted: String = statements
        .iter()
        .map(|s| format!("# a comment added above\n\n{s}"))
        .collect();
    let reindented: String = text
        .split_inclusive('\n')
        .map(|line| match line.trim().is_empty() {
            true => line.to_owned(),
            false => format!("\t  {}", line.trim_start()),
        })
        .collect();
    vec![
        ("statements in reverse order", moved),
        ("comments inserted", inserted),
        ("reindented", reindented),
    ]
}

#[test]
fn moving_reindenting_or_inserting_text_keeps_every_fingerprint() {
    let (catalogue, _) = Catalogue::embedded();
    let mut compared = 0;
    for path in case_files() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let before = fingerprints(&catalogue, &check_case(&catalogue, &name, &text));
        for (edit, edited) in rewritten(&name, &text) {
            assert_ne!(edited, text, "{name}: {edit} changed nothing");
            let after = fingerprints(&catalogue, &check_case(&catalogue, &name, edited));
            assert_eq!(before, after, "{name}: {edit} changed fingerprints");
            compared += before.len();
        }
    }
    assert!(compared > 200, "only {compared} findings compared");
}

/// Checks `text` with `from` replaced by `to`, and gives the findings whose fingerprints
/// changed: those present before and after with different fingerprints, and those only on
/// one side.
fn changed_by(path: &str, from: &str, to: &str) -> Vec<String> {
    let (catalogue, _) = Catalogue::embedded();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{path}: `{from}` not once");
    let before = fingerprints(&catalogue, &check_case(&catalogue, path, &text));
    let after = fingerprints(
        &catalogue,
        &check_case(&catalogue, path, text.replace(from, to)),
    );
    let mut changed: Vec<String> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(after.keys().filter(|k| !before.contains_key(*k)).cloned());
    changed
}

#[test]
fn changing_a_fact_a_finding_rests_on_changes_its_fingerprint_and_no_other() {
    // The sector of the targets of permitted conduct: only the critical-infrastructure norm
    // rests on it.
    assert_eq!(
        changed_by(
            "cases/policy/examplia-strategy.md",
            "target-sector energy",
            "target-sector health"
        ),
        ["norm-13f-critical-infrastructure XA grid-ops"]
    );
    // The standing of a fact: the same finding, now on an allegation, is a new one.
    let changed = changed_by(
        "cases/ukraine-grid-2015.case",
        "effects impairment-of-services",
        "effects impairment-of-services (unknown)",
    );
    assert!(!changed.is_empty());
    assert!(
        changed.iter().all(|k| k.contains(" a1")),
        "findings not about the act changed: {changed:?}"
    );
}
