//! Rendering: findings and diagnostics for people (text, with miette for diagnostics) and for
//! programs (one JSON document). Pure: every function returns a string.

pub mod dot;

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::language::model::{FactId, Standing};
use crate::rules::catalogue::{Catalogue, Rule, RuleId};
use crate::rules::engine::Finding;
use crate::schema::Rel;
use crate::schema::Status;
use crate::CheckedCase;

/// Diagnostics that belong to a file that is not a case (a rule file, an unreadable path).
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a run produced, in output order.
pub struct Run<'a> {
    pub catalogue: &'a Catalogue,
    pub cases: &'a [CheckedCase],
    /// Per case (same order as `cases`), diagnostics added after checking (expectation mismatches).
    pub extra: &'a [Vec<Diagnostic>],
    pub other: &'a [FileDiagnostics],
}

impl Run<'_> {
    fn case_diagnostics(&self, i: usize) -> impl Iterator<Item = &Diagnostic> {
        self.cases[i]
            .diagnostics
            .iter()
            .chain(self.extra.get(i).into_iter().flatten())
    }

    fn count(&self, severity: Severity) -> usize {
        let cases = (0..self.cases.len()).flat_map(|i| self.case_diagnostics(i));
        let other = self.other.iter().flat_map(|f| &f.diagnostics);
        cases
            .chain(other)
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn finding_count(&self) -> usize {
        self.cases.iter().map(|c| c.findings.len()).sum()
    }
}

fn standing_text(case: &CheckedCase, s: &Standing) -> Option<String> {
    if s.is_established() {
        return None;
    }
    let names = |v: &[crate::language::model::Sym]| {
        v.iter()
            .map(|x| case.scenario.name(*x).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !s.alleged_by.is_empty() {
        parts.push(format!("alleged by {}", names(&s.alleged_by)));
    }
    if !s.disputed_by.is_empty() {
        parts.push(format!("disputed by {}", names(&s.disputed_by)));
    }
    if s.unknown {
        parts.push("unknown".to_owned());
    }
    Some(parts.join("; "))
}

/// `XB (Borduria)`, or the id alone when the declaration has no name.
fn party_name(case: &CheckedCase, party: crate::language::model::Sym) -> String {
    let id = case.scenario.name(party);
    match case
        .scenario
        .case
        .entity(party)
        .and_then(|e| e.name.as_deref())
    {
        Some(name) => format!("{id} ({name})"),
        None => id.to_owned(),
    }
}

/// `` `a1` (Substations disconnected) ``, or the id alone when unnamed.
fn focus_name(case: &CheckedCase, focus: crate::language::model::Sym) -> String {
    let id = case.scenario.name(focus);
    match case
        .scenario
        .case
        .entity(focus)
        .and_then(|e| e.name.as_deref())
    {
        Some(name) => format!("`{id}` ({name})"),
        None => format!("`{id}`"),
    }
}

struct Located {
    line: usize,
    column: usize,
    text: String,
    standing: Option<String>,
}

fn locate(case: &CheckedCase, index: &LineIndex, fact: FactId) -> Located {
    let f = case.scenario.fact(fact);
    let (line, column) = index.line_col(&case.text, f.span.start);
    Located {
        line,
        column,
        text: case.scenario.case.describe(f),
        standing: standing_text(case, &f.standing),
    }
}

/// Human-readable report of findings, then diagnostics.
pub fn human(run: &Run<'_>, color: bool) -> String {
    let mut out = String::new();
    for (i, case) in run.cases.iter().enumerate() {
        let index = LineIndex::new(&case.text);
        let title = if case.scenario.case.title.is_empty() {
            "(untitled)"
        } else {
            &case.scenario.case.title
        };
        let _ = writeln!(out, "{}: {title}", case.path);
        if case.has_errors() {
            let _ = writeln!(out, "  not assessed: the file has errors (below)\n");
        } else if case.findings.is_empty() {
            let _ = writeln!(out, "  no commitment implicated\n");
        } else {
            let n = case.findings.len();
            let _ = writeln!(out, "  {n} finding{}\n", if n == 1 { "" } else { "s" });
        }
        for f in &case.findings {
            finding_human(&mut out, run.catalogue, case, &index, f);
        }
        for d in run.case_diagnostics(i) {
            out.push_str(&render_diagnostic(&case.path, &case.text, d, color));
        }
    }
    for file in run.other {
        for d in &file.diagnostics {
            out.push_str(&render_diagnostic(&file.path, &file.text, d, color));
        }
    }
    let cases = run.cases.len();
    let _ = writeln!(
        out,
        "{} case{}, {} finding{}{}, {} error{}{}",
        cases,
        if cases == 1 { "" } else { "s" },
        run.finding_count(),
        if run.finding_count() == 1 { "" } else { "s" },
        status_breakdown(run),
        run.error_count(),
        if run.error_count() == 1 { "" } else { "s" },
        match run.warning_count() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        },
    );
    out
}

/// ` (2 implicated, 1 cannot-assess)`, or nothing when there are no findings.
fn status_breakdown(run: &Run<'_>) -> String {
    let mut counts = [0usize; 3];
    for f in run.cases.iter().flat_map(|c| &c.findings) {
        counts[f.status as usize] += 1;
    }
    let parts: Vec<String> = [
        Status::Implicated,
        Status::ImplicatedIfAlleged,
        Status::CannotAssess,
    ]
    .iter()
    .zip(counts)
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{n} {}", s.as_str()))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn finding_human(
    out: &mut String,
    catalogue: &Catalogue,
    case: &CheckedCase,
    index: &LineIndex,
    f: &Finding,
) {
    let rule = &catalogue.get(f.rule);
    let s = &case.scenario;
    let _ = writeln!(out, "  {} · {}", f.status.as_str(), rule.id);
    let _ = writeln!(out, "  {}", rule.title);
    let _ = writeln!(out, "    party      {}", party_name(case, f.party));
    let _ = writeln!(out, "    about      {}", focus_name(case, f.focus));
    let _ = writeln!(
        out,
        "    strength   {} ({})",
        rule.strength.as_str(),
        rule.strength.gloss()
    );
    let cites: Vec<String> = rule.citations.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "    cites      {}", cites.join("; "));
    let mut label = "evidence";
    for fact in &f.facts {
        let l = locate(case, index, *fact);
        let standing = l.standing.map(|s| format!(" [{s}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "    {label:<10} {}:{}:{}  {}{standing}",
            case.path, l.line, l.column, l.text
        );
        label = "";
    }
    let mut label = "chain";
    for step in &f.chain {
        let _ = writeln!(out, "    {label:<10} {step}");
        label = "";
    }
    if f.rests_on_allegation(s) {
        let _ = writeln!(
            out,
            "    note       rests on facts that are alleged or disputed (marked above); this finding does not say that {} is responsible",
            s.name(f.party)
        );
    }
    let mut label = "decided by";
    for fact in f.decided_by(s) {
        let l = locate(case, index, fact);
        let _ = writeln!(
            out,
            "    {label:<10} {}:{}:{}  {}",
            case.path, l.line, l.column, l.text
        );
        label = "";
    }
    let mut label = "cautions";
    for c in &rule.cautions {
        let _ = writeln!(out, "    {label:<10} {} ({})", c.text, c.cite);
        label = "";
    }
    out.push('\n');
}

/// A diagnostic rendered by miette, with the source line and a label under the span.
pub fn render_diagnostic(path: &str, text: &str, d: &Diagnostic, color: bool) -> String {
    let report = MietteDiagnostic::new(path, text, d);
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        let (line, column) = LineIndex::new(text).line_col(text, d.span.start);
        let _ = writeln!(
            out,
            "{}[{}]: {} ({path}:{line}:{column})",
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    out
}

#[derive(Debug)]
struct MietteDiagnostic {
    message: String,
    code: &'static str,
    severity: miette::Severity,
    help: Option<String>,
    source: miette::NamedSource<String>,
    labels: Vec<miette::LabeledSpan>,
}

impl MietteDiagnostic {
    fn new(path: &str, text: &str, d: &Diagnostic) -> MietteDiagnostic {
        let clamp = |span: crate::diagnostic::Span| {
            let start = span.start.min(text.len());
            (
                start,
                span.end.saturating_sub(span.start).min(text.len() - start),
            )
        };
        let (start, len) = clamp(d.span);
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            d.label.clone(),
            (start, len),
        )];
        if let Some((span, label)) = &d.secondary {
            let (start, len) = clamp(*span);
            labels.push(miette::LabeledSpan::new(Some(label.clone()), start, len));
        }
        MietteDiagnostic {
            message: d.message.clone(),
            code: d.code.as_str(),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            help: d.help.clone(),
            source: miette::NamedSource::new(path, text.to_owned()),
            labels,
        }
    }
}

impl std::fmt::Display for MietteDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteDiagnostic {}

impl miette::Diagnostic for MietteDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(self.labels.clone().into_iter()))
    }
}

fn diagnostic_json(path: &str, text: &str, d: &Diagnostic) -> Value {
    let (line, column) = LineIndex::new(text).line_col(text, d.span.start);
    json!({
        "code": d.code.as_str(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": path,
        "line": line,
        "column": column,
        "help": d.help,
    })
}

/// The whole run as one JSON document: `{"version": 1, "cases", "findings", "diagnostics"}`.
pub fn json(run: &Run<'_>) -> String {
    let mut cases = Vec::new();
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, case) in run.cases.iter().enumerate() {
        let s = &case.scenario;
        let index = LineIndex::new(&case.text);
        cases.push(json!({
            "file": case.path,
            "title": s.case.title,
            "summary": s.case.summary,
            "sources": s.case.sources,
            "assessed": s.case.assessed.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "facts": s.stated_facts(),
            "cites": s.case.citations.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>(),
            "assessed_ok": !case.has_errors(),
        }));
        for f in &case.findings {
            let rule = &run.catalogue.get(f.rule);
            let evidence: Vec<Value> = f
                .facts
                .iter()
                .map(|x| {
                    let l = locate(case, &index, *x);
                    json!({"file": case.path, "line": l.line, "column": l.column, "fact": l.text, "standing": l.standing.unwrap_or_else(|| "established".into())})
                })
                .collect();
            let decided_by: Vec<Value> = f
                .decided_by(s)
                .into_iter()
                .map(|x| {
                    let l = locate(case, &index, x);
                    json!({"file": case.path, "line": l.line, "column": l.column, "fact": l.text})
                })
                .collect();
            findings.push(json!({
                "case": case.path,
                "rule": rule.id,
                "title": rule.title,
                "party": s.name(f.party),
                "party_name": s.case.entity(f.party).and_then(|e| e.name.clone()),
                "about": s.name(f.focus),
                "strength": rule.strength.as_str(),
                "status": f.status.as_str(),
                "citations": rule.citations.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "evidence": evidence,
                "chain": f.chain,
                "decided_by": decided_by,
                "rests_on_allegation": f.rests_on_allegation(s),
                "cautions": rule.cautions.iter().map(|c| json!({"text": c.text, "cite": c.cite.to_string()})).collect::<Vec<_>>(),
            }));
        }
        for d in run.case_diagnostics(i) {
            diagnostics.push(diagnostic_json(&case.path, &case.text, d));
        }
    }
    for file in run.other {
        for d in &file.diagnostics {
            diagnostics.push(diagnostic_json(&file.path, &file.text, d));
        }
    }
    let doc =
        json!({"version": 1, "cases": cases, "findings": findings, "diagnostics": diagnostics});
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `normcheck rules`: one line a rule.
pub fn rules_list(catalogue: &Catalogue) -> String {
    let mut out = String::new();
    let width = catalogue
        .rules()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for r in catalogue.rules() {
        let _ = writeln!(
            out,
            "{:<width$}  {:<14}  {}",
            r.id,
            r.strength.as_str(),
            r.title
        );
    }
    out
}

/// `normcheck rules --docs`: the catalogue as one Markdown page (`docs/rules.md`), made from
/// the rule files so that the documentation is never written twice.
pub fn rules_markdown(catalogue: &Catalogue) -> String {
    let mut out = String::from(
        "# Rule catalogue\n\nGenerated by `normcheck rules --docs` from `rules/*.yaml`; do not edit by hand.\n\n",
    );
    let _ = writeln!(out, "| rule | strength | cites |\n|---|---|---|");
    for r in catalogue.rules() {
        let cites: Vec<String> = r.citations.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} |",
            r.id,
            r.id,
            r.strength.as_str(),
            cites.join(", ")
        );
    }
    for r in catalogue.rules() {
        let _ = writeln!(out, "\n## {}\n\n{}\n", r.id, r.title);
        let cites: Vec<String> = r.citations.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "- **Strength:** {} ({})",
            r.strength.as_str(),
            r.strength.gloss()
        );
        let _ = writeln!(out, "- **Cites:** {}", cites.join("; "));
        let _ = writeln!(out, "- **Source:** `{}`\n", r.source);
        let _ = writeln!(out, "### What it checks\n\n{}\n", r.doc.what.trim());
        let _ = writeln!(out, "### Why\n\n{}\n", r.doc.why.trim());
        if let Some(reading) = &r.doc.reading {
            let _ = writeln!(
                out,
                "### What the rule reads into the text\n\n{}\n",
                reading.trim()
            );
        }
        let _ = writeln!(out, "### Not implicated when\n");
        for n in &r.not_implicated_when {
            let _ = writeln!(out, "- {n}");
        }
        if !r.cautions.is_empty() {
            let _ = writeln!(out, "\n### Cautions\n");
            for c in &r.cautions {
                let _ = writeln!(out, "- {} ({})", c.text, c.cite);
            }
        }
        let _ = writeln!(out, "\n### Pattern\n");
        for atom in &r.pattern {
            let _ = writeln!(out, "- `{}`", crate::rules::engine::render_atom(r, atom));
        }
        for alternative in &r.unless {
            let text: Vec<String> = alternative
                .iter()
                .map(|a| crate::rules::engine::render_atom(r, a))
                .collect();
            let _ = writeln!(out, "- unless `{}`", text.join(" and "));
        }
        let _ = writeln!(
            out,
            "\n### Example\n\n```\n{}\n```",
            r.doc.example.trim_end()
        );
    }
    out
}

/// `normcheck rules --relations`: the relations rules can match.
pub fn relations_list() -> String {
    let mut out = String::new();
    for rel in Rel::ALL {
        let fields: Vec<&str> = rel.fields().iter().map(|f| f.name).collect();
        let _ = writeln!(
            out,
            "{}({})\n    {}",
            rel.name(),
            fields.join(", "),
            rel.doc()
        );
    }
    out
}

/// `normcheck explain RULE`: the rule's documentation and the text of what it cites.
pub fn explain_rule(catalogue: &Catalogue, rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}\n", rule.id, rule.title);
    let _ = writeln!(
        out,
        "Strength: {} ({})",
        rule.strength.as_str(),
        rule.strength.gloss()
    );
    let cites: Vec<String> = rule.citations.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "Cites: {}\n", cites.join("; "));
    let _ = writeln!(out, "What it checks\n  {}\n", rule.doc.what.trim());
    let _ = writeln!(out, "Why\n  {}\n", rule.doc.why.trim());
    if let Some(reading) = &rule.doc.reading {
        let _ = writeln!(
            out,
            "Reading (what the rule reads into the text)\n  {}\n",
            reading.trim()
        );
    }
    let _ = writeln!(out, "Not implicated when");
    for n in &rule.not_implicated_when {
        let _ = writeln!(out, "  - {n}");
    }
    let _ = writeln!(out, "\nCautions");
    for c in &rule.cautions {
        let _ = writeln!(out, "  - {} ({})", c.text, c.cite);
    }
    let _ = writeln!(
        out,
        "\nExample\n{}",
        indent(rule.doc.example.trim_end(), "  ")
    );
    let _ = writeln!(out, "\nThe texts");
    for c in &rule.citations {
        for (cite, text) in catalogue.corpus.text(c) {
            let _ = writeln!(out, "  {cite}\n{}\n", indent(&wrap(text, 94), "    "));
        }
    }
    out
}

/// `normcheck explain "A/76/135 ¶30"`: the paragraph and its sub-paragraphs, and the rules that
/// cite it.
pub fn explain_citation(
    catalogue: &Catalogue,
    citation: &crate::rules::corpus::Citation,
) -> String {
    let mut out = String::new();
    for (cite, text) in catalogue.corpus.text(citation) {
        let _ = writeln!(out, "{cite}\n{}\n", indent(&wrap(text, 96), "  "));
    }
    let citing: Vec<&str> = catalogue
        .rules()
        .iter()
        .filter(|r| {
            r.citations.contains(citation) || r.cautions.iter().any(|c| &c.cite == citation)
        })
        .map(|r| r.id.as_str())
        .collect();
    if !citing.is_empty() {
        let _ = writeln!(out, "Cited by: {}", citing.join(", "));
    }
    out
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|l| format!("{prefix}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// The run as SARIF 2.1.0, for code-scanning dashboards: one result per finding (level by
/// strength: law `error`, norm `warning`, recommendation `note`) located at the declaration of
/// what it is about, with its evidence as related locations; one result per diagnostic.
pub fn sarif(run: &Run<'_>) -> String {
    let level = |s: crate::rules::catalogue::Strength| match s {
        crate::rules::catalogue::Strength::Law => "error",
        crate::rules::catalogue::Strength::Norm => "warning",
        crate::rules::catalogue::Strength::Recommendation => "note",
    };
    let region = |text: &str, index: &LineIndex, start: usize, end: usize| {
        let (line, column) = index.line_col(text, start);
        let (end_line, end_column) = index.line_col(text, end.max(start));
        json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column})
    };
    let rules: Vec<Value> = run
        .catalogue
        .rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.doc.what},
                "help": {"text": r.doc.why},
                "defaultConfiguration": {"level": level(r.strength)},
                "properties": {
                    "strength": r.strength.as_str(),
                    "citations": r.citations.iter().map(ToString::to_string).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (i, case) in run.cases.iter().enumerate() {
        let index = LineIndex::new(&case.text);
        let s = &case.scenario;
        for f in &case.findings {
            let rule = &run.catalogue.get(f.rule);
            let span = s
                .case
                .entity(f.focus)
                .map_or(crate::diagnostic::Span::default(), |e| e.span);
            let related: Vec<Value> = f
                .facts
                .iter()
                .enumerate()
                .map(|(n, x)| {
                    let fact = s.fact(*x);
                    json!({
                        "id": n,
                        "message": {"text": s.case.describe(fact)},
                        "physicalLocation": {
                            "artifactLocation": {"uri": case.path},
                            "region": region(&case.text, &index, fact.span.start, fact.span.end),
                        },
                    })
                })
                .collect();
            let cites: Vec<String> = rule.citations.iter().map(ToString::to_string).collect();
            results.push(json!({
                "ruleId": rule.id,
                "level": level(rule.strength),
                "message": {"text": format!(
                    "{}: {} for {} about `{}` ({})",
                    f.status.as_str(), rule.title, s.name(f.party), s.name(f.focus), cites.join("; ")
                )},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": case.path},
                    "region": region(&case.text, &index, span.start, span.end),
                }}],
                "relatedLocations": related,
                "properties": {"status": f.status.as_str(), "party": s.name(f.party), "strength": rule.strength.as_str()},
            }));
        }
        for d in run.case_diagnostics(i) {
            results.push(sarif_diagnostic(&case.path, &case.text, &index, d));
        }
    }
    for file in run.other {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            results.push(sarif_diagnostic(&file.path, &file.text, &index, d));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "normcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://www.un.org/disarmament/ict-security/",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn sarif_diagnostic(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    let (line, column) = index.line_col(text, d.span.start);
    let message = match &d.help {
        Some(help) => format!("{} ({help})", d.message),
        None => d.message.clone(),
    };
    json!({
        "ruleId": d.code.as_str(),
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": path},
            "region": {"startLine": line, "startColumn": column},
        }}],
    })
}

/// The run as a Markdown report, for analysts to share an assessment: per case, a table of
/// findings, then each finding with its citations, evidence, chain and cautions.
pub fn markdown(run: &Run<'_>) -> String {
    let mut out = String::from("# normcheck assessment\n");
    for (i, case) in run.cases.iter().enumerate() {
        let s = &case.scenario;
        let index = LineIndex::new(&case.text);
        let title = if s.case.title.is_empty() {
            "(untitled)"
        } else {
            &s.case.title
        };
        let _ = writeln!(out, "\n## {title}\n\n`{}`", case.path);
        if let Some(summary) = &s.case.summary {
            let _ = writeln!(out, "\n{summary}");
        }
        if !s.case.assessed.is_empty() {
            let dates: Vec<String> = s.case.assessed.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "\nAssessed as of {}.", dates.join(", "));
        }
        if !s.case.sources.is_empty() {
            let _ = writeln!(out, "\nSources:\n");
            for source in &s.case.sources {
                let _ = writeln!(out, "- {source}");
            }
        }
        if case.has_errors() {
            let _ = writeln!(out, "\nNot assessed: the file has errors.\n");
            for d in run.case_diagnostics(i) {
                let (line, column) = index.line_col(&case.text, d.span.start);
                let _ = writeln!(
                    out,
                    "- `{}` line {line}, column {column}: {}",
                    d.code, d.message
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
            let rule = &run.catalogue.get(f.rule);
            let cites: Vec<String> = rule.citations.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | `{}` | {} | {} |",
                f.status.as_str(),
                rule.id,
                party_name(case, f.party),
                s.name(f.focus),
                rule.strength.as_str(),
                cites.join(", ")
            );
        }
        for f in &case.findings {
            let rule = &run.catalogue.get(f.rule);
            let _ = writeln!(
                out,
                "\n### `{}` for {}: {}\n\n{}\n",
                rule.id,
                party_name(case, f.party),
                f.status.as_str(),
                rule.title
            );
            let _ = writeln!(
                out,
                "Strength: {} ({}).\n\nEvidence:\n",
                rule.strength.as_str(),
                rule.strength.gloss()
            );
            for fact in &f.facts {
                let l = locate(case, &index, *fact);
                let standing = l.standing.map(|s| format!(" *({s})*")).unwrap_or_default();
                let _ = writeln!(out, "- {}{standing} (line {})", l.text, l.line);
            }
            if !f.chain.is_empty() {
                let _ = writeln!(out, "\nHow:\n");
                for step in &f.chain {
                    let _ = writeln!(out, "- {step}");
                }
            }
            if f.rests_on_allegation(s) {
                let _ = writeln!(out, "\nThis finding rests on alleged or disputed facts; it does not say that {} is responsible.", s.name(f.party));
            }
            let decided_by = f.decided_by(s);
            if !decided_by.is_empty() {
                let _ = writeln!(out, "\nDecided by:\n");
                for fact in decided_by {
                    let _ = writeln!(out, "- {}", s.case.describe(s.fact(fact)));
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
    for file in run.other {
        for d in &file.diagnostics {
            let _ = writeln!(out, "\n- `{}` in `{}`: {}", d.code, file.path, d.message);
        }
    }
    out
}

/// `normcheck why-not RULE FILE`: for each State of the case, the finding, or the first element
/// of the rule that no fact satisfies, or the `unless` entry that defeats it.
pub fn why_not(case: &CheckedCase, catalogue: &Catalogue, rule: RuleId) -> String {
    let s = &case.scenario;
    let r = catalogue.get(rule);
    let mut out = format!("{}: {}\n{}\n", case.path, r.id, r.title);
    for entity in s
        .case
        .entities
        .iter()
        .filter(|e| e.kind == crate::language::model::EntityKind::State)
    {
        let party = party_name(case, entity.id);
        let mut found = false;
        for f in case
            .findings
            .iter()
            .filter(|f| f.party == entity.id && f.rule == rule)
        {
            found = true;
            let _ = writeln!(
                out,
                "  {party}: {} about {}",
                f.status.as_str(),
                focus_name(case, f.focus)
            );
        }
        if found {
            continue;
        }
        let line = match crate::rules::engine::why_not(r, s, Some(entity.id), None) {
            crate::rules::engine::WhyNot::Unmatched(atom) => {
                format!("not implicated: no fact satisfies `{atom}`")
            }
            crate::rules::engine::WhyNot::Defeated(atom) => {
                format!("not implicated: defeated by `{atom}`")
            }
            crate::rules::engine::WhyNot::Matches => "not implicated".to_owned(),
        };
        let _ = writeln!(out, "  {party}: {line}");
    }
    out
}
