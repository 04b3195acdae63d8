//! The run as one JSON document for programs: `{"cases", "diagnostics", "findings", "fixed"
//! (with a baseline), "version": 2}`, described by `docs/schema/report.schema.json`. Keys are
//! in alphabetical order (fields below are declared in that order): the order is part of the
//! format.
//!
//! The document is written as a stream, each entry serialized straight from the view (no value
//! tree) and indented to its place. Its three arrays each take something from every case, so
//! the diagnostics and findings of every case but the last are spooled until their section
//! comes; the last case's are written straight from the case, so a run of one large case is
//! never held as text.

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc::sync_channel;

use serde::Serialize;

use super::view::{CaseView, DiagnosticView, Evidence, FileView, FindingView};
use crate::baseline::{Entry, Fingerprint};
use crate::rules::catalogue::Catalogue;
use crate::CheckedCase;

/// Where the entries of a section wait for it: a `Vec<u8>`, or a file the CLI provides.
pub trait Spool: Write {
    /// Writes everything spooled to `out`.
    fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

impl Spool for Vec<u8> {
    fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self)
    }
}

/// The entries of an array written one at a time, each on its own lines, indented to their
/// place (`depth` levels of two spaces), as `serde_json`'s pretty printer lays them out.
pub(super) struct Array {
    depth: usize,
    entries: usize,
    scratch: Vec<u8>,
}

impl Array {
    pub(super) fn at(depth: usize) -> Array {
        Array {
            depth,
            entries: 0,
            scratch: Vec::new(),
        }
    }

    pub(super) fn entry(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        out.write_all(if self.entries == 0 { b"\n" } else { b",\n" })?;
        out.write_all(indent(self.depth))?;
        self.entries += 1;
        write_indented(out, value, self.depth, &mut self.scratch)
    }

    /// Appends entries rendered on their own (see [`Entries`]).
    pub(super) fn append(&mut self, out: &mut dyn Write, entries: &Entries) -> io::Result<()> {
        if entries.array.entries == 0 {
            return Ok(());
        }
        if self.entries > 0 {
            out.write_all(b",")?;
        }
        self.entries += entries.array.entries;
        out.write_all(&entries.bytes)
    }

    /// Writes the entries of `items`, `render` writing those of a part of them (to the array
    /// and writer it is handed). On more than one thread, part `i` is rendered by thread
    /// `i % threads` (the calling thread is 0), a helper's into bytes of its own that are
    /// written here in order: the same bytes as on one thread. A helper renders at most two
    /// parts ahead of the one written, so a case's output is never held whole.
    pub(super) fn entries_in_parts<T: Sync>(
        &mut self,
        out: &mut dyn Write,
        items: &[T],
        threads: NonZeroUsize,
        render: impl Fn(&mut Array, &mut dyn Write, &[T]) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        let threads = threads.get().min(items.len().div_ceil(PART));
        if threads <= 1 {
            return render(self, out, items);
        }
        let (render, depth) = (&render, self.depth);
        std::thread::scope(|scope| {
            let mut helped = Vec::new();
            for h in 1..threads {
                let (send, receive) = sync_channel(1);
                helped.push(receive);
                scope.spawn(move || {
                    for part in items.chunks(PART).skip(h).step_by(threads) {
                        let mut entries = Entries::at(depth);
                        let rendered = render(&mut entries.array, &mut entries.bytes, part);
                        let failed = rendered.is_err();
                        // The calling thread stops taking parts once one failed or it did.
                        if send.send(rendered.map(|()| entries)).is_err() || failed {
                            break;
                        }
                    }
                });
            }
            for (i, part) in items.chunks(PART).enumerate() {
                match i % threads {
                    0 => render(self, out, part)?,
                    turn => {
                        let entries = helped[turn - 1].recv().map_err(|_| {
                            io::Error::other("a thread rendering findings stopped")
                        })??;
                        self.append(out, &entries)?;
                    }
                }
            }
            Ok(())
        })
    }

    pub(super) fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.entries == 0 {
            return out.write_all(b"]");
        }
        out.write_all(b"\n")?;
        out.write_all(indent(self.depth.saturating_sub(1)))?;
        out.write_all(b"]")
    }
}

/// How many entries a thread renders at a time when [`Array::entries_in_parts`] shares them
/// out: about a megabyte of SARIF.
const PART: usize = 256;

/// Entries of an array rendered apart from it, on another thread: as an array of their own
/// writes them, each after `\n` but the first's `,` left out, which [`Array::append`] adds when
/// they follow other entries.
pub(super) struct Entries {
    pub(super) array: Array,
    pub(super) bytes: Vec<u8>,
}

impl Entries {
    pub(super) fn at(depth: usize) -> Entries {
        Entries {
            array: Array::at(depth),
            bytes: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.array.entry(&mut self.bytes, value)
    }
}

/// A case's entries in the three arrays of the document, rendered apart from it.
pub(super) fn entries(case: &CheckedCase, view: &CaseView<'_>) -> io::Result<[Entries; 3]> {
    let (mut cases, mut diagnostics, mut findings) =
        (Entries::at(2), Entries::at(2), Entries::at(2));
    cases.push(&case_entry(case))?;
    for d in file_diagnostics(&view.file) {
        diagnostics.push(&d)?;
    }
    for f in view.findings() {
        findings.push(&finding(view.file.path, &f, view.fingerprint(&f)))?;
    }
    Ok([cases, diagnostics, findings])
}

/// `depth` levels of two spaces (at most eight).
fn indent(depth: usize) -> &'static [u8] {
    const INDENT: &[u8] = b"                ";
    &INDENT[..(2 * depth).min(INDENT.len())]
}

/// `value` pretty-printed as if it stood `depth` levels deep, from where the writer is (the
/// first line is not indented); `scratch` is a buffer to reuse.
pub(super) fn write_indented(
    out: &mut dyn Write,
    value: &impl Serialize,
    depth: usize,
    scratch: &mut Vec<u8>,
) -> io::Result<()> {
    scratch.clear();
    let mut serializer = serde_json::Serializer::with_formatter(&mut *scratch, Pretty::at(depth));
    value.serialize(&mut serializer)?;
    out.write_all(scratch)
}

/// `serde_json`'s pretty layout (two spaces a level, `": "` after a key) started `depth` levels
/// deep, so that an entry is laid out in place in one pass, and written with one call per
/// indentation rather than one per level.
struct Pretty {
    depth: usize,
    /// The array or object being closed has entries (it is closed on a line of its own).
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(out, b"\n")?;
        }
        out.write_all(bracket)
    }

    /// `start` (a line break, after a comma or not), then the indentation of the depth.
    fn line<W: ?Sized + Write>(&mut self, out: &mut W, start: &[u8]) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        out.write_all(start)?;
        let mut left = 2 * self.depth;
        while left > 0 {
            let n = left.min(SPACES.len());
            out.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn entry<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, if first { b"\n" } else { b",\n" })
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.entry(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.entry(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The state of the document between cases.
pub struct Sections {
    cases: Array,
    diagnostics: Array,
    findings: Array,
    /// The last case so far, whose diagnostics and findings are not written yet.
    pending: Option<(CheckedCase, Vec<super::Diagnostic>)>,
    spooled_diagnostics: Box<dyn Spool>,
    spooled_findings: Box<dyn Spool>,
    /// Every case is in, and the document is in its `diagnostics` array.
    in_diagnostics: bool,
    /// How many threads may render a case's findings.
    pub(super) threads: NonZeroUsize,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            cases: Array::at(2),
            diagnostics: Array::at(2),
            findings: Array::at(2),
            pending: None,
            spooled_diagnostics: Box::new(Vec::new()),
            spooled_findings: Box::new(Vec::new()),
            in_diagnostics: false,
            threads: NonZeroUsize::MIN,
        }
    }
}

pub fn start(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"cases\": [")
}

impl Sections {
    pub fn spools(&mut self, diagnostics: Box<dyn Spool>, findings: Box<dyn Spool>) {
        self.spooled_diagnostics = diagnostics;
        self.spooled_findings = findings;
    }

    pub fn case(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
        case: CheckedCase,
        mismatches: Vec<super::Diagnostic>,
    ) -> io::Result<()> {
        self.cases.entry(out, &case_entry(&case))?;
        self.spool_pending(catalogue)?;
        self.pending = Some((case, mismatches));
        Ok(())
    }

    /// Writes a case rendered apart: its summary now, its diagnostics and findings to the
    /// spools, after those of the case before it.
    pub fn append(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
        [cases, diagnostics, findings]: [Entries; 3],
    ) -> io::Result<()> {
        self.cases.append(out, &cases)?;
        self.spool_pending(catalogue)?;
        self.diagnostics
            .append(&mut self.spooled_diagnostics, &diagnostics)?;
        self.findings.append(&mut self.spooled_findings, &findings)
    }

    /// Spools the diagnostics and findings of the last case written as a stream, now that a
    /// case follows it.
    fn spool_pending(&mut self, catalogue: &Catalogue) -> io::Result<()> {
        if let Some((case, mismatches)) = self.pending.take() {
            let view = CaseView::new(catalogue, &case, &mismatches);
            for d in file_diagnostics(&view.file) {
                self.diagnostics.entry(&mut self.spooled_diagnostics, &d)?;
            }
            findings(
                &mut self.findings,
                &mut self.spooled_findings,
                &view,
                self.threads,
            )?;
        }
        Ok(())
    }

    /// Once every case is in: closes the cases and writes every case's diagnostics.
    fn diagnostics_section(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
    ) -> io::Result<()> {
        if self.in_diagnostics {
            return Ok(());
        }
        self.in_diagnostics = true;
        self.cases.close(out)?;
        out.write_all(b",\n  \"diagnostics\": [")?;
        self.spooled_diagnostics.copy_to(out)?;
        if let Some((case, mismatches)) = &self.pending {
            let view = CaseView::new(catalogue, case, mismatches);
            for d in file_diagnostics(&view.file) {
                self.diagnostics.entry(out, &d)?;
            }
        }
        Ok(())
    }

    /// The diagnostics of a file that is not a case: they follow every case's.
    pub fn other(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
        file: &FileView<'_>,
    ) -> io::Result<()> {
        self.diagnostics_section(out, catalogue)?;
        for d in file_diagnostics(file) {
            self.diagnostics.entry(out, &d)?;
        }
        Ok(())
    }

    /// Closes the findings; with a baseline, lists those it records that no longer occur.
    pub fn finish(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
        fixed: Option<&[Entry]>,
    ) -> io::Result<()> {
        self.diagnostics_section(out, catalogue)?;
        self.diagnostics.close(out)?;
        out.write_all(b",\n  \"findings\": [")?;
        self.spooled_findings.copy_to(out)?;
        if let Some((case, mismatches)) = self.pending.take() {
            let view = CaseView::new(catalogue, &case, &mismatches);
            findings(&mut self.findings, out, &view, self.threads)?;
        }
        self.findings.close(out)?;
        if let Some(fixed) = fixed {
            out.write_all(b",\n  \"fixed\": [")?;
            let mut array = Array::at(2);
            for entry in fixed {
                array.entry(out, entry)?;
            }
            array.close(out)?;
        }
        out.write_all(b",\n  \"version\": 2\n}\n")
    }
}

/// A case's findings as entries of `array`, rendered on `threads` threads.
fn findings(
    array: &mut Array,
    out: &mut dyn Write,
    view: &CaseView<'_>,
    threads: NonZeroUsize,
) -> io::Result<()> {
    array.entries_in_parts(out, view.all_findings(), threads, |array, out, part| {
        for f in view.view(part) {
            array.entry(out, &finding(view.file.path, &f, view.fingerprint(&f)))?;
        }
        Ok(())
    })
}

#[derive(Serialize)]
struct Case<'a> {
    assessed: Vec<String>,
    assessed_ok: bool,
    cites: Vec<&'a str>,
    facts: usize,
    file: &'a str,
    sources: &'a [String],
    summary: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct Finding<'a> {
    about: &'a str,
    case: &'a str,
    cautions: Vec<Caution<'a>>,
    chain: &'a [String],
    citations: Vec<String>,
    decided_by: Vec<Decider<'a>>,
    evidence: Vec<Fact<'a>>,
    /// What recognises the finding across edits, as a baseline records it.
    fingerprint: String,
    /// For a gap: the statements that would fill it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing: Vec<&'a str>,
    /// Where the rule reads more than the texts: normcheck's reading, not the texts'.
    #[serde(skip_serializing_if = "Option::is_none")]
    normcheck_reading: Option<&'a str>,
    /// For conduct a policy document permits or requires, or conduct before the 2021 report
    /// under a 2015 norm whose 2021 commentary the rule cites.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    party: &'a str,
    party_name: Option<&'a str>,
    rests_on_allegation: bool,
    rule: &'a str,
    /// For a gap in a Markdown document: the section it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<Section<'a>>,
    status: &'static str,
    strength: &'static str,
    /// The `suppress` line that sets the finding aside, or the baseline that records it: not
    /// shown to people, not counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Suppressed<'a>>,
    title: &'a str,
}

/// `kind` is `in-source` (a `suppress` line, located) or `baseline`.
#[derive(Serialize)]
struct Suppressed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    reason: &'a str,
    until: Option<String>,
}

/// Why a finding the baseline records is set aside.
pub(super) const BASELINED: &str = "recorded in the baseline of known findings";

#[derive(Serialize)]
struct Section<'a> {
    line: usize,
    title: &'a str,
}

#[derive(Serialize)]
struct Caution<'a> {
    cite: String,
    text: &'a str,
}

#[derive(Serialize)]
struct Fact<'a> {
    column: usize,
    fact: &'a str,
    file: &'a str,
    line: usize,
    standing: &'a str,
}

#[derive(Serialize)]
struct Decider<'a> {
    column: usize,
    fact: &'a str,
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    column: usize,
    file: &'a str,
    help: Option<&'a str>,
    line: usize,
    message: &'a str,
    severity: &'static str,
}

fn case_entry(case: &CheckedCase) -> Case<'_> {
    let s = &case.scenario.case;
    Case {
        assessed: s.assessed.iter().map(ToString::to_string).collect(),
        assessed_ok: !case.has_errors(),
        cites: s.citations.iter().map(|(c, _)| c.as_str()).collect(),
        facts: case.scenario.stated_facts(),
        file: &case.path,
        sources: &s.sources,
        summary: s.summary.as_deref(),
        title: &s.title,
    }
}

fn finding<'a>(path: &'a str, f: &'a FindingView<'a>, fingerprint: Fingerprint) -> Finding<'a> {
    let fact = |e: &'a Evidence| Fact {
        column: e.column,
        fact: &e.text,
        file: path,
        line: e.line,
        standing: e.standing.as_deref().unwrap_or("established"),
    };
    Finding {
        about: f.focus.id,
        case: path,
        cautions: f
            .rule
            .cautions
            .iter()
            .map(|c| Caution {
                cite: c.cite.to_string(),
                text: &c.text,
            })
            .collect(),
        chain: &f.chain,
        citations: f.rule.citations.iter().map(ToString::to_string).collect(),
        decided_by: f
            .decided_by
            .iter()
            .map(|e| Decider {
                column: e.column,
                fact: &e.text,
                file: path,
                line: e.line,
            })
            .collect(),
        evidence: f.evidence.iter().map(fact).collect(),
        fingerprint: fingerprint.to_string(),
        missing: f.missing.iter().map(String::as_str).collect(),
        normcheck_reading: f.rule.doc.reading.as_deref().map(str::trim),
        note: f.note.as_deref(),
        party: f.party.id,
        party_name: f.party.name,
        rests_on_allegation: f.rests_on_allegation,
        rule: &f.rule.id,
        section: f.section.map(|section| Section {
            line: f.focus_region.0,
            title: &section.title,
        }),
        suppressed: match (f.suppression, f.baselined) {
            (Some((s, (line, column, ..))), _) => Some(Suppressed {
                column: Some(column),
                kind: "in-source",
                line: Some(line),
                reason: &s.reason,
                until: s.until.map(|(d, _)| d.to_string()),
            }),
            (None, true) => Some(Suppressed {
                column: None,
                kind: "baseline",
                line: None,
                reason: BASELINED,
                until: None,
            }),
            (None, false) => None,
        },
        status: f.status.as_str(),
        strength: f.rule.strength.as_str(),
        title: &f.rule.title,
    }
}

fn file_diagnostics<'a>(file: &'a FileView<'a>) -> impl Iterator<Item = Diagnostic<'a>> {
    file.diagnostics
        .iter()
        .map(|d: &DiagnosticView<'a>| Diagnostic {
            code: d.diagnostic.code.as_str(),
            column: d.column,
            file: file.path,
            help: d.diagnostic.help.as_deref(),
            line: d.line,
            message: &d.diagnostic.message,
            severity: d.diagnostic.severity.as_str(),
        })
}
