//! Text → syntax tree. Owns the pest grammar (`grammar/case.pest`) and turns its pairs into an
//! owned tree of statements with byte spans. Parsing never fails: lines the grammar cannot read
//! become diagnostics and the rest of the file is still read.

use pest::Parser as _;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Span};

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

/// A date as written (`2017-06-28`, `2017-06` or `2017`); whether it exists on the calendar,
/// and whether a month or a year will do where it stands, is checked when lowering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
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
    /// The ids after the word (`by GB, US`; `source ncsc`).
    pub by: &'t [(&'t str, Span)],
    /// Whether they follow `by`.
    pub has_by: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyntaxTree<'t> {
    pub statements: Vec<Statement<'t>>,
}

/// Where a syntax tree keeps its statements, values and standings: one arena per parse, freed
/// with it. An arena made `with_threads` lets the parse read pieces of a large file on that
/// many threads, each into an arena of its own.
#[derive(Default)]
pub struct Arena {
    main: bumpalo::Bump,
    helpers: Vec<bumpalo::Bump>,
}

impl Arena {
    /// An arena for a parse on the calling thread alone.
    pub fn new() -> Arena {
        Arena::default()
    }

    /// An arena for a parse on up to `threads` threads (the calling thread one of them).
    pub fn with_threads(threads: std::num::NonZeroUsize) -> Arena {
        Arena {
            main: bumpalo::Bump::new(),
            helpers: (1..threads.get()).map(|_| bumpalo::Bump::new()).collect(),
        }
    }
}

mod nesting;

use nesting::Nesting;

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
/// standings and junk all end at one), so the pieces read exactly as the whole file would, and
/// they can be read on several threads at once.
const PIECE: usize = 256 * 1024;

/// Parses a whole file. Always returns a tree; problems come back as diagnostics.
pub fn parse<'t>(text: &'t str, arena: &'t mut Arena) -> (SyntaxTree<'t>, Diagnostics) {
    parse_in_pieces(text, arena, PIECE)
}

/// Parses a file `piece` bytes (and the rest of a line) at a time: the same tree and
/// diagnostics as `parse`, whatever the size of a piece or the number of threads
/// (`tests/properties.rs` checks this).
pub fn parse_in_pieces<'t>(
    text: &'t str,
    arena: &'t mut Arena,
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
    arena: &'t mut Arena,
    regions: &[Range<usize>],
) -> (SyntaxTree<'t>, Diagnostics) {
    parse_regions_in_pieces(text, arena, regions, true, PIECE)
}

use std::ops::Range;

/// What a parse does in turn: read a piece of text, or end a region (a fenced block).
enum Step {
    Read(Range<usize>),
    EndRegion,
}

/// The regions cut into pieces of about `piece` bytes, each ending at a line break.
fn steps(text: &str, regions: &[Range<usize>], piece: usize) -> Vec<Step> {
    let mut steps = Vec::new();
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
            steps.push(Step::Read(start..end));
            start = end;
        }
        steps.push(Step::EndRegion);
    }
    steps
}

fn parse_regions_in_pieces<'t>(
    text: &'t str,
    arena: &'t mut Arena,
    regions: &[Range<usize>],
    fenced: bool,
    piece: usize,
) -> (SyntaxTree<'t>, Diagnostics) {
    let Arena { main, helpers } = arena;
    let main: &'t bumpalo::Bump = main;
    let nesting = Nesting::new(text, main, fenced);
    let steps = steps(text, regions, piece);
    let pieces: Vec<Range<usize>> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Read(range) => Some(range.clone()),
            Step::EndRegion => None,
        })
        .collect();
    let threads = (helpers.len() + 1).min(pieces.len()).max(1);
    let mut values = Vec::new();
    if threads == 1 {
        return take_all(nesting, &steps, |_, range| {
            read_piece(text, range, main, &mut values)
        });
    }
    // Piece `i` is read by thread `i % threads` (the calling thread is 0) and placed here in
    // order; a helper reads at most two pieces ahead of the one placed.
    std::thread::scope(|scope| {
        let mut helped = Vec::new();
        for (h, bump) in helpers.iter_mut().take(threads - 1).enumerate() {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            helped.push(receive);
            let mine: Vec<Range<usize>> = pieces
                .iter()
                .skip(h + 1)
                .step_by(threads)
                .cloned()
                .collect();
            scope.spawn(move || {
                let bump: &'t bumpalo::Bump = bump;
                let mut values = Vec::new();
                for range in mine {
                    let read = read_piece(text, range, bump, &mut values);
                    let gave_up = read.is_err();
                    // The calling thread stops taking pieces once one could not be read.
                    if send.send(read).is_err() || gave_up {
                        break;
                    }
                }
            });
        }
        take_all(nesting, &steps, |i, range| match i % threads {
            0 => read_piece(text, range, main, &mut values),
            // A helper that stopped short panicked: the scope passes that on.
            turn => helped[turn - 1].recv().unwrap_or(Err(range.start)),
        })
    })
}

/// Takes the steps in order, `read(i, range)` giving the items of the `i`th piece; stops at
/// the first piece pest gave up on.
fn take_all<'t>(
    mut nesting: Nesting<'t>,
    steps: &[Step],
    mut read: impl FnMut(usize, Range<usize>) -> Result<Vec<Item<'t>>, usize>,
) -> (SyntaxTree<'t>, Diagnostics) {
    let mut pieces = 0;
    for step in steps {
        let items = match step {
            Step::Read(range) => {
                pieces += 1;
                read(pieces - 1, range.clone())
            }
            Step::EndRegion => Ok(Vec::new()),
        };
        if let Err(at) = nesting.take(step, items) {
            return nesting.gave_up(at);
        }
    }
    nesting.finish()
}

/// What the grammar read in a piece of the file, in order: the flat sequence `Nesting`
/// rebuilds blocks from.
enum Item<'t> {
    /// A statement, and where what the grammar read of it ends (after its trailing blanks
    /// and comment).
    Statement(Statement<'t>, usize),
    /// A line the grammar could not read.
    Junk(Span),
    Open(Span),
    Close(Span),
}

/// Reads `text[range]` into items, its values and standings copied into `arena`; on any
/// thread. `Err` holds where pest gave up.
fn read_piece<'t>(
    text: &'t str,
    range: Range<usize>,
    arena: &'t bumpalo::Bump,
    values: &mut Vec<Value<'t>>,
) -> Result<Vec<Item<'t>>, usize> {
    let offset = range.start;
    let piece = &text[range];
    allow_calls_for(piece.len());
    let pairs = CaseParser::parse(Rule::file, piece).map_err(|error| {
        // The file rule accepts any text through `junk`; pest gives up only when it runs out
        // of its call allowance or of stack, which the flat grammar should never do.
        offset
            + match error.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((s, _)) => s,
            }
    })?;
    let mut items = Vec::new();
    for pair in pairs.flat_map(|file| file.into_inner()) {
        let span = span_at(&pair, offset);
        items.push(match pair.as_rule() {
            Rule::statement => {
                Item::Statement(statement(text, pair, offset, arena, values), span.end)
            }
            Rule::junk => Item::Junk(span),
            Rule::open => Item::Open(span),
            Rule::close => Item::Close(span),
            _ => continue,
        });
    }
    Ok(items)
}

fn span_at(pair: &Pair<'_>, offset: usize) -> Span {
    let s = pair.as_span();
    Span::new(offset + s.start(), offset + s.end())
}

/// A statement read, its values and standing copied into the arena.
fn statement<'t>(
    text: &'t str,
    pair: Pair<'t>,
    offset: usize,
    arena: &'t bumpalo::Bump,
    values: &mut Vec<Value<'t>>,
) -> Statement<'t> {
    let start = offset + pair.as_span().start();
    let end = offset + pair.as_span().end();
    let mut keyword = "";
    let mut keyword_span = Span::default();
    let mut standing = None;
    values.clear();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::keyword => {
                keyword = part.as_str();
                keyword_span = span_at(&part, offset);
            }
            Rule::standing => {
                standing = Some(&*arena.alloc(standing_of(part, offset, arena)));
            }
            _ => {
                if let Some(value) = lower_value(part, offset) {
                    values.push(value);
                }
            }
        }
    }
    let line_end = text[..end].trim_end().len().max(keyword_span.end);
    Statement {
        keyword,
        keyword_span,
        values: arena.alloc_slice_copy(values),
        standing,
        block: None,
        span: Span::new(start, line_end),
    }
}

fn standing_of<'t>(pair: Pair<'t>, offset: usize, arena: &'t bumpalo::Bump) -> StandingSyntax<'t> {
    let span = span_at(&pair, offset);
    let mut clauses = Vec::new();
    for clause in pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::standing_clause)
    {
        let mut word = "";
        let mut word_span = Span::default();
        let mut by = Vec::new();
        let mut has_by = false;
        for part in clause.into_inner() {
            match part.as_rule() {
                Rule::standing_word => {
                    word = part.as_str();
                    word_span = span_at(&part, offset);
                }
                Rule::by_keyword => has_by = true,
                Rule::word => by.push((part.as_str(), span_at(&part, offset))),
                _ => {}
            }
        }
        clauses.push(StandingClause {
            word,
            word_span,
            by: arena.alloc_slice_copy(&by),
            has_by,
        });
    }
    StandingSyntax {
        clauses: arena.alloc_slice_copy(&clauses),
        span,
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
        month: parts.next().map(str::parse).transpose().ok()?,
        day: parts.next().map(str::parse).transpose().ok()?,
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
fn explain_junk(text: &str, span: Span) -> Diagnostic {
    let line = &text[span.start..span.end];
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
        let mut arena = Arena::new();
        let (tree, mut diags) = super::parse(text, &mut arena);
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
