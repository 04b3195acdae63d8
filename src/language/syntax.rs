//! Text → syntax tree. Owns the pest grammar (`grammar/case.pest`) and turns its pairs into an
//! owned tree of statements with byte spans. Parsing never fails: lines the grammar cannot read
//! become diagnostics and the rest of the file is still read.

use pest::Parser as _;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity, Span, MAX_PER_FILE};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/case.pest"]
struct CaseParser;

/// One line of a case file: `keyword value... (standing) { ... }`. Words and quoted text are
/// borrowed from the file's text, and everything else from an `Arena`: the tree of a large
/// file costs a few words per statement, in a few large allocations freed at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement<'t> {
    pub keyword: &'t str,
    pub keyword_span: Span,
    pub values: &'t [Value<'t>],
    pub standing: Option<&'t StandingSyntax<'t>>,
    pub block: Option<&'t Block<'t>>,
    /// From the keyword to the end of the line (the block excluded).
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'t> {
    pub statements: &'t [Statement<'t>],
    pub open: Span,
    /// Some line of the block could not be read (and was reported).
    pub has_junk: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'t> {
    pub kind: ValueKind<'t>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind<'t> {
    Word(&'t str),
    /// Quoted text as written between the quotes, escapes and all: `unescape` reads it.
    Text(&'t str),
    Date(RawDate),
    /// `2017-06-27..2017-06-28`, or `2017-06-27..` for an activity still going on.
    DateRange(RawDate, Option<RawDate>),
}

/// A date as written; whether it exists on the calendar is checked when lowering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// `(alleged by UA, US; denied by RU)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingSyntax<'t> {
    pub clauses: &'t [StandingClause<'t>],
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingClause<'t> {
    pub word: &'t str,
    pub word_span: Span,
    pub by: &'t [(&'t str, Span)],
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyntaxTree<'t> {
    pub statements: Vec<Statement<'t>>,
}

/// Where a syntax tree keeps its statements, values and standings: one arena per parse, freed
/// with it.
#[derive(Default)]
pub struct Arena(bumpalo::Bump);

impl Arena {
    pub fn new() -> Arena {
        Arena::default()
    }
}

type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// How deep blocks may nest. The language itself nests two deep (a declaration's block); the
/// limit keeps every walk over the tree, and dropping it, far from the end of the stack.
pub const MAX_NESTING: usize = 16;

/// pest calls allowed per byte of input, on top of a fixed allowance. The flat grammar makes
/// a bounded number of calls per byte (the adversarial shapes in `benches/hostile.rs` stay
/// under 20), so the limit is only a backstop: were a change to the grammar to make it
/// backtrack again, a file would fail with a coded diagnostic instead of hanging.
const CALLS_PER_BYTE: usize = 64;
const CALLS_BASE: usize = 100_000;

/// Raises pest's call limit to what `len` bytes need. The limit is process-wide in pest and
/// read when a parse starts, so it only ever grows: a parse running on another thread keeps at
/// least the allowance its own input needs.
fn allow_calls_for(len: usize) {
    use std::sync::Mutex;
    static LIMIT: Mutex<usize> = Mutex::new(0);
    let wanted = len
        .saturating_mul(CALLS_PER_BYTE)
        .saturating_add(CALLS_BASE);
    let mut limit = match LIMIT.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if wanted > *limit {
        *limit = wanted;
        pest::set_call_limit(std::num::NonZeroUsize::new(wanted));
    }
}

/// How much of a file pest reads at a time, rounded up to the next line break. pest keeps a
/// token for every rule it matched until a parse ends, so reading a piece at a time bounds that
/// memory whatever the size of the file. No token spans a line break (quoted text, comments,
/// standings and junk all end at one), so the pieces read exactly as the whole file would.
const PIECE: usize = 256 * 1024;

/// Parses a whole file. Always returns a tree; problems come back as diagnostics.
pub fn parse<'t>(text: &'t str, arena: &'t Arena) -> (SyntaxTree<'t>, Diagnostics) {
    parse_in_pieces(text, arena, PIECE)
}

/// Parses a file `piece` bytes (and the rest of a line) at a time: the same tree and
/// diagnostics as `parse`, whatever the size of a piece (`tests/properties.rs` checks this).
pub fn parse_in_pieces<'t>(
    text: &'t str,
    arena: &'t Arena,
    piece: usize,
) -> (SyntaxTree<'t>, Diagnostics) {
    let whole = 0..text.len();
    parse_regions_in_pieces(text, arena, std::slice::from_ref(&whole), false, piece)
}

/// Parses the statements of a Markdown document (`markdown::read`): only the `regions` of
/// `text` (the contents of its `normcheck` blocks) are read, each on its own, so that a block
/// of statements opened in one fenced block is reported as unclosed at its end, never closed
/// by a `}` in a later one. Spans are offsets in `text`.
pub fn parse_regions<'t>(
    text: &'t str,
    arena: &'t Arena,
    regions: &[std::ops::Range<usize>],
) -> (SyntaxTree<'t>, Diagnostics) {
    parse_regions_in_pieces(text, arena, regions, true, PIECE)
}

fn parse_regions_in_pieces<'t>(
    text: &'t str,
    arena: &'t Arena,
    regions: &[std::ops::Range<usize>],
    fenced: bool,
    piece: usize,
) -> (SyntaxTree<'t>, Diagnostics) {
    let mut nesting = Nesting::new(text, &arena.0);
    nesting.fenced = fenced;
    for region in regions {
        let mut start = region.start;
        let region_end = region.end.min(text.len());
        while start < region_end {
            let end = match text.as_bytes()[..region_end].get(start.saturating_add(piece)..) {
                Some(rest) => rest
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(region_end, |at| start + piece + at + 1),
                None => region_end,
            };
            let Some(piece) = text.get(start..end) else {
                break;
            };
            allow_calls_for(piece.len());
            match CaseParser::parse(Rule::file, piece) {
                Ok(pairs) => {
                    for file in pairs {
                        nesting.read(file, start);
                    }
                }
                Err(error) => {
                    // The file rule accepts any text through `junk`; pest gives up only when it
                    // runs out of its call allowance or of stack, which the flat grammar should
                    // never do.
                    let at = start
                        + match error.location {
                            pest::error::InputLocation::Pos(p) => p,
                            pest::error::InputLocation::Span((s, _)) => s,
                        };
                    let mut diagnostics = nesting.diagnostics;
                    diagnostics.push(
                        Diagnostic::error(
                            Code::ParserLimit,
                            Span::new(at.min(text.len()), at.min(text.len())),
                            "the parser gave up reading this file here",
                        )
                        .with_label("gave up here")
                        .with_help(
                            "this is a fault in normcheck, not in the file: please report it with the file",
                        ),
                    );
                    return (SyntaxTree::default(), diagnostics);
                }
            }
            start = end;
        }
        nesting.end_region();
    }
    nesting.finish()
}

fn span_at(pair: &Pair<'_>, offset: usize) -> Span {
    let s = pair.as_span();
    Span::new(offset + s.start(), offset + s.end())
}

/// An open block: the statement it belongs to (none for a stray `{`), and where what it holds
/// so far starts in `Nesting::open`.
struct Frame<'t> {
    owner: Option<Statement<'t>>,
    start: usize,
    open: Span,
    has_junk: bool,
}

/// What came last, and where it ended: a brace or statement after a `}` must start a new line,
/// and a `{` belongs to the statement it follows on the same line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Statement,
    Junk,
    Close,
}

/// Rebuilds the nesting of blocks from the flat sequence the grammar reads, with an explicit
/// stack: no recursion, whatever the depth of the file.
struct Nesting<'t> {
    text: &'t str,
    arena: &'t bumpalo::Bump,
    diagnostics: Diagnostics,
    top: Vec<Statement<'t>>,
    stack: Vec<Frame<'t>>,
    /// The statements of the open blocks, the innermost last: a block's are copied into the
    /// arena when it closes.
    open: Vec<Statement<'t>>,
    /// The last statement read, not yet placed: a `{` may follow it.
    pending: Option<Statement<'t>>,
    last: Last,
    last_end: usize,
    /// Braces inside a block nested past `MAX_NESTING`, which is skipped whole.
    skipping: usize,
    /// The values of the statement being read, before they are copied into the arena.
    values: Vec<Value<'t>>,
    /// The text is a Markdown document's: blocks end with the fenced block they are in.
    fenced: bool,
}

impl<'t> Nesting<'t> {
    fn new(text: &'t str, arena: &'t bumpalo::Bump) -> Self {
        Nesting {
            text,
            arena,
            diagnostics: Diagnostics::default(),
            top: Vec::new(),
            stack: Vec::new(),
            open: Vec::new(),
            pending: None,
            last: Last::Nothing,
            last_end: 0,
            skipping: 0,
            values: Vec::new(),
            fenced: false,
        }
    }

    /// Reads the statements, braces and junk of one piece of the file, which starts at
    /// `offset`.
    fn read(&mut self, file: Pair<'t>, offset: usize) {
        for pair in file.into_inner() {
            let span = span_at(&pair, offset);
            let same_line =
                !self.text[self.last_end.min(span.start)..span.start].contains(['\n', '\r', ';']);
            match pair.as_rule() {
                Rule::statement => {
                    self.place_pending();
                    if self.skipping == 0 {
                        if same_line && self.last == Last::Close {
                            self.new_line_after_close(span);
                        }
                        let statement = self.statement(pair, offset);
                        self.pending = Some(statement);
                    }
                    self.last = Last::Statement;
                }
                Rule::junk => {
                    self.place_pending();
                    if self.skipping == 0 {
                        // Every diagnostic so far lies before this line: past the number a
                        // file shows, this one would not be shown, so it is only counted
                        // (explaining a line parses it again).
                        match self.diagnostics.found() >= MAX_PER_FILE {
                            true => self.diagnostics.count_unshown(Severity::Error),
                            false => self.diagnostics.push(explain_junk(&pair, offset)),
                        }
                        if let Some(frame) = self.stack.last_mut() {
                            frame.has_junk = true;
                        }
                    }
                    self.last = Last::Junk;
                }
                Rule::open => {
                    self.open(span, same_line);
                    self.last = Last::Nothing;
                }
                Rule::close => {
                    self.close(span);
                    self.last = Last::Close;
                }
                _ => continue,
            }
            self.last_end = span.end;
        }
    }

    /// Closes what the region read leaves open: each block still open is reported and
    /// given what it holds so far.
    fn end_region(&mut self) {
        self.place_pending();
        while let Some(mut frame) = self.stack.pop() {
            // Cut short: what it lacks may be in the part that never came.
            frame.has_junk = true;
            let (message, help) = match self.fenced {
                false => (
                    "this block is never closed",
                    "add a `}` on its own line where the block ends",
                ),
                true => (
                    "this block is not closed inside its ```normcheck block",
                    "add a `}` on its own line before the closing fence: a block of statements \
                     cannot continue into the next fenced block",
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(Code::UnclosedBlock, frame.open, message)
                    .with_label("opened here")
                    .with_help(help),
            );
            self.finish_block(frame);
        }
        self.skipping = 0;
        self.last = Last::Nothing;
    }

    fn finish(mut self) -> (SyntaxTree<'t>, Diagnostics) {
        self.end_region();
        let tree = SyntaxTree {
            statements: self.top,
        };
        (tree, self.diagnostics)
    }

    /// Puts the last statement read into the block it stands in.
    fn place_pending(&mut self) {
        if let Some(statement) = self.pending.take() {
            match self.stack.is_empty() {
                false => self.open.push(statement),
                true => self.top.push(statement),
            }
        }
    }

    fn open(&mut self, span: Span, same_line: bool) {
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        let owner = match self.pending.take() {
            Some(mut statement) => {
                if !same_line {
                    // Read as the block of the statement above, so that its lines are still
                    // checked, but reported: the language puts `{` on the statement's line.
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::SyntaxError,
                            span,
                            format!(
                                "this `{{` belongs on the line of `{}` above",
                                statement.keyword
                            ),
                        )
                        .with_label("on a line of its own")
                        .with_help("move `{` to the end of the statement's line"),
                    );
                }
                if same_line {
                    statement.span.end = span.start + 1;
                }
                Some(statement)
            }
            None => {
                // A `{` after a line that could not be read belongs to that line, whose
                // error is reported already.
                if !(same_line && self.last == Last::Junk) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::SyntaxError,
                            span,
                            "this `{` does not follow a statement",
                        )
                        .with_label("block of nothing")
                        .with_help(
                            "put `{` at the end of the line of the statement whose block it opens",
                        ),
                    );
                }
                None
            }
        };
        if self.stack.len() == MAX_NESTING {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::NestingTooDeep,
                    span,
                    format!("blocks nest more than {MAX_NESTING} deep here"),
                )
                .with_label("one block too many")
                .with_help(
                    "blocks nest two deep in a case file (a declaration and its block); \
                     this block and everything in it is skipped",
                ),
            );
            if let Some(owner) = owner {
                self.pending = Some(owner);
            }
            self.skipping = 1;
            return;
        }
        self.stack.push(Frame {
            owner,
            start: self.open.len(),
            open: span,
            has_junk: false,
        });
    }

    fn close(&mut self, span: Span) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        self.place_pending();
        match self.stack.pop() {
            Some(frame) => self.finish_block(frame),
            None => self.diagnostics.push(
                Diagnostic::error(Code::SyntaxError, span, "this `}` closes no block")
                    .with_label("nothing to close")
                    .with_help("remove it, or look above for a `{` that is missing"),
            ),
        }
    }

    /// Gives a closed (or never closed) block to its statement, and the statement to the
    /// block around it.
    fn finish_block(&mut self, frame: Frame<'t>) {
        let statements = self.arena.alloc_slice_copy(&self.open[frame.start..]);
        self.open.truncate(frame.start);
        let Some(mut owner) = frame.owner else {
            return;
        };
        owner.block = Some(self.arena.alloc(Block {
            statements,
            open: frame.open,
            has_junk: frame.has_junk,
        }));
        self.pending = Some(owner);
        self.place_pending();
    }

    /// A statement read, its values and standing copied into the arena.
    fn statement(&mut self, pair: Pair<'t>, offset: usize) -> Statement<'t> {
        let start = offset + pair.as_span().start();
        let end = offset + pair.as_span().end();
        let mut keyword = "";
        let mut keyword_span = Span::default();
        let mut standing = None;
        self.values.clear();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::keyword => {
                    keyword = part.as_str();
                    keyword_span = span_at(&part, offset);
                }
                Rule::standing => {
                    standing = Some(&*self.arena.alloc(self.standing(part, offset)));
                }
                _ => {
                    if let Some(value) = lower_value(part, offset) {
                        self.values.push(value);
                    }
                }
            }
        }
        let line_end = self.text[..end].trim_end().len().max(keyword_span.end);
        Statement {
            keyword,
            keyword_span,
            values: self.arena.alloc_slice_copy(&self.values),
            standing,
            block: None,
            span: Span::new(start, line_end),
        }
    }

    fn standing(&self, pair: Pair<'t>, offset: usize) -> StandingSyntax<'t> {
        let span = span_at(&pair, offset);
        let mut clauses = Vec::new();
        for clause in pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::standing_clause)
        {
            let mut word = "";
            let mut word_span = Span::default();
            let mut by = Vec::new();
            for part in clause.into_inner() {
                match part.as_rule() {
                    Rule::standing_word => {
                        word = part.as_str();
                        word_span = span_at(&part, offset);
                    }
                    Rule::word => by.push((part.as_str(), span_at(&part, offset))),
                    _ => {}
                }
            }
            clauses.push(StandingClause {
                word,
                word_span,
                by: self.arena.alloc_slice_copy(&by),
            });
        }
        StandingSyntax {
            clauses: self.arena.alloc_slice_copy(&clauses),
            span,
        }
    }

    fn new_line_after_close(&mut self, span: Span) {
        self.diagnostics.push(
            Diagnostic::error(
                Code::SyntaxError,
                span,
                "a statement after `}` starts on a new line",
            )
            .with_label("on the line of a `}`")
            .with_help("put a line break (or `;`) between the `}` and this statement"),
        );
    }
}

fn lower_value<'t>(pair: Pair<'t>, offset: usize) -> Option<Value<'t>> {
    let span = span_at(&pair, offset);
    let kind = match pair.as_rule() {
        Rule::word => ValueKind::Word(pair.as_str()),
        Rule::string => {
            let quoted = pair.as_str();
            ValueKind::Text(&quoted[1..quoted.len() - 1])
        }
        Rule::date => ValueKind::Date(raw_date(pair.as_str())?),
        Rule::date_range => {
            let mut dates = pair.into_inner().filter_map(|d| raw_date(d.as_str()));
            let from = dates.next()?;
            ValueKind::DateRange(from, dates.next())
        }
        _ => return None,
    };
    Some(Value { kind, span })
}

fn raw_date(s: &str) -> Option<RawDate> {
    let mut parts = s.splitn(3, '-');
    Some(RawDate {
        year: parts.next()?.parse().ok()?,
        month: parts.next()?.parse().ok()?,
        day: parts.next()?.parse().ok()?,
    })
}

/// The text that quoted text in a file stands for: `\"`, `\\`, `\n` and `\t` read as the
/// characters they escape.
pub fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A line the grammar could not read: parse it again on its own to find where it goes wrong
/// and what was expected there.
fn explain_junk(pair: &Pair<'_>, offset: usize) -> Diagnostic {
    let span = span_at(pair, offset);
    let line = pair.as_str();
    match CaseParser::parse(Rule::statement_line, line) {
        Err(error) => {
            let mut diagnostic = syntax_error(line, span.start, &error);
            diagnostic.message = format!("cannot read this line: {}", diagnostic.message);
            diagnostic
        }
        Ok(_) => Diagnostic::error(Code::SyntaxError, span, "cannot read this line")
            .with_help("each statement stands on its own line: `keyword value... (standing)`"),
    }
}

fn syntax_error(text: &str, offset: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
    let at = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let rest = &text[at.min(text.len())..];
    // Show the whole word that was found, or the one character.
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .map(char::len_utf8)
        .sum();
    let width = match rest.chars().next() {
        Some('\n' | '\r') | None => 0,
        Some(c) if word_len == 0 => c.len_utf8(),
        Some(_) => word_len,
    };
    let span = Span::new(offset + at, offset + at + width);
    let found = match width {
        0 => "the end of the line".to_owned(),
        _ => format!("`{}`", &rest[..width]),
    };
    let expected = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().filter_map(|r| friendly_name(*r)).collect();
            names.sort_unstable();
            names.dedup();
            names
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let unclosed_quote = rest.starts_with('"')
        && !crate::diagnostic::lines(&rest[1..])
            .next()
            .is_some_and(|(_, line)| line.contains('"'));
    if unclosed_quote {
        return Diagnostic::error(
            Code::SyntaxError,
            span,
            "this quoted text is not closed on its line",
        )
        .with_label("opened here")
        .with_help("end the text with `\"` on the same line; write `\\\"` for a quote inside it");
    }
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", one_of(&expected))
    };
    let help = match rest.chars().next() {
        Some(':' | '=') => "statements take no `:` or `=`: write the keyword and its values, e.g. `by gru`",
        Some('.') => "write a period without spaces, e.g. `2017-06-27..2017-06-28`, or `2022-02-24..` if it goes on",
        _ => "a statement is `keyword value... (standing)`: values are words, \"quoted text\" or \
              dates (YYYY-MM-DD); a standing is e.g. `(alleged by UA)`",
    };
    Diagnostic::error(Code::SyntaxError, span, message)
        .with_label("here")
        .with_help(help)
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What each grammar rule is called in a message. Rules that are never expected on their own
/// have no name.
fn friendly_name(rule: Rule) -> Option<&'static str> {
    match rule {
        Rule::keyword => Some("a keyword"),
        // A word, quoted text and a date are all "a value" to the reader.
        Rule::word | Rule::string | Rule::date | Rule::date_range => Some("a value"),
        Rule::string_inner => Some("text"),
        Rule::standing | Rule::standing_clause | Rule::open_paren => {
            Some("a standing such as `(alleged by UA)`")
        }
        Rule::close_paren => Some("`)`"),
        Rule::clause_separator => Some("`;`"),
        Rule::by_keyword => Some("`by`"),
        Rule::standing_word => Some("`established`, `alleged`, `disputed`, `denied` or `unknown`"),
        Rule::open => Some("`{`"),
        Rule::close => Some("`}`"),
        Rule::statement | Rule::statement_line => Some("a statement"),
        Rule::EOI => Some("the end of the line"),
        Rule::file
        | Rule::junk
        | Rule::junk_char
        | Rule::junk_string
        | Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::gap
        | Rule::line_break
        | Rule::separator
        | Rule::value
        | Rule::item => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses a text of the test, in an arena that lives as long as the test run.
    fn parse(text: &'static str) -> (SyntaxTree<'static>, Diagnostics) {
        super::parse(text, Box::leak(Box::default()))
    }

    #[test]
    fn reads_nested_statements_with_standing() {
        let (tree, diags) = parse("act a1 \"Wiper\" {\n  by gru (alleged by UA, US; denied by RU)\n  on 2017-06-27..\n}\n");
        assert!(diags.is_empty(), "{diags:?}");
        let act = &tree.statements[0];
        assert_eq!(act.keyword, "act");
        let block = act.block.as_ref().map(|b| b.statements.len());
        assert_eq!(block, Some(2));
        let by = &act.block.as_ref().map(|b| b.statements[0]);
        let standing = by
            .as_ref()
            .and_then(|s| s.standing)
            .map(|s| s.clauses.len());
        assert_eq!(standing, Some(2));
    }

    #[test]
    fn a_bad_line_does_not_stop_the_file() {
        let (tree, diags) =
            parse("state UA\nact a1 { by gru (alleged UA\n on 2017-06-27 }\nstate RU\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::SyntaxError);
        assert!(!diags[0].message.contains("rule"), "{}", diags[0].message);
        assert_eq!(tree.statements.len(), 3);
    }

    fn codes(text: &str) -> Vec<Code> {
        let arena = Arena::new();
        let (tree, mut diags) = super::parse(text, &arena);
        let (_, more) = crate::language::lower::lower(&tree);
        diags.absorb(more);
        diags.iter().map(|d| d.code).collect()
    }

    #[test]
    fn deep_nesting_is_one_diagnostic_at_any_depth() {
        // Depths at which the recursive tree of old overflowed the stack, closed and unclosed.
        for depth in [1_000, 7_000, 18_000, 100_000] {
            let closed = format!(
                "case \"t\" {{}}\n{}{}",
                "a {\n".repeat(depth),
                "}\n".repeat(depth)
            );
            let found = codes(&closed);
            assert_eq!(
                found.iter().filter(|c| **c == Code::NestingTooDeep).count(),
                1,
                "depth {depth}: {found:?}"
            );
            assert!(!found.contains(&Code::ParserLimit), "depth {depth}");
            let open = format!("case \"t\" {{}}\n{}", "a {\n".repeat(depth));
            let found = codes(&open);
            assert!(found.contains(&Code::NestingTooDeep), "depth {depth}");
            assert_eq!(
                found.iter().filter(|c| **c == Code::UnclosedBlock).count(),
                MAX_NESTING,
                "only the blocks that are read are reported unclosed"
            );
        }
    }

    #[test]
    fn a_close_brace_followed_by_text_does_not_backtrack() {
        // Each level of this shape once doubled the parse time (20 levels: 13 s). The call
        // limit turns a regression into `parser-limit` instead of a hang.
        for depth in [10, 15, 20, 40] {
            let text = format!("{}}}x\n", "a {\n".repeat(depth));
            let found = codes(&text);
            assert!(!found.contains(&Code::ParserLimit), "{found:?}");
            let expected = match depth <= MAX_NESTING {
                true => Code::SyntaxError,
                false => Code::NestingTooDeep,
            };
            assert!(found.contains(&expected), "depth {depth}: {found:?}");
        }
    }

    #[test]
    fn a_brace_in_quotes_on_a_bad_line_is_not_a_block() {
        let (tree, diags) = parse("state XA \"{\" : x\nstate XB\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(tree.statements.len(), 1);
        let (_, diags) = parse("note \"a \\\" {\" :\nstate XB\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn braces_out_of_place_are_reported_once_each() {
        assert_eq!(codes("case \"t\" {}\n}\n"), vec![Code::SyntaxError]);
        assert_eq!(codes("case \"t\" {}\n{\n}\n"), vec![Code::SyntaxError]);
        assert_eq!(codes("case \"t\"\n{\n}\n"), vec![Code::SyntaxError]);
        assert_eq!(codes("case \"t\" {} state XA\n"), vec![Code::SyntaxError]);
        // A `{` after an unreadable line belongs to it: one error, for the line.
        assert_eq!(
            codes("case \"t\" {}\nstate = XA {\n}\n"),
            vec![Code::SyntaxError]
        );
    }

    #[test]
    fn an_unclosed_block_is_reported() {
        let (_, diags) = parse("act a1 {\n by gru\n");
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::UnclosedBlock]
        );
    }
}
