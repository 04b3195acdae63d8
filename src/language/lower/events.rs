//! Events: the parts of a notification, request, attribution, consultation, response or
//! armed conflict, assembled into its facts once its block is read; and the checks on dates
//! (a reply is not dated before what it replies to, an event not before its act, no fact after
//! the assessment date).

use super::{Ctx, Lowering};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::language::model::{Date, Day, FactData, Interner, Order, Standing, Sym, SymMap, When};
use crate::language::table::{Block, Checked, Part};

/// One answer to a request, as its statement gives it.
#[derive(Clone)]
struct Answer {
    word: Sym,
    on: Option<Date>,
    reason: Option<Sym>,
    span: Span,
    standing: Standing,
}

/// The parts of an event, as its block gives them: each with the place that says it and its
/// standing.
#[derive(Default)]
pub(super) struct Parts {
    from: Option<Sym>,
    to: Option<Sym>,
    about: Option<Sym>,
    when: Option<(When, Span, Standing)>,
    /// Where the message's `from` is, the place of the notification or request fact.
    span: Option<Span>,
    /// The standings of `from`, `to` and `about`, merged.
    standing: Standing,
    by: Option<(Sym, Span, Standing)>,
    against: Option<Sym>,
    kinds: Vec<Sym>,
    /// Each answer, in the order written: the word, its date, a refusal's reason.
    answers: Vec<Answer>,
    under: Option<Sym>,
    acknowledged: Option<(Sym, Option<Date>, Span, Standing)>,
    between: Vec<(Sym, Span, Standing)>,
    bases: Vec<(Sym, Span, Standing)>,
    substantiated: Option<(Sym, Span, Standing)>,
}

impl Parts {
    /// Records one checked group of a statement that gives `part`; `words` gives the word an
    /// acknowledgement given as a date records.
    pub(super) fn record(
        &mut self,
        part: Part,
        group: &[Checked],
        span: Span,
        standing: Standing,
        words: &mut Interner,
    ) {
        let sym = group.first().and_then(Checked::sym);
        match part {
            Part::From => {
                self.from = sym;
                self.span = Some(span);
                self.standing = self.standing.merged(&standing);
            }
            Part::To => {
                self.to = sym;
                self.standing = self.standing.merged(&standing);
            }
            Part::About => {
                self.about = sym;
                self.standing = self.standing.merged(&standing);
            }
            Part::When => {
                if let Some(w) = group.first().and_then(Checked::when) {
                    self.when = Some((w, span, standing));
                }
            }
            Part::By => self.by = sym.map(|s| (s, span, standing)),
            Part::Against => self.against = sym,
            Part::Kind => self.kinds.extend(sym),
            Part::Answer => {
                let on = group.iter().find_map(Checked::date);
                let reason = group.iter().skip(1).find_map(Checked::sym);
                self.answers.extend(sym.map(|word| Answer {
                    word,
                    on,
                    reason,
                    span,
                    standing,
                }));
            }
            Part::Under => self.under = sym,
            Part::Acknowledged => {
                self.acknowledged = match group.first() {
                    Some(Checked::Date(on)) => {
                        Some((words.intern("yes"), Some(*on), span, standing))
                    }
                    _ => sym.map(|s| (s, None, span, standing)),
                };
            }
            Part::Between => self.between.extend(sym.map(|s| (s, span, standing))),
            Part::Basis => self.bases.extend(sym.map(|s| (s, span, standing))),
            Part::Substantiated => self.substantiated = sym.map(|s| (s, span, standing)),
        }
    }
}

impl Lowering {
    /// Makes an event's facts from its parts. A part that is missing was reported when the
    /// block was walked; an event without its parts makes no fact.
    pub(super) fn assemble(&mut self, ctx: &Ctx<'_>, block: Block, parts: Parts) {
        let id = ctx.id;
        match block {
            Block::Notification => {
                let (Some(from), Some(to), Some(about)) = (parts.from, parts.to, parts.about)
                else {
                    return;
                };
                self.push_fact(
                    parts.span.unwrap_or(ctx.statement.span),
                    parts.standing.clone(),
                    FactData::Notification {
                        id,
                        from,
                        to,
                        about,
                    },
                );
                self.event_when(ctx, &parts);
                // A notification that does not say whether it was acknowledged leaves it unknown:
                // the ¶30(c) rule turns on it.
                let (answer, on, span, standing) = parts.acknowledged.clone().unwrap_or((
                    Sym::UNKNOWN,
                    None,
                    ctx.statement.span,
                    ctx.standing.merged(&Standing::unknown()),
                ));
                let what = ["the acknowledgement", "notification", "notified here"];
                self.reply_not_before(on, span, &parts, what);
                let (answer, standing) = self.unknown_as_standing(answer, standing);
                self.push_fact(span, standing, FactData::Acknowledged { id, answer });
            }
            Block::Request => {
                let (Some(from), Some(to), Some(about), Some(&kind)) =
                    (parts.from, parts.to, parts.about, parts.kinds.first())
                else {
                    return;
                };
                self.push_fact(
                    parts.span.unwrap_or(ctx.statement.span),
                    parts.standing.clone(),
                    FactData::Request {
                        id,
                        from,
                        to,
                        about,
                        kind,
                    },
                );
                self.event_when(ctx, &parts);
                self.answers(ctx, &parts);
            }
            Block::Assistance => {
                let (Some((by, span, standing)), Some(to)) = (parts.by.clone(), parts.to) else {
                    return;
                };
                let request = parts.under;
                if by == to {
                    let name = self.case.name(by).to_owned();
                    self.error(
                        Diagnostic::error(
                            Code::SelfReference,
                            span,
                            format!("the State assisting and the State assisted are both {name}"),
                        )
                        .with_label("the assisting State")
                        .with_help("`to` names the State assisted, which is another State"),
                    );
                    return;
                }
                let fact = FactData::Assistance {
                    id,
                    by,
                    to,
                    request,
                };
                self.push_fact(span, standing.merged(&parts.standing), fact);
                self.event_when(ctx, &parts);
            }
            Block::Attribution => {
                let (Some(about), Some((by, span, standing)), Some(to)) =
                    (parts.about, parts.by.clone(), parts.to)
                else {
                    return;
                };
                self.push_fact(span, standing, FactData::Attribution { id, by, about, to });
                self.event_when(ctx, &parts);
                for (basis, span, standing) in parts.bases.iter().cloned() {
                    self.push_fact(span, standing, FactData::Basis { id, basis });
                }
                // An attribution that does not say whether it is substantiated leaves it unknown,
                // as an act that does not state its intent does: the attribution rule turns on it.
                let (value, span, standing) = parts.substantiated.clone().unwrap_or((
                    Sym::UNKNOWN,
                    ctx.statement.span,
                    ctx.standing.merged(&Standing::unknown()),
                ));
                let (value, standing) = self.unknown_as_standing(value, standing);
                self.push_fact(span, standing, FactData::Substantiated { id, value });
            }
            Block::Consultation => {
                for (party, span, standing) in parts.between.iter().cloned() {
                    let about = parts.about;
                    self.push_fact(span, standing, FactData::Consultation { id, party, about });
                }
                self.event_when(ctx, &parts);
            }
            Block::Response => {
                let Some((by, span, standing)) = parts.by.clone() else {
                    return;
                };
                let against = parts.against.unwrap_or(Sym::UNKNOWN);
                for &kind in &parts.kinds {
                    self.push_fact(
                        span,
                        standing.clone(),
                        FactData::Response {
                            id,
                            by,
                            against,
                            about: parts.about,
                            kind,
                        },
                    );
                }
                self.event_when(ctx, &parts);
            }
            Block::Conflict => self.event_when(ctx, &parts),
            Block::Top
            | Block::Case
            | Block::State
            | Block::Organisation
            | Block::Organ
            | Block::Cert
            | Block::Actor
            | Block::Object
            | Block::Act
            | Block::Policy
            | Block::Conduct => {}
        }
    }

    /// A request's answers, in the order written. A request with no recorded answer has an
    /// unknown one: 13(h) turns on it. Each answer is dated no earlier than the request and
    /// than the answer before it, and only a refusal gives a reason.
    fn answers(&mut self, ctx: &Ctx<'_>, parts: &Parts) {
        let mut answers = parts.answers.clone();
        if answers.is_empty() {
            answers.push(Answer {
                word: Sym::UNKNOWN,
                on: None,
                reason: None,
                span: ctx.statement.span,
                standing: ctx.standing.merged(&Standing::unknown()),
            });
        }
        let none = self.case.interner.intern("none");
        let mut before: Option<(Date, Span)> = None;
        for a in answers {
            let what = ["the answer", "request", "requested here"];
            self.reply_not_before(a.on, a.span, parts, what);
            if let (Some((earlier, earlier_span)), Some(on)) = (before, a.on) {
                if on < earlier {
                    let other = Some((earlier_span, "the answer written before it".to_owned()));
                    let message = "this answer is dated before the answer written above it";
                    self.date_order(a.span, message, other);
                }
            }
            if let Some(on) = a.on {
                before = Some((on, a.span));
            }
            if a.reason.is_some() && self.case.name(a.word) != "refused" {
                let word = self.case.name(a.word).to_owned();
                self.error(
                    Diagnostic::error(
                        Code::ReasonWithoutRefusal,
                        a.span,
                        format!("an answer `{word}` gives no reason: only a refusal does"),
                    )
                    .with_label("`because` after an answer that is not a refusal")
                    .with_help(
                        "remove `because ...`, or write `answer refused ... because REASON`",
                    ),
                );
            }
            let (answer, standing) = self.unknown_as_standing(a.word, a.standing);
            let fact = FactData::Answer {
                id: ctx.id,
                answer,
                on: a.on,
                reason: a.reason.unwrap_or(none),
            };
            self.push_fact(a.span, standing, fact);
        }
    }

    /// Records the date of an event, to be checked against the act it is about once all is read.
    fn event_when(&mut self, ctx: &Ctx<'_>, parts: &Parts) {
        let Some((when, span, standing)) = parts.when.clone() else {
            return;
        };
        self.push_fact(span, standing, FactData::EventWhen { id: ctx.id, when });
        if let Some(about) = parts.about {
            self.dated_events.push((about, when.start(), span));
        }
    }

    /// A case is assessed as of its `assessed` date: a fact dated after it cannot be known
    /// then, and is most likely a typing error. A date known only to the month or year is late
    /// only if every day it may be is.
    pub(super) fn check_assessment_date(&mut self) {
        let Some(&assessed) = self.case.assessed.iter().max() else {
            return;
        };
        let mut late = Vec::new();
        for fact in &self.case.facts {
            let day = match &fact.data {
                FactData::ActWhen { when, .. } | FactData::EventWhen { when, .. } => {
                    Some(when.start().earliest)
                }
                FactData::KnownTo { on, .. } => Some(*on),
                FactData::Answer { on, .. } => *on,
                _ => None,
            };
            if day.is_some_and(|d| d > assessed) {
                late.push((fact.span, fact.data.clone()));
            }
        }
        for (span, data) in late {
            let day = match data {
                FactData::ActWhen { when, .. } | FactData::EventWhen { when, .. } => {
                    when.start().to_string()
                }
                FactData::KnownTo { on, .. } => on.to_string(),
                FactData::Answer { on: Some(on), .. } => on.to_string(),
                _ => continue,
            };
            self.error(
                Diagnostic::warning(
                    Code::AfterAssessment,
                    span,
                    format!("{day} is after the date the case is assessed at ({assessed})"),
                )
                .with_label("later than the assessment")
                .with_help("check the date, or move the case's `assessed` date forward"),
            );
        }
    }

    /// A reply (an acknowledgement, an answer) cannot be dated before what it replies to (before
    /// every day the event may have been, where its date is imprecise).
    /// `words` name the reply, the event and the label at the event's date.
    fn reply_not_before(
        &mut self,
        reply_on: Option<Date>,
        span: Span,
        event: &Parts,
        words: [&str; 3],
    ) {
        let [reply, what, label] = words;
        if let (Some((event_on, event_span, _)), Some(reply_on)) = (&event.when, reply_on) {
            if reply_on < event_on.start().earliest {
                let other = Some((*event_span, label.to_owned()));
                self.date_order(span, &format!("{reply} is dated before the {what}"), other);
            }
        }
    }

    /// An operation in reply cannot reply to itself, nor be dated before the act it replies to
    /// began (certainly before: where a date is imprecise, only if every day it may be is).
    pub(super) fn check_replies(&mut self) {
        let mut starts: SymMap<(Day, Span)> = SymMap::default();
        let mut replies = Vec::new();
        for f in &self.case.facts {
            match f.data {
                FactData::ActWhen { act, when } => {
                    starts.insert(act, (when.start(), f.span));
                }
                FactData::ReplyTo { act, to } => replies.push((act, to, f.span)),
                _ => {}
            }
        }
        for (act, to, span) in replies {
            let name = self.case.name(to).to_owned();
            if act == to {
                self.error(
                    Diagnostic::error(
                        Code::SelfReference,
                        span,
                        format!("`{name}` is said to be in reply to itself"),
                    )
                    .with_label("the act's own id")
                    .with_help("`in-reply-to` names the earlier act this operation answers"),
                );
                continue;
            }
            if let (Some(&(reply, _)), Some(&(earlier, earlier_span))) =
                (starts.get(&act), starts.get(&to))
            {
                if Order::no_later(earlier, reply) == Order::No {
                    self.date_order(
                        span,
                        &format!("this reply begins before `{name}` did ({earlier})"),
                        Some((earlier_span, format!("`{name}` begins here"))),
                    );
                }
            }
        }
    }

    /// An event about an act cannot come before the act began (certainly before: where a date
    /// is imprecise, only if every day it may be is earlier).
    pub(super) fn check_event_dates(&mut self) {
        let starts: SymMap<(Day, Span)> = self
            .case
            .facts
            .iter()
            .filter_map(|f| match &f.data {
                FactData::ActWhen { act, when } => Some((*act, (when.start(), f.span))),
                _ => None,
            })
            .collect();
        for (about, day, span) in std::mem::take(&mut self.dated_events) {
            if let Some(&(start, act_span)) = starts.get(&about) {
                if Order::no_later(start, day) == Order::No {
                    let act = self.case.name(about).to_owned();
                    self.date_order(
                        span,
                        &format!("this is dated before `{act}` began ({start})"),
                        Some((act_span, format!("`{act}` begins here"))),
                    );
                }
            }
        }
    }

    pub(super) fn date_order(&mut self, span: Span, message: &str, other: Option<(Span, String)>) {
        let mut d = Diagnostic::error(Code::DateOrder, span, message.to_owned());
        if let Some((other, label)) = other {
            d = d.with_secondary(other, label);
        }
        self.error(d.with_label("impossible order").with_help(
            "check both dates; an event cannot come before what it answers or concerns",
        ));
    }
}
