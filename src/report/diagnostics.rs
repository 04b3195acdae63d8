//! Diagnostics for people: each rendered by miette with the source line and a label under the
//! span, at a fixed width and without colour unless asked, so that snapshots are stable.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, LineIndex, Severity};

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
