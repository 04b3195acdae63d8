//! Lowering: syntax tree → case model. Checks keywords against the language table, values
//! (with did-you-mean), references and their kinds, calendar dates and date order, and records
//! every fact with its standing. Two passes: declarations first, so that references do not
//! depend on the order of the file.
//!
//! **Architecture Invariant:** every diagnostic is collected; lowering continues after each.

mod blocks;
mod declarations;
mod events;
mod expectations;
mod values;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics, Severity, Span};
use crate::language::model::{Case, Day, EntityKind, Fact, FactData, FactId, Standing, Sym};
use crate::language::syntax::{Statement, SyntaxTree};
use crate::language::table;

/// Lowers a syntax tree into a case. Always returns a case; problems come back as diagnostics.
pub fn lower(tree: &SyntaxTree) -> (Case, Diagnostics) {
    let mut lowering = Lowering {
        case: Case::default(),
        diagnostics: Diagnostics::default(),
        dated_events: Vec::new(),
        suggestions_left: 32,
        values: Vec::new(),
        scratch: blocks::Scratch::default(),
    };
    lowering.declare_all(tree);
    lowering.lower_all(tree);
    lowering.check_event_dates();
    lowering.check_replies();
    lowering.check_assessment_date();
    lowering.list_declared_sources();
    (lowering.case, lowering.diagnostics)
}

struct Lowering {
    case: Case,
    diagnostics: Diagnostics,
    /// Events about an act, with their first day, checked against the act once all is read.
    dated_events: Vec<(Sym, Day, Span)>,
    /// How many more unknown ids get a did-you-mean suggestion.
    suggestions_left: usize,
    /// A buffer for the checked values of the statement being lowered.
    values: Vec<crate::language::table::Checked>,
    scratch: blocks::Scratch,
}

/// The declaration whose block is being lowered, with its id and standing.
struct Ctx<'a> {
    id: Sym,
    statement: &'a Statement<'a>,
    standing: Standing,
}

impl Lowering {
    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn push_fact(&mut self, span: Span, standing: Standing, data: FactData) -> FactId {
        self.case.facts.push(Fact {
            span,
            standing,
            data,
        });
        self.case.facts.len() - 1
    }

    /// A keyword the language does not have in this block; `parent` is the keyword of the
    /// statement whose block it is in (none at the top level).
    fn unknown_statement(
        &mut self,
        statement: &Statement,
        block: table::Block,
        parent: Option<&str>,
    ) {
        // A file of a million unknown lines builds the messages of those it shows only.
        if !self.diagnostics.may_show(statement.keyword_span.start) {
            self.diagnostics.count_unshown(Severity::Error);
            return;
        }
        let word = statement.keyword;
        let allowed = table::keywords_in(block);
        let place = match parent {
            None => "at the top level of a case file".to_owned(),
            Some(parent) => format!("in `{parent}`"),
        };
        let mut d = Diagnostic::error(
            Code::UnknownStatement,
            statement.keyword_span,
            format!("`{word}` is not a statement {place}"),
        )
        .with_label("unknown keyword");
        d = match did_you_mean(word, allowed.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("expected one of: {}", allowed.join(", "))),
        };
        self.error(d);
    }

    /// A statement that takes no block has one: what it holds would be silently ignored.
    fn no_block(&mut self, s: &Statement) {
        if let Some(block) = &s.block {
            self.error(
                Diagnostic::error(
                    Code::UnexpectedBlock,
                    block.open,
                    format!("`{}` takes no block", s.keyword),
                )
                .with_label("block here")
                .with_help(
                    "only declarations and `case` have blocks; put these statements in the \
                     block of the declaration they describe",
                ),
            );
        }
    }

    fn duplicate(&mut self, s: &Statement, first: Span) {
        self.error(
            Diagnostic::error(
                Code::DuplicateStatement,
                s.keyword_span,
                format!("`{}` is given twice", s.keyword),
            )
            .with_label("again here")
            .with_secondary(first, "first given here")
            .with_help("keep one; the first one is used"),
        );
    }

    fn count_error(&mut self, s: &Statement, wanted: &str) {
        let kw = &s.keyword;
        self.error(
            Diagnostic::error(
                Code::WrongValueCount,
                s.span,
                format!("`{kw}` takes {wanted}"),
            )
            .with_label("here")
            .with_help(format!("write `{kw}` followed by {wanted}")),
        );
    }

    fn missing(&mut self, ctx: &Ctx<'_>, keyword: &str, what: &str) {
        // A line of the block that could not be read may be the one that is missing; its
        // syntax error is reported already.
        if ctx.statement.block.as_ref().is_some_and(|b| b.has_junk) {
            return;
        }
        let kw = &ctx.statement.keyword;
        self.error(
            Diagnostic::error(
                Code::MissingStatement,
                ctx.statement.span,
                format!("this `{kw}` has no `{keyword}`"),
            )
            .with_label(format!("`{keyword}` missing"))
            .with_help(format!("add `{keyword}` to its block: {what}")),
        );
    }
}

impl Lowering {
    /// The sources declared with `source ID "..."` join the case's list of sources, after those
    /// of its `case` block, so that a report names what each `source ID` in a standing is.
    fn list_declared_sources(&mut self) {
        let declared: Vec<String> = self
            .case
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Source)
            .map(|e| match &e.name {
                Some(name) => format!("{}: {name}", self.case.name(e.id)),
                None => self.case.name(e.id).to_owned(),
            })
            .collect();
        self.case.sources.extend(declared);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::syntax::parse;

    fn codes(diags: &[Diagnostic]) -> Vec<Code> {
        diags.iter().map(|d| d.code).collect()
    }

    fn lower_text(text: &str) -> (Case, Diagnostics) {
        let mut arena = crate::language::syntax::Arena::new();
        let (tree, mut diags) = parse(text, &mut arena);
        let (case, more) = lower(&tree);
        diags.absorb(more);
        (case, diags)
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let (_, diags) = lower_text("case \"t\" { assessed 2021-02-29 }\n");
        assert_eq!(codes(&diags), vec![Code::InvalidDate]);
    }

    #[test]
    fn leap_days_exist() {
        let (_, diags) = lower_text("case \"t\" { assessed 2020-02-29 }\n");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn an_act_by_infrastructure_is_the_wrong_kind() {
        let (_, diags) = lower_text(
            "case \"t\" {}\nstate UA\ninfrastructure grid { in UA }\nact a1 { by grid\n kind disruption }\n",
        );
        assert_eq!(codes(&diags), vec![Code::WrongKindReference]);
    }

    #[test]
    fn a_state_block_holds_notes_only() {
        let (_, diags) = lower_text("case \"t\" {}\nstate UA { of UA\n note \"n\" }\n");
        assert_eq!(codes(&diags), vec![Code::UnknownStatement]);
    }

    #[test]
    fn every_missing_part_of_an_event_is_reported_at_once() {
        let (case, diags) = lower_text("case \"t\" {}\nattribution t1 { note \"n\" }\n");
        assert_eq!(codes(&diags), vec![Code::MissingStatement; 3]);
        assert_eq!(
            case.facts.len(),
            1,
            "only the declaration: {:?}",
            case.facts
        );
    }

    #[test]
    fn an_act_without_intent_has_an_unknown_one() {
        let (case, diags) =
            lower_text("case \"t\" {}\nstate UA\nact a1 { by UA; kind disruption }\n");
        assert!(diags.is_empty(), "{diags:?}");
        let intent = case.facts.iter().find_map(|f| match f.data {
            FactData::Intent { intent, .. } => Some((intent, f.standing.is_unknown())),
            _ => None,
        });
        assert_eq!(intent, Some((Sym::UNKNOWN, true)));
    }
}
