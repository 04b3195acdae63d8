//! Diagnostics for people: each rendered by miette with the source line and a label under the
//! span, at a fixed width and without colour unless asked, so that snapshots are stable.
//!
//! miette is handed an excerpt, never the whole file: [`SourceFile`] indexes a file's lines once
//! and answers miette's requests for the lines around a span from that index, so rendering N
//! diagnostics costs the file once plus the lines shown. A line longer than miette can draw
//! under (its label padding is limited to 65,535 columns) is cut around the span, and a lone
//! `\r` is shown as the line break the grammar reads it as.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, LineIndex, Severity, Span};

/// How many characters of a line are shown before a span that starts far into it.
const LEAD: usize = 60;
/// How many characters of a span (or after it) are shown at most.
const SHOWN: usize = 120;
/// Labels this many lines apart or fewer are shown in one excerpt, with the lines between.
const MERGE_GAP: usize = 8;

/// A diagnostic rendered by miette, with the source line and a label under the span.
pub fn render_diagnostic(path: &str, text: &str, d: &Diagnostic, color: bool) -> String {
    SourceFile::new(path, text).render(d, color)
}

/// One file's text with its line index, for rendering any number of its diagnostics.
pub struct SourceFile<'a> {
    path: &'a str,
    text: &'a str,
    /// The text with each lone `\r` replaced by `\n` (same length), when it has one: miette
    /// breaks lines at `\n` and `\r\n` only.
    shown: Option<String>,
    index: LineIndex,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a str, text: &'a str) -> SourceFile<'a> {
        let bytes = text.as_bytes();
        let lone_cr =
            |i: usize| bytes[i] == b'\r' && bytes.get(i + 1).is_none_or(|next| *next != b'\n');
        let shown = (0..bytes.len()).any(lone_cr).then(|| {
            text.char_indices()
                .map(|(i, c)| if c == '\r' && lone_cr(i) { '\n' } else { c })
                .collect()
        });
        SourceFile {
            path,
            text,
            shown,
            index: LineIndex::new(text),
        }
    }

    pub fn render(&self, d: &Diagnostic, color: bool) -> String {
        let report = MietteDiagnostic::new(self, d);
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
            out.clear();
            let (line, column) = self.index.line_col(self.text, d.span.start);
            let _ = writeln!(
                out,
                "{}[{}]: {} ({}:{line}:{column})",
                d.severity.as_str(),
                d.code,
                d.message,
                self.path
            );
        }
        out
    }

    fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(self.text)
    }

    /// The span as miette is given it: inside the text, on character boundaries, and no longer
    /// than can be shown.
    fn label_span(&self, span: Span) -> (usize, usize) {
        let text = self.text;
        let start = floor_boundary(text, span.start.min(text.len()));
        let end = span.end.clamp(start, text.len());
        let end = floor_boundary(text, end.min(ahead(text, start, SHOWN)));
        (start, end - start)
    }
}

/// The largest character boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The offset `n` characters after `from` (or the end of the text).
fn ahead(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The offset `n` characters before `to`, not before `floor`.
fn behind(text: &str, floor: usize, to: usize, n: usize) -> usize {
    text[floor..to]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

impl miette::SourceCode for SourceFile<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let text = self.text;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let index = &self.index;
        let first_line = index.line_of(start);
        let last_line = index.line_of(end.saturating_sub(1).max(start));
        let (line_start, _) = index.line_bounds(first_line, text);
        let column = text[line_start..start].chars().count();
        let (from, line) = if before == 0 {
            // Where the span is: the place printed in the header.
            (start, first_line)
        } else if column > LEAD + SHOWN {
            // Far into a long line: show it from a little before the span, without the lines
            // above (an excerpt must be one piece of the text).
            (behind(text, line_start, start, LEAD), first_line)
        } else {
            let line = first_line.saturating_sub(before);
            (index.line_bounds(line, text).0, line)
        };
        let last = (last_line + after).min(index.line_count().saturating_sub(1));
        let (_, last_next) = index.line_bounds(last, text);
        // Long lines after the span are cut a little after it (and the lines past it dropped).
        let to = if last_next - end <= LEAD + SHOWN {
            last_next
        } else {
            floor_boundary(text, ahead(text, end, SHOWN))
        };
        let contents = miette::MietteSpanContents::new_named(
            self.path.to_owned(),
            &self.shown().as_bytes()[from..to],
            (from, to - from).into(),
            line,
            if from == start { column } else { 0 },
            // miette draws two labels in one excerpt when the first excerpt's line count
            // reaches the second: labels up to `MERGE_GAP` lines apart share one.
            last - line + MERGE_GAP,
        );
        Ok(Box::new(contents))
    }
}

#[derive(Debug)]
struct MietteDiagnostic<'a> {
    message: Cow<'a, str>,
    code: &'static str,
    severity: miette::Severity,
    help: Option<Cow<'a, str>>,
    /// None for a diagnostic about a file with no text (one that could not be read): there
    /// is no line to show.
    source: Option<&'a SourceFile<'a>>,
    labels: Vec<miette::LabeledSpan>,
}

impl std::fmt::Debug for SourceFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .finish()
    }
}

impl<'a> MietteDiagnostic<'a> {
    fn new(source: &'a SourceFile<'a>, d: &'a Diagnostic) -> MietteDiagnostic<'a> {
        let source = (!source.text.is_empty()).then_some(source);
        let Some(source) = source else {
            return MietteDiagnostic {
                message: cut_quotes(&d.message),
                code: d.code.as_str(),
                severity: severity(d.severity),
                help: d.help.as_deref().map(Cow::Borrowed),
                source: None,
                labels: Vec::new(),
            };
        };
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            d.label.clone(),
            source.label_span(d.span),
        )];
        if let Some((span, label)) = &d.secondary {
            let (start, len) = source.label_span(*span);
            labels.push(miette::LabeledSpan::new(Some(label.clone()), start, len));
        }
        MietteDiagnostic {
            message: cut_quotes(&d.message),
            code: d.code.as_str(),
            severity: severity(d.severity),
            help: d.help.as_deref().map(Cow::Borrowed),
            source: Some(source),
            labels,
        }
    }
}

/// How many characters of a quoted piece of the file a message shows at most.
const QUOTED: usize = 60;

/// A message with each `quoted` piece longer than `QUOTED` characters cut, and its length
/// said: a line of thousands of characters is not repeated in the message about it. (Help
/// lines are left whole: their code spans are what to write, and must stay copyable.)
fn cut_quotes(message: &str) -> Cow<'_, str> {
    let pieces: Vec<&str> = message.split('`').collect();
    // A piece is quoted when it has a backtick on each side: odd, and not the last.
    let quoted_long =
        |i: usize| i % 2 == 1 && i + 1 < pieces.len() && pieces[i].chars().count() > QUOTED;
    if !(0..pieces.len()).any(quoted_long) {
        return Cow::Borrowed(message);
    }
    let mut out = String::new();
    let mut after_close = None;
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push('`');
            if let Some(n) = after_close.take() {
                let _ = write!(out, " ({n} characters)");
            }
        }
        match quoted_long(i) {
            true => {
                out.extend(piece.chars().take(QUOTED - 20));
                out.push('…');
                after_close = Some(piece.chars().count());
            }
            false => out.push_str(piece),
        }
    }
    Cow::Owned(out)
}

fn severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    }
}

impl std::fmt::Display for MietteDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteDiagnostic<'_> {}

impl miette::Diagnostic for MietteDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display + 'b>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn render(text: &str, span: Span) -> String {
        let d = Diagnostic::error(Code::SyntaxError, span, "m").with_label("here");
        render_diagnostic("f", text, &d, false)
    }

    #[test]
    fn a_span_far_into_a_long_line_is_shown_cut_around_it() {
        // miette panicked drawing a label past column 65,535.
        for column in [65_536, 200_000] {
            let text = format!("a\n{}bogus x\n", " ".repeat(column));
            let start = 2 + column;
            let out = render(&text, Span::new(start, start + 5));
            let head: String = out.chars().take(600).collect();
            assert!(out.contains(&format!("[f:2:{}]", column + 1)), "{head}");
            assert!(out.contains("bogus x"), "{head}");
            assert!(out.lines().all(|l| l.chars().count() < 400), "{head}");
        }
        // A span 70,000 characters long, on one line, as in a one-line rule file.
        let text = format!("id: {} bogus\n", "x".repeat(70_000));
        let out = render(&text, Span::new(4, text.len() - 1));
        let head: String = out.chars().take(600).collect();
        assert!(out.lines().all(|l| l.chars().count() < 400), "{head}");
    }

    #[test]
    fn a_long_quoted_piece_of_the_file_is_cut_in_the_message() {
        let long = "x".repeat(500);
        let message = format!("`{long}` is not a value; `kind` takes one of them");
        let cut = cut_quotes(&message);
        assert_eq!(
            cut,
            format!(
                "`{}…` (500 characters) is not a value; `kind` takes one of them",
                "x".repeat(QUOTED - 20)
            )
        );
        // Short quotes, and a lone backtick, are left as they are.
        assert_eq!(cut_quotes("`a1` is `x"), "`a1` is `x");
    }

    #[test]
    fn a_lone_carriage_return_starts_a_line() {
        let text = "case \"t\" {}\rstate XA\rstate XA\r";
        let out = render(text, Span::new(27, 29));
        assert!(out.contains("[f:3:7]"), "{out}");
        assert!(out.contains(" 3 │ state XA"), "{out}");
    }

    #[test]
    fn labels_far_apart_are_shown_in_two_excerpts() {
        let text = format!("first\n{}second\n", "filler\n".repeat(1_000));
        let d = Diagnostic::error(
            Code::DuplicateId,
            Span::new(text.len() - 7, text.len() - 1),
            "m",
        )
        .with_secondary(Span::new(0, 5), "first here");
        let out = render_diagnostic("f", &text, &d, false);
        assert!(out.lines().count() < 20, "{out}");
        assert!(
            out.contains("first here") && out.contains("1002 │ second"),
            "{out}"
        );
    }
}
