//! The case model: what a case file says, as owned data with byte spans. Every fact carries its
//! standing and its place, so that a finding can cite the exact line it rests on. `lower`
//! builds it from the syntax tree.

use std::collections::HashMap;
use std::fmt;

use crate::diagnostic::Span;
use crate::language::syntax::RawDate;

/// An interned word: an id from the case file or a vocabulary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(pub u32);

impl Sym {
    /// The value of a fact whose value is not known (`intent unknown`).
    pub const UNKNOWN: Sym = Sym(0);
}

#[derive(Debug, Clone)]
pub struct Interner {
    map: HashMap<String, Sym>,
    names: Vec<String>,
}

impl Default for Interner {
    fn default() -> Interner {
        let mut interner = Interner {
            map: HashMap::new(),
            names: Vec::new(),
        };
        interner.intern("?");
        interner
    }
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Sym(self.names.len() as u32);
        self.names.push(s.to_owned());
        self.map.insert(s.to_owned(), sym);
        sym
    }

    pub fn get(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.names.get(sym.0 as usize).map_or("?", String::as_str)
    }
}

/// A calendar date that has been checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date, if it exists on the calendar.
    pub fn from_raw(raw: RawDate) -> Option<Date> {
        let leap = raw.year % 4 == 0 && (raw.year % 100 != 0 || raw.year % 400 == 0);
        let days = match raw.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (raw.day >= 1 && raw.day <= days).then_some(Date {
            year: raw.year,
            month: raw.month,
            day: raw.day,
        })
    }
}

/// When something happened: a day, or a period that may still be going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: Date,
    /// `None` for a single day (`to == from`); `Some(None)` for an activity still going on.
    pub to: Option<Option<Date>>,
}

impl When {
    pub fn first(&self) -> Date {
        self.from
    }

    /// The last day, or `None` if still going on.
    pub fn last(&self) -> Option<Date> {
        match self.to {
            None => Some(self.from),
            Some(to) => to,
        }
    }

    pub fn contains(&self, day: Date) -> bool {
        day >= self.from && self.last().is_none_or(|last| day <= last)
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            None => write!(f, "{}", self.from),
            Some(Some(to)) => write!(f, "{}..{}", self.from, to),
            Some(None) => write!(f, "{}..", self.from),
        }
    }
}

/// How well established a fact is. Several clauses can hold at once: alleged by one State and
/// denied by another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    pub alleged_by: Vec<Sym>,
    pub disputed_by: Vec<Sym>,
    pub unknown: bool,
}

impl Standing {
    pub fn is_established(&self) -> bool {
        self.alleged_by.is_empty() && self.disputed_by.is_empty() && !self.unknown
    }

    pub fn unknown() -> Standing {
        Standing {
            unknown: true,
            ..Standing::default()
        }
    }

    /// The standing of a fact stated inside a block that has a standing of its own.
    pub fn merged(&self, other: &Standing) -> Standing {
        let mut out = self.clone();
        for s in &other.alleged_by {
            if !out.alleged_by.contains(s) {
                out.alleged_by.push(*s);
            }
        }
        for s in &other.disputed_by {
            if !out.disputed_by.contains(s) {
                out.disputed_by.push(*s);
            }
        }
        out.unknown |= other.unknown;
        out
    }
}

/// What kind of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    State,
    Organ,
    Actor,
    Object,
    Act,
    Notification,
    Request,
    Attribution,
    Consultation,
    Response,
    Conflict,
}

impl EntityKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::State => "a State",
            EntityKind::Organ => "a State organ",
            EntityKind::Actor => "a non-State actor",
            EntityKind::Object => "an object (infrastructure, system, product or vulnerability)",
            EntityKind::Act => "an act",
            EntityKind::Notification => "a notification",
            EntityKind::Request => "a request",
            EntityKind::Attribution => "an attribution",
            EntityKind::Consultation => "a consultation",
            EntityKind::Response => "a response",
            EntityKind::Conflict => "an armed conflict",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: Sym,
    pub kind: EntityKind,
    pub name: Option<String>,
    pub span: Span,
    pub standing: Standing,
    /// The `Declared` fact.
    pub fact: FactId,
}

pub type FactId = usize;

/// One thing the case file says, with where it says it and how well established it is.
#[derive(Debug, Clone)]
pub struct Fact {
    pub span: Span,
    pub standing: Standing,
    pub data: FactData,
}

/// The typed content of a fact. Ids are interned symbols; vocabulary words are interned too,
/// so that rules can match them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactData {
    Declared {
        id: Sym,
        kind: EntityKind,
    },
    OrganOf {
        organ: Sym,
        state: Sym,
    },
    OrganKind {
        organ: Sym,
        kind: Sym,
    },
    ActorKind {
        actor: Sym,
        kind: Sym,
    },
    /// A non-State actor's relation to a State: instructions, direction, control, support, toleration.
    Tie {
        actor: Sym,
        state: Sym,
        tie: Sym,
    },
    ActorIn {
        actor: Sym,
        state: Sym,
    },
    ObjectKind {
        object: Sym,
        kind: Sym,
    },
    LocatedIn {
        object: Sym,
        state: Sym,
    },
    Critical {
        object: Sym,
        sector: Sym,
    },
    Serves {
        object: Sym,
        state: Sym,
    },
    OperatedBy {
        object: Sym,
        actor: Sym,
    },
    Protection {
        object: Sym,
        level: Sym,
    },
    By {
        act: Sym,
        actor: Sym,
    },
    Against {
        act: Sym,
        target: Sym,
    },
    ActKind {
        act: Sym,
        kind: Sym,
    },
    Effect {
        act: Sym,
        effect: Sym,
    },
    Intent {
        act: Sym,
        intent: Sym,
    },
    Origin {
        act: Sym,
        place: Sym,
    },
    Transit {
        act: Sym,
        place: Sym,
    },
    Exploits {
        act: Sym,
        object: Sym,
    },
    ActWhen {
        act: Sym,
        when: When,
    },
    KnownTo {
        act: Sym,
        state: Sym,
        on: Date,
    },
    Notification {
        id: Sym,
        from: Sym,
        to: Sym,
        about: Sym,
    },
    Acknowledged {
        id: Sym,
        answer: Sym,
    },
    Request {
        id: Sym,
        from: Sym,
        to: Sym,
        about: Sym,
        kind: Sym,
    },
    Answer {
        id: Sym,
        answer: Sym,
        on: Option<Date>,
    },
    Attribution {
        id: Sym,
        by: Sym,
        about: Sym,
        to: Sym,
    },
    Basis {
        id: Sym,
        basis: Sym,
    },
    Substantiated {
        id: Sym,
        value: Sym,
    },
    Consultation {
        id: Sym,
        party: Sym,
        about: Option<Sym>,
    },
    Response {
        id: Sym,
        by: Sym,
        against: Sym,
        about: Option<Sym>,
        kind: Sym,
    },
    ConflictParty {
        id: Sym,
        party: Sym,
    },
    /// The date of an event (notification, request, attribution, consultation, response) or
    /// the period of an armed conflict.
    EventWhen {
        id: Sym,
        when: When,
    },
    /// A fact the scenario graph found missing, such as the date that would decide whether a
    /// State knew of an act in time; its standing is unknown.
    Undecided {
        text: String,
    },
}

/// What a worked case expects of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// `None` for "not implicated".
    pub status: Option<ExpectedStatus>,
    pub rule: String,
    pub rule_span: Span,
    /// `None` for any party.
    pub party: Option<Sym>,
    /// The act or event the finding is about; `None` for any.
    pub about: Option<Sym>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExpectedStatus {
    Implicated,
    ImplicatedIfAlleged,
    CannotAssess,
}

impl ExpectedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExpectedStatus::Implicated => "implicated",
            ExpectedStatus::ImplicatedIfAlleged => "implicated-if-alleged",
            ExpectedStatus::CannotAssess => "cannot-assess",
        }
    }
}

/// A lowered case file.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub title: String,
    pub title_span: Span,
    pub summary: Option<String>,
    pub sources: Vec<String>,
    pub assessed: Vec<Date>,
    pub entities: Vec<Entity>,
    pub entity_index: HashMap<Sym, usize>,
    /// Every fact, in file order. `graph::build` moves them into the `Scenario`.
    pub facts: Vec<Fact>,
    pub expectations: Vec<Expectation>,
    /// Paragraphs the analyst cites (`cite "A/76/135 ¶30(c)"`), checked against the corpus
    /// once the catalogue is at hand.
    pub citations: Vec<(String, Span)>,
    pub interner: Interner,
}

impl Case {
    pub fn entity(&self, id: Sym) -> Option<&Entity> {
        self.entity_index.get(&id).map(|&i| &self.entities[i])
    }

    pub fn kind_of(&self, id: Sym) -> Option<EntityKind> {
        self.entity(id).map(|e| e.kind)
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.interner.name(sym)
    }

    /// A sentence describing a fact, for evidence lists. Made on demand: most facts are never
    /// shown.
    pub fn describe(&self, fact: &Fact) -> String {
        let n = |s: Sym| self.name(s);
        match &fact.data {
            FactData::Declared { id, kind } => {
                format!("{} `{}` is declared", capitalize(kind.noun()), n(*id))
            }
            FactData::OrganOf { organ, state } => {
                format!("`{}` is an organ of {}", n(*organ), n(*state))
            }
            FactData::OrganKind { organ, kind } if n(*kind) == "cert" => {
                format!("`{}` is a CERT/CSIRT", n(*organ))
            }
            FactData::OrganKind { organ, kind }
            | FactData::ObjectKind {
                object: organ,
                kind,
            } => {
                format!("`{}` is of kind {}", n(*organ), n(*kind))
            }
            FactData::ActorKind { actor, kind } => {
                format!("`{}` is a non-State actor of kind {}", n(*actor), n(*kind))
            }
            FactData::Tie { actor, state, tie } => {
                let verb = match n(*tie) {
                    "instructions" => "acting on the instructions of",
                    "direction" => "directed by",
                    "control" => "controlled by",
                    "support" => "supported by",
                    _ => "tolerated by",
                };
                format!("`{}` is {verb} {}", n(*actor), n(*state))
            }
            FactData::ActorIn { actor, state } => format!(
                "`{}` operates from the territory of {}",
                n(*actor),
                n(*state)
            ),
            FactData::LocatedIn { object, state } => {
                format!("`{}` is in the territory of {}", n(*object), n(*state))
            }
            FactData::Critical { object, sector } => {
                format!(
                    "`{}` is designated critical infrastructure ({})",
                    n(*object),
                    n(*sector)
                )
            }
            FactData::Serves { object, state } => {
                format!("`{}` provides services to {}", n(*object), n(*state))
            }
            FactData::OperatedBy { object, actor } => {
                format!("`{}` is operated by `{}`", n(*object), n(*actor))
            }
            FactData::Protection { object, level } => {
                format!("protection of `{}`: {}", n(*object), n(*level))
            }
            FactData::By { act, actor } => {
                format!("`{}` is carried out by `{}`", n(*act), n(*actor))
            }
            FactData::Against { act, target } => {
                format!("`{}` is directed against `{}`", n(*act), n(*target))
            }
            FactData::ActKind { act, kind } => format!("`{}` is of kind {}", n(*act), n(*kind)),
            FactData::Effect { act, effect } => {
                format!("`{}` has the effect {}", n(*act), n(*effect))
            }
            FactData::Intent {
                act,
                intent: Sym::UNKNOWN,
            } => format!("the intent behind `{}` is not established", n(*act)),
            FactData::Intent { act, intent } => format!("`{}` is {}", n(*act), n(*intent)),
            FactData::Origin { act, place } => {
                format!("`{}` emanates from `{}`", n(*act), n(*place))
            }
            FactData::Transit { act, place } => {
                format!("`{}` transits through `{}`", n(*act), n(*place))
            }
            FactData::Exploits { act, object } => {
                format!("`{}` exploits `{}`", n(*act), n(*object))
            }
            FactData::ActWhen { act, when } => format!("`{}` takes place on {when}", n(*act)),
            FactData::KnownTo { act, state, on } => {
                format!("{} knows of `{}` on {on}", n(*state), n(*act))
            }
            FactData::Notification {
                from, to, about, ..
            } => format!("{} notifies {} about `{}`", n(*from), n(*to), n(*about)),
            FactData::Acknowledged { id, answer } => match n(*answer) {
                "yes" => format!("notification `{}` is acknowledged", n(*id)),
                "no" => format!("notification `{}` is not acknowledged", n(*id)),
                _ => format!(
                    "whether notification `{}` was acknowledged is unknown",
                    n(*id)
                ),
            },
            FactData::Request {
                from,
                to,
                about,
                kind,
                ..
            } => {
                format!(
                    "{} asks {} for {} about `{}`",
                    n(*from),
                    n(*to),
                    n(*kind),
                    n(*about)
                )
            }
            FactData::Answer {
                id,
                answer: Sym::UNKNOWN,
                ..
            } => format!("the answer to request `{}` is not known", n(*id)),
            FactData::Answer { id, answer, on } => {
                let dated = on.map(|d| format!(" on {d}")).unwrap_or_default();
                format!("request `{}` is answered: {}{dated}", n(*id), n(*answer))
            }
            FactData::Attribution { by, about, to, .. } => {
                format!("{} attributes `{}` to `{}`", n(*by), n(*about), n(*to))
            }
            FactData::Basis { id, basis } => {
                format!("attribution `{}` rests on {}", n(*id), n(*basis))
            }
            FactData::Substantiated { id, value } => match n(*value) {
                "yes" => format!("attribution `{}` is substantiated", n(*id)),
                "no" => format!("attribution `{}` is not substantiated", n(*id)),
                _ => format!(
                    "whether attribution `{}` is substantiated is unknown",
                    n(*id)
                ),
            },
            FactData::Consultation {
                id,
                party,
                about: Some(a),
            } => {
                format!(
                    "{} takes part in consultation `{}` about `{}`",
                    n(*party),
                    n(*id),
                    n(*a)
                )
            }
            FactData::Consultation {
                id,
                party,
                about: None,
            } => format!("{} takes part in consultation `{}`", n(*party), n(*id)),
            FactData::Response {
                by,
                against: Sym::UNKNOWN,
                kind,
                ..
            } => format!("{} responds with {}", n(*by), n(*kind)),
            FactData::Response {
                by, against, kind, ..
            } => format!(
                "{} responds against {} with {}",
                n(*by),
                n(*against),
                n(*kind)
            ),
            FactData::ConflictParty { id, party } => {
                format!("{} is a party to armed conflict `{}`", n(*party), n(*id))
            }
            FactData::EventWhen { id, when } => format!("`{}` is dated {when}", n(*id)),
            FactData::Undecided { text } => text.clone(),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
