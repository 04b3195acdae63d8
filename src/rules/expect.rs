//! Worked cases as tests: the `expect` statements of a case file, checked against its findings.
//! Every finding must be expected, and every expectation must hold.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::diagnostic::{Code, Diagnostic};
use crate::language::model::Sym;
use crate::rules::catalogue::Catalogue;
use crate::rules::engine::{self, why_not, Finding, WhyNot};
use crate::CheckedCase;

/// The mismatches between a case's expectations and its findings. A case with errors is not
/// tested (its diagnostics say why); a case with no `expect` line is not a worked case and has
/// nothing to check.
pub fn check_expectations(catalogue: &Catalogue, checked: &CheckedCase) -> Vec<Diagnostic> {
    if checked.has_errors() || checked.scenario.case.expectations.is_empty() {
        return Vec::new();
    }
    let case = &checked.scenario.case;
    let name = |s: Sym| case.name(s).to_owned();
    let about = |s: Option<Sym>| {
        s.map(|s| format!(" about `{}`", case.name(s)))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    // Findings by rule id, so that each expectation looks only at its rule's findings.
    let mut by_rule: HashMap<&str, Vec<&Finding>> = HashMap::new();
    // A finding a `suppress` line sets aside is not there for the expectations either.
    for f in checked.findings.iter().filter(|f| f.shown()) {
        by_rule
            .entry(catalogue.get(f.rule).id.as_str())
            .or_default()
            .push(f);
    }
    // Findings already reported (by an `expect not` they contradict, or once as unexpected):
    // a mismatch is said once.
    let mut reported = BTreeSet::new();
    for e in &case.expectations {
        let findings: Vec<&Finding> = by_rule
            .get(e.rule.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|f| {
                e.party.is_none_or(|p| p == f.party) && e.about.is_none_or(|a| a == f.focus)
            })
            .collect();
        match (e.status, e.party) {
            (Some(status), Some(party)) => {
                if findings.iter().any(|f| f.status == status) {
                    continue;
                }
                let found = match findings.first() {
                    Some(f) => format!("it is {}", f.status.as_str()),
                    None => "it is not implicated".to_owned(),
                };
                let why = match catalogue
                    .rule(&e.rule)
                    .map(|r| why_not(r, &checked.scenario, Some(party), e.about))
                {
                    Some(WhyNot::Unmatched { hint, .. }) if findings.is_empty() => {
                        format!("first missing: {hint}; ")
                    }
                    Some(WhyNot::Predates { focus, when, limit }) if findings.is_empty() => {
                        let before = catalogue
                            .rule(&e.rule)
                            .map(|r| engine::before(&checked.scenario, r, limit));
                        format!(
                            "`{}` took place on {when}, {}; ",
                            checked.scenario.name(focus),
                            before.unwrap_or_default()
                        )
                    }
                    Some(WhyNot::Defeated { facts, .. }) if findings.is_empty() => {
                        let facts: Vec<String> = facts
                            .iter()
                            .map(|f| checked.scenario.case.describe(checked.scenario.fact(*f)))
                            .collect();
                        format!(
                            "it is set aside by what the file records ({}); ",
                            facts.join("; ")
                        )
                    }
                    _ => String::new(),
                };
                out.push(
                    Diagnostic::error(
                        Code::ExpectationMismatch,
                        e.span,
                        format!("expected `{}` to be {} for {}{}, but {found}", e.rule, status.as_str(), name(party), about(e.about)),
                    )
                    .with_label("this expectation does not hold")
                    .with_help(format!("{why}check the facts the rule needs (`normcheck explain {}`), or correct the expectation", e.rule)),
                );
            }
            (None, party) => {
                for f in &findings {
                    reported.insert((e.rule.clone(), f.party, f.focus));
                }
                if !findings.is_empty() {
                    // Every finding it contradicts is named here, and nowhere else.
                    let found: Vec<String> = findings
                        .iter()
                        .map(|f| {
                            format!(
                                "{} for {}{}",
                                f.status.as_str(),
                                name(f.party),
                                about(Some(f.focus))
                            )
                        })
                        .collect();
                    out.push(
                        Diagnostic::error(
                            Code::ExpectationMismatch,
                            e.span,
                            format!(
                                "expected `{}` not to be implicated{}{}, but it is {}",
                                e.rule,
                                party.map(|p| format!(" for {}", name(p))).unwrap_or_default(),
                                about(e.about),
                                found.join(", and "),
                            ),
                        )
                        .with_label("this expectation does not hold")
                        .with_help("the finding's evidence (`normcheck check`) shows which facts made it match"),
                    );
                }
            }
            (Some(_), None) => {}
        }
    }
    // Every finding must be accounted for by a positive expectation: one for its rule and
    // party, about anything or about what the finding is about.
    let positive: HashSet<(&str, Sym, Option<Sym>)> = case
        .expectations
        .iter()
        .filter(|e| e.status.is_some())
        .filter_map(|e| Some((e.rule.as_str(), e.party?, e.about)))
        .collect();
    for f in checked.findings.iter().filter(|f| f.shown()) {
        let rule = &catalogue.get(f.rule).id;
        let covered = positive.contains(&(rule.as_str(), f.party, None))
            || positive.contains(&(rule.as_str(), f.party, Some(f.focus)));
        if covered || !reported.insert((rule.clone(), f.party, f.focus)) {
            continue;
        }
        out.push(
            Diagnostic::error(
                Code::UnexpectedFinding,
                case.title_span,
                format!(
                    "`{rule}` is {} for {}{}, but no expectation mentions it",
                    f.status.as_str(),
                    name(f.party),
                    about(Some(f.focus)),
                ),
            )
            .with_label("in this case")
            .with_help(format!(
                "add `expect {} {rule} for {} about {}` if that is right",
                f.status.as_str(),
                name(f.party),
                checked.scenario.name(f.focus),
            )),
        );
    }
    out
}

/// How a `normcheck test` run fared: the cases that passed, failed and were skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: usize,
    /// Cases that fail, and other files (rule files, unreadable paths) with an error.
    pub failed: usize,
    pub skipped: usize,
}

impl TestCounts {
    pub fn add(&mut self, outcome: CaseOutcome) {
        match outcome {
            CaseOutcome::Passed { .. } => self.passed += 1,
            CaseOutcome::Failed => self.failed += 1,
            CaseOutcome::Skipped => self.skipped += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseOutcome {
    /// Every expectation holds and every finding is expected.
    Passed {
        expectations: usize,
        findings: usize,
    },
    /// An error in the file, or an expectation that does not hold. Warnings do not fail a case.
    Failed,
    /// No `expect` line: not a worked case.
    Skipped,
}

/// How a case fares in `normcheck test`, given the mismatches `check_expectations` found.
pub fn outcome(case: &CheckedCase, mismatches: &[Diagnostic]) -> CaseOutcome {
    let expectations = case.scenario.case.expectations.len();
    if case
        .diagnostics
        .iter()
        .chain(mismatches)
        .any(|d| d.severity == Severity::Error)
    {
        CaseOutcome::Failed
    } else if expectations == 0 {
        CaseOutcome::Skipped
    } else {
        CaseOutcome::Passed {
            expectations,
            findings: case.findings.iter().filter(|f| f.shown()).count(),
        }
    }
}
