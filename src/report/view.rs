//! The finding view: what every output format shows, computed once per run. A printer takes a
//! `RunView` and writes it out; no printer walks findings, rules and facts on its own.

use crate::diagnostic::{Diagnostic, LineIndex, Severity, Span};
use crate::language::model::{FactId, Standing, Sym};
use crate::rules::catalogue::{Catalogue, Rule};
use crate::rules::engine::Finding;
use crate::rules::expect::TestOutcome;
use crate::scenario::graph::Scenario;
use crate::schema::Status;
use crate::{CheckedCase, FileDiagnostics};

/// Everything a run produced, in output order, as the CLI hands it to the report.
pub struct Run<'a> {
    pub catalogue: &'a Catalogue,
    pub cases: &'a [CheckedCase],
    /// Per case (same order as `cases`), diagnostics added after checking (expectation
    /// mismatches); empty when not testing.
    pub extra: &'a [Vec<Diagnostic>],
    pub other: &'a [FileDiagnostics],
    /// For `normcheck test`: how each case and each other file fared.
    pub test: Option<&'a TestOutcome>,
}

/// A run, ready to print.
pub struct RunView<'a> {
    pub catalogue: &'a Catalogue,
    pub cases: Vec<CaseView<'a>>,
    /// Files that are not cases, with their diagnostics.
    pub other: Vec<FileView<'a>>,
    pub test: Option<&'a TestOutcome>,
    /// Findings by status, in `Status::ALL` order.
    pub status_counts: [usize; 3],
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// One file's text and diagnostics, with the line index that locates them.
pub struct FileView<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: Vec<DiagnosticView<'a>>,
}

pub struct DiagnosticView<'a> {
    pub diagnostic: &'a Diagnostic,
    pub line: usize,
    pub column: usize,
}

pub struct CaseView<'a> {
    pub file: FileView<'a>,
    pub scenario: &'a Scenario,
    /// The case's title as written (empty if it has none).
    pub title: &'a str,
    pub has_errors: bool,
    pub findings: Vec<FindingView<'a>>,
}

impl CaseView<'_> {
    /// The title, or `(untitled)`.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            "(untitled)"
        } else {
            self.title
        }
    }
}

/// A fact, located in its file and described.
pub struct Evidence {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    /// `alleged by UA; disputed by RU`, or `None` when established.
    pub standing: Option<String>,
}

/// An id with the name its declaration gives it.
pub struct Named<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
}

impl<'a> Named<'a> {
    pub fn of(scenario: &'a Scenario, sym: Sym) -> Named<'a> {
        Named {
            id: scenario.name(sym),
            name: scenario.case.entity(sym).and_then(|e| e.name.as_deref()),
        }
    }

    /// `XB (Borduria)`, or the id alone.
    pub fn party(&self) -> String {
        match self.name {
            Some(name) => format!("{} ({name})", self.id),
            None => self.id.to_owned(),
        }
    }

    /// `` `a1` (Substations disconnected) ``, or the id alone in backticks.
    pub fn focus(&self) -> String {
        match self.name {
            Some(name) => format!("`{}` ({name})", self.id),
            None => format!("`{}`", self.id),
        }
    }
}

/// One finding with everything a format shows of it.
pub struct FindingView<'a> {
    pub finding: &'a Finding,
    pub rule: &'a Rule,
    pub status: Status,
    pub party: Named<'a>,
    pub focus: Named<'a>,
    /// Where what the finding is about is declared: (line, column, end line, end column).
    pub focus_region: (usize, usize, usize, usize),
    pub evidence: Vec<Evidence>,
    pub chain: &'a [String],
    /// The facts that would decide a `cannot-assess` finding.
    pub decided_by: Vec<Evidence>,
    /// Some fact it rests on is alleged or disputed: it does not say the party is responsible.
    pub rests_on_allegation: bool,
}

impl<'a> Run<'a> {
    /// Computes the view of the run: every finding located and described once.
    pub fn view(&self) -> RunView<'a> {
        let mut status_counts = [0; 3];
        let mut findings = 0;
        let cases: Vec<CaseView<'a>> = self
            .cases
            .iter()
            .enumerate()
            .map(|(i, case)| {
                let extra = self.extra.get(i).map_or(&[][..], Vec::as_slice);
                let view = case_view(self.catalogue, case, extra);
                for f in &view.findings {
                    status_counts[f.status as usize] += 1;
                }
                findings += view.findings.len();
                view
            })
            .collect();
        let other: Vec<FileView<'a>> = self
            .other
            .iter()
            .map(|f| file_view(&f.path, &f.text, f.diagnostics.iter()))
            .collect();
        let all = cases
            .iter()
            .map(|c| &c.file)
            .chain(&other)
            .flat_map(|f| &f.diagnostics);
        let (mut errors, mut warnings) = (0, 0);
        for d in all {
            match d.diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        RunView {
            catalogue: self.catalogue,
            cases,
            other,
            test: self.test,
            status_counts,
            findings,
            errors,
            warnings,
        }
    }
}

fn file_view<'a>(
    path: &'a str,
    text: &'a str,
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> FileView<'a> {
    let index = LineIndex::new(text);
    let diagnostics = diagnostics
        .map(|d| {
            let (line, column) = index.line_col(text, d.span.start);
            DiagnosticView {
                diagnostic: d,
                line,
                column,
            }
        })
        .collect();
    FileView {
        path,
        text,
        diagnostics,
    }
}

fn case_view<'a>(
    catalogue: &'a Catalogue,
    case: &'a CheckedCase,
    extra: &'a [Diagnostic],
) -> CaseView<'a> {
    let s = &case.scenario;
    let index = LineIndex::new(&case.text);
    let locate = |fact: FactId| {
        let f = s.fact(fact);
        let (line, column) = index.line_col(&case.text, f.span.start);
        let (end_line, end_column) = index.line_col(&case.text, f.span.end.max(f.span.start));
        Evidence {
            line,
            column,
            end_line,
            end_column,
            text: s.case.describe(f),
            standing: standing_text(s, &f.standing),
        }
    };
    let named = |sym: Sym| Named::of(s, sym);
    let findings = case
        .findings
        .iter()
        .map(|f| {
            let span = s.case.entity(f.focus).map_or(Span::default(), |e| e.span);
            let (line, column) = index.line_col(&case.text, span.start);
            let (end_line, end_column) = index.line_col(&case.text, span.end.max(span.start));
            FindingView {
                finding: f,
                rule: catalogue.get(f.rule),
                status: f.status,
                party: named(f.party),
                focus: named(f.focus),
                focus_region: (line, column, end_line, end_column),
                evidence: f.facts.iter().map(|x| locate(*x)).collect(),
                chain: &f.chain,
                decided_by: f.decided_by(s).into_iter().map(locate).collect(),
                rests_on_allegation: f.rests_on_allegation(s),
            }
        })
        .collect();
    CaseView {
        file: file_view(&case.path, &case.text, case.diagnostics.iter().chain(extra)),
        scenario: s,
        title: &s.case.title,
        has_errors: case.has_errors(),
        findings,
    }
}

/// `alleged by UA; disputed by RU; unknown`, or `None` when established.
pub fn standing_text(s: &Scenario, standing: &Standing) -> Option<String> {
    if standing.is_established() {
        return None;
    }
    let names = |v: &[Sym]| v.iter().map(|x| s.name(*x)).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    if !standing.alleged_by.is_empty() {
        parts.push(format!("alleged by {}", names(&standing.alleged_by)));
    }
    if !standing.disputed_by.is_empty() {
        parts.push(format!("disputed by {}", names(&standing.disputed_by)));
    }
    if standing.unknown {
        parts.push("unknown".to_owned());
    }
    Some(parts.join("; "))
}
