//! Expectations: `expect implicated RULE for STATE [about ID]` and `expect not RULE [for
//! STATE]`, the lines that make a case file a worked case.

use super::Lowering;
use crate::diagnostic::{Code, Diagnostic};
use crate::language::model::Expectation;
use crate::language::syntax::{Statement, Value, ValueKind};
use crate::language::table::{ANY, PARTIES};
use crate::schema::{vocabulary, Status};

impl Lowering {
    pub(super) fn lower_expect(&mut self, s: &Statement) {
        let usage = "write `expect implicated RULE for STATE [about ID]`, `expect not RULE for STATE` or `expect not RULE`";
        let [status_v, rule_v, rest @ ..] = s.values else {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    s.span,
                    "cannot read this expectation",
                )
                .with_label("here")
                .with_help(usage),
            );
            return;
        };
        // `for PARTY` and `about ID`, in either order.
        let mut party_v = None;
        let mut about_v = None;
        let mut rest = rest;
        while let [Value {
            kind: ValueKind::Word(w),
            span,
        }, tail @ ..] = rest
        {
            let slot = match *w {
                "for" => &mut party_v,
                "about" => &mut about_v,
                _ => {
                    self.error(
                        Diagnostic::error(
                            Code::WrongValueCount,
                            *span,
                            format!("unexpected `{w}` in an expectation"),
                        )
                        .with_label("not `for` or `about`")
                        .with_help(usage),
                    );
                    return;
                }
            };
            let [value, tail @ ..] = tail else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        *span,
                        format!("`{w}` needs an id after it"),
                    )
                    .with_label("nothing follows")
                    .with_help(usage),
                );
                return;
            };
            *slot = Some(value);
            rest = tail;
        }
        if let [extra, ..] = rest {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    extra.span,
                    "unexpected value in an expectation",
                )
                .with_label("here")
                .with_help(usage),
            );
            return;
        }
        let Some(status) = self.word_value(status_v, vocabulary::EXPECTATIONS) else {
            return;
        };
        let status = Status::from_word(self.case.name(status));
        let ValueKind::Word(rule) = &rule_v.kind else {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    rule_v.span,
                    "the rule must be a rule id",
                )
                .with_help(usage),
            );
            return;
        };
        if status.is_some() && party_v.is_none() {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    s.span,
                    "an expectation of a status needs a party",
                )
                .with_label("no `for STATE`")
                .with_help("add `for STATE`: a commitment is implicated for a particular State"),
            );
            return;
        }
        let party = match party_v {
            Some(p) => match self.reference(p, PARTIES) {
                Some(p) => Some(p),
                None => return,
            },
            None => None,
        };
        let about = match about_v {
            Some(a) => match self.reference(a, ANY) {
                Some(a) => Some(a),
                None => return,
            },
            None => None,
        };
        self.case.expectations.push(Expectation {
            status,
            rule: (*rule).to_owned(),
            rule_span: rule_v.span,
            party,
            about,
            span: s.span,
        });
    }

    // ---- values ----
}
