//! The run as GitHub Actions workflow commands: one annotation per finding and per diagnostic
//! (`::warning file=cases/a.case,line=3,col=1,...::message`), shown on the lines of a pull
//! request. A finding's level follows its status: `implicated` is an `error`,
//! `implicated-if-alleged` a `warning`, `cannot-assess` a `notice`; a diagnostic keeps its
//! severity. The message carries what the human report says of the finding, on several lines.

use std::fmt::Write as _;
use std::io;

use super::view::{CaseView, DiagnosticView, FileView, FindingView};
use crate::baseline::Entry;
use crate::diagnostic::Severity;
use crate::schema::Status;

/// One case: an annotation per finding, then one per diagnostic.
pub fn case(sink: &mut dyn io::Write, case: &CaseView<'_>) -> io::Result<()> {
    let mut out = String::new();
    for f in case.shown_findings() {
        finding(&mut out, case.file.path, &f);
        if out.len() >= 1 << 16 {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    diagnostics(&mut out, &case.file);
    sink.write_all(out.as_bytes())
}

/// The diagnostics of a file that is not a case.
pub fn other(sink: &mut dyn io::Write, file: &FileView<'_>) -> io::Result<()> {
    let mut out = String::new();
    diagnostics(&mut out, file);
    sink.write_all(out.as_bytes())
}

/// With a baseline: a notice on each file for each finding it records that no longer occurs.
pub fn finish(sink: &mut dyn io::Write, fixed: Option<&[Entry]>) -> io::Result<()> {
    let mut out = String::new();
    for entry in fixed.unwrap_or_default() {
        out.push_str("::notice file=");
        escape(&mut out, &entry.path, true);
        out.push_str(",title=normcheck fixed::");
        let message = format!(
            "{}: recorded in the baseline, no longer found",
            entry.describe()
        );
        escape(&mut out, &message, false);
        out.push('\n');
    }
    sink.write_all(out.as_bytes())
}

fn level(status: Status) -> &'static str {
    match status {
        Status::Implicated | Status::WouldImplicate => "error",
        Status::ImplicatedIfAlleged | Status::Gap => "warning",
        Status::CannotAssess => "notice",
    }
}

fn finding(out: &mut String, path: &str, f: &FindingView<'_>) {
    let rule = f.rule;
    let (line, column, end_line, end_column) = f.focus_region;
    let mut message = format!("{} · {}: {}\n", f.status.as_str(), rule.id, rule.title);
    let _ = writeln!(
        message,
        "party {}; about {}",
        f.party.party(),
        f.focus.focus()
    );
    let _ = writeln!(
        message,
        "strength {} ({}); cites {}",
        rule.strength.as_str(),
        rule.strength.gloss(),
        rule.citation_line()
    );
    for e in &f.evidence {
        message.push_str("evidence ");
        e.place_with_standing(&mut message, path);
        message.push('\n');
    }
    for step in &f.chain {
        let _ = writeln!(message, "chain {step}");
    }
    if f.rests_on_allegation {
        let _ = writeln!(
            message,
            "note: rests on facts that are alleged or disputed; this finding does not say that {} is responsible",
            f.party.id
        );
    }
    if let Some(note) = &f.note {
        let _ = writeln!(message, "note: {note}");
    }
    if let Some(section) = f.section {
        let _ = writeln!(message, "section: {}", section.title);
    }
    for wanted in &f.missing {
        let _ = writeln!(message, "missing: {wanted}");
    }
    for e in &f.decided_by {
        let _ = writeln!(
            message,
            "decided by {path}:{}:{}  {}",
            e.line, e.column, e.text
        );
    }
    for c in &rule.cautions {
        let _ = writeln!(message, "caution: {} ({})", c.text, c.cite);
    }
    if let Some(reading) = &rule.doc.reading {
        let _ = writeln!(
            message,
            "reading (normcheck's, not the texts'): {}",
            reading.trim()
        );
    }
    let title = format!("normcheck {} ({})", rule.id, f.status.as_str());
    command(
        out,
        level(f.status),
        path,
        (line, column, Some((end_line, end_column))),
        &title,
        message.trim_end(),
    );
}

fn diagnostics(out: &mut String, file: &FileView<'_>) {
    for d in &file.diagnostics {
        diagnostic(out, file.path, d);
    }
}

fn diagnostic(out: &mut String, path: &str, d: &DiagnosticView<'_>) {
    let diagnostic = d.diagnostic;
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    let title = format!("normcheck {}", diagnostic.code);
    // A diagnostic is annotated at its first character: where to look.
    command(out, level, path, (d.line, d.column, None), &title, &message);
}

/// One workflow command, its properties and message escaped as the runner reads them.
fn command(
    out: &mut String,
    level: &str,
    path: &str,
    (line, column, end): (usize, usize, Option<(usize, usize)>),
    title: &str,
    message: &str,
) {
    let _ = write!(out, "::{level} file=");
    escape(out, path, true);
    let _ = write!(out, ",line={line},col={column}");
    if let Some((end_line, end_column)) = end {
        let _ = write!(out, ",endLine={end_line},endColumn={end_column}");
    }
    out.push_str(",title=");
    escape(out, title, true);
    out.push_str("::");
    escape(out, message, false);
    out.push('\n');
}

/// `%`, CR and LF are written as `%25`, `%0D` and `%0A`; in a property also `:` and `,`, which
/// would end it.
fn escape(out: &mut String, text: &str, property: bool) {
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_reads_them() {
        let mut out = String::new();
        command(
            &mut out,
            "warning",
            "dir,1/a:b.case",
            (1, 2, Some((3, 4))),
            "t: x, y",
            "100% sure\nnext: line\r",
        );
        assert_eq!(
            out,
            "::warning file=dir%2C1/a%3Ab.case,line=1,col=2,endLine=3,endColumn=4,title=t%3A x%2C y::100%25 sure%0Anext: line%0D\n"
        );
    }
}
