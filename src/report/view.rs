//! The finding view: what every output format shows, computed once per finding. A printer
//! takes a case's `CaseView` and writes it out; no printer walks findings, rules and facts on
//! its own. A view is made per case and dropped once the case is written, and a case's
//! findings are viewed one at a time, so a report holds no more than the case it writes.

use std::cell::Cell;

use crate::baseline::{self, Fingerprint};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::language::markdown::{self, Section};
use crate::language::model::{FactData, FactId, Standing, Suppression, Sym};
use crate::rules::catalogue::{Catalogue, Rule, RuleKind};
use crate::rules::corpus::{self, Citation};
use crate::rules::engine::{Finding, SetAside, Step};
use crate::scenario::graph::{Dated, Scenario};
use crate::schema::Status;
use crate::CheckedCase;

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
    catalogue: &'a Catalogue,
    checked: &'a CheckedCase,
    index: LineIndex,
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

impl Evidence {
    /// `path:line:column  text`.
    pub fn place(&self, out: &mut String, path: &str) {
        let mut digits = itoa::Buffer::new();
        out.push_str(path);
        out.push(':');
        out.push_str(digits.format(self.line));
        out.push(':');
        out.push_str(digits.format(self.column));
        out.push_str("  ");
        out.push_str(&self.text);
    }

    /// `path:line:column  text [standing]`, the standing when it is not plainly established.
    pub fn place_with_standing(&self, out: &mut String, path: &str) {
        self.place(out, path);
        if let Some(standing) = &self.standing {
            for part in [" [", standing, "]"] {
                out.push_str(part);
            }
        }
    }
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

/// A place in a file: (line, column, end line, end column), from 1.
pub type Region = (usize, usize, usize, usize);

/// One finding with everything a format shows of it.
pub struct FindingView<'a> {
    pub finding: &'a Finding,
    pub rule: &'a Rule,
    pub status: Status,
    pub party: Named<'a>,
    pub focus: Named<'a>,
    /// Where what the finding is about is declared: (line, column, end line, end column).
    pub focus_region: Region,
    pub evidence: Vec<Evidence>,
    pub chain: Vec<String>,
    /// The facts that would decide a `cannot-assess` finding.
    pub decided_by: Vec<Evidence>,
    /// Some fact it rests on is alleged or disputed: it does not say the party is responsible.
    pub rests_on_allegation: bool,
    /// For conduct a policy document permits or requires: what the finding does and does not
    /// say. For conduct before the 2021 report, under a 2015 norm whose 2021 commentary the
    /// rule cites: that the commentary is later guidance.
    pub note: Option<String>,
    /// For a gap: the statements that would fill it (`provides technical-contact`).
    pub missing: Vec<String>,
    /// For a gap in a Markdown document: the section it belongs to (that of the first measure
    /// the document provides towards it, else the document's title).
    pub section: Option<&'a Section>,
    /// The `suppress` line that sets it aside, with its region (line, column, end line, end
    /// column).
    pub suppression: Option<(&'a Suppression, Region)>,
    /// Set aside because the baseline of known findings records it.
    pub baselined: bool,
}

/// For a 2015 norm whose rule cites the 2021 commentary, about conduct that began before the
/// 2021 report was adopted: says that the commentary is later guidance on the norm.
fn later_guidance(s: &Scenario, rule: &Rule, focus: Sym) -> Option<String> {
    const LATER: &str = "A/76/135";
    let norm = rule.since.date()?;
    let commentary = corpus::adopted(LATER)?;
    let cites_later = rule
        .citations
        .iter()
        .any(|c| matches!(c, Citation::Paragraph { document, .. } if *document == LATER));
    let Some(Dated::On { when, .. }) = s.dated(focus) else {
        return None;
    };
    // Where the date is imprecise: if it may have begun before.
    let began = when.start();
    let verb = match began.latest < commentary {
        true => "began",
        false => "may have begun",
    };
    (norm < commentary && cites_later && began.earliest < commentary).then(|| {
        format!(
            "`{}` (dated {when}) {verb} before {LATER} was adopted ({commentary}): the {} \
             commentary cited here is later guidance on a norm of {}",
            s.name(focus),
            commentary.year,
            rule.since.describe()
        )
    })
}

/// A finding's chain as sentences, each once.
fn chain(scenario: &Scenario, steps: &[Step]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(steps.len());
    for step in steps {
        let text = step.text(&scenario.case.interner);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The view of a file's diagnostics, each located.
pub fn file_view<'a>(
    path: &'a str,
    text: &'a str,
    index: &LineIndex,
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> FileView<'a> {
    let near = Cell::new(0);
    let diagnostics = diagnostics
        .map(|d| {
            let [line, column, ..] = index.region(text, d.span, &near);
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

impl<'a> CaseView<'a> {
    /// The view of a checked case; `extra` are diagnostics added after checking (expectation
    /// mismatches in `normcheck test`).
    pub fn new(
        catalogue: &'a Catalogue,
        case: &'a CheckedCase,
        extra: &'a [Diagnostic],
    ) -> CaseView<'a> {
        let s = &case.scenario;
        let index = LineIndex::new(&case.text);
        CaseView {
            file: file_view(
                &case.path,
                &case.text,
                &index,
                case.diagnostics.iter().chain(extra),
            ),
            scenario: s,
            title: &s.case.title,
            has_errors: case.has_errors(),
            catalogue,
            checked: case,
            index,
        }
    }

    pub fn catalogue(&self) -> &'a Catalogue {
        self.catalogue
    }

    /// How many findings are shown to people: those no `suppress` line sets aside.
    pub fn finding_count(&self) -> usize {
        self.checked.findings.iter().filter(|f| f.shown()).count()
    }

    /// What sets findings aside, if any do: `1 set aside by a suppress line, 4 in the
    /// baseline`.
    pub fn set_aside(&self) -> Option<String> {
        let (mut suppressed, mut baselined) = (0, 0);
        for f in &self.checked.findings {
            match f.set_aside {
                Some(SetAside::Suppressed(_)) => suppressed += 1,
                Some(SetAside::Baselined) => baselined += 1,
                None => {}
            }
        }
        let parts: Vec<String> = [
            (suppressed > 0).then(|| format!("{suppressed} set aside by a `suppress` line")),
            (baselined > 0).then(|| format!("{baselined} in the baseline")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// What recognises a finding across edits (see `baseline`): made only by the formats
    /// that show it, not for every finding viewed.
    pub fn fingerprint(&self, f: &FindingView<'_>) -> Fingerprint {
        baseline::fingerprint(self.catalogue, self.scenario, f.finding)
    }

    /// Every finding, those set aside included (JSON and SARIF list them, marked), each located
    /// and described as it is reached: a report holds one finding's view at a time, however
    /// many the case has.
    pub fn findings(&self) -> impl Iterator<Item = FindingView<'a>> + '_ {
        self.view(&self.checked.findings)
    }

    /// The findings shown to people: those no `suppress` line sets aside.
    pub fn shown_findings(&self) -> impl Iterator<Item = FindingView<'a>> + '_ {
        let near = Cell::new(0);
        self.checked
            .findings
            .iter()
            .filter(|f| f.shown())
            .map(move |f| self.finding(f, &near))
    }

    /// Every finding, as a slice to cut in parts that threads view apart (with
    /// [`CaseView::view`]).
    pub fn all_findings(&self) -> &'a [Finding] {
        &self.checked.findings
    }

    /// Some of the case's findings, viewed one at a time. Each walk keeps its own place in
    /// the file (the line of the last place located: findings are mostly located in file
    /// order), so threads can walk parts of one view at once.
    pub fn view<'v>(
        &'v self,
        findings: &'a [Finding],
    ) -> impl Iterator<Item = FindingView<'a>> + 'v {
        let near = Cell::new(0);
        findings.iter().map(move |f| self.finding(f, &near))
    }

    /// Every fact, the file's then those the scenario added, each located and described, in
    /// one walk through the file.
    pub fn all_evidence(&self) -> impl Iterator<Item = (FactId, Evidence)> + '_ {
        let near = Cell::new(0);
        (0..self.scenario.fact_count()).map(move |fact| (fact, self.locate(fact, &near)))
    }

    /// One fact, located in the file and described.
    pub fn evidence(&self, fact: FactId) -> Evidence {
        self.locate(fact, &Cell::new(0))
    }

    fn locate(&self, fact: FactId, near: &Cell<usize>) -> Evidence {
        let s = self.scenario;
        let text = &self.checked.text;
        let f = s.fact(fact);
        let [line, column, end_line, end_column] = self.index.region(text, f.span, near);
        Evidence {
            line,
            column,
            end_line,
            end_column,
            text: s.case.describe(f),
            standing: standing_text(s, &f.standing),
        }
    }

    fn finding(&self, f: &'a Finding, near: &Cell<usize>) -> FindingView<'a> {
        let s = self.scenario;
        let text = &self.checked.text;
        let rule = self.catalogue.get(f.rule);
        let mut span = s.case.entity(f.focus).map_or(Span::default(), |e| e.span);
        let mut section = None;
        if rule.kind == RuleKind::Gap {
            // A missing measure has no line: the finding points at the section of what the
            // document provides towards it, else at the document's title.
            let provided = f.present.first().map(|x| s.fact(*x).span);
            section = match provided {
                Some(at) => markdown::section_at(&s.case.sections, at.start),
                None => markdown::title(&s.case.sections),
            };
            span = section.map(|h| h.span).or(provided).unwrap_or(span);
        }
        let [line, column, end_line, end_column] = self.index.region(text, span, near);
        let provision_note = f.facts.iter().find_map(|x| match s.fact(*x).data {
            FactData::Provision { mode, .. } => Some(s.name(mode)),
            _ => None,
        });
        let provision_note = provision_note.map(|verb| {
            format!(
                "the draft {verb} conduct that would implicate this commitment; the finding \
                 says nothing of conduct that has taken place"
            )
        });
        // Conduct a draft describes has no date, so the two notes never meet.
        let note = provision_note.or_else(|| later_guidance(s, rule, f.focus));
        let missing = f
            .missing
            .iter()
            .filter_map(|&(a, i)| rule.unless.get(a)?.get(i))
            .map(|atom| atom.wanted())
            .collect();
        let suppression = f.set_aside.and_then(|set_aside| {
            let SetAside::Suppressed(i) = set_aside else {
                return None;
            };
            let sup = s.case.suppressions.get(i)?;
            let [line, column, end_line, end_column] = self.index.region(text, sup.span, near);
            Some((sup, (line, column, end_line, end_column)))
        });
        FindingView {
            finding: f,
            rule,
            status: f.status,
            party: Named::of(s, f.party),
            focus: Named::of(s, f.focus),
            focus_region: (line, column, end_line, end_column),
            evidence: f.facts.iter().map(|x| self.locate(*x, near)).collect(),
            chain: chain(s, &f.chain),
            decided_by: f
                .decided_by(s)
                .into_iter()
                .map(|x| self.locate(x, near))
                .collect(),
            rests_on_allegation: f.rests_on_allegation(s),
            note,
            missing,
            section,
            suppression,
            baselined: f.set_aside == Some(SetAside::Baselined),
        }
    }
}

/// `alleged by UA; denied by RU; unknown`, or `None` when established.
pub fn standing_text(s: &Scenario, standing: &Standing) -> Option<String> {
    let names = |v: &[Sym]| v.iter().map(|x| s.name(*x)).collect::<Vec<_>>().join(", ");
    if standing.is_established() {
        // Where an established fact comes from, if the file says.
        return (!standing.sources().is_empty())
            .then(|| format!("established; source {}", names(standing.sources())));
    }
    let mut parts = Vec::new();
    if !standing.alleged_by().is_empty() {
        parts.push(format!("alleged by {}", names(standing.alleged_by())));
    }
    if !standing.disputed_by().is_empty() {
        parts.push(format!("disputed by {}", names(standing.disputed_by())));
    }
    if !standing.denied_by().is_empty() {
        parts.push(format!("denied by {}", names(standing.denied_by())));
    }
    if standing.is_unknown() {
        parts.push("unknown".to_owned());
    }
    if !standing.sources().is_empty() {
        parts.push(format!("source {}", names(standing.sources())));
    }
    Some(parts.join("; "))
}
