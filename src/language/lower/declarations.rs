//! Declarations: pass 1 declares every id (so that references do not depend on the order of
//! the file); pass 2 lowers each top-level statement: the case block, each declaration with
//! its block, and expectations.

use super::{Ctx, Lowering};
use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::language::model::{Entity, FactData, Standing};
use crate::language::syntax::{self, Statement, SyntaxTree, Value, ValueKind};
use crate::language::table::{self, Block, Checked, ImpliedKind, Makes};

impl Lowering {
    pub(super) fn declare_all(&mut self, tree: &SyntaxTree) {
        let mut cases = 0;
        for statement in &tree.statements {
            let keyword = statement.keyword;
            if keyword == "case" {
                cases += 1;
                if cases > 1 {
                    self.error(
                        Diagnostic::error(
                            Code::DuplicateStatement,
                            statement.keyword_span,
                            "a file describes one case",
                        )
                        .with_label("second `case` here")
                        .with_help("split the file: one case per file"),
                    );
                }
                continue;
            }
            let Some(table::Makes::Declares { entity: kind, .. }) =
                table::find(Block::Top, keyword).map(|row| row.makes)
            else {
                continue;
            };
            let Some(first) = statement.values.first() else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        statement.span,
                        format!("`{keyword}` needs an id"),
                    )
                    .with_label("no id")
                    .with_help(format!(
                        "write `{keyword} ID \"Name\"`, e.g. `{keyword} x1 \"...\"`"
                    )),
                );
                continue;
            };
            let ValueKind::Word(id) = &first.kind else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        first.span,
                        format!("the id of a `{keyword}` must be a word"),
                    )
                    .with_label("not an id")
                    .with_help("ids are words of letters, digits, `-` and `_`, e.g. `a1` or `UA`"),
                );
                continue;
            };
            let sym = self.case.interner.intern(id);
            // The standing of a declaration is read in pass 2, once every State it may name
            // is declared.
            let standing = Standing::default();
            if let Some(&existing) = self.case.entity_index.get(&sym) {
                if !self.diagnostics.may_show(first.span.start) {
                    self.diagnostics.count_unshown(Severity::Error);
                    continue;
                }
                let first_span = self.case.entities[existing].span;
                self.error(
                    Diagnostic::error(
                        Code::DuplicateId,
                        first.span,
                        format!("`{id}` is declared twice"),
                    )
                    .with_label("declared again here")
                    .with_secondary(first_span, "first declared here")
                    .with_help("give each declaration its own id; the first declaration is kept"),
                );
                continue;
            }
            let name = statement.values.get(1).and_then(|v| match &v.kind {
                ValueKind::Text(s) => Some(syntax::unescape(s)),
                _ => None,
            });
            self.case.entity_index.insert(sym, self.case.entities.len());
            let fact = self.push_fact(
                statement.span,
                standing.clone(),
                FactData::Declared { id: sym, kind },
            );
            self.case.entities.push(Entity {
                id: sym,
                kind,
                name,
                span: first.span,
                standing,
                fact,
            });
        }
        if cases == 0 {
            self.error(
                Diagnostic::error(
                    Code::MissingCase,
                    Span::new(0, 0),
                    "this file has no `case` block",
                )
                .with_help(
                    "start the file with `case \"Title\" { summary \"...\" assessed YYYY-MM-DD }`",
                ),
            );
        }
    }

    pub(super) fn lower_all(&mut self, tree: &SyntaxTree) {
        let mut seen_case = false;
        for statement in &tree.statements {
            match table::find(Block::Top, statement.keyword).map(|row| row.makes) {
                Some(Makes::CaseBlock) => {
                    if !seen_case {
                        seen_case = true;
                        self.lower_case(statement);
                    }
                }
                Some(Makes::Expectation) => {
                    self.no_block(statement);
                    self.lower_expect(statement)
                }
                Some(Makes::Declares { block, kind, .. }) => {
                    self.lower_declaration(statement, block, kind)
                }
                _ => self.unknown_statement(statement, Block::Top, None),
            }
        }
    }

    fn lower_case(&mut self, statement: &Statement) {
        match statement.values {
            [Value {
                kind: ValueKind::Text(title),
                span,
            }] => {
                self.case.title = syntax::unescape(title);
                self.case.title_span = *span;
            }
            _ => self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    statement.span,
                    "`case` takes one quoted title",
                )
                .with_help("write `case \"Title of the incident\" { ... }`"),
            ),
        }
        let ctx = Ctx {
            id: crate::language::model::Sym::UNKNOWN,
            statement,
            standing: Standing::default(),
        };
        self.lower_block(&ctx, Block::Case);
    }

    fn lower_declaration(&mut self, statement: &Statement, block: Block, implied: ImpliedKind) {
        let keyword = statement.keyword;
        let Some(Value {
            kind: ValueKind::Word(id),
            ..
        }) = statement.values.first()
        else {
            return;
        };
        let id = self.case.interner.intern(id);
        // A duplicate declaration was reported in pass 1; only the first one is lowered.
        let Some(entity) = self.case.entity(id) else {
            return;
        };
        if entity.span.start != statement.values[0].span.start {
            return;
        }
        let fact = entity.fact;
        let standing = self.standing(statement.standing, &Standing::default());
        if let Some(&index) = self.case.entity_index.get(&id) {
            self.case.entities[index].standing = standing.clone();
        }
        self.case.facts[fact].standing = standing.clone();
        if statement.values.len() > 2
            || matches!(statement.values.get(1), Some(v) if !matches!(v.kind, ValueKind::Text(_)))
        {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    statement.span,
                    format!("`{keyword}` takes an id and an optional quoted name"),
                )
                .with_help(format!(
                    "write `{keyword} ID \"Name\"`, and put properties in a block"
                )),
            );
        }
        let ctx = Ctx {
            id,
            statement,
            standing,
        };
        // `cert x` says the organ's kind; `product x` says it unless the block does.
        if let ImpliedKind::Stated(word) = implied {
            self.implied_kind(&ctx, block, word);
        }
        let walked = self.lower_block(&ctx, block);
        if let ImpliedKind::Default(word) = implied {
            if !walked.has_kind {
                self.implied_kind(&ctx, block, word);
            }
        }
        self.assemble(&ctx, block, walked.parts);
    }

    /// The fact the block's `kind` statement would make for `word`, placed at the declaration.
    fn implied_kind(&mut self, ctx: &Ctx<'_>, block: Block, word: &str) {
        let Some(Makes::Fact(make)) = table::find(block, "kind").map(|row| row.makes) else {
            return;
        };
        let kind = Checked::Sym(self.case.interner.intern(word));
        if let Some(data) = make(ctx.id, &[kind], &mut self.case.interner) {
            self.push_fact(ctx.statement.span, ctx.standing.clone(), data);
        }
    }
}
