//! Values: references to declared ids and their kinds, words of the vocabulary, dates and
//! periods, quoted text and standings, each checked with a did-you-mean where one helps; and
//! the statement-level check of a table row's values.

use super::Lowering;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Severity, Span};
use crate::language::model::{Contest, Date, Day, End, EntityKind, Standing, Sym, When};
use crate::language::syntax::{self, RawDate, StandingSyntax, Statement, Value, ValueKind};
use crate::language::table::{self, Checked, Values, PARTIES};
use crate::schema::vocabulary;

impl Lowering {
    /// Checks a statement's values against its row. Returns the checked values and how many
    /// make one fact: one each for `Many`, all of them for a `Seq`. Every problem is reported;
    /// a statement with the wrong number of values, or an invalid value in a `Seq`, gives none.
    pub(super) fn check_values(
        &mut self,
        s: &Statement,
        values: Values,
        checked: &mut Vec<Checked>,
    ) -> usize {
        checked.clear();
        let n = s.values.len();
        // `on about 2017-06-28`: the one date of an act or event, approximately.
        if let (Values::One(table::Value::When), [first, value]) = (values, s.values) {
            if matches!(first.kind, ValueKind::Word("about")) {
                checked.extend(self.when(value, true).map(Checked::When));
                return 1;
            }
        }
        let count_ok = match values {
            Values::One(_) | Values::Either(..) => n == 1,
            Values::Many(_) | Values::ManySince(_) => n >= 1,
            Values::AtLeastTwo(_) => n >= 2,
            Values::Answer { .. } => (1..=4).contains(&n),
            Values::Seq {
                values: kinds,
                optional_last,
                ..
            } => n == kinds.len() || (optional_last && n + 1 == kinds.len()),
            Values::Declaration | Values::Expectation | Values::Suppression => false,
        };
        if !count_ok {
            if !matches!(
                values,
                Values::Declaration | Values::Expectation | Values::Suppression
            ) {
                self.count_error(s, &values.wanted());
            }
            return 1;
        }
        match values {
            Values::One(kind) | Values::Many(kind) | Values::AtLeastTwo(kind) => {
                for v in s.values {
                    checked.extend(self.check_value(s, v, kind));
                }
                1
            }
            Values::ManySince(kind) => {
                let is_since = |v: &Value| matches!(v.kind, ValueKind::Word("since"));
                let Some(at) = s.values.iter().position(is_since) else {
                    for v in s.values {
                        checked.extend(self.check_value(s, v, kind));
                    }
                    return 1;
                };
                if at == 0 || at + 2 != n {
                    self.count_error(s, &values.wanted());
                    return 1;
                }
                let day = self.date(&s.values[n - 1]);
                for v in &s.values[..at] {
                    if let (Some(value), Some(day)) = (self.check_value(s, v, kind), day) {
                        checked.extend([value, Checked::Date(day)]);
                    }
                }
                2
            }
            Values::Either(a, b) => {
                let value = &s.values[0];
                let kind = match (&value.kind, b) {
                    (ValueKind::Date(_), table::Value::Date) => b,
                    _ => a,
                };
                checked.extend(self.check_value(s, value, kind));
                1
            }
            Values::Seq { values: kinds, .. } => {
                for (v, k) in s.values.iter().zip(kinds.iter()) {
                    checked.extend(self.check_value(s, v, *k));
                }
                if checked.len() < n {
                    checked.clear();
                }
                n.max(1)
            }
            Values::Answer { answers, reasons } => {
                // `ANSWER [DATE] [because REASON]`.
                let answer = self.check_value(s, &s.values[0], answers);
                let mut rest = &s.values[1..];
                let mut day = None;
                if let Some(v) = rest
                    .first()
                    .filter(|v| matches!(v.kind, ValueKind::Date(_)))
                {
                    day = Some(self.date(v));
                    rest = &rest[1..];
                }
                let reason = match rest {
                    [] => None,
                    [because, reason] if matches!(because.kind, ValueKind::Word("because")) => {
                        Some(self.check_value(s, reason, reasons))
                    }
                    _ => {
                        self.count_error(s, &values.wanted());
                        return 1;
                    }
                };
                let (Some(answer), Some(day), Some(reason)) = (
                    answer,
                    day.map_or(Some(None), |d| d.map(Some)),
                    reason.map_or(Some(None), |r| r.map(Some)),
                ) else {
                    return 1;
                };
                checked.push(answer);
                checked.extend(day.map(Checked::Date));
                checked.extend(reason);
                checked.len()
            }
            Values::Declaration | Values::Expectation | Values::Suppression => 1,
        }
    }

    fn check_value(&mut self, s: &Statement, value: &Value, kind: table::Value) -> Option<Checked> {
        match kind {
            table::Value::Id(kinds) => self.reference(value, kinds).map(Checked::Sym),
            table::Value::Word(words) => self.word_value(value, words).map(Checked::Sym),
            table::Value::Date => self.date(value).map(Checked::Date),
            table::Value::When => self.when(value, false).map(Checked::When),
            table::Value::Text => match &value.kind {
                ValueKind::Text(t) => Some(Checked::Text(syntax::unescape(t))),
                _ => {
                    self.count_error(s, "one quoted text");
                    None
                }
            },
        }
    }

    pub(super) fn standing(
        &mut self,
        syntax: Option<&StandingSyntax>,
        base: &Standing,
    ) -> Standing {
        let Some(syntax) = syntax else {
            return base.clone();
        };
        let (mut alleged, mut disputed, mut denied) = (Vec::new(), Vec::new(), Vec::new());
        let mut sources = Vec::new();
        let mut unknown = false;
        for clause in syntax.clauses {
            let word = clause.word;
            // `source ncsc`: the declared sources the fact comes from.
            if word == "source" {
                for (name, span) in clause.by {
                    let sym = self.case.interner.intern(name);
                    match self.case.entity(sym).map(|e| e.kind) {
                        Some(EntityKind::Source) => sources.push(sym),
                        Some(k) => self.error(
                            Diagnostic::error(
                                Code::WrongKindReference,
                                *span,
                                format!("`{name}` is {}, not a source", k.noun()),
                            )
                            .with_label("not a source")
                            .with_help("declare it as `source ID \"Title, date, address\"` first"),
                        ),
                        None => self.undeclared(name, *span, &[EntityKind::Source]),
                    }
                }
                if clause.has_by || clause.by.is_empty() {
                    self.error(
                        Diagnostic::error(
                            Code::InvalidStanding,
                            clause.word_span,
                            "`source` names the declared sources, without `by`",
                        )
                        .with_label("which source?")
                        .with_help("write `(source ncsc)`, or `(alleged by GB; source ncsc)`"),
                    );
                }
                continue;
            }
            let mut states = Vec::new();
            for (name, span) in clause.by {
                let sym = self.case.interner.intern(name);
                match self.case.entity(sym).map(|e| e.kind) {
                    Some(k) if PARTIES.contains(&k) => states.push(sym),
                    Some(k) => self.error(
                        Diagnostic::error(
                            Code::WrongKindReference,
                            *span,
                            format!("`{name}` is {}, not an actor", k.noun()),
                        )
                        .with_label("cannot allege or deny")
                        .with_help("name the State or actor that alleges or denies the fact"),
                    ),
                    None => self.undeclared(name, *span, PARTIES),
                }
            }
            match word {
                "established" | "unknown" if !clause.by.is_empty() => self.error(
                    Diagnostic::error(
                        Code::InvalidStanding,
                        clause.word_span,
                        format!("`{word}` takes no States"),
                    )
                    .with_label("nobody to name here")
                    .with_help(format!(
                        "write `({word})`; to say where it comes from, add `; source ID`"
                    )),
                ),
                "established" => {}
                "unknown" => unknown = true,
                "alleged" | "disputed" | "denied" if clause.by.is_empty() || !clause.has_by => self
                    .error(
                        Diagnostic::error(
                            Code::InvalidStanding,
                            clause.word_span,
                            format!("`{word}` needs to say by whom"),
                        )
                        .with_label("by whom?")
                        .with_help(match clause.by.first() {
                            Some((name, _)) => format!("write `({word} by {name})`"),
                            None => format!(
                                "write `({word} by UA)`; name every State or actor that says so"
                            ),
                        }),
                    ),
                "alleged" => alleged.extend(states),
                "disputed" => disputed.extend(states),
                "denied" => denied.extend(states),
                _ => {
                    let words = vocabulary::STANDINGS.iter().copied();
                    let mut d = Diagnostic::error(
                        Code::InvalidStanding,
                        clause.word_span,
                        format!("`{word}` is not a standing"),
                    )
                    .with_label("unknown standing");
                    d = match did_you_mean(word, words) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help("a standing is one of: established, alleged by X, disputed by X, denied by X, unknown; and `source ID` says where it comes from"),
                    };
                    self.error(d);
                }
            }
        }
        let more = Contest {
            alleged: &alleged,
            disputed: &disputed,
            denied: &denied,
            sources: &sources,
        };
        base.with(more, unknown)
    }

    fn undeclared(&mut self, name: &str, span: Span, kinds: &[EntityKind]) {
        // A suggestion compares the name with every declared id; past a few dozen unknown ids
        // the file has a bigger problem than a typo, and the comparison would grow quadratic.
        self.suggestions_left = self.suggestions_left.saturating_sub(1);
        if !self.diagnostics.may_show(span.start) {
            return self.diagnostics.count_unshown(Severity::Error);
        }
        let candidates: Vec<&str> = match self.suggestions_left {
            0 => Vec::new(),
            _ => self
                .case
                .entities
                .iter()
                .filter(|e| kinds.contains(&e.kind))
                .map(|e| self.case.interner.name(e.id))
                .collect(),
        };
        let mut d = Diagnostic::error(
            Code::UndeclaredId,
            span,
            format!("`{name}` is never declared"),
        )
        .with_label("unknown id");
        d = match did_you_mean(name, candidates) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => {
                let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
                d.with_help(format!("declare it first, as {}", nouns.join(" or ")))
            }
        };
        self.error(d);
    }

    pub(super) fn reference(&mut self, value: &Value, kinds: &[EntityKind]) -> Option<Sym> {
        let ValueKind::Word(name) = &value.kind else {
            self.error(
                Diagnostic::error(Code::UnknownValue, value.span, "expected an id here")
                    .with_label("not an id")
                    .with_help("ids are plain words such as `UA` or `a1`, without quotes"),
            );
            return None;
        };
        let Some(sym) = self
            .case
            .interner
            .get(name)
            .filter(|s| self.case.entity(*s).is_some())
        else {
            self.undeclared(name, value.span, kinds);
            return None;
        };
        let kind = self.case.kind_of(sym)?;
        if !kinds.contains(&kind) {
            let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
            self.error(
                Diagnostic::error(
                    Code::WrongKindReference,
                    value.span,
                    format!(
                        "`{name}` is {}, but {} is needed here",
                        kind.noun(),
                        nouns.join(" or ")
                    ),
                )
                .with_label(format!("{} here", kind.noun()))
                .with_help(format!("refer to {}", nouns.join(" or "))),
            );
            return None;
        }
        Some(sym)
    }

    pub(super) fn word_value(&mut self, value: &Value, allowed: &[&str]) -> Option<Sym> {
        let ValueKind::Word(word) = &value.kind else {
            self.error(
                Diagnostic::error(Code::UnknownValue, value.span, "expected a word here")
                    .with_label("not a word")
                    .with_help(format!("expected one of: {}", allowed.join(", "))),
            );
            return None;
        };
        if allowed.contains(word) {
            return Some(self.case.interner.intern(word));
        }
        let mut d = Diagnostic::error(
            Code::UnknownValue,
            value.span,
            format!("`{word}` is not a value this statement accepts"),
        )
        .with_label("unknown value");
        d = match did_you_mean(word, allowed.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("expected one of: {}", allowed.join(", "))),
        };
        self.error(d);
        None
    }

    pub(super) fn date(&mut self, value: &Value) -> Option<Date> {
        match &value.kind {
            ValueKind::Date(raw) => self.check_date(*raw, value.span),
            _ => {
                self.error(
                    Diagnostic::error(Code::InvalidDate, value.span, "expected a date")
                        .with_label("not a date")
                        .with_help("write dates as YYYY-MM-DD, e.g. 2017-06-27"),
                );
                None
            }
        }
    }

    /// A full date (`2017-06-28`), as every date but that of an act or event must be.
    fn check_date(&mut self, raw: RawDate, span: Span) -> Option<Date> {
        if raw.day.is_none() {
            self.error(
                Diagnostic::error(Code::InvalidDate, span, "this date needs its day")
                    .with_label("a month or a year is not enough here")
                    .with_help(
                        "write the full date as YYYY-MM-DD; a month, a year or `about` a date \
                         may stand only in the `on` of an act or event",
                    ),
            );
            return None;
        }
        let date = Date::from_raw(raw);
        if date.is_none() {
            self.not_on_calendar(raw, span);
        }
        date
    }

    fn not_on_calendar(&mut self, raw: RawDate, span: Span) {
        let mut written = format!("{:04}", raw.year);
        for part in [raw.month, raw.day].into_iter().flatten() {
            written.push_str(&format!("-{part:02}"));
        }
        self.error(
            Diagnostic::error(
                Code::InvalidDate,
                span,
                format!("{written} is not a date on the calendar"),
            )
            .with_label("no such day")
            .with_help("check the month (01-12) and the day of the month"),
        );
    }

    /// A day, month or year of an act or event, `about` it if `about`.
    fn day(&mut self, raw: RawDate, span: Span, about: bool) -> Option<Day> {
        let day = Day::from_raw(raw, about);
        if day.is_none() {
            self.not_on_calendar(raw, span);
        }
        day
    }

    /// A date or a period, checked: it exists on the calendar and does not end before it
    /// begins. Either end may be a month or a year, and `about` widens both.
    fn when(&mut self, value: &Value, about: bool) -> Option<When> {
        match &value.kind {
            ValueKind::DateRange(from, to) => {
                let from = self.day(*from, value.span, about)?;
                let to = match to {
                    Some(t) => End::On(self.day(*t, value.span, about)?),
                    None => End::Ongoing,
                };
                if let End::On(to) = to {
                    if to.latest < from.earliest {
                        self.date_order(value.span, "this period ends before it begins", None);
                        return None;
                    }
                }
                Some(When { from, to })
            }
            ValueKind::Date(raw) => self.day(*raw, value.span, about).map(|from| When {
                from,
                to: End::SameDay,
            }),
            _ => {
                self.date(value);
                None
            }
        }
    }

    /// The word `unknown` as a value (`intent unknown`, `answer unknown`) is a fact whose value
    /// is not known: it matches any word a rule asks for, with an unknown standing.
    pub(super) fn unknown_as_standing(&self, word: Sym, standing: Standing) -> (Sym, Standing) {
        if word == Sym::UNKNOWN || self.case.name(word) == "unknown" {
            (Sym::UNKNOWN, standing.merged(&Standing::unknown()))
        } else {
            (word, standing)
        }
    }
}
