//! Expectations (`expect implicated RULE for STATE [about ID]`, `expect not RULE [for STATE]`:
//! the lines that make a case file a worked case) and suppressions (`suppress RULE "reason"
//! ...`: a finding set aside, with its reason).

use super::Lowering;
use crate::diagnostic::{Code, Diagnostic};
use crate::language::model::{Expectation, Suppression, Sym};
use crate::language::syntax::{self, Statement, Value, ValueKind};
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
        let Some([party_v, about_v]) =
            self.clauses(rest, ["for", "about"], "an expectation", usage)
        else {
            return;
        };
        let Some(status) = self.word_value(status_v, vocabulary::EXPECTATIONS) else {
            return;
        };
        let status = Status::from_word(self.case.name(status));
        let Some(rule) = self.rule_id(rule_v, usage) else {
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
        let Some((party, about)) = self.party_and_about(party_v, about_v) else {
            return;
        };
        self.case.expectations.push(Expectation {
            status,
            rule: rule.to_owned(),
            rule_span: rule_v.span,
            party,
            about,
            span: s.span,
        });
    }

    /// `suppress RULE "reason" [for STATE] [about ID] [until YYYY-MM-DD]`.
    pub(super) fn lower_suppress(&mut self, s: &Statement) {
        let usage = "write `suppress RULE \"reason\" [for STATE] [about ID] [until YYYY-MM-DD]`";
        let [rule_v, rest @ ..] = s.values else {
            self.error(
                Diagnostic::error(Code::WrongValueCount, s.span, "a suppression names a rule")
                    .with_label("no rule")
                    .with_help(usage),
            );
            return;
        };
        let Some(rule) = self.rule_id(rule_v, usage) else {
            return;
        };
        let (reason, rest) = match rest {
            [Value {
                kind: ValueKind::Text(reason),
                ..
            }, tail @ ..] => (syntax::unescape(reason), tail),
            _ => {
                self.error(
                    Diagnostic::error(
                        Code::SuppressionWithoutReason,
                        s.keyword_span,
                        "this suppression gives no reason",
                    )
                    .with_label("no quoted reason")
                    .with_help(
                        "say why the finding is set aside, right after the rule: `suppress RULE \
                         \"reason\"`; the reason goes into the JSON and SARIF reports",
                    ),
                );
                (String::new(), rest)
            }
        };
        let Some([party_v, about_v, until_v]) =
            self.clauses(rest, ["for", "about", "until"], "a suppression", usage)
        else {
            return;
        };
        let Some((party, about)) = self.party_and_about(party_v, about_v) else {
            return;
        };
        let until = match until_v {
            Some(u) => match self.date(u) {
                Some(d) => Some((d, u.span)),
                None => return,
            },
            None => None,
        };
        if reason.is_empty() {
            return;
        }
        self.case.suppressions.push(Suppression {
            rule: rule.to_owned(),
            rule_span: rule_v.span,
            reason,
            party,
            about,
            until,
            span: s.span,
        });
    }

    /// The party of `for STATE` and the id of `about ID`, each checked as a reference; `None`
    /// once either is reported as wrong.
    /// The rule an `expect` or `suppress` line names: a word, else an error.
    fn rule_id<'v>(&mut self, value: &Value<'v>, usage: &str) -> Option<&'v str> {
        match value.kind {
            ValueKind::Word(rule) => Some(rule),
            _ => {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        value.span,
                        "the rule must be a rule id",
                    )
                    .with_help(usage),
                );
                None
            }
        }
    }

    fn party_and_about(
        &mut self,
        party: Option<&Value>,
        about: Option<&Value>,
    ) -> Option<(Option<Sym>, Option<Sym>)> {
        let party = match party {
            Some(p) => Some(self.reference(p, PARTIES)?),
            None => None,
        };
        let about = match about {
            Some(a) => Some(self.reference(a, ANY)?),
            None => None,
        };
        Some((party, about))
    }

    /// Reads `word value` clauses, each word at most once, in any order: the value of each of
    /// `words` in their order, or `None` after reporting what is wrong.
    fn clauses<'v, const N: usize>(
        &mut self,
        mut rest: &'v [Value<'v>],
        words: [&str; N],
        what: &str,
        usage: &str,
    ) -> Option<[Option<&'v Value<'v>>; N]> {
        let mut found = [None; N];
        while let [first, tail @ ..] = rest {
            let at = match &first.kind {
                ValueKind::Word(w) => words.iter().position(|x| x == w),
                _ => None,
            };
            let Some(at) = at else {
                let expected: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        first.span,
                        format!("unexpected value in {what}"),
                    )
                    .with_label(format!("not {}", expected.join(" or ")))
                    .with_help(usage),
                );
                return None;
            };
            let [value, tail @ ..] = tail else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        first.span,
                        format!("`{}` needs a value after it", words[at]),
                    )
                    .with_label("nothing follows")
                    .with_help(usage),
                );
                return None;
            };
            found[at] = Some(value);
            rest = tail;
        }
        Some(found)
    }
}
