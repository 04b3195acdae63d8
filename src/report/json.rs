//! The run as one JSON document for programs: `{"version": 1, "cases", "diagnostics",
//! "findings"}`. Serialized straight from the view, without an intermediate value tree. Keys
//! are in alphabetical order (fields below are declared in that order): the order is part of
//! the format.

use serde::Serialize;

use super::view::{DiagnosticView, Evidence, FileView, FindingView, RunView};

#[derive(Serialize)]
struct Document<'a> {
    cases: Vec<Case<'a>>,
    diagnostics: Vec<Diagnostic<'a>>,
    findings: Vec<Finding<'a>>,
    version: u32,
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
    party: &'a str,
    party_name: Option<&'a str>,
    rests_on_allegation: bool,
    rule: &'a str,
    status: &'static str,
    strength: &'static str,
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

pub fn render(run: &RunView<'_>) -> String {
    let mut cases = Vec::with_capacity(run.cases.len());
    let mut findings = Vec::new();
    let mut diagnostics = Vec::new();
    for case in &run.cases {
        let s = &case.scenario.case;
        cases.push(Case {
            assessed: s.assessed.iter().map(ToString::to_string).collect(),
            assessed_ok: !case.has_errors,
            cites: s.citations.iter().map(|(c, _)| c.as_str()).collect(),
            facts: case.scenario.stated_facts(),
            file: case.file.path,
            sources: &s.sources,
            summary: s.summary.as_deref(),
            title: &s.title,
        });
        findings.extend(case.findings.iter().map(|f| finding(case.file.path, f)));
        diagnostics.extend(file_diagnostics(&case.file));
    }
    for file in &run.other {
        diagnostics.extend(file_diagnostics(file));
    }
    let doc = Document {
        cases,
        diagnostics,
        findings,
        version: 1,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn finding<'a>(path: &'a str, f: &'a FindingView<'a>) -> Finding<'a> {
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
        chain: f.chain,
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
        party: f.party.id,
        party_name: f.party.name,
        rests_on_allegation: f.rests_on_allegation,
        rule: &f.rule.id,
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
