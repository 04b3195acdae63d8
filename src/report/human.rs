//! The report for people, as text: per case its findings (status, rule, party, strength,
//! citations, evidence with `file:line:column`, chain, decided-by, cautions), then its
//! diagnostics; for `normcheck test`, a line per case; and `why-not`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::diagnostics::SourceFile;
use super::view::{CaseView, FileView, FindingView, Named};
use super::Totals;
use crate::rules::engine::{WhyNot, WhyNotReport};
use crate::rules::expect::CaseOutcome;
use crate::schema::Status;

/// One case: its findings and diagnostics, or in a test run (`outcome` given) a line saying
/// whether it passed, and its diagnostics.
pub fn case(
    out: &mut dyn Write,
    case: &CaseView<'_>,
    outcome: Option<CaseOutcome>,
    color: bool,
) -> io::Result<()> {
    let path = case.file.path;
    if let Some(outcome) = outcome {
        match outcome {
            CaseOutcome::Failed => writeln!(out, "FAILED  {path}")?,
            CaseOutcome::Skipped => {
                writeln!(out, "skipped {path} (no `expect` lines: not a worked case)")?
            }
            CaseOutcome::Passed {
                expectations,
                findings,
            } => writeln!(
                out,
                "ok      {path} ({expectations} expectations, {findings} findings)"
            )?,
        }
        return diagnostics(out, &case.file, color);
    }
    writeln!(out, "{path}: {}", case.display_title())?;
    let n = case.finding_count();
    if case.has_errors {
        writeln!(out, "  not assessed: the file has errors (below)\n")?;
    } else if n == 0 {
        writeln!(out, "  no commitment implicated\n")?;
    } else {
        writeln!(out, "  {n} finding{}\n", plural(n))?;
    }
    let mut text = String::new();
    for f in case.findings() {
        text.clear();
        finding(&mut text, case, &f);
        out.write_all(text.as_bytes())?;
    }
    diagnostics(out, &case.file, color)
}

/// The last line: what the run found, or in a test run how many cases passed.
pub fn finish(out: &mut dyn Write, run: &Totals, test: bool) -> io::Result<()> {
    if test {
        let t = run.test;
        return writeln!(
            out,
            "cases: {} passed, {} failed, {} skipped",
            t.passed, t.failed, t.skipped
        );
    }
    let cases = run.cases;
    writeln!(
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
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A file's diagnostics, each with the lines it points at.
pub fn diagnostics(out: &mut dyn Write, file: &FileView<'_>, color: bool) -> io::Result<()> {
    if file.diagnostics.is_empty() {
        return Ok(());
    }
    let source = SourceFile::new(file.path, file.text);
    for d in &file.diagnostics {
        out.write_all(source.render(d.diagnostic, color).as_bytes())?;
    }
    Ok(())
}

/// ` (2 implicated, 1 cannot-assess)`, or nothing when there are no findings.
fn status_breakdown(run: &Totals) -> String {
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
