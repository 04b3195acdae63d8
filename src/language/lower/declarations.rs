//! Declarations: pass 1 declares every id (so that references do not depend on the order of
//! the file); pass 2 lowers each top-level statement: the case block, each declaration with
//! its block, and expectations.

use super::{Ctx, Lowering};
use crate::diagnostic::{Code, Diagnostic, Severity, Span};
use crate::language::model::{Entity, EntityKind, FactData, Standing, Sym};
use crate::language::syntax::{self, Statement, SyntaxTree, Value, ValueKind};
use crate::language::table::{self, Block, Checked, ImpliedKind, Makes};
use crate::schema::vocabulary;

impl Lowering {
    pub(super) fn declare_all(&mut self, tree: &SyntaxTree) {
        let mut cases = 0;
        for statement in &tree.statements {
            let keyword = statement.keyword;
            if keyword == "case" || keyword == "policy" {
                cases += 1;
                if cases > 1 {
                    self.error(
                        Diagnostic::error(
                            Code::DuplicateStatement,
                            statement.keyword_span,
                            "a file describes one case or one policy document",
                        )
                        .with_label(format!("second `{keyword}` here"))
                        .with_help(
                            "split the file: one case or policy document per file (a Markdown \
                             document's fenced blocks are one file)",
                        ),
                    );
                    continue;
                }
                if keyword == "case" {
                    continue;
                }
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
            if kind == EntityKind::Document {
                self.case.document = Some(sym);
            }
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
                    "start the file with `case \"Title\" { summary \"...\" assessed YYYY-MM-DD }`, \
                     or, for a policy document, `policy ID \"Title\" { of STATE }`",
                ),
            );
        }
    }

    pub(super) fn lower_all(&mut self, tree: &SyntaxTree) {
        let mut seen_case = false;
        for statement in &tree.statements {
            let Some(row) = table::find(Block::Top, statement.keyword) else {
                self.unknown_statement(statement, Block::Top, None);
                continue;
            };
            match row.makes {
                Makes::CaseBlock => {
                    if !seen_case {
                        seen_case = true;
                        self.lower_case(statement);
                    }
                }
                Makes::Expectation => {
                    self.no_block(statement);
                    self.lower_expect(statement)
                }
                Makes::Suppression => {
                    self.no_block(statement);
                    self.lower_suppress(statement)
                }
                Makes::Declares { block, kind, .. } => {
                    self.lower_declaration(statement, block, kind)
                }
                Makes::Fact(make) => self.lower_provision(statement, row.values, make),
                // The table has no other kind of row at the top level.
                Makes::Summary
                | Makes::Source
                | Makes::Assessed
                | Makes::Note
                | Makes::Cite
                | Makes::Part(_) => self.unknown_statement(statement, Block::Top, None),
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
        let first_fact = self.case.facts.len();
        let walked = self.lower_block(&ctx, block);
        if let ImpliedKind::Default(word) = implied {
            if !walked.has_kind {
                self.implied_kind(&ctx, block, word);
            }
        }
        self.assemble(&ctx, block, walked.parts);
        match block {
            Block::Policy => self.lower_policy(statement, id),
            Block::Conduct => self.lower_conduct(&ctx, first_fact),
            _ => {}
        }
    }

    /// A policy document's title is the file's title.
    fn lower_policy(&mut self, statement: &Statement, id: Sym) {
        match statement.values.get(1) {
            Some(Value {
                kind: ValueKind::Text(title),
                span,
            }) => {
                self.case.title = syntax::unescape(title);
                self.case.title_span = *span;
            }
            _ => {
                self.case.title = self.case.interner.name(id).to_owned();
                self.case.title_span = statement.values[0].span;
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        statement.span,
                        "a `policy` needs a quoted title",
                    )
                    .with_label("no title")
                    .with_help("write `policy ID \"Title of the draft\" { of STATE }`"),
                );
            }
        }
    }

    /// What a `permits` or `requires` block implies: that the document permits (or requires)
    /// it, that it is directed against the targets it describes, in another State unless it
    /// says which, and that it applies in any situation unless it says which. The facts its
    /// block made start at `first_fact`.
    fn lower_conduct(&mut self, ctx: &Ctx<'_>, first_fact: usize) {
        let act = ctx.id;
        let span = ctx.statement.span;
        let standing = ctx.standing.clone();
        let Some(document) = self.case.document else {
            self.outside_policy(ctx.statement);
            return;
        };
        let mode = self.case.interner.intern(ctx.statement.keyword);
        self.push_fact(
            span,
            standing.clone(),
            FactData::Provision {
                act,
                document,
                mode,
            },
        );
        let target = table::conduct_target(act, &mut self.case.interner);
        let (mut describes_target, mut located, mut against, mut context) =
            (false, false, false, false);
        for fact in &self.case.facts[first_fact..] {
            match fact.data {
                FactData::ObjectKind { object, .. } | FactData::Critical { object, .. }
                    if object == target =>
                {
                    describes_target = true
                }
                FactData::LocatedIn { object, .. } if object == target => located = true,
                FactData::Against { act: a, .. } if a == act => against = true,
                FactData::Context { act: a, .. } if a == act => context = true,
                _ => {}
            }
        }
        if !context {
            let any = self.case.interner.intern("any");
            self.push_fact(
                span,
                standing.clone(),
                FactData::Context { act, context: any },
            );
        }
        if !(describes_target || located || !against) {
            return;
        }
        // The targets it describes, as an object, and, unless named, the State they are in.
        let declared = self.push_fact(
            span,
            standing.clone(),
            FactData::Declared {
                id: target,
                kind: EntityKind::Object,
            },
        );
        self.declare_synthetic(target, EntityKind::Object, ctx, declared);
        self.push_fact(span, standing.clone(), FactData::Against { act, target });
        if !located {
            let state = self.case.interner.intern(vocabulary::ANOTHER_STATE);
            if self.case.entity(state).is_none() {
                let declared = self.push_fact(
                    span,
                    Standing::default(),
                    FactData::Declared {
                        id: state,
                        kind: EntityKind::State,
                    },
                );
                self.declare_synthetic(state, EntityKind::State, ctx, declared);
            }
            self.push_fact(
                span,
                standing,
                FactData::LocatedIn {
                    object: target,
                    state,
                },
            );
        }
    }

    /// Declares an entity the file implies rather than states, at the statement that implies it.
    fn declare_synthetic(&mut self, id: Sym, kind: EntityKind, ctx: &Ctx<'_>, fact: usize) {
        self.case.entity_index.insert(id, self.case.entities.len());
        self.case.entities.push(Entity {
            id,
            kind,
            name: None,
            span: ctx
                .statement
                .values
                .first()
                .map_or(ctx.statement.span, |v| v.span),
            standing: ctx.standing.clone(),
            fact,
        });
    }

    /// `provides` and `declares`: facts about the policy document itself.
    fn lower_provision(
        &mut self,
        statement: &Statement,
        values: table::Values,
        make: table::MakeFact,
    ) {
        self.no_block(statement);
        let Some(document) = self.case.document else {
            self.outside_policy(statement);
            return;
        };
        let standing = self.standing(statement.standing, &Standing::default());
        let mut checked = std::mem::take(&mut self.values);
        let size = self.check_values(statement, values, &mut checked);
        for group in checked.chunks(size) {
            if let Some(data) = make(document, group, &mut self.case.interner) {
                self.push_fact(statement.span, standing.clone(), data);
            }
        }
        self.values = checked;
    }

    fn outside_policy(&mut self, statement: &Statement) {
        let keyword = statement.keyword;
        self.error(
            Diagnostic::error(
                Code::UnknownStatement,
                statement.keyword_span,
                format!("`{keyword}` belongs in a policy document"),
            )
            .with_label("not in a policy document")
            .with_help(
                "a file with `policy ID \"Title\" { of STATE }` in place of `case` is a policy \
                 document; a case file describes what happened, with `act`",
            ),
        );
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
