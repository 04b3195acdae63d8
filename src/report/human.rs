//! The report for people, as text: per case its findings (status, rule, party, strength,
//! citations, evidence with `file:line:column`, chain, decided-by, cautions), then its
//! diagnostics; for `normcheck test`, a line per case; and `why-not`.

use std::fmt::Write as _;

use super::diagnostics::SourceFile;
use super::view::{CaseView, FileView, FindingView, Named, RunView};
use crate::rules::engine::{WhyNot, WhyNotReport};
use crate::rules::expect::CaseOutcome;
use crate::schema::Status;

/// The run as text, or the test summary when the run is a test.
pub fn render(run: &RunView<'_>, color: bool) -> String {
    if run.test.is_some() {
        return test_summary(run, color);
    }
    let mut out = String::new();
    for case in &run.cases {
        let _ = writeln!(out, "{}: {}", case.file.path, case.display_title());
        if case.has_errors {
            let _ = writeln!(out, "  not assessed: the file has errors (below)\n");
        } else if case.findings.is_empty() {
            let _ = writeln!(out, "  no commitment implicated\n");
        } else {
            let n = case.findings.len();
            let _ = writeln!(out, "  {n} finding{}\n", plural(n));
        }
        for f in &case.findings {
            finding(&mut out, case, f);
        }
        diagnostics(&mut out, &case.file, color);
    }
    for file in &run.other {
        diagnostics(&mut out, file, color);
    }
    let cases = run.cases.len();
    let _ = writeln!(
        out,
        "{cases} case{}, {} finding{}{}, {} error{}{}",
        plural(cases),
        run.findings,
        plural(run.findings),
        status_breakdown(run),
        run.errors,
        plural(run.errors),
        match run.warnings {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        },
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn diagnostics(out: &mut String, file: &FileView<'_>, color: bool) {
    if file.diagnostics.is_empty() {
        return;
    }
    let source = SourceFile::new(file.path, file.text);
    for d in &file.diagnostics {
        out.push_str(&source.render(d.diagnostic, color));
    }
}

/// ` (2 implicated, 1 cannot-assess)`, or nothing when there are no findings.
fn status_breakdown(run: &RunView<'_>) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .zip(run.status_counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn finding(out: &mut String, case: &CaseView<'_>, f: &FindingView<'_>) {
    let rule = f.rule;
    let path = case.file.path;
    let _ = writeln!(out, "  {} · {}", f.status.as_str(), rule.id);
    let _ = writeln!(out, "  {}", rule.title);
    let _ = writeln!(out, "    party      {}", f.party.party());
    let _ = writeln!(out, "    about      {}", f.focus.focus());
    let _ = writeln!(
        out,
        "    strength   {} ({})",
        rule.strength.as_str(),
        rule.strength.gloss()
    );
    let cites: Vec<String> = rule.citations.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "    cites      {}", cites.join("; "));
    let evidence = f.evidence.iter().map(|e| {
        let standing = e
            .standing
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        format!("{path}:{}:{}  {}{standing}", e.line, e.column, e.text)
    });
    labelled(out, "evidence", evidence);
    labelled(out, "chain", f.chain.iter().cloned());
    if f.rests_on_allegation {
        let _ = writeln!(
            out,
            "    note       rests on facts that are alleged or disputed (marked above); this finding does not say that {} is responsible",
            f.party.id
        );
    }
    let deciding = f
        .decided_by
        .iter()
        .map(|e| format!("{path}:{}:{}  {}", e.line, e.column, e.text));
    labelled(out, "decided by", deciding);
    let cautions = rule
        .cautions
        .iter()
        .map(|c| format!("{} ({})", c.text, c.cite));
    labelled(out, "cautions", cautions);
    out.push('\n');
}

/// Lines under a label in the left column, the label on the first line only.
fn labelled(out: &mut String, label: &str, lines: impl Iterator<Item = String>) {
    let mut label = label;
    for line in lines {
        let _ = writeln!(out, "    {label:<10} {line}");
        label = "";
    }
}

/// `normcheck test`: a line per case, its diagnostics, and the counts.
fn test_summary(run: &RunView<'_>, color: bool) -> String {
    let mut out = String::new();
    let Some(test) = run.test else {
        return out;
    };
    for (case, outcome) in run.cases.iter().zip(&test.cases) {
        let path = case.file.path;
        let _ = match outcome {
            CaseOutcome::Failed => writeln!(out, "FAILED  {path}"),
            CaseOutcome::Skipped => {
                writeln!(out, "skipped {path} (no `expect` lines: not a worked case)")
            }
            CaseOutcome::Passed {
                expectations,
                findings,
            } => writeln!(
                out,
                "ok      {path} ({expectations} expectations, {findings} findings)"
            ),
        };
        diagnostics(&mut out, &case.file, color);
    }
    for file in &run.other {
        diagnostics(&mut out, file, color);
    }
    let _ = writeln!(
        out,
        "cases: {} passed, {} failed, {} skipped",
        test.passed, test.failed, test.skipped
    );
    out
}

/// `normcheck why-not RULE FILE`: for each State of the case, the finding, or the first
/// element of the rule that no fact satisfies, or the `unless` entry that defeats it.
pub fn why_not(report: &WhyNotReport<'_>) -> String {
    let mut out = format!(
        "{}: {}\n{}\n",
        report.path, report.rule.id, report.rule.title
    );
    let named = |sym| Named::of(report.scenario, sym);
    for (state, answer) in &report.states {
        let party = named(*state).party();
        let line = match answer {
            WhyNot::Found(found) => {
                for (status, focus) in found {
                    let focus = named(*focus).focus();
                    let _ = writeln!(out, "  {party}: {} about {focus}", status.as_str());
                }
                continue;
            }
            WhyNot::Unmatched(atom) => format!("not implicated: no fact satisfies `{atom}`"),
            WhyNot::Defeated(atom) => format!("not implicated: defeated by `{atom}`"),
            WhyNot::Matches => "not implicated".to_owned(),
        };
        let _ = writeln!(out, "  {party}: {line}");
    }
    out
}
