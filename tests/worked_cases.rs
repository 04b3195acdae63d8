//! The worked cases in `cases/` are tests: every expectation must hold and every finding must be
//! expected. The catalogue must be covered: every rule implicated somewhere and missed somewhere.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::Path;

use normcheck::report::{self, Format, Style};
use normcheck::rules::catalogue::{Catalogue, RuleSource};
use normcheck::rules::expect::check_expectations;
use normcheck::schema::Status;
use normcheck::{check_case, CheckedCase};

mod common;
use common::case_files;

fn check_all(catalogue: &Catalogue) -> Vec<(CheckedCase, Vec<String>)> {
    case_files()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            let checked = check_case(catalogue, &name, &text);
            let mut problems: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect();
            problems.extend(
                check_expectations(catalogue, &checked)
                    .iter()
                    .map(|d| format!("{}: {}", d.code, d.message)),
            );
            (checked, problems)
        })
        .collect()
}

#[test]
fn every_worked_case_meets_its_expectations() {
    let (catalogue, problems) = Catalogue::embedded();
    assert!(problems.is_empty());
    let results = check_all(&catalogue);
    assert!(
        results.len() >= 15,
        "expected at least 15 worked cases, found {}",
        results.len()
    );
    let failures: Vec<String> = results
        .iter()
        .filter(|(_, p)| !p.is_empty())
        .map(|(c, p)| format!("{}:\n  {}", c.path, p.join("\n  ")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_case_that_implicates_it_and_a_near_miss() {
    let (catalogue, _) = Catalogue::embedded();
    let results = check_all(&catalogue);
    let mut implicated = BTreeSet::new();
    let mut missed = BTreeSet::new();
    let mut alleged = false;
    let mut unknown = false;
    for (checked, _) in &results {
        for e in &checked.scenario.case.expectations {
            match e.status {
                Some(status) => {
                    implicated.insert(e.rule.clone());
                    alleged |= status == Status::ImplicatedIfAlleged;
                    unknown |= status == Status::CannotAssess;
                }
                None => {
                    missed.insert(e.rule.clone());
                }
            }
        }
    }
    for rule in catalogue.rules() {
        assert!(
            implicated.contains(&rule.id),
            "no worked case implicates `{}`",
            rule.id
        );
        assert!(
            missed.contains(&rule.id),
            "no worked case is a near miss for `{}`",
            rule.id
        );
    }
    assert!(alleged, "no worked case rests on alleged facts");
    assert!(unknown, "no worked case has an unknown fact");
}

/// A wrong rule must make the worked cases fail: here 13(f) loses its intent element, so
/// WannaCry's finding becomes "implicated-if-alleged" instead of "cannot-assess".
#[test]
fn a_broken_rule_fails_the_worked_cases() {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/norm-13f-critical-infrastructure.yaml"),
    )
    .unwrap();
    let broken = shipped.replace("  - intent: { act: $act, intent: intentional }\n", "");
    assert_ne!(broken, shipped, "the mutation must change the rule");
    let (catalogue, problems) = Catalogue::load(&[RuleSource {
        path: "broken.yaml",
        text: &broken,
    }]);
    assert!(problems.is_empty());
    let results = check_all(&catalogue);
    let failing: Vec<&str> = results
        .iter()
        .filter(|(_, p)| !p.is_empty())
        .map(|(c, _)| c.path.as_str())
        .collect();
    assert!(
        failing.iter().any(|p| p.ends_with("wannacry-2017.case")),
        "{failing:?}"
    );
}

fn style(format: Format) -> Style {
    Style {
        format,
        color: false,
        test: false,
        summary: false,
    }
}

#[test]
fn output_is_deterministic() {
    let (catalogue, _) = Catalogue::embedded();
    let render = |format| {
        let cases = check_all(&catalogue)
            .into_iter()
            .map(|(c, _)| (c, Vec::new()));
        report::render(style(format), &catalogue, cases, &[])
    };
    for format in Format::ALL {
        assert_eq!(render(*format), render(*format), "{}", format.name());
    }
}

#[test]
fn human_report_of_a_worked_case() {
    let (catalogue, _) = Catalogue::embedded();
    let path = "cases/ukraine-grid-2015.case";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let render = |format| {
        let case = check_case(&catalogue, path, &text);
        report::render(style(format), &catalogue, [(case, Vec::new())], &[])
    };
    insta::assert_snapshot!("ukraine-grid-2015-human", render(Format::Human));
    insta::assert_snapshot!("ukraine-grid-2015-json", render(Format::Json));
    insta::assert_snapshot!(
        "ukraine-grid-2015-dot",
        normcheck::report::dot::render(&check_case(&catalogue, path, &text).scenario)
    );
    insta::assert_snapshot!("ukraine-grid-2015-markdown", render(Format::Markdown));
    insta::assert_snapshot!("ukraine-grid-2015-sarif", render(Format::Sarif));
    insta::assert_snapshot!("ukraine-grid-2015-github", render(Format::Github));
}

/// Where facts come from (`source`) travels with their standing into the report, and a sector
/// beyond the examples of A/76/135 ¶45 is critical infrastructure like any other.
#[test]
fn sources_and_sectors_in_the_report() {
    let (catalogue, _) = Catalogue::embedded();
    let path = "cases/lessons/sectors-and-sources.case";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    for format in [Format::Human, Format::Json] {
        let case = check_case(&catalogue, path, &text);
        let rendered = report::render(style(format), &catalogue, [(case, Vec::new())], &[]);
        insta::assert_snapshot!(format!("sectors-and-sources-{}", format.name()), rendered);
    }
}

/// Policy documents in Markdown, in every format: the conduct a draft permits (`would-implicate`,
/// with the note that nothing has been done) and its gaps (the section, what is missing, SARIF
/// logical locations), all at the Markdown document's own lines.
#[test]
fn policy_documents_in_every_format() {
    let (catalogue, _) = Catalogue::embedded();
    for (name, path) in [
        ("examplia-strategy", "cases/policy/examplia-strategy.md"),
        (
            "incident-response-plan",
            "cases/policy/incident-response-plan.md",
        ),
    ] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        for format in Format::ALL {
            let case = check_case(&catalogue, path, &text);
            let rendered = report::render(style(*format), &catalogue, [(case, Vec::new())], &[]);
            insta::assert_snapshot!(format!("{name}-{}", format.name()), rendered);
        }
    }
}
