//! The run as a Markdown report, for analysts to share an assessment: per case, a table of
//! findings, then each finding with its citations, evidence, chain and cautions.

use std::fmt::Write as _;
use std::io;

use super::view::{CaseView, FileView};
use crate::baseline::Entry;

pub fn start(out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(b"# normcheck assessment\n")
}

/// With a baseline: a section listing the findings it records that no longer occur.
pub fn finish(out: &mut dyn io::Write, fixed: Option<&[Entry]>) -> io::Result<()> {
    let Some(fixed) = fixed.filter(|f| !f.is_empty()) else {
        return Ok(());
    };
    let mut text = String::from(
        "\n## Fixed since the baseline\n\nRecorded in the baseline, no longer found:\n\n",
    );
    for entry in fixed {
        let _ = writeln!(text, "- {} in `{}`", entry.describe(), entry.path);
    }
    out.write_all(text.as_bytes())
}

/// One case: its summary, a table of its findings, then each finding.
pub fn case(sink: &mut dyn io::Write, case: &CaseView<'_>) -> io::Result<()> {
    let mut out = String::new();
    write_case(&mut out, case, sink)?;
    sink.write_all(out.as_bytes())
}

/// Writes the case to `out`, handing what it holds to `sink` after each finding.
fn write_case(out: &mut String, case: &CaseView<'_>, sink: &mut dyn io::Write) -> io::Result<()> {
    let s = &case.scenario.case;
    let _ = writeln!(out, "\n## {}\n\n`{}`", case.display_title(), case.file.path);
    if let Some(summary) = &s.summary {
        let _ = writeln!(out, "\n{summary}");
    }
    if !s.assessed.is_empty() {
        let dates: Vec<String> = s.assessed.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "\nAssessed as of {}.", dates.join(", "));
    }
    if !s.sources.is_empty() {
        let _ = writeln!(out, "\nSources:\n");
        for source in &s.sources {
            let _ = writeln!(out, "- {source}");
        }
    }
    if case.has_errors {
        let _ = writeln!(out, "\nNot assessed: the file has errors.\n");
        for d in &case.file.diagnostics {
            let _ = writeln!(
                out,
                "- `{}` line {}, column {}: {}",
                d.diagnostic.code, d.line, d.column, d.diagnostic.message
            );
        }
        return Ok(());
    }
    let aside = case.set_aside();
    if let Some(aside) = &aside {
        let _ = writeln!(out, "\nNot shown: {aside}.");
    }
    if case.finding_count() == 0 {
        if aside.is_none() {
            let _ = writeln!(out, "\nNo commitment is implicated.");
        }
        return Ok(());
    }
    let _ = writeln!(
        out,
        "\n| status | commitment | party | about | strength | cites |\n|---|---|---|---|---|---|"
    );
    for f in case.shown_findings() {
        flush(out, sink)?;
        let cites: Vec<String> = f.rule.citations.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | `{}` | {} | {} |",
            f.status.as_str(),
            f.rule.id,
            f.party.party(),
            f.focus.id,
            f.rule.strength.as_str(),
            cites.join(", ")
        );
    }
    for f in case.shown_findings() {
        flush(out, sink)?;
        let rule = f.rule;
        let _ = writeln!(
            out,
            "\n### `{}` for {}: {}\n\n{}\n",
            rule.id,
            f.party.party(),
            f.status.as_str(),
            rule.title
        );
        let _ = writeln!(
            out,
            "Strength: {} ({}).\n\nEvidence:\n",
            rule.strength.as_str(),
            rule.strength.gloss()
        );
        for e in &f.evidence {
            let standing = e
                .standing
                .as_ref()
                .map(|s| format!(" *({s})*"))
                .unwrap_or_default();
            let _ = writeln!(out, "- {}{standing} (line {})", e.text, e.line);
        }
        if !f.chain.is_empty() {
            let _ = writeln!(out, "\nHow:\n");
            for step in f.chain {
                let _ = writeln!(out, "- {step}");
            }
        }
        if f.rests_on_allegation {
            let _ = writeln!(out, "\nThis finding rests on alleged or disputed facts; it does not say that {} is responsible.", f.party.id);
        }
        if let Some(note) = &f.note {
            let _ = writeln!(out, "\nNote: {note}.");
        }
        if !f.missing.is_empty() {
            let section = f
                .section
                .map(|s| format!(" (section \"{}\")", s.title))
                .unwrap_or_default();
            let _ = writeln!(out, "\nMissing{section}:\n");
            for wanted in &f.missing {
                let _ = writeln!(out, "- `{wanted}`");
            }
        }
        if !f.decided_by.is_empty() {
            let _ = writeln!(out, "\nDecided by:\n");
            for e in &f.decided_by {
                let _ = writeln!(out, "- {}", e.text);
            }
        }
        if !rule.cautions.is_empty() {
            let _ = writeln!(out, "\nCautions:\n");
            for c in &rule.cautions {
                let _ = writeln!(out, "- {} ({})", c.text, c.cite);
            }
        }
        if let Some(reading) = &rule.doc.reading {
            let _ = writeln!(
                out,
                "\nReading (normcheck's, not the texts'): {}",
                reading.trim()
            );
        }
    }
    Ok(())
}

/// Hands what `out` holds to `sink` once it is large, so that a case with many findings is
/// written in pieces.
fn flush(out: &mut String, sink: &mut dyn io::Write) -> io::Result<()> {
    if out.len() >= 1 << 16 {
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// The diagnostics of a file that is not a case.
pub fn other(sink: &mut dyn io::Write, file: &FileView<'_>) -> io::Result<()> {
    let mut out = String::new();
    for d in &file.diagnostics {
        let _ = writeln!(
            out,
            "\n- `{}` in `{}`: {}",
            d.diagnostic.code, file.path, d.diagnostic.message
        );
    }
    sink.write_all(out.as_bytes())
}
