//! The block of a declaration (or of `case`), walked by the language table: each statement is
//! looked up in the table for its block, checked for repetition and values, and turned into
//! facts or event parts; then the statements the block lacks are reported or recorded as
//! unknown.

use super::events::Parts;
use super::{Ctx, Lowering};
use crate::diagnostic::Span;
use crate::language::model::{Standing, Sym};
use crate::language::table::{self, Absent, Block, Checked, Makes, Statement};

/// What walking a block found.
pub(super) struct Walked {
    /// The block has a `kind` statement (valid or not).
    pub(super) has_kind: bool,
    pub(super) parts: Parts,
}

/// Buffers for walking blocks, kept across blocks so that a block costs no allocation.
#[derive(Default)]
pub(super) struct Scratch {
    /// The statements present, valid or not, with the first place each appears.
    present: Vec<(&'static Statement, Span)>,
    /// Statements that are unknown when absent and made at least one fact.
    made: Vec<&'static Statement>,
}

fn contains(rows: impl IntoIterator<Item = &'static Statement>, row: &Statement) -> bool {
    rows.into_iter().any(|r| std::ptr::eq(r, row))
}

impl Lowering {
    pub(super) fn lower_block(&mut self, ctx: &Ctx<'_>, block: Block) -> Walked {
        let mut parts = Parts::default();
        let Scratch {
            mut present,
            mut made,
        } = std::mem::take(&mut self.scratch);
        present.clear();
        made.clear();
        let statements = ctx.statement.block.iter().flat_map(|b| b.statements);
        for s in statements {
            let Some(row) = table::find(block, s.keyword) else {
                self.unknown_statement(s, block, Some(ctx.statement.keyword));
                continue;
            };
            self.no_block(s);
            let first = present.iter().find(|(r, _)| std::ptr::eq(*r, row));
            match first {
                Some(&(_, first)) if row.once => {
                    self.duplicate(s, first);
                    continue;
                }
                Some(_) => {}
                None => present.push((row, s.keyword_span)),
            }
            let standing = self.standing(s.standing, &ctx.standing);
            // The checked values go into a buffer kept across statements: no allocation each.
            let mut checked = std::mem::take(&mut self.values);
            let size = self.check_values(s, row.values, &mut checked);
            for group in checked.chunks_mut(size) {
                let mut standing = standing.clone();
                if row.unknown_word {
                    if let Some(Checked::Sym(word)) = group.first_mut() {
                        (*word, standing) = self.unknown_as_standing(*word, standing);
                    }
                }
                let group = &*group;
                match row.makes {
                    Makes::Fact(make) => {
                        if let Some(data) = make(ctx.id, group, &mut self.case.interner) {
                            self.push_fact(s.span, standing, data);
                            if row.absent == Absent::Unknown {
                                made.push(row);
                            }
                        }
                    }
                    Makes::Part(part) => {
                        parts.record(part, group, s.span, standing, &mut self.case.interner);
                    }
                    Makes::Summary => {
                        if let Some(Checked::Text(t)) = group.first() {
                            self.case.summary = Some(t.clone());
                        }
                    }
                    Makes::Source => {
                        if let Some(Checked::Text(t)) = group.first() {
                            self.case.sources.push(t.clone());
                        }
                    }
                    Makes::Assessed => {
                        if let Some(Checked::Date(d)) = group.first() {
                            self.case.assessed.push(*d);
                        }
                    }
                    Makes::Cite => {
                        if let (Some(Checked::Text(t)), Some(value)) =
                            (group.first(), s.values.first())
                        {
                            self.case.citations.push((t.clone(), value.span));
                        }
                    }
                    Makes::Note
                    | Makes::CaseBlock
                    | Makes::Declares { .. }
                    | Makes::Expectation
                    | Makes::Suppression => {}
                }
            }
            self.values = checked;
        }
        for row in table::statements_in(block) {
            match row.absent {
                Absent::Fine => {}
                Absent::Error => {
                    if !contains(present.iter().map(|(r, _)| *r), row) {
                        self.missing(ctx, row.keyword, &row.what());
                    }
                }
                Absent::Unknown => {
                    if contains(made.iter().copied(), row) {
                        continue;
                    }
                    if let Makes::Fact(make) = row.makes {
                        let unknown = [Checked::Sym(Sym::UNKNOWN)];
                        if let Some(data) = make(ctx.id, &unknown, &mut self.case.interner) {
                            let standing = ctx.standing.merged(&Standing::unknown());
                            self.push_fact(ctx.statement.span, standing, data);
                        }
                    }
                }
            }
        }
        let has_kind = present.iter().any(|(r, _)| r.keyword == "kind");
        self.scratch = Scratch { present, made };
        Walked { has_kind, parts }
    }
}
