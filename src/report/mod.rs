//! Rendering: a run as people and programs read it. `view` computes, once per finding, what
//! every format shows; each format is one small file that prints the view (`human`, `json`,
//! `sarif`, `markdown`, `github`); `diagnostics` renders diagnostics through miette, `docs` the catalogue
//! and the texts, `dot` the scenario graph.
//!
//! A run is written as a stream: a [`Report`] takes the cases one at a time, in run order, and
//! writes each to the writer it was given before the next comes, so that a run of 10,000 files
//! holds one case at a time and a case with 100,000 findings is never one string in memory.
//! The report does no I/O of its own: it writes to the `Write` it is handed (standard output in
//! the CLI, a `Vec<u8>` in tests).

mod diagnostics;
pub mod docs;
pub mod dot;
pub mod drawing;
mod github;
pub mod html;
mod human;
mod json;
mod markdown;
mod sarif;
pub mod view;
pub mod whatif;

use std::io::{self, Write};
use std::num::NonZeroUsize;

use crate::baseline::Entry;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::catalogue::Catalogue;
use crate::rules::engine::SetAside;
use crate::rules::expect::{self, TestCounts};
use crate::schema::Status;
use crate::{CheckedCase, FileDiagnostics};
pub use diagnostics::{render_diagnostic, SourceFile};
pub use human::why_not;
pub use json::Spool;
use view::{file_view, CaseView};

/// An output format of `check` and `test`. A new format is a file that writes a `CaseView`
/// and a variant here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: findings with their evidence and cautions, then diagnostics.
    Human,
    /// One JSON document: `{"cases", "diagnostics", "findings", "version": 2}`.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// A Markdown report to share an assessment.
    Markdown,
    /// GitHub Actions workflow commands: annotations on the lines of a pull request.
    Github,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Markdown,
        Format::Github,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Markdown => "markdown",
            Format::Github => "github",
        }
    }

    /// One line for `--help`.
    pub fn about(self) -> &'static str {
        match self {
            Format::Human => "for people: findings, evidence, cautions, diagnostics",
            Format::Json => "one JSON document for programs",
            Format::Sarif => "SARIF 2.1.0, for code-scanning dashboards",
            Format::Markdown => "a Markdown report to share an assessment",
            Format::Github => "GitHub Actions annotations on the lines of a pull request",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// What a run found, counted as its cases are written; the human format ends with it, and the
/// CLI sets its exit code from it.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub cases: usize,
    /// Findings shown: those no `suppress` line sets aside.
    pub findings: usize,
    /// Findings set aside by a `suppress` line: listed in JSON and SARIF, never counted for
    /// the exit code.
    pub suppressed: usize,
    /// Findings set aside because the baseline records them (`--baseline`): listed in JSON
    /// and SARIF, never counted for the exit code.
    pub baselined: usize,
    /// Findings the baseline records that no longer occur.
    pub fixed: usize,
    /// Findings by status, in `Status::ALL` order.
    pub status_counts: [usize; Status::ALL.len()],
    pub errors: usize,
    pub warnings: usize,
    /// Some case or other file has an error of its own (not an expectation mismatch).
    pub invalid: bool,
    /// Some case of a test run has an expectation that does not hold.
    pub mismatched: bool,
    pub test: TestCounts,
    /// Each case in run order: its path and its findings shown, by status (for the table
    /// the human format ends a run of several cases with).
    pub per_case: Vec<(String, [usize; Status::ALL.len()])>,
}

/// Which findings make `check` exit with 1: those of this status or a stronger one
/// (`implicated` and `would-implicate` are the strongest, then `implicated-if-alleged`, then
/// `cannot-assess`; `gap` takes every finding, a policy document's gaps included), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum FailOn {
    Implicated,
    /// The default: a commitment implicated, or implicated if the alleged facts hold.
    #[default]
    IfAlleged,
    CannotAssess,
    /// Any finding at all.
    Gap,
    Never,
}

impl FailOn {
    pub const ALL: [FailOn; 5] = [
        FailOn::Implicated,
        FailOn::IfAlleged,
        FailOn::CannotAssess,
        FailOn::Gap,
        FailOn::Never,
    ];

    /// The word `--fail-on` takes.
    pub fn name(self) -> &'static str {
        match self {
            FailOn::Implicated => "implicated",
            FailOn::IfAlleged => "if-alleged",
            FailOn::CannotAssess => "cannot-assess",
            FailOn::Gap => "gap",
            FailOn::Never => "never",
        }
    }

    /// One line for `--help`.
    pub fn about(self) -> &'static str {
        match self {
            FailOn::Implicated => {
                "a commitment implicated on established facts, or conduct a policy document permits that would implicate one"
            }
            FailOn::IfAlleged => "... or implicated if the alleged facts hold (the default)",
            FailOn::CannotAssess => "... or a finding that cannot be assessed",
            FailOn::Gap => "any finding at all, a policy document's gaps included",
            FailOn::Never => "no finding: exit 1 is never for findings",
        }
    }

    pub fn from_name(name: &str) -> Option<FailOn> {
        FailOn::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether a run with these totals fails.
    pub fn fails(self, totals: &Totals) -> bool {
        Status::ALL
            .iter()
            .zip(totals.status_counts)
            .any(|(status, n)| n > 0 && self.covers(*status))
    }

    fn covers(self, status: Status) -> bool {
        let level = match status {
            Status::Implicated | Status::WouldImplicate => FailOn::Implicated,
            Status::ImplicatedIfAlleged => FailOn::IfAlleged,
            Status::CannotAssess => FailOn::CannotAssess,
            Status::Gap => FailOn::Gap,
        };
        level <= self && self != FailOn::Never
    }
}

/// How a run is reported.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    /// Colour in human output (the other formats have none).
    pub color: bool,
    /// A `normcheck test` run: the human format says per case whether it passed.
    pub test: bool,
    /// Human output: one line per finding instead of its whole account.
    pub summary: bool,
}

/// A report being written: [`Report::case`] for each case in run order, then
/// [`Report::other`] for each file that is not a case, then [`Report::finish`].
pub struct Report<'a, W: Write> {
    style: Style,
    catalogue: &'a Catalogue,
    out: W,
    totals: Totals,
    json: json::Sections,
    sarif: sarif::Results,
    /// With a baseline: the findings it records that no longer occur.
    fixed: Option<Vec<Entry>>,
    /// How many threads may render a large case's findings (JSON and SARIF).
    threads: NonZeroUsize,
}

impl<'a, W: Write> Report<'a, W> {
    /// Starts a report, writing what comes before the first case.
    pub fn start(style: Style, catalogue: &'a Catalogue, mut out: W) -> io::Result<Self> {
        match style.format {
            Format::Markdown => markdown::start(&mut out)?,
            Format::Sarif => sarif::start(&mut out)?,
            Format::Json => json::start(&mut out)?,
            Format::Human | Format::Github => {}
        }
        Ok(Report {
            style,
            catalogue,
            out,
            totals: Totals::default(),
            json: json::Sections::default(),
            sarif: sarif::Results::default(),
            fixed: None,
            threads: NonZeroUsize::MIN,
        })
    }

    /// Lets a large case's findings be rendered on `threads` threads (one unless set here):
    /// the output is the same bytes on any number.
    pub fn with_threads(mut self, threads: NonZeroUsize) -> Self {
        self.threads = threads;
        self.json.threads = threads;
        self
    }

    /// Where JSON keeps the diagnostics and findings of the cases before the last until the
    /// document reaches their section (in memory unless set here).
    pub fn with_spools(mut self, diagnostics: Box<dyn Spool>, findings: Box<dyn Spool>) -> Self {
        self.json.spools(diagnostics, findings);
        self
    }

    /// Writes one case; `mismatches` are the expectations of a test run that do not hold.
    pub fn case(&mut self, case: CheckedCase, mismatches: Vec<Diagnostic>) -> io::Result<()> {
        let tally = Tally::of(self.style, &case, &mismatches);
        self.add(&tally);
        self.stream(case, mismatches, tally.outcome)
    }

    /// Writes a case prepared by [`prepare`], perhaps on another thread.
    pub fn prepared(&mut self, prepared: Prepared) -> io::Result<()> {
        match prepared.0 {
            Ready::Case(case, mismatches) => self.case(*case, mismatches),
            Ready::Rendered(tally, parts) => {
                self.add(&tally);
                let out = &mut self.out;
                match parts {
                    Parts::Text(text) => out.write_all(&text),
                    Parts::Sarif(results) => self.sarif.append(out, &results),
                    Parts::Json(entries) => self.json.append(out, self.catalogue, *entries),
                }
            }
        }
    }

    fn add(&mut self, tally: &Tally) {
        let t = &mut self.totals;
        t.cases += 1;
        if self.style.format == Format::Human && !self.style.test {
            t.per_case.push((tally.path.clone(), tally.status_counts));
        }
        t.findings += tally.findings;
        t.suppressed += tally.suppressed;
        t.baselined += tally.baselined;
        for (total, n) in t.status_counts.iter_mut().zip(tally.status_counts) {
            *total += n;
        }
        t.errors += tally.errors;
        t.warnings += tally.warnings;
        t.invalid |= tally.invalid;
        t.mismatched |= tally.mismatched;
        if let Some(outcome) = tally.outcome {
            t.test.add(outcome);
        }
    }

    fn stream(
        &mut self,
        case: CheckedCase,
        mismatches: Vec<Diagnostic>,
        outcome: Option<expect::CaseOutcome>,
    ) -> io::Result<()> {
        if self.style.format == Format::Json {
            // JSON writes a case's diagnostics and findings in sections after every case's
            // summary: the last case waits for them, the ones before are spooled.
            return self
                .json
                .case(&mut self.out, self.catalogue, case, mismatches);
        }
        let view = CaseView::new(self.catalogue, &case, &mismatches);
        let out = &mut self.out;
        match self.style.format {
            Format::Human => human::case(out, &view, outcome, self.style),
            Format::Markdown => markdown::case(out, &view),
            Format::Github => github::case(out, &view),
            Format::Sarif => self.sarif.case(out, &view, self.threads),
            Format::Json => Ok(()),
        }
    }

    /// Writes the diagnostics of a file that is not a case (a rule file, an unreadable path).
    pub fn other(&mut self, file: &FileDiagnostics) -> io::Result<()> {
        let t = &mut self.totals;
        count(t, file.diagnostics.iter());
        if file.has_errors() {
            t.invalid = true;
            t.test.failed += 1;
        }
        let index = crate::diagnostic::LineIndex::new(&file.text);
        let view = file_view(&file.path, &file.text, &index, file.diagnostics.iter());
        let out = &mut self.out;
        match self.style.format {
            Format::Human => human::diagnostics(out, &view, self.style.color),
            Format::Markdown => markdown::other(out, &view),
            Format::Github => github::other(out, &view),
            Format::Sarif => self.sarif.diagnostics(out, &view),
            Format::Json => self.json.other(out, self.catalogue, &view),
        }
    }

    /// Says, in a run with a baseline, which of the findings it records no longer occur (the
    /// report ends with them).
    pub fn fixed(&mut self, fixed: Vec<Entry>) {
        self.totals.fixed = fixed.len();
        self.fixed = Some(fixed);
    }

    /// Writes what comes after the last file, and gives the writer back with the totals.
    pub fn finish(mut self) -> io::Result<(W, Totals)> {
        let out = &mut self.out;
        let fixed = self.fixed.as_deref();
        match self.style.format {
            Format::Human => human::finish(out, &self.totals, fixed, self.style)?,
            Format::Markdown => markdown::finish(out, fixed)?,
            Format::Github => github::finish(out, fixed)?,
            Format::Sarif => self.sarif.finish(out, self.catalogue, fixed)?,
            Format::Json => self.json.finish(out, self.catalogue, fixed)?,
        }
        self.out.flush()?;
        Ok((self.out, self.totals))
    }
}

/// What one case adds to the totals.
struct Tally {
    path: String,
    findings: usize,
    suppressed: usize,
    baselined: usize,
    status_counts: [usize; Status::ALL.len()],
    errors: usize,
    warnings: usize,
    invalid: bool,
    mismatched: bool,
    outcome: Option<expect::CaseOutcome>,
}

impl Tally {
    fn of(style: Style, case: &CheckedCase, mismatches: &[Diagnostic]) -> Tally {
        let mut status_counts = [0; Status::ALL.len()];
        let (mut suppressed, mut baselined) = (0, 0);
        for f in &case.findings {
            match f.set_aside {
                Some(SetAside::Suppressed(_)) => suppressed += 1,
                Some(SetAside::Baselined) => baselined += 1,
                None => status_counts[f.status as usize] += 1,
            }
        }
        let mut counts = Totals::default();
        count(&mut counts, case.diagnostics.iter().chain(mismatches));
        Tally {
            path: case.path.clone(),
            findings: case.findings.len() - suppressed - baselined,
            suppressed,
            baselined,
            status_counts,
            errors: counts.errors,
            warnings: counts.warnings,
            invalid: case.has_errors(),
            mismatched: !mismatches.is_empty(),
            outcome: style.test.then(|| expect::outcome(case, mismatches)),
        }
    }
}

/// The largest case (in bytes of text) that [`prepare`] renders: a larger one is kept as a
/// case and written as a stream, so that it is never held as text.
const RENDER_AHEAD: usize = 256 * 1024;

/// A case ready to be written: rendered already where it was checked (on a worker thread, so
/// that checking and rendering a directory both use every core), or, if large, the case
/// itself, to be written as a stream.
pub struct Prepared(Ready);

enum Ready {
    Rendered(Tally, Parts),
    Case(Box<CheckedCase>, Vec<Diagnostic>),
}

/// A rendered case: human or Markdown text, or the entries SARIF's results, or JSON's cases,
/// diagnostics and findings, take from it.
enum Parts {
    Text(Vec<u8>),
    Sarif(json::Entries),
    Json(Box<[json::Entries; 3]>),
}

/// Renders a case for [`Report::prepared`], unless it is large: the same bytes as
/// [`Report::case`] writes.
pub fn prepare(
    style: Style,
    catalogue: &Catalogue,
    case: CheckedCase,
    mismatches: Vec<Diagnostic>,
) -> io::Result<Prepared> {
    if case.text.len() > RENDER_AHEAD {
        return Ok(Prepared(Ready::Case(Box::new(case), mismatches)));
    }
    let tally = Tally::of(style, &case, &mismatches);
    let view = CaseView::new(catalogue, &case, &mismatches);
    let parts = match style.format {
        Format::Human => {
            let mut text = Vec::new();
            human::case(&mut text, &view, tally.outcome, style)?;
            Parts::Text(text)
        }
        Format::Markdown => {
            let mut text = Vec::new();
            markdown::case(&mut text, &view)?;
            Parts::Text(text)
        }
        Format::Github => {
            let mut text = Vec::new();
            github::case(&mut text, &view)?;
            Parts::Text(text)
        }
        Format::Sarif => Parts::Sarif(sarif::entries(&view)?),
        Format::Json => Parts::Json(Box::new(json::entries(&case, &view)?)),
    };
    Ok(Prepared(Ready::Rendered(tally, parts)))
}

fn count<'d>(t: &mut Totals, diagnostics: impl Iterator<Item = &'d Diagnostic>) {
    for d in diagnostics {
        match d.severity {
            Severity::Error => t.errors += 1,
            Severity::Warning => t.warnings += 1,
        }
    }
}

/// A whole run as a string: for tests and for callers that hold every case anyway.
pub fn render(
    style: Style,
    catalogue: &Catalogue,
    cases: impl IntoIterator<Item = (CheckedCase, Vec<Diagnostic>)>,
    other: &[FileDiagnostics],
) -> String {
    let write = || -> io::Result<Vec<u8>> {
        let mut report = Report::start(style, catalogue, Vec::new())?;
        for (case, mismatches) in cases {
            report.case(case, mismatches)?;
        }
        for file in other {
            report.other(file)?;
        }
        Ok(report.finish()?.0)
    };
    // Writing to a `Vec` does not fail, and every printer writes UTF-8.
    String::from_utf8(write().unwrap_or_default()).unwrap_or_default()
}
