//! What a case file says, one fact per statement line: the typed data of each kind of fact,
//! the sentence that describes it in evidence lists, the relation tuple it makes for the rules
//! and the edges it makes in the scenario graph. A new kind of fact is one variant here, with
//! its sentence, its row and its edges.

use super::model::{Date, EntityKind, Interner, Standing, Sym, When};
use crate::diagnostic::Span;
use crate::schema::{EdgeKind, Rel};

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
        /// The day it became so (a military objective, in dual use), if the file says.
        since: Option<Date>,
    },
    LocatedIn {
        object: Sym,
        state: Sym,
    },
    Critical {
        object: Sym,
        sector: Sym,
        /// The day it was designated, if the file says.
        since: Option<Date>,
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
    /// This operation was carried out on a State's instructions or under its direction or
    /// control (ARSIWA art. 8, per operation); `state` may be an organ of the State.
    OperationTie {
        act: Sym,
        state: Sym,
        tie: Sym,
    },
    /// The organ that carried the act out exceeded its authority or contravened instructions
    /// (`yes`, `no`, unknown): its conduct is still its State's (ARSIWA art. 7).
    ExceedsAuthority {
        act: Sym,
        value: Sym,
    },
    /// A State acknowledged and adopted the act as its own (ARSIWA art. 11).
    AdoptedBy {
        act: Sym,
        state: Sym,
    },
    /// A State praised or endorsed the act without adopting it: not its conduct.
    PraisedBy {
        act: Sym,
        state: Sym,
    },
    /// The act has effects on an object it was not aimed at.
    Affects {
        act: Sym,
        object: Sym,
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
    /// One answer to a request; `reason` is a refusal's reason, or `none`.
    Answer {
        id: Sym,
        answer: Sym,
        on: Option<Date>,
        reason: Sym,
    },
    /// A State's capacity to address ICT incidents in its territory.
    Capacity {
        state: Sym,
        level: Sym,
    },
    /// An act is an ICT operation in reply to an earlier act.
    ReplyTo {
        act: Sym,
        to: Sym,
    },
    /// A State assists another, under a request or not.
    Assistance {
        id: Sym,
        by: Sym,
        to: Sym,
        request: Option<Sym>,
    },
    /// An act used an assistance mission's access or opportunity.
    Using {
        act: Sym,
        mission: Sym,
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
    ConflictKind {
        id: Sym,
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
    /// A policy document is a State's draft.
    PolicyOf {
        document: Sym,
        state: Sym,
    },
    Provides {
        document: Sym,
        measure: Sym,
    },
    Declares {
        document: Sym,
        declaration: Sym,
    },
    /// Conduct (an act entity that describes no act) a policy document permits or requires.
    Provision {
        act: Sym,
        document: Sym,
        mode: Sym,
    },
    /// When a document permits or requires conduct: peacetime, armed-conflict or any.
    Context {
        act: Sym,
        context: Sym,
    },
    /// A fact the scenario graph found missing, such as the date that would decide whether a
    /// State knew of an act in time; its standing is unknown.
    Undecided {
        text: String,
    },
}

impl FactData {
    /// What the fact is about: the act, object, actor, event or document its statement is
    /// written under (`a1` for `intent intentional` in `act a1 { ... }`); `None` for a fact the
    /// scenario adds.
    pub fn subject(&self) -> Option<Sym> {
        use FactData as F;
        match *self {
            F::Declared { id, .. }
            | F::Notification { id, .. }
            | F::Acknowledged { id, .. }
            | F::Request { id, .. }
            | F::Answer { id, .. }
            | F::Assistance { id, .. }
            | F::Attribution { id, .. }
            | F::Basis { id, .. }
            | F::Substantiated { id, .. }
            | F::Consultation { id, .. }
            | F::Response { id, .. }
            | F::ConflictKind { id, .. }
            | F::ConflictParty { id, .. }
            | F::EventWhen { id, .. } => Some(id),
            F::OrganOf { organ, .. } | F::OrganKind { organ, .. } => Some(organ),
            F::ActorKind { actor, .. } | F::Tie { actor, .. } | F::ActorIn { actor, .. } => {
                Some(actor)
            }
            F::ObjectKind { object, .. }
            | F::LocatedIn { object, .. }
            | F::Critical { object, .. }
            | F::Serves { object, .. }
            | F::OperatedBy { object, .. }
            | F::Protection { object, .. } => Some(object),
            F::By { act, .. }
            | F::Against { act, .. }
            | F::ActKind { act, .. }
            | F::Effect { act, .. }
            | F::Intent { act, .. }
            | F::Origin { act, .. }
            | F::Transit { act, .. }
            | F::Exploits { act, .. }
            | F::ActWhen { act, .. }
            | F::OperationTie { act, .. }
            | F::ExceedsAuthority { act, .. }
            | F::AdoptedBy { act, .. }
            | F::PraisedBy { act, .. }
            | F::Affects { act, .. }
            | F::KnownTo { act, .. }
            | F::ReplyTo { act, .. }
            | F::Using { act, .. }
            | F::Provision { act, .. }
            | F::Context { act, .. } => Some(act),
            F::Capacity { state, .. } => Some(state),
            F::PolicyOf { document, .. }
            | F::Provides { document, .. }
            | F::Declares { document, .. } => Some(document),
            F::Undecided { .. } => None,
        }
    }

    /// The first day the fact holds, for facts that say so (a designation as critical
    /// infrastructure since a date): conduct that ended before cannot rest on it.
    pub fn holds_from(&self) -> Option<Date> {
        match self {
            FactData::Critical { since, .. } | FactData::ObjectKind { since, .. } => *since,
            _ => None,
        }
    }

    /// A sentence describing a fact, for evidence lists. Made on demand: most facts are never
    /// shown.
    pub fn describe(&self, names: &Interner) -> String {
        let n = |s: Sym| names.name(s);
        match self {
            FactData::Declared { id, kind } => {
                format!("{} `{}` is declared", capitalize(kind.noun()), n(*id))
            }
            FactData::OrganOf { organ, state } => {
                format!("`{}` is an organ of {}", n(*organ), n(*state))
            }
            FactData::OrganKind { organ, kind } if n(*kind) == "cert" => {
                format!("`{}` is a CERT/CSIRT", n(*organ))
            }
            FactData::ObjectKind {
                object,
                kind,
                since: Some(day),
            } => format!("`{}` is of kind {} since {day}", n(*object), n(*kind)),
            FactData::OrganKind { organ, kind }
            | FactData::ObjectKind {
                object: organ,
                kind,
                ..
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
            FactData::OperationTie { act, state, tie } => {
                let how = match n(*tie) {
                    "instructions" => "on the instructions of",
                    "direction" => "under the direction of",
                    _ => "under the control of",
                };
                format!("`{}` is carried out {how} {}", n(*act), n(*state))
            }
            FactData::ExceedsAuthority { act, value } => match n(*value) {
                "yes" => format!(
                    "in `{}`, the organ exceeded its authority or contravened instructions",
                    n(*act)
                ),
                "no" => format!("in `{}`, the organ acted within its authority", n(*act)),
                _ => format!(
                    "whether the organ exceeded its authority in `{}` is unknown",
                    n(*act)
                ),
            },
            FactData::AdoptedBy { act, state } => format!(
                "{} acknowledges and adopts `{}` as its own",
                n(*state),
                n(*act)
            ),
            FactData::Affects { act, object } => {
                format!(
                    "`{}` affects `{}`, which it was not aimed at",
                    n(*act),
                    n(*object)
                )
            }
            FactData::PraisedBy { act, state } => format!(
                "{} praises `{}` without adopting it as its own",
                n(*state),
                n(*act)
            ),
            FactData::ActorIn { actor, state } => format!(
                "`{}` operates from the territory of {}",
                n(*actor),
                n(*state)
            ),
            FactData::LocatedIn { object, state } => {
                format!("`{}` is in the territory of {}", n(*object), n(*state))
            }
            FactData::Critical {
                object,
                sector,
                since: Some(day),
            } => format!(
                "`{}` is designated critical infrastructure ({}) since {day}",
                n(*object),
                n(*sector)
            ),
            FactData::Critical { object, sector, .. } => {
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
            FactData::Answer {
                id,
                answer,
                on,
                reason,
            } => {
                let dated = on.map(|d| format!(" on {d}")).unwrap_or_default();
                let because = match (n(*answer), n(*reason)) {
                    ("refused", "none") => " without a reason given".to_owned(),
                    (_, "none") => String::new(),
                    (_, "capacity") => " for lack of capacity".to_owned(),
                    (_, "not-appropriate") => " as not an appropriate request".to_owned(),
                    (_, reason) => format!(" on grounds of {reason}"),
                };
                format!(
                    "request `{}` is answered: {}{because}{dated}",
                    n(*id),
                    n(*answer)
                )
            }
            FactData::Capacity { state, level } => match n(*level) {
                "lacking" => format!("{} lacks the capacity to address ICT incidents", n(*state)),
                "adequate" => format!("{} has the capacity to address ICT incidents", n(*state)),
                _ => format!(
                    "{}'s capacity to address ICT incidents is unknown",
                    n(*state)
                ),
            },
            FactData::ReplyTo { act, to } => {
                format!("`{}` is an operation in reply to `{}`", n(*act), n(*to))
            }
            FactData::Assistance {
                id,
                by,
                to,
                request,
            } => {
                let under = request
                    .map(|r| format!(" under request `{}`", n(r)))
                    .unwrap_or_default();
                format!("{} assists {} (`{}`){under}", n(*by), n(*to), n(*id))
            }
            FactData::Using { act, mission } => format!(
                "`{}` used the access of assistance `{}`",
                n(*act),
                n(*mission)
            ),
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
            FactData::ConflictKind { id, kind } => {
                format!("`{}` is {} armed conflict", n(*id), article(n(*kind)))
            }
            FactData::ConflictParty { id, party } => {
                format!("{} is a party to armed conflict `{}`", n(*party), n(*id))
            }
            FactData::EventWhen { id, when } => format!("`{}` is dated {when}", n(*id)),
            FactData::PolicyOf { document, state } => {
                format!("`{}` is a policy document of {}", n(*document), n(*state))
            }
            FactData::Provides { document, measure } => {
                format!("`{}` provides {}", n(*document), n(*measure))
            }
            FactData::Declares {
                document,
                declaration,
            } => format!("`{}` declares {}", n(*document), n(*declaration)),
            FactData::Provision {
                act,
                document,
                mode,
            } => format!("`{}` {} `{}`", n(*document), n(*mode), n(*act)),
            FactData::Context { act, context } => match n(*context) {
                "peacetime" => format!("`{}` is conduct in peacetime", n(*act)),
                "armed-conflict" => format!("`{}` is conduct in armed conflict", n(*act)),
                _ => format!(
                    "`{}` is conduct in peacetime and in armed conflict alike",
                    n(*act)
                ),
            },
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

impl FactData {
    /// The relation tuple this fact adds for the rules, if any: `emit(relation, values)`, with
    /// one value per field of the relation.
    pub fn row(&self, emit: impl FnOnce(Rel, &[Sym])) {
        use FactData as F;
        match *self {
            F::Declared {
                id,
                kind: EntityKind::State,
            } => emit(Rel::State, &[id]),
            F::OrganOf { organ, state } => emit(Rel::OrganOf, &[organ, state]),
            F::OrganKind { organ, kind } => emit(Rel::OrganKind, &[organ, kind]),
            F::ActorKind { actor, kind } => emit(Rel::ActorKind, &[actor, kind]),
            F::Tie { actor, state, tie } => emit(Rel::Tie, &[actor, state, tie]),
            F::ActorIn { actor, state } => emit(Rel::ActorIn, &[actor, state]),
            F::ObjectKind { object, kind, .. } => emit(Rel::ObjectKind, &[object, kind]),
            F::LocatedIn { object, state } => emit(Rel::LocatedIn, &[object, state]),
            F::Critical { object, sector, .. } => emit(Rel::Critical, &[object, sector]),
            F::Serves { object, state } => emit(Rel::Serves, &[object, state]),
            F::OperatedBy { object, actor } => emit(Rel::OperatedBy, &[object, actor]),
            F::Protection { object, level } => emit(Rel::Protection, &[object, level]),
            F::By { act, actor } => emit(Rel::By, &[act, actor]),
            F::Against { act, target } => emit(Rel::Against, &[act, target]),
            F::ActKind { act, kind } => emit(Rel::ActKind, &[act, kind]),
            F::Effect { act, effect } => emit(Rel::Effect, &[act, effect]),
            F::Intent { act, intent } => emit(Rel::Intent, &[act, intent]),
            F::Exploits { act, object } => emit(Rel::Exploits, &[act, object]),
            F::Notification {
                id,
                from,
                to,
                about,
            } => emit(Rel::Notification, &[id, from, to, about]),
            F::Acknowledged { id, answer } => emit(Rel::Acknowledged, &[id, answer]),
            F::Request {
                id,
                from,
                to,
                about,
                kind,
            } => emit(Rel::Request, &[id, from, to, about, kind]),
            F::Answer {
                id, answer, reason, ..
            } => emit(Rel::Answer, &[id, answer, reason]),
            F::Capacity { state, level } => emit(Rel::Capacity, &[state, level]),
            F::ReplyTo { act, to } => emit(Rel::ReplyTo, &[act, to]),
            F::Assistance { id, by, to, .. } => emit(Rel::Assistance, &[id, by, to]),
            F::Using { act, mission } => emit(Rel::Using, &[act, mission]),
            F::Attribution { id, by, about, to } => emit(Rel::Attribution, &[id, by, about, to]),
            F::Basis { id, basis } => emit(Rel::Basis, &[id, basis]),
            F::Substantiated { id, value } => emit(Rel::Substantiated, &[id, value]),
            F::Consultation { id, party, about } => emit(
                Rel::Consultation,
                &[id, party, about.unwrap_or(Sym::UNKNOWN)],
            ),
            F::Response {
                id,
                by,
                against,
                about,
                kind,
            } => emit(
                Rel::Response,
                &[id, by, against, about.unwrap_or(Sym::UNKNOWN), kind],
            ),
            F::ConflictParty { id, party } => emit(Rel::ConflictParty, &[id, party]),
            F::ConflictKind { id, kind } => emit(Rel::ConflictKind, &[id, kind]),
            F::PolicyOf { document, state } => emit(Rel::Policy, &[document, state]),
            F::Provides { document, measure } => emit(Rel::Provides, &[document, measure]),
            F::Declares {
                document,
                declaration,
            } => emit(Rel::Declares, &[document, declaration]),
            F::Provision {
                act,
                document,
                mode,
            } => emit(Rel::Provision, &[act, document, mode]),
            F::Context { act, context } => emit(Rel::Context, &[act, context]),
            // Origins, dates and awareness feed the derived relations instead; an undecided
            // fact is made by the scenario, after the rows.
            F::Declared { .. }
            | F::Origin { .. }
            | F::Transit { .. }
            | F::ActWhen { .. }
            | F::KnownTo { .. }
            | F::EventWhen { .. }
            | F::Undecided { .. } => {}
            // Whose conduct an act is feeds `conduct_of`.
            F::ExceedsAuthority { act, value } => emit(Rel::ExceedsAuthority, &[act, value]),
            F::Affects { act, object } => emit(Rel::Affects, &[act, object]),
            F::OperationTie { .. } | F::AdoptedBy { .. } | F::PraisedBy { .. } => {}
        }
    }

    /// The edges this fact adds to the scenario graph: `emit(from, to, kind)`.
    pub fn edges(&self, mut emit: impl FnMut(Sym, Sym, EdgeKind)) {
        use FactData as F;
        match *self {
            F::OrganOf { organ, state } => emit(organ, state, EdgeKind::OrganOf),
            F::Tie { actor, state, .. } => emit(actor, state, EdgeKind::Tie),
            F::ActorIn { actor, state } => emit(actor, state, EdgeKind::ActorIn),
            F::LocatedIn { object, state } => emit(object, state, EdgeKind::LocatedIn),
            F::Serves { object, state } => emit(object, state, EdgeKind::Serves),
            F::OperatedBy { object, actor } => emit(object, actor, EdgeKind::OperatedBy),
            F::By { act, actor } => emit(act, actor, EdgeKind::By),
            F::Against { act, target } => emit(act, target, EdgeKind::Against),
            F::Origin { act, place } => emit(act, place, EdgeKind::Origin),
            F::Transit { act, place } => emit(act, place, EdgeKind::Transit),
            F::Exploits { act, object } => emit(act, object, EdgeKind::Exploits),
            F::KnownTo { act, state, .. } => emit(act, state, EdgeKind::KnownTo),
            F::OperationTie { act, state, .. } => emit(act, state, EdgeKind::Tie),
            F::AdoptedBy { act, state } => emit(act, state, EdgeKind::AdoptedBy),
            F::PraisedBy { act, state } => emit(act, state, EdgeKind::PraisedBy),
            F::Affects { act, object } => emit(act, object, EdgeKind::Affects),
            F::Notification {
                id,
                from,
                to,
                about,
            }
            | F::Request {
                id,
                from,
                to,
                about,
                ..
            } => {
                emit(id, from, EdgeKind::From);
                emit(id, to, EdgeKind::To);
                emit(id, about, EdgeKind::About);
            }
            F::Attribution { id, by, about, to } => {
                emit(id, by, EdgeKind::From);
                emit(id, about, EdgeKind::About);
                emit(id, to, EdgeKind::AttributedTo);
            }
            F::Consultation { id, party, about } => {
                emit(id, party, EdgeKind::Party);
                if let Some(about) = about {
                    emit(id, about, EdgeKind::About);
                }
            }
            F::Response {
                id,
                by,
                against,
                about,
                ..
            } => {
                emit(id, by, EdgeKind::From);
                if against != Sym::UNKNOWN {
                    emit(id, against, EdgeKind::To);
                }
                if let Some(about) = about {
                    emit(id, about, EdgeKind::About);
                }
            }
            F::ConflictParty { id, party } => emit(id, party, EdgeKind::Party),
            F::ReplyTo { act, to } => emit(act, to, EdgeKind::About),
            F::Assistance {
                id,
                by,
                to,
                request,
            } => {
                emit(id, by, EdgeKind::From);
                emit(id, to, EdgeKind::To);
                if let Some(request) = request {
                    emit(id, request, EdgeKind::About);
                }
            }
            F::Using { act, mission } => emit(act, mission, EdgeKind::About),
            F::ConflictKind { .. } | F::Capacity { .. } => {}
            F::PolicyOf { document, state } => emit(document, state, EdgeKind::Of),
            F::Provision { act, document, .. } => emit(document, act, EdgeKind::Provides),
            F::Declared { .. }
            | F::OrganKind { .. }
            | F::ActorKind { .. }
            | F::ObjectKind { .. }
            | F::Critical { .. }
            | F::Protection { .. }
            | F::ActKind { .. }
            | F::Effect { .. }
            | F::Intent { .. }
            | F::ActWhen { .. }
            | F::Acknowledged { .. }
            | F::Answer { .. }
            | F::Basis { .. }
            | F::Substantiated { .. }
            | F::EventWhen { .. }
            | F::Provides { .. }
            | F::Declares { .. }
            | F::Context { .. }
            | F::ExceedsAuthority { .. }
            | F::Undecided { .. } => {}
        }
    }
}

/// "an international", "a non-international".
fn article(word: &str) -> String {
    match word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => format!("an {word}"),
        false => format!("a {word}"),
    }
}
