//! normcheck: checks incident case files against the UN GGE framework of responsible State
//! behaviour in cyberspace (A/70/174 and A/76/135).
//!
//! The core is pure: it takes `(path, text)` pairs and returns data. Reading files, choosing a
//! format and setting exit codes happen in the binary (`src/main.rs`).
//!
//! ```text
//! text → syntax (pest) → lower (model: validated facts) → graph (petgraph + derived relations)
//!      → engine (rules × relations → findings) → report (human, JSON, SARIF, Markdown)
//! rules/*.yaml → catalogue (validated against the corpus and the relation schema)
//! ```

#![deny(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

// The parser pest generates names `alloc` from the crate root when pest is built without its
// `std` feature, which normcheck leaves off: it probes the stack on every rule entered, and the
// flat grammar never recurses (see `language::syntax`).
extern crate alloc;

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod generate;
pub mod language;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod schema;

use diagnostic::{Code, Diagnostic, Severity, Span};
use language::model::Date;
use language::{lower, markdown, syntax};
use rules::catalogue::Catalogue;
use rules::engine::{self, Finding, SetAside};
use scenario::graph::{self, Scenario};

/// One case file, checked.
#[derive(Debug)]
pub struct CheckedCase {
    pub path: String,
    pub text: String,
    pub scenario: Scenario,
    pub diagnostics: Vec<Diagnostic>,
    /// Empty when the file has errors: findings over a broken file would mislead.
    pub findings: Vec<Finding>,
}

impl CheckedCase {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Diagnostics that belong to a file that is not a case (a rule file, an unreadable path).
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileDiagnostics {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Sets aside the findings the file's `suppress` lines name, and says which of those lines set
/// aside nothing or are past their `until` date (then they set aside nothing: the findings are
/// reported again). Linear: suppressions are looked up by rule.
fn suppress(
    catalogue: &Catalogue,
    scenario: &Scenario,
    findings: &mut [Finding],
    today: Option<Date>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let suppressions = &scenario.case.suppressions;
    if suppressions.is_empty() {
        return;
    }
    let mut by_rule: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in suppressions.iter().enumerate() {
        by_rule.entry(s.rule.as_str()).or_default().push(i);
    }
    let expired = |i: usize| {
        let until = suppressions[i].until.map(|(d, _)| d);
        matches!((until, today), (Some(until), Some(today)) if until < today)
    };
    let mut used = vec![false; suppressions.len()];
    for f in findings.iter_mut() {
        let Some(candidates) = by_rule.get(catalogue.get(f.rule).id.as_str()) else {
            continue;
        };
        let matching = candidates.iter().copied().find(|&i| {
            let s = &suppressions[i];
            s.party.is_none_or(|p| p == f.party) && s.about.is_none_or(|a| a == f.focus)
        });
        if let Some(i) = matching {
            used[i] = true;
            if !expired(i) {
                f.set_aside = Some(SetAside::Suppressed(i));
            }
        }
    }
    for (i, s) in suppressions.iter().enumerate() {
        if let (true, Some((until, span))) = (expired(i), s.until) {
            diagnostics.push(
                Diagnostic::warning(
                    Code::SuppressionExpired,
                    span,
                    format!("this suppression expired on {until}: the findings it set aside are reported again"),
                )
                .with_label("past this date")
                .with_help(
                    "look at the findings again: fix the draft, or renew the suppression with a new \
                     `until` date and a reason that still holds",
                ),
            );
        } else if !used[i] {
            diagnostics.push(
                Diagnostic::warning(
                    Code::UnusedSuppression,
                    s.span,
                    format!("this suppression of `{}` sets aside no finding", s.rule),
                )
                .with_label("nothing to set aside")
                .with_help(
                    "the finding it named is gone (or its `for`/`about` do not match one): remove \
                     the line",
                ),
            );
        }
    }
}

/// Parses, lowers, builds the graph and evaluates the rules for one file: a case file, a
/// `.policy` file, or a Markdown document (`*.md`) whose `normcheck` blocks hold the
/// statements. The case keeps the text (given as a `String`, it is kept without a copy), and
/// every span is a span of that text.
pub fn check_case(catalogue: &Catalogue, path: &str, text: impl Into<String>) -> CheckedCase {
    check_case_on(catalogue, path, text, CheckOptions::default())
}

/// What the caller decides for a check: the core reads no clock and asks nothing of the
/// machine, so the command line passes today's date and the threads it may use.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The day the `until` dates of suppressions are judged against. With `None` every
    /// suppression is in force.
    pub today: Option<Date>,
    /// The threads the parse of a large file may use, the calling thread one of them. Small
    /// files are read on the calling thread alone; the result is the same at any number.
    pub threads: std::num::NonZeroUsize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            today: None,
            threads: std::num::NonZeroUsize::MIN,
        }
    }
}

/// `check_case`, with the caller's options.
pub fn check_case_on(
    catalogue: &Catalogue,
    path: &str,
    text: impl Into<String>,
    options: CheckOptions,
) -> CheckedCase {
    let text: String = text.into();
    let document = markdown::is_markdown(path).then(|| markdown::read(&text));
    check_read(catalogue, path, text, document, options)
}

/// `check_case_on` for a file a directory walk found: `None` for a Markdown document with no
/// `normcheck` block (a README), which is not a policy document; the document is read once.
pub fn check_found(
    catalogue: &Catalogue,
    path: &str,
    text: String,
    options: CheckOptions,
) -> Option<CheckedCase> {
    let mut document = None;
    if markdown::is_markdown(path) {
        if !text.contains(markdown::FENCE_INFO) {
            return None;
        }
        let read = markdown::read(&text);
        if read.regions.is_empty() {
            return None;
        }
        document = Some(read);
    }
    Some(check_read(catalogue, path, text, document, options))
}

/// Checks a file whose Markdown, if it is a Markdown document, is already read.
fn check_read(
    catalogue: &Catalogue,
    path: &str,
    text: String,
    document: Option<markdown::Document>,
    options: CheckOptions,
) -> CheckedCase {
    let mut arena = syntax::Arena::with_threads(options.threads);
    let (tree, mut diagnostics) = match &document {
        Some(doc) => syntax::parse_regions(&doc.statements, &mut arena, &doc.regions),
        None => syntax::parse(&text, &mut arena),
    };
    let (mut case, mut lower_diagnostics) = lower::lower(&tree);
    drop(tree);
    drop(arena);
    if let Some(doc) = document {
        if doc.regions.is_empty() {
            lower_diagnostics = diagnostic::Diagnostics::default();
            lower_diagnostics.push(
                Diagnostic::error(
                    Code::MissingCase,
                    Span::new(0, 0),
                    "this Markdown document has no ```normcheck block",
                )
                .with_help(
                    "put the statements that formalise the draft in fenced blocks marked \
                     ```normcheck, the first with `policy ID \"Title\" { of STATE }`",
                ),
            );
        }
        case.sections = doc.sections;
    }
    // A file pest gave up on has no statements; "no case block" would only mislead.
    let unreadable = diagnostics.iter().any(|d| d.code == Code::ParserLimit);
    if !unreadable {
        diagnostics.absorb(lower_diagnostics);
    }
    let named_rules = case.expectations.iter().map(|e| (&e.rule, e.rule_span));
    let named_rules = named_rules.chain(case.suppressions.iter().map(|s| (&s.rule, s.rule_span)));
    for (rule, span) in named_rules {
        if let Err(unknown) = catalogue.lookup(rule) {
            diagnostics.push(
                Diagnostic::error(
                    Code::UnknownRule,
                    span,
                    format!("`{rule}` is not a rule in the catalogue"),
                )
                .with_label("unknown rule")
                .with_help(unknown.help()),
            );
        }
    }
    for (citation, span) in &case.citations {
        if let Err(e) = catalogue.corpus.cite(citation) {
            // A loose form (`13f`, `2021 ¶30`) or a near miss gets the citation to write.
            let loose = catalogue.corpus.lookup_loose(citation);
            let meant: Vec<String> = match loose.exact.is_empty() {
                true => loose.near,
                false => loose.exact,
            }
            .iter()
            .map(|c| format!("`{c}`"))
            .collect();
            let help = match meant.as_slice() {
                [] => e.to_string(),
                meant => format!("did you mean {}? {e}", meant.join(" or ")),
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::CitationNotInCorpus,
                    *span,
                    format!("`{citation}` is not in the corpus"),
                )
                .with_label("unknown paragraph")
                .with_help(help),
            );
        }
    }
    let assess = !diagnostics.has_errors();
    let mut diagnostics = diagnostics.finish(text.len());
    let scenario = graph::build(case);
    let mut findings = Vec::new();
    if assess {
        let evaluation = engine::evaluate(catalogue, &scenario);
        findings = evaluation.findings;
        if !evaluation.stopped.is_empty() {
            // A rule cut short may have missed findings: none are reported rather than some.
            findings.clear();
        }
        for id in evaluation.stopped {
            let rule = catalogue.get(id);
            diagnostics.push(
                Diagnostic::error(
                    Code::RuleStopped,
                    scenario.case.title_span,
                    format!(
                        "rule `{}` matched more combinations of facts than a case of this size \
                         allows; the case is not assessed",
                        rule.id
                    ),
                )
                .with_label("this case")
                .with_help(
                    "the rule's pattern joins variables that no atom connects, so it goes \
                     through every combination of them: connect them through a shared variable \
                     (see ARCHITECTURE.md, \"Rule format\")",
                ),
            );
        }
    }
    if assess {
        suppress(
            catalogue,
            &scenario,
            &mut findings,
            options.today,
            &mut diagnostics,
        );
    }
    CheckedCase {
        path: path.to_owned(),
        text,
        scenario,
        diagnostics,
        findings,
    }
}
