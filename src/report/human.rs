//! The report for people, as text: per case its findings (status, rule, party, strength,
//! citations, evidence with `file:line:column`, chain, decided-by, cautions), then its
//! diagnostics; for `normcheck test`, a line per case; and `why-not`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::diagnostics::SourceFile;
use super::view::{CaseView, FileView, FindingView, Named};
use super::{Style, Totals};
use crate::baseline::Entry;
use crate::diagnostic::LineIndex;
use crate::rules::catalogue::{Rule, Strength};
use crate::rules::engine::{before, WhyNot, WhyNotReport};
use crate::rules::expect::CaseOutcome;
use crate::schema::Status;

/// One case: its findings and diagnostics, or in a test run (`outcome` given) a line saying
/// whether it passed, and its diagnostics.
pub fn case(
    out: &mut dyn Write,
    case: &CaseView<'_>,
    outcome: Option<CaseOutcome>,
    style: Style,
) -> io::Result<()> {
    let color = style.color;
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
    } else {
        match (n, case.set_aside()) {
            (0, None) => writeln!(out, "  no commitment implicated\n")?,
            (0, Some(aside)) => writeln!(out, "  no finding shown ({aside})\n")?,
            (n, None) => writeln!(out, "  {n} finding{}\n", plural(n))?,
            (n, Some(aside)) => writeln!(out, "  {n} finding{} ({aside})\n", plural(n))?,
        }
    }
    let mut text = String::new();
    let mut rules = Vec::new();
    rules.resize_with(case.catalogue().rules().len(), || None);
    for f in case.shown_findings() {
        text.clear();
        match style.summary {
            true => summary_line(&mut text, case, &f, color),
            false => finding(&mut text, &mut rules, case, &f, color),
        }
        out.write_all(text.as_bytes())?;
    }
    if style.summary && case.finding_count() > 0 {
        out.write_all(b"\n")?;
    }
    diagnostics(out, &case.file, color)
}

/// `--summary`: `path:line:column: status rule for PARTY about ID (first citation)`.
fn summary_line(out: &mut String, case: &CaseView<'_>, f: &FindingView<'_>, color: bool) {
    let (line, column, ..) = f.focus_region;
    let _ = write!(out, "  {}:{line}:{column}: ", case.file.path);
    paint(out, f.status.as_str(), status_color(f.status), color);
    let _ = write!(
        out,
        " {} for {} about `{}`",
        f.rule.id, f.party.id, f.focus.id
    );
    if let Some(first) = f.rule.citations.first() {
        let _ = write!(out, " ({first})");
    }
    out.push('\n');
}

/// The colour of a status word: red where a commitment is implicated, yellow where it is if the
/// alleged facts hold, magenta for a gap, cyan where it cannot be assessed.
fn status_color(status: Status) -> &'static str {
    match status {
        Status::Implicated | Status::WouldImplicate => "1;31",
        Status::ImplicatedIfAlleged => "1;33",
        Status::Gap => "1;35",
        Status::CannotAssess => "1;36",
    }
}

/// Writes `text`, in the ANSI colour `code` when `color` (and `code` is not empty).
fn paint(out: &mut String, text: &str, code: &str, color: bool) {
    match color && !code.is_empty() {
        true => {
            let _ = write!(out, "\x1b[{code}m{text}\x1b[0m");
        }
        false => out.push_str(text),
    }
}

/// The last lines: the findings of the baseline that no longer occur, then what the run found,
/// or in a test run how many cases passed.
pub fn finish(
    out: &mut dyn Write,
    run: &Totals,
    fixed: Option<&[Entry]>,
    style: Style,
) -> io::Result<()> {
    let test = style.test;
    if run.per_case.len() > 1 {
        out.write_all(case_table(run).as_bytes())?;
    }
    let fixed = fixed.unwrap_or_default();
    for entry in fixed {
        writeln!(
            out,
            "fixed: {} in {}: recorded in the baseline, no longer found",
            entry.describe(),
            entry.path
        )?;
    }
    if !fixed.is_empty() {
        writeln!(
            out,
            "  (`check --write-baseline FILE` writes the baseline again without them)\n"
        )?;
    }
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
        "{cases} case{}, {} finding{}{}{}{}, {} error{}{}",
        plural(cases),
        run.findings,
        plural(run.findings),
        status_breakdown(run),
        match run.suppressed {
            0 => String::new(),
            n => format!(", {n} set aside"),
        },
        match (run.baselined, run.fixed) {
            (0, 0) => String::new(),
            (known, 0) => format!(", {known} in the baseline"),
            (known, fixed) => format!(", {known} in the baseline, {fixed} fixed"),
        },
        run.errors,
        plural(run.errors),
        match run.warnings {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        },
    )
}

/// A run of several cases: a table of each case's findings by status (the statuses the run
/// found at all), one row per case.
fn case_table(run: &Totals) -> String {
    let columns: Vec<usize> = (0..Status::ALL.len())
        .filter(|&i| run.status_counts[i] > 0)
        .collect();
    let width = run
        .per_case
        .iter()
        .map(|(path, _)| path.chars().count())
        .max()
        .unwrap_or(0)
        .max("case".len());
    let mut out = format!("{:<width$}", "case");
    for &i in &columns {
        let _ = write!(out, "  {}", Status::ALL[i].as_str());
    }
    out.push('\n');
    for (path, counts) in &run.per_case {
        let _ = write!(out, "{path:<width$}");
        for &i in &columns {
            let name = Status::ALL[i].as_str();
            let _ = write!(out, "  {:>w$}", counts[i], w = name.len());
        }
        out.push('\n');
    }
    out.push('\n');
    out
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

/// What a rule's findings all say the same way (strength, citations, cautions, reading), written once
/// per rule and case rather than once per finding.
#[derive(Default)]
struct RuleLines {
    /// `strength` and `cites`.
    strength: String,
    /// `cautions` and `reading`.
    cautions: String,
}

impl RuleLines {
    fn of(rule: &Rule, color: bool) -> RuleLines {
        let mut strength = String::new();
        label(&mut strength, "strength");
        // Law in bold, a norm as it is, a recommendation dimmed.
        let code = match rule.strength {
            Strength::Law => "1",
            Strength::Norm => "",
            Strength::Recommendation => "2",
        };
        paint(&mut strength, rule.strength.as_str(), code, color);
        let _ = writeln!(strength, " ({})", rule.strength.gloss());
        label(&mut strength, "cites");
        strength.push_str(&rule.citation_line());
        strength.push('\n');
        let mut cautions = String::new();
        for (i, c) in rule.cautions.iter().enumerate() {
            label(&mut cautions, if i == 0 { "cautions" } else { "" });
            let _ = writeln!(cautions, "{} ({})", c.text, c.cite);
        }
        // Where the rule reads more than the text: marked as normcheck's, with the finding.
        if let Some(reading) = &rule.doc.reading {
            label(&mut cautions, "reading");
            let _ = writeln!(cautions, "normcheck's, not the texts': {}", reading.trim());
        }
        RuleLines { strength, cautions }
    }
}

fn finding(
    out: &mut String,
    rules: &mut [Option<RuleLines>],
    case: &CaseView<'_>,
    f: &FindingView<'_>,
    color: bool,
) {
    let rule = f.rule;
    let path = case.file.path;
    let lines = rules[f.finding.rule.index()].get_or_insert_with(|| RuleLines::of(rule, color));
    out.push_str("  ");
    paint(out, f.status.as_str(), status_color(f.status), color);
    for part in [" · ", &rule.id, "\n  ", &rule.title, "\n"] {
        out.push_str(part);
    }
    label(out, "party");
    named(out, &f.party, "", "");
    label(out, "about");
    named(out, &f.focus, "`", "`");
    out.push_str(&lines.strength);
    for (i, e) in f.evidence.iter().enumerate() {
        label(out, if i == 0 { "evidence" } else { "" });
        e.place_with_standing(out, path);
        out.push('\n');
    }
    for (i, step) in f.chain.iter().enumerate() {
        label(out, if i == 0 { "chain" } else { "" });
        out.push_str(step);
        out.push('\n');
    }
    if f.rests_on_allegation {
        label(out, "note");
        for part in [
            "rests on facts that are alleged or disputed (marked above); this finding does not say that ",
            f.party.id,
            " is responsible\n",
        ] {
            out.push_str(part);
        }
    }
    if let Some(note) = &f.note {
        label(out, "note");
        out.push_str(note);
        out.push('\n');
    }
    if let Some(section) = f.section {
        label(out, "section");
        out.push_str(&section.title);
        out.push('\n');
    }
    for (i, wanted) in f.missing.iter().enumerate() {
        label(out, if i == 0 { "missing" } else { "" });
        for part in ["`", wanted, "`\n"] {
            out.push_str(part);
        }
    }
    for (i, e) in f.decided_by.iter().enumerate() {
        label(out, if i == 0 { "decided by" } else { "" });
        e.place(out, path);
        out.push('\n');
    }
    out.push_str(&lines.cautions);
    out.push('\n');
}

/// `XB (Borduria)`, or the id alone, the id between `quote` and `unquote`.
fn named(out: &mut String, named: &Named<'_>, quote: &str, unquote: &str) {
    for part in [quote, named.id, unquote] {
        out.push_str(part);
    }
    if let Some(name) = named.name {
        for part in [" (", name, ")"] {
            out.push_str(part);
        }
    }
    out.push('\n');
}

/// The left column of a finding's line: a label, or blanks under the first line of one.
fn label(out: &mut String, label: &str) {
    const WIDTH: usize = 10;
    out.push_str("    ");
    out.push_str(label);
    for _ in label.len()..WIDTH {
        out.push(' ');
    }
    out.push(' ');
}

/// `normcheck why-not RULE FILE`: for each State of the case, the finding, or the first
/// element of the rule that no fact satisfies, or the `unless` entry that defeats it, said in
/// the case language; with `patterns`, also that element as the rule file writes it.
pub fn why_not(report: &WhyNotReport<'_>, patterns: bool) -> String {
    let mut out = format!(
        "{}: {}\n{}\n",
        report.path, report.rule.id, report.rule.title
    );
    let named = |sym| Named::of(report.scenario, sym);
    let index = LineIndex::new(report.text);
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
            WhyNot::Unmatched { element, hint, .. } => match patterns {
                true => format!("not implicated. First missing: {hint}\n      (the rule's element `{element}` holds for no fact)"),
                false => format!("not implicated. First missing: {hint}"),
            },
            WhyNot::Defeated { element, facts } => {
                let mut line = "not implicated. Set aside by what the file records:".to_owned();
                for fact in facts {
                    let fact = report.scenario.fact(*fact);
                    let (l, c) = index.line_col(report.text, fact.span.start);
                    let described = report.scenario.case.describe(fact);
                    let _ = write!(line, "\n      {}:{l}:{c}  {described}", report.path);
                }
                if patterns {
                    let _ = write!(line, "\n      (the rule's `unless`: `{element}`)");
                }
                line
            }
            WhyNot::Predates { focus, when, limit } => format!(
                "not implicated. {} took place on {when}, {}",
                named(*focus).focus(),
                before(report.scenario, report.rule, *limit)
            ),
            WhyNot::Matches => "not implicated".to_owned(),
        };
        let _ = writeln!(out, "  {party}: {line}");
    }
    out
}
