//! Blocks rebuilt from the flat sequence of statements, braces and junk the grammar reads,
//! with an explicit stack: no recursion, whatever the depth of the file.

use super::{explain_junk, Block, Item, Statement, Step, SyntaxTree, MAX_NESTING};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity, Span, MAX_PER_FILE};

/// A keyword of the top level of a file (a declaration, `expect`, `suppress`...) that no block
/// takes (`source` is also a line of the `case` block, so it is not one).
fn is_top_level(keyword: &str) -> bool {
    use crate::language::table::{statements_in, Block};
    let has = |block: Block| statements_in(block).any(|row| row.keyword == keyword);
    has(Block::Top) && !Block::ALL[1..].iter().any(|b| has(*b))
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
pub(super) struct Nesting<'t> {
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
    /// The text is a Markdown document's: blocks end with the fenced block they are in.
    fenced: bool,
}

impl<'t> Nesting<'t> {
    pub(super) fn new(text: &'t str, arena: &'t bumpalo::Bump, fenced: bool) -> Self {
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
            fenced,
        }
    }

    /// Takes what a step read, in order: places the items of a piece, or ends a region.
    /// `Err` holds where pest gave up.
    pub(super) fn take(
        &mut self,
        step: &Step,
        read: Result<Vec<Item<'t>>, usize>,
    ) -> Result<(), usize> {
        match step {
            Step::Read(_) => self.place(read?),
            Step::EndRegion => self.end_region(),
        }
        Ok(())
    }

    /// The file could not be read past `at`: its diagnostics so far and one for that, with no
    /// statements.
    pub(super) fn gave_up(self, at: usize) -> (SyntaxTree<'t>, Diagnostics) {
        let at = at.min(self.text.len());
        let mut diagnostics = self.diagnostics;
        diagnostics.push(
            Diagnostic::error(
                Code::ParserLimit,
                Span::new(at, at),
                "the parser gave up reading this file here",
            )
            .with_label("gave up here")
            .with_help(
                "this is a fault in normcheck, not in the file: please report it with the file",
            ),
        );
        (SyntaxTree::default(), diagnostics)
    }

    /// Places the statements, braces and junk of one piece of the file.
    fn place(&mut self, items: Vec<Item<'t>>) {
        for item in items {
            let span = match &item {
                Item::Statement(statement, _) => statement.span,
                Item::Junk(span) | Item::Open(span) | Item::Close(span) => *span,
            };
            let same_line =
                !self.text[self.last_end.min(span.start)..span.start].contains(['\n', '\r', ';']);
            let end = match item {
                Item::Statement(statement, end) => {
                    self.place_pending();
                    if self.skipping == 0 {
                        if same_line && self.last == Last::Close {
                            self.new_line_after_close(Span::new(span.start, end));
                        }
                        self.pending = Some(statement);
                    }
                    self.last = Last::Statement;
                    end
                }
                Item::Junk(span) => {
                    self.place_pending();
                    if self.skipping == 0 {
                        // Every diagnostic so far lies before this line: past the number a
                        // file shows, this one would not be shown, so it is only counted
                        // (explaining a line parses it again).
                        match self.diagnostics.found() >= MAX_PER_FILE {
                            true => self.diagnostics.count_unshown(Severity::Error),
                            false => self.diagnostics.push(explain_junk(self.text, span)),
                        }
                        if let Some(frame) = self.stack.last_mut() {
                            frame.has_junk = true;
                        }
                    }
                    self.last = Last::Junk;
                    span.end
                }
                Item::Open(span) => {
                    self.open(span, same_line);
                    self.last = Last::Nothing;
                    span.end
                }
                Item::Close(span) => {
                    self.close(span);
                    self.last = Last::Close;
                    span.end
                }
            };
            self.last_end = end;
        }
    }

    /// Closes what the region read leaves open: each block still open is reported and
    /// given what it holds so far. A top-level statement at the start of a line inside it
    /// (`state`, `act`) is where the block most likely should have ended: the block is closed
    /// before it, and it and what follows are read at the level around the block, so that one
    /// missing `}` is one error, not one per statement after it.
    fn end_region(&mut self) {
        self.place_pending();
        while let Some(mut frame) = self.stack.pop() {
            // Cut short: what it lacks may be in the part that never came.
            frame.has_junk = true;
            let cut = self.open[frame.start..]
                .iter()
                .position(|s| self.begins_line(s) && is_top_level(s.keyword))
                .map(|i| frame.start + i);
            let moved = cut.map(|i| self.open.split_off(i)).unwrap_or_default();
            let (message, help) = match (moved.first(), self.fenced) {
                (Some(first), _) => {
                    // Lines as every diagnostic counts them (a lone `\r` ends one too).
                    let (line, _) = crate::diagnostic::LineIndex::new(self.text)
                        .line_col(self.text, first.span.start);
                    (
                        format!(
                            "this block is never closed; it probably ends before line {line}, \
                             where `{}` begins a line",
                            first.keyword
                        ),
                        format!("add a `}}` on its own line before line {line}"),
                    )
                }
                (None, false) => (
                    "this block is never closed".to_owned(),
                    "add a `}` on its own line where the block ends".to_owned(),
                ),
                (None, true) => (
                    "this block is not closed inside its ```normcheck block".to_owned(),
                    "add a `}` on its own line before the closing fence: a block of statements \
                     cannot continue into the next fenced block"
                        .to_owned(),
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(Code::UnclosedBlock, frame.open, message)
                    .with_label("opened here")
                    .with_help(help),
            );
            self.finish_block(frame);
            for statement in moved {
                match self.stack.is_empty() {
                    true => self.top.push(statement),
                    false => self.open.push(statement),
                }
            }
        }
        self.skipping = 0;
        self.last = Last::Nothing;
    }

    /// The statement's keyword is the first thing on its line.
    fn begins_line(&self, statement: &Statement<'_>) -> bool {
        let start = statement.keyword_span.start;
        start == 0 || self.text[..start].ends_with(['\n', '\r'])
    }

    pub(super) fn finish(mut self) -> (SyntaxTree<'t>, Diagnostics) {
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
