//! Diagnostics as plain data: a stable code, a severity, a byte span, a message and a help line.
//! Rendering (miette, JSON) happens at the edge, in `report`.

use std::cell::Cell;
use std::fmt;

/// A byte range in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $code:literal : $doc:literal ),* $(,)?) => {
        /// Every diagnostic normcheck can emit. The kebab-case string is a stable interface:
        /// scripts match on it, and `docs/diagnostics.md` documents each one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant ),* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant ),* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code ),* }
            }

            /// One sentence saying what the code means; the long form is in `docs/diagnostics.md`.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $doc ),* }
            }
        }
    };
}

codes! {
    SyntaxError = "syntax-error": "a line does not have the shape `keyword value... (standing) { ... }`",
    UnclosedBlock = "unclosed-block": "a `{` has no matching `}`",
    NestingTooDeep = "nesting-too-deep": "blocks nested deeper than the parser follows (16); the deeper ones are skipped",
    UnexpectedBlock = "unexpected-block": "a statement that takes no block has one",
    ParserLimit = "parser-limit": "the parser gave up on a file (a fault in normcheck, to be reported)",
    UnknownStatement = "unknown-statement": "a keyword that is not part of the case-file language at this place",
    DuplicateStatement = "duplicate-statement": "a statement that may appear once appears again",
    MissingStatement = "missing-statement": "a statement the block needs is absent",
    MissingCase = "missing-case": "the file has no `case` block",
    WrongValueCount = "wrong-value-count": "a statement has too few or too many values",
    UnknownValue = "unknown-value": "a value is not one of the words the statement accepts",
    InvalidDate = "invalid-date": "a date that does not exist on the calendar, or a value that is not a date",
    DateOrder = "date-order": "dates in an impossible order, such as an answer before its request",
    SelfReference = "self-reference": "a statement names the same thing on both sides: an act in reply to itself, a State assisting itself",
    ReasonWithoutRefusal = "reason-without-refusal": "an answer that is not a refusal gives a reason (`because ...`)",
    AfterAssessment = "after-assessment": "a fact dated after the date the case is assessed at (a warning)",
    DuplicateId = "duplicate-id": "two declarations share an id",
    UndeclaredId = "undeclared-id": "a reference to an id that is never declared",
    WrongKindReference = "wrong-kind-reference": "a reference to an id of the wrong kind, such as an act by a piece of infrastructure",
    InvalidStanding = "invalid-standing": "a standing other than established, alleged, disputed, denied or unknown, or one without the States it needs",
    UnknownRule = "unknown-rule": "an expectation or a suppression names a rule that is not in the catalogue",
    SuppressionWithoutReason = "suppression-without-reason": "a `suppress` line gives no quoted reason",
    UnusedSuppression = "unused-suppression": "a `suppress` line sets aside no finding (a warning)",
    SuppressionExpired = "suppression-expired": "a `suppress` line is past its `until` date: the findings it set aside are reported again (a warning)",
    InvalidConfig = "invalid-config": "a configuration file (`normcheck.toml`, `normcheck.yaml`) that cannot be read, or a value it does not take",
    UnknownConfigKey = "unknown-config-key": "a configuration file sets a key normcheck does not have",
    InvalidBaseline = "invalid-baseline": "a baseline file (`--baseline`) that is not one normcheck wrote, or of another version",
    ExpectationMismatch = "expectation-mismatch": "a worked case's expectation does not hold",
    UnexpectedFinding = "unexpected-finding": "a worked case produces a finding none of its expectations mention",
    UnreadableFile = "unreadable-file": "a path that cannot be read as UTF-8 text",
    SkippedPath = "skipped-path": "an entry of a directory that is not read: a link leading out of the tree, a FIFO, a device, an entry that cannot be listed (a warning)",
    WriteFailed = "write-failed": "the report or a formatted file could not be written",
    FileChanged = "file-changed": "`fmt` did not replace a file that changed while it was being formatted",
    NoCaseFiles = "no-case-files": "a directory holds no case files or policy documents",
    RuleInvalid = "rule-invalid": "a rule file is not valid YAML for the rule schema",
    RuleDuplicateId = "rule-duplicate-id": "two rules share an id",
    RuleUnknownRelation = "rule-unknown-relation": "a rule pattern names a relation the engine does not have",
    RuleUnknownField = "rule-unknown-field": "a rule pattern names a field its relation does not have",
    RuleUnknownWord = "rule-unknown-word": "a rule pattern names a word its field never holds",
    RuleStopped = "rule-stopped": "a rule's join went through more combinations than the case's size allows, and was stopped",
    RuleUnboundVariable = "rule-unbound-variable": "a rule uses a variable that no earlier atom binds",
    TooManyDiagnostics = "too-many-diagnostics": "a file has more problems than a report shows; the count of the rest is given",
    CitationNotInCorpus = "citation-not-in-corpus": "a citation names a paragraph that is not in the report texts",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Lowercase, one sentence, no final period.
    pub message: String,
    pub span: Span,
    /// What the span points at, shown under it.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// A second place that explains the first: where an id was first declared, the date an
    /// event is compared with.
    pub secondary: Option<(Span, String)>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
            secondary: None,
        }
    }

    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary = Some((span, label.into()));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// How many diagnostics of one file are kept. A file with more is broken throughout (or not a
/// case at all): the first ones say what is wrong, and the rest are counted, so that memory
/// stays bounded whatever the file holds.
pub const MAX_PER_FILE: usize = 1_000;

/// The diagnostics of one file, as they are found: the first `MAX_PER_FILE` in file order are
/// kept and the rest counted. Reads as a slice of those kept so far (in the order found).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    more: usize,
    more_errors: usize,
    /// Where the last diagnostic kept at the last trim starts, once `MAX_PER_FILE` were
    /// kept: one starting after it can never be shown.
    last_shown: Option<usize>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.kept.push(d);
        // Trimming at twice the limit keeps the cost per diagnostic logarithmic.
        if self.kept.len() >= 2 * MAX_PER_FILE {
            self.trim();
        }
    }

    /// Keeps the first `MAX_PER_FILE` in file order (a stable sort: among diagnostics at the
    /// same place, the first found), and counts the others.
    fn trim(&mut self) {
        self.kept.sort_by_key(|d| (d.span.start, d.code));
        if self.kept.len() > MAX_PER_FILE {
            for d in self.kept.drain(MAX_PER_FILE..) {
                self.more += 1;
                self.more_errors += usize::from(d.severity == Severity::Error);
            }
        }
        if self.kept.len() == MAX_PER_FILE {
            self.last_shown = self.kept.last().map(|d| d.span.start);
        }
    }

    /// Whether a diagnostic starting at `start` may be among those the file shows; when not,
    /// it is counted with [`Diagnostics::count_unshown`] instead of being built (a file with a
    /// million broken lines spends nothing on the messages nobody sees).
    pub fn may_show(&self, start: usize) -> bool {
        self.last_shown.is_none_or(|last| start <= last)
    }

    /// How many diagnostics have been found, kept or counted.
    pub fn found(&self) -> usize {
        self.kept.len() + self.more
    }

    /// Counts a diagnostic that cannot be among those kept (`MAX_PER_FILE` were found before
    /// it in file order) without building it.
    pub fn count_unshown(&mut self, severity: Severity) {
        self.more += 1;
        self.more_errors += usize::from(severity == Severity::Error);
    }

    /// Takes in the diagnostics of another pass over the same file.
    pub fn absorb(&mut self, other: Diagnostics) {
        for d in other.kept {
            self.push(d);
        }
        self.more += other.more;
        self.more_errors += other.more_errors;
    }

    /// Whether any diagnostic found, kept or counted, is an error.
    pub fn has_errors(&self) -> bool {
        self.more_errors > 0 || self.kept.iter().any(|d| d.severity == Severity::Error)
    }

    /// The kept diagnostics in file order, followed by one that counts the rest, if any.
    pub fn finish(mut self, text_len: usize) -> Vec<Diagnostic> {
        self.trim();
        let mut kept = self.kept;
        if self.more > 0 {
            let (more, errors) = (self.more, self.more_errors);
            let message = format!(
                "{more} more problem{} in this file ({errors} error{}) are not shown",
                if more == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
            );
            let d = Diagnostic {
                severity: if errors > 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                ..Diagnostic::error(
                    Code::TooManyDiagnostics,
                    Span::new(text_len, text_len),
                    message,
                )
            };
            kept.push(d.with_help(format!(
                "a report shows the first {MAX_PER_FILE} problems of a file; fix those and check again"
            )));
        }
        kept
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.kept
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

/// The lines of a text with the byte offset each starts at, without their line break. A line
/// break is `\r\n`, `\n` or a lone `\r`, as in the grammar (`grammar/case.pest`): every line
/// number normcheck prints, and every line `fmt` lays out, follows this one definition.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = text.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let from = start;
        let Some(at) = bytes[from..]
            .iter()
            .position(|b| matches!(b, b'\n' | b'\r'))
        else {
            done = true;
            return Some((from, &text[from..]));
        };
        let end = from + at;
        start = match (bytes[end], bytes.get(end + 1)) {
            (b'\r', Some(b'\n')) => end + 2,
            _ => end + 1,
        };
        done = start == text.len();
        Some((from, &text[from..end]))
    })
}

/// Maps byte offsets to 1-based line and column (in characters) for one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts: Vec<usize> = lines(text).map(|(start, _)| start).collect();
        // The place after a final line break starts a line of its own (empty).
        if text.ends_with(['\n', '\r']) || text.is_empty() {
            line_starts.push(text.len());
        }
        LineIndex { line_starts }
    }

    /// The 0-based line an offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Where a 0-based line starts, and where the next one does (the end of the text after the
    /// last line).
    pub fn line_bounds(&self, line: usize, text: &str) -> (usize, usize) {
        let start = self.line_starts.get(line).copied().unwrap_or(text.len());
        let next = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        (start, next)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        (line + 1, self.column(text, line, offset))
    }

    /// 1-based (line, column) of a span's start and of its end. Places are mostly asked for in
    /// file order, so the start's line is searched outward from `near` (the line of the last
    /// span located, updated here) and the end's from the start's: locating N spans of a
    /// file in order costs O(N), not O(N log lines).
    pub fn region(&self, text: &str, span: Span, near: &Cell<usize>) -> [usize; 4] {
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        let line = self.line_of_near(start, near.get());
        let end_line = self.line_of_near(end, line);
        near.set(end_line);
        let column = self.column(text, line, start);
        let end_column = if end_line == line {
            column + count_chars(text, start, end)
        } else {
            self.column(text, end_line, end)
        };
        [line + 1, column, end_line + 1, end_column]
    }

    /// The 1-based column of an offset on a 0-based line.
    fn column(&self, text: &str, line: usize, offset: usize) -> usize {
        count_chars(text, self.line_starts[line], offset) + 1
    }

    /// The line an offset is on, searched by doubling steps from the line `near`.
    fn line_of_near(&self, offset: usize, near: usize) -> usize {
        let starts = &self.line_starts;
        let near = near.min(starts.len().saturating_sub(1));
        if starts.get(near).is_none_or(|&start| start > offset) {
            return self.line_of(offset);
        }
        // starts[low] <= offset: the line is `low` or after it, before `low + step`.
        let mut low = near;
        let mut step = 1;
        loop {
            let high = (low + step).min(starts.len());
            if high == starts.len() || starts[high] > offset {
                return match starts[low..high].binary_search(&offset) {
                    Ok(i) => low + i,
                    Err(i) => low + i - 1,
                };
            }
            low = high;
            step *= 2;
        }
    }
}

/// Characters between two offsets (bytes, if they do not fall on character boundaries).
fn count_chars(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(to - from, |s| s.chars().count())
}

/// Words longer than this get no suggestion: nobody mistypes a 64-character word into another,
/// and comparing long words costs the product of their lengths.
const SUGGESTED_LEN: usize = 64;

/// Suggests the candidate closest to `word` by edit distance, when it is close enough to be a
/// likely intent. A candidate whose length alone differs by more than the limit is not
/// compared, so the cost per candidate is bounded whatever the words.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    if len > SUGGESTED_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| c.len() <= (len + limit) * 4 && c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{s} is not kebab-case"
            );
        }
    }

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../docs/diagnostics.md");
        for code in Code::ALL {
            assert!(
                doc.contains(&format!("## `{}`", code.as_str())),
                "docs/diagnostics.md has no section for `{}`",
                code.as_str()
            );
        }
    }

    #[test]
    fn a_diagnostic_not_built_because_it_cannot_show_changes_nothing() {
        // Out of file order, with ties and warnings: the skipped ones are counted the same.
        let found = |i: usize| {
            let start = (i * 7919) % 5_000;
            let d = Diagnostic::error(Code::UndeclaredId, Span::new(start, start + 1), "x");
            match i % 3 {
                0 => Diagnostic {
                    severity: Severity::Warning,
                    ..d
                },
                _ => d,
            }
        };
        let mut all = Diagnostics::default();
        let mut lazy = Diagnostics::default();
        let mut skipped = 0;
        for i in 0..20_000 {
            let d = found(i);
            all.push(d.clone());
            if lazy.may_show(d.span.start) {
                lazy.push(d);
            } else {
                lazy.count_unshown(d.severity);
                skipped += 1;
            }
        }
        assert!(skipped > 10_000, "{skipped}");
        assert_eq!(all.finish(5_000), lazy.finish(5_000));
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n¶c d\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        assert_eq!(index.line_col(text, 6), (2, 3));
    }

    #[test]
    fn a_region_is_located_as_its_two_ends_are_whatever_line_the_search_starts_from() {
        let text = "ab\n¶c d\r\n\rlast ¶ line\nx\n";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2)
            .filter(|&i| i >= text.len() || text.is_char_boundary(i))
            .collect();
        for &start in &offsets {
            for &end in &offsets {
                for near in 0..index.line_count() + 2 {
                    let near = Cell::new(near);
                    let region = index.region(text, Span { start, end }, &near);
                    let (line, column) = index.line_col(text, start);
                    let (end_line, end_column) = index.line_col(text, end.max(start));
                    assert_eq!(
                        region,
                        [line, column, end_line, end_column],
                        "{start}..{end}"
                    );
                    assert_eq!(near.get(), end_line - 1);
                }
            }
        }
    }

    #[test]
    fn every_kind_of_line_break_starts_a_line() {
        let text = "a\r\nb\rc\n\rd";
        let found: Vec<_> = lines(text).collect();
        assert_eq!(found, vec![(0, "a"), (3, "b"), (5, "c"), (7, ""), (8, "d")]);
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 5), (3, 1));
        assert_eq!(index.line_col(text, 8), (5, 1));
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), vec![(0, "x")]);
        assert_eq!(LineIndex::new("x\r").line_col("x\r", 2), (2, 1));
    }

    #[test]
    fn suggestions_are_close_words_only() {
        assert_eq!(did_you_mean("agianst", ["against", "by"]), Some("against"));
        assert_eq!(did_you_mean("zzz", ["against", "by"]), None);
        let long = "y".repeat(100_000);
        assert_eq!(
            did_you_mean(&long, [long.as_str()]),
            None,
            "too long to compare"
        );
        assert_eq!(
            did_you_mean("agianst", [long.as_str(), "against"]),
            Some("against")
        );
    }
}
