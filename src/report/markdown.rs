//! The run as a Markdown report, for analysts to share an assessment: per case, a table of
//! findings, then each finding with its citations, evidence, chain and cautions.

use std::fmt::Write as _;

use super::view::RunView;

pub fn render(run: &RunView<'_>) -> String {
    let mut out = String::from("# normcheck assessment\n");
    for case in &run.cases {
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
            continue;
        }
        if case.findings.is_empty() {
            let _ = writeln!(out, "\nNo commitment is implicated.");
            continue;
        }
        let _ = writeln!(out, "\n| status | commitment | party | about | strength | cites |\n|---|---|---|---|---|---|");
        for f in &case.findings {
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
        for f in &case.findings {
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
        }
    }
    for file in &run.other {
        for d in &file.diagnostics {
            let _ = writeln!(
                out,
                "\n- `{}` in `{}`: {}",
                d.diagnostic.code, file.path, d.diagnostic.message
            );
        }
    }
    out
}
