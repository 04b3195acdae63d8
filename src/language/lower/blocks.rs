//! The block of a declaration (or of `case`), walked by the language table: each statement is
//! looked up in the table for its block, checked for repetition and values, and turned into
//! facts or event parts; then the statements the block lacks are reported or recorded as
//! unknown.

use super::events::Parts;
use super::{Ctx, Lowering};
use crate::diagnostic::Span;
use crate::language::model::{Standing, Sym};
use crate::language::table::{self, Absent, Block, Checked, Makes};

/// What walking a block found.
pub(super) struct Walked {
    /// The keywords present, valid or not, with the first place each appears.
    present: Vec<(&'static str, Span)>,
    pub(super) parts: Parts,
}

impl Walked {
    pub(super) fn seen(&self, keyword: &str) -> bool {
        self.present.iter().any(|(k, _)| *k == keyword)
    }
}

impl Lowering {
    pub(super) fn lower_block(&mut self, ctx: &Ctx<'_>, block: Block) -> Walked {
        let mut walked = Walked {
            present: Vec::new(),
            parts: Parts::default(),
        };
        // Keywords that made at least one fact, for statements that are unknown when absent.
        let mut made: Vec<&'static str> = Vec::new();
        let statements = ctx.statement.block.iter().flat_map(|b| &b.statements);
        for s in statements {
            let Some(row) = table::find(block, &s.keyword) else {
                self.unknown_statement(s, block, Some(&ctx.statement.keyword));
                continue;
            };
            let first = walked.present.iter().find(|(k, _)| *k == row.keyword);
            match first {
                Some(&(_, first)) if row.once => {
                    self.duplicate(s, first);
                    continue;
                }
                Some(_) => {}
                None => walked.present.push((row.keyword, s.keyword_span)),
            }
            let standing = self.standing(s.standing.as_ref(), &ctx.standing);
            let groups = self.check_values(s, row.values);
            for mut group in groups {
                let mut standing = standing.clone();
                if row.unknown_word {
                    if let Some(Checked::Sym(word)) = group.first_mut() {
                        (*word, standing) = self.unknown_as_standing(*word, standing);
                    }
                }
                match row.makes {
                    Makes::Fact(make) => {
                        if let Some(data) = make(ctx.id, &group, &mut self.case.interner) {
                            self.push_fact(s.span, standing, data);
                            made.push(row.keyword);
                        }
                    }
                    Makes::Part(part) => {
                        let yes = self.case.interner.intern("yes");
                        walked.parts.record(part, &group, s.span, standing, yes);
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
                    | Makes::Expectation => {}
                }
            }
        }
        for row in table::statements_in(block) {
            match row.absent {
                Absent::Fine => {}
                Absent::Error => {
                    if !walked.seen(row.keyword) {
                        self.missing(ctx, row.keyword, &row.what());
                    }
                }
                Absent::Unknown => {
                    if made.contains(&row.keyword) {
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
        walked
    }
}
