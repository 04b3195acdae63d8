//! The case language as one table: every statement, where it may appear, the values it takes,
//! whether it may be repeated or must be present, and what it makes. Lowering reads this table
//! (there is no other list of keywords), and the README's language reference is generated from
//! it (`reference_markdown`, checked by a test).
//!
//! To add a property keyword: add a row here whose `makes` builds the fact, and, if it is a new
//! kind of fact, a `FactData` variant in `fact.rs` with its sentence, row and edges.

use super::fact::FactData;
use super::model::{Date, EntityKind, Interner, Sym, When};
use crate::schema::vocabulary as v;

/// What kind of block a statement sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Block {
    /// The top level of a case file.
    Top,
    Case,
    State,
    /// `organisation` and `source`: declared, named, and otherwise only noted.
    Organisation,
    Organ,
    Cert,
    Actor,
    /// `infrastructure`, `system`, `product` and `vulnerability`.
    Object,
    Act,
    Notification,
    Request,
    Attribution,
    Consultation,
    Response,
    /// `assistance ID { ... }`: a State's assistance to another.
    Assistance,
    Conflict,
    /// `policy ID "Title" { ... }`: a policy document.
    Policy,
    /// `permits` and `requires`: conduct a policy document describes.
    Conduct,
}

impl Block {
    pub const ALL: [Block; 18] = [
        Block::Top,
        Block::Case,
        Block::State,
        Block::Organisation,
        Block::Organ,
        Block::Cert,
        Block::Actor,
        Block::Object,
        Block::Act,
        Block::Notification,
        Block::Request,
        Block::Attribution,
        Block::Consultation,
        Block::Response,
        Block::Assistance,
        Block::Conflict,
        Block::Policy,
        Block::Conduct,
    ];
}

/// One kind of value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// The id of something declared, of one of these kinds.
    Id(&'static [EntityKind]),
    /// One of these words.
    Word(&'static [&'static str]),
    /// A calendar date, `2017-06-27`.
    Date,
    /// A date or a period, `2017-06-27..2017-06-29` or `2022-02-24..`.
    When,
    /// Quoted text.
    Text,
}

/// The values a statement takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// Exactly one value.
    One(Value),
    /// One or more values; the statement makes one fact per value.
    Many(Value),
    /// One or more values, optionally followed by `since DATE`: the statement makes one fact
    /// per value, each given the date as a second value when there is one.
    ManySince(Value),
    /// Two or more values.
    AtLeastTwo(Value),
    /// One value of either kind.
    Either(Value, Value),
    /// These values in order, the last one optional if `optional_last`; `wanted` says it in
    /// words for messages.
    Seq {
        values: &'static [Value],
        optional_last: bool,
        wanted: &'static str,
    },
    /// `ID "Name"`: a declaration.
    Declaration,
    /// `STATUS RULE [for STATE] [about ID]`: an expectation.
    Expectation,
    /// `RULE "reason" [for STATE] [about ID] [until DATE]`: a suppression.
    Suppression,
    /// `ANSWER [DATE] [because REASON]`: one answer to a request, its date, and for a
    /// refusal the reason it gives.
    Answer { answers: Value, reasons: Value },
}

/// A value that has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    Sym(Sym),
    Date(Date),
    When(When),
    Text(String),
}

impl Checked {
    pub fn sym(&self) -> Option<Sym> {
        match self {
            Checked::Sym(s) => Some(*s),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self {
            Checked::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn when(&self) -> Option<When> {
        match self {
            Checked::When(w) => Some(*w),
            _ => None,
        }
    }
}

/// Builds a fact from the block's id and a statement's checked values (one value, or all of
/// a `Seq`); the interner gives the words a fact records.
pub type MakeFact = fn(Sym, &[Checked], &mut Interner) -> Option<FactData>;

/// A part of an event that lowering assembles with the block's other parts into the event's
/// facts (a notification needs `from`, `to` and `about` together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    From,
    To,
    About,
    When,
    By,
    Against,
    Kind,
    Answer,
    Acknowledged,
    Between,
    Basis,
    Substantiated,
    /// The request an assistance mission answers.
    Under,
}

/// Where the kind of a declared object or organ comes from when its block does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpliedKind {
    None,
    /// The keyword states the kind (`cert` is an organ of kind cert).
    Stated(&'static str),
    /// The kind unless the block has a `kind` statement (`product`).
    Default(&'static str),
}

/// What a statement makes.
#[derive(Clone, Copy)]
pub enum Makes {
    /// `case "Title" { ... }`.
    CaseBlock,
    /// A top-level declaration of an entity, with its block.
    Declares {
        entity: EntityKind,
        block: Block,
        kind: ImpliedKind,
    },
    /// `expect ...`.
    Expectation,
    /// `suppress ...`.
    Suppression,
    Summary,
    Source,
    Assessed,
    /// Free text for readers.
    Note,
    /// A paragraph the analyst points to, checked against the corpus.
    Cite,
    /// A fact per value (or one for a `Seq`), from the block's id and the value(s).
    Fact(MakeFact),
    /// A part of the block's event.
    Part(Part),
}

/// What happens when a block lacks a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// Nothing: the statement is optional.
    Fine,
    /// A `missing-statement` error.
    Error,
    /// An unknown fact, made by the row's `makes` with the value unknown (a missing `intent`
    /// is an unknown intent: 13(f) turns on it).
    Unknown,
}

/// One statement of the language.
#[derive(Clone, Copy)]
pub struct Statement {
    pub keyword: &'static str,
    pub blocks: &'static [Block],
    pub values: Values,
    /// May appear at most once in its block.
    pub once: bool,
    pub absent: Absent,
    /// The word `unknown` leaves the fact's value unknown (it then matches any word a rule
    /// asks for, and the finding says `cannot-assess`).
    pub unknown_word: bool,
    pub makes: Makes,
    /// What the statement says, for the language reference and for help lines: `the State
    /// it belongs to, e.g. `of UA``.
    pub doc: &'static str,
}

const ACTORS: &[EntityKind] = &[EntityKind::State, EntityKind::Organ, EntityKind::Actor];
/// Who can allege or deny a fact, and who an expectation is for: actors, and international
/// organisations.
const ACTORS_AND_ORGANISATIONS: &[EntityKind] = &[
    EntityKind::State,
    EntityKind::Organ,
    EntityKind::Actor,
    EntityKind::Organisation,
    EntityKind::Source,
];
/// Who can attribute an act publicly.
const ATTRIBUTORS: &[EntityKind] = &[EntityKind::State, EntityKind::Organisation];
const STATES: &[EntityKind] = &[EntityKind::State];
/// A State, or an organ of one (a group directed by an intelligence service is tied to its
/// State).
const STATE_OR_ORGAN: &[EntityKind] = &[EntityKind::State, EntityKind::Organ];
const PLACES: &[EntityKind] = &[EntityKind::State, EntityKind::Object];
const TARGETS: &[EntityKind] = &[
    EntityKind::Object,
    EntityKind::State,
    EntityKind::Organ,
    EntityKind::Actor,
];
const ACTS: &[EntityKind] = &[EntityKind::Act];
const REQUESTS: &[EntityKind] = &[EntityKind::Request];
const MISSIONS: &[EntityKind] = &[EntityKind::Assistance];
const OBJECTS: &[EntityKind] = &[EntityKind::Object];
/// Anything an expectation can be about.
pub const ANY: &[EntityKind] = &[
    EntityKind::State,
    EntityKind::Organ,
    EntityKind::Actor,
    EntityKind::Object,
    EntityKind::Act,
    EntityKind::Notification,
    EntityKind::Request,
    EntityKind::Attribution,
    EntityKind::Consultation,
    EntityKind::Response,
    EntityKind::Assistance,
    EntityKind::Conflict,
    EntityKind::Document,
    EntityKind::Organisation,
];
/// Who can allege or deny a fact, and who an expectation is for.
pub const PARTIES: &[EntityKind] = ACTORS_AND_ORGANISATIONS;

/// Every block but the top level (which `Block::ALL` lists first).
const EVERY_BLOCK: &[Block] = Block::ALL.split_at(1).1;
const EVENTS: &[Block] = &[
    Block::Notification,
    Block::Request,
    Block::Attribution,
    Block::Consultation,
    Block::Response,
    Block::Assistance,
];
const MESSAGES: &[Block] = &[Block::Notification, Block::Request];

/// A row with the defaults most statements share.
const fn row(
    keyword: &'static str,
    blocks: &'static [Block],
    values: Values,
    makes: Makes,
    doc: &'static str,
) -> Statement {
    Statement {
        keyword,
        blocks,
        values,
        once: false,
        absent: Absent::Fine,
        unknown_word: false,
        makes,
        doc,
    }
}

impl Statement {
    const fn once(mut self) -> Statement {
        self.once = true;
        self
    }

    const fn required(mut self) -> Statement {
        self.absent = Absent::Error;
        self
    }

    const fn unknown_if_absent(mut self) -> Statement {
        self.absent = Absent::Unknown;
        self
    }

    const fn unknown_word(mut self) -> Statement {
        self.unknown_word = true;
        self
    }
}

const fn declares(
    keyword: &'static str,
    entity: EntityKind,
    block: Block,
    kind: ImpliedKind,
    doc: &'static str,
) -> Statement {
    row(
        keyword,
        &[Block::Top],
        Values::Declaration,
        Makes::Declares {
            entity,
            block,
            kind,
        },
        doc,
    )
}

use Block as B;
use FactData as F;
use Value::{Id, Text, Word};

/// Every statement of the language. Order matters only for messages and the reference: rows
/// are listed in the order a reader meets them.
pub const STATEMENTS: &[Statement] = &[
    // The top level.
    row("case", &[B::Top], Values::One(Text), Makes::CaseBlock, "the case: `case \"Title\" { summary, source, assessed }`; one per file"),
    declares("state", EntityKind::State, B::State, ImpliedKind::None, "a State"),
    declares("organisation", EntityKind::Organisation, B::Organisation, ImpliedKind::None, "an international organisation (the EU, NATO): it can attribute acts and allege or deny facts (`alleged by EU`); the norms address States, so it is never the party of a finding"),
    declares("source", EntityKind::Source, B::Organisation, ImpliedKind::None, "a statement, report or court document facts come from: `source ncsc \"NCSC statement, 15 February 2018, https://...\"`, named in a fact's standing as `(alleged by GB; source ncsc)`"),
    declares("organ", EntityKind::Organ, B::Organ, ImpliedKind::None, "a State organ (ARSIWA art. 4)"),
    declares("cert", EntityKind::Organ, B::Cert, ImpliedKind::Stated("cert"), "an authorized emergency response team: an organ of kind `cert`"),
    declares("actor", EntityKind::Actor, B::Actor, ImpliedKind::None, "a non-State actor"),
    declares("infrastructure", EntityKind::Object, B::Object, ImpliedKind::Default("system"), "infrastructure (of kind `system` unless its block says)"),
    declares("system", EntityKind::Object, B::Object, ImpliedKind::Default("system"), "an ICT system"),
    declares("product", EntityKind::Object, B::Object, ImpliedKind::Default("product"), "an ICT product"),
    declares("vulnerability", EntityKind::Object, B::Object, ImpliedKind::Default("vulnerability"), "a vulnerability in a product or system"),
    declares("act", EntityKind::Act, B::Act, ImpliedKind::None, "an act: an ICT operation or incident"),
    declares("notification", EntityKind::Notification, B::Notification, ImpliedKind::None, "a notification from one State to another about an act"),
    declares("request", EntityKind::Request, B::Request, ImpliedKind::None, "a request from one State to another about an act"),
    declares("attribution", EntityKind::Attribution, B::Attribution, ImpliedKind::None, "a State's attribution of an act to an actor"),
    declares("consultation", EntityKind::Consultation, B::Consultation, ImpliedKind::None, "a consultation between States about an act"),
    declares("response", EntityKind::Response, B::Response, ImpliedKind::None, "a State's response to an incident"),
    declares("assistance", EntityKind::Assistance, B::Assistance, ImpliedKind::None, "a State's assistance to another, usually under a request: `assistance m1 { by XC; to XB; under r1; on 2021-03-01..2021-04-15 }` (A/76/135 ¶30(b))"),
    declares("conflict", EntityKind::Conflict, B::Conflict, ImpliedKind::None, "an armed conflict and its period"),
    declares("policy", EntityKind::Document, B::Policy, ImpliedKind::None, "a policy document (a draft strategy, doctrine or plan) instead of a case: `policy ID \"Title\" { of STATE }`; one per file"),
    declares("permits", EntityKind::Act, B::Conduct, ImpliedKind::None, "conduct the policy document permits, described like an act: checked by the same rules, whose findings say `would-implicate`"),
    declares("requires", EntityKind::Act, B::Conduct, ImpliedKind::None, "conduct the policy document requires, described like an act"),
    row("provides", &[B::Top], Values::Many(Word(v::MEASURES)), Makes::Fact(|document, v, _| Some(F::Provides { document, measure: v.first()?.sym()? })), "measures the policy document provides, e.g. `provides national-cert, cert-mandate`; `(unknown)` for one said to be in a classified annex"),
    row("declares", &[B::Top], Values::Many(Word(v::DECLARATIONS)), Makes::Fact(|document, v, _| Some(F::Declares { document, declaration: v.first()?.sym()? })), "what the policy document declares, e.g. `declares cert-not-for-malice`"),
    row("suppress", &[B::Top], Values::Suppression, Makes::Suppression, "sets a finding aside, with the reason: `suppress RULE \"reason\" [for STATE] [about ID] [until YYYY-MM-DD]`; it is still listed in JSON and SARIF"),
    row("expect", &[B::Top], Values::Expectation, Makes::Expectation, "what a worked case expects: `expect implicated RULE for STATE [about ID]`, `expect not RULE [for STATE]`"),
    // The case block.
    row("summary", &[B::Case, B::Policy], Values::One(Text), Makes::Summary, "one paragraph on the incident").once(),
    row("source", &[B::Case, B::Policy], Values::One(Text), Makes::Source, "a URL or document reference; as many as needed"),
    row("assessed", &[B::Case, B::Policy], Values::Many(Value::Date), Makes::Assessed, "the date(s) the assessment speaks for"),
    // States.
    row("capacity", &[B::State], Values::One(Word(v::CAPACITY)), Makes::Fact(|state, v, _| Some(F::Capacity { state, level: v.first()?.sym()? })), "whether the State has the capacity to address ICT incidents in its territory: `lacking`, `adequate`, or `unknown` where that is open (A/76/135 ¶30(b)); when absent, capacity is not at issue").once().unknown_word(),
    // State organs.
    row("of", &[B::Organ, B::Cert], Values::One(Id(STATES)), Makes::Fact(|organ, v, _| Some(F::OrganOf { organ, state: v.first()?.sym()? })), "the State it belongs to, e.g. `of UA`").once().required(),
    row("kind", &[B::Organ], Values::One(Word(v::ORGAN_KINDS)), Makes::Fact(|organ, v, _| Some(F::OrganKind { organ, kind: v.first()?.sym()? })), "what kind of organ it is").required(),
    row("kind", &[B::Cert], Values::One(Word(v::ORGAN_KINDS)), Makes::Fact(|organ, v, _| Some(F::OrganKind { organ, kind: v.first()?.sym()? })), "a further kind: it is of kind `cert` already"),
    // Non-State actors.
    row("kind", &[B::Actor], Values::One(Word(v::ACTOR_KINDS)), Makes::Fact(|actor, v, _| Some(F::ActorKind { actor, kind: v.first()?.sym()? })), "what kind of actor it is"),
    row("in", &[B::Actor], Values::Many(Id(STATES)), Makes::Fact(|actor, v, _| Some(F::ActorIn { actor, state: v.first()?.sym()? })), "the State(s) it operates from"),
    row("instructed-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("instructions") })), "acts on the instructions of a State (or of its organ): its acts are that State's conduct (ARSIWA art. 8), though control is assessed per operation: prefer the same statement inside the act"),
    row("directed-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("direction") })), "acts under the direction of a State or its organ (ARSIWA art. 8; see `instructed-by`)"),
    row("controlled-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("control") })), "acts under the control of a State or its organ (ARSIWA art. 8; see `instructed-by`)"),
    row("supported-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("support") })), "supported by a State; support alone does not make its acts the State's conduct"),
    row("financed-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("support") })), "financed by a State (support)"),
    row("tooled-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("support") })), "equipped with tools by a State (support)"),
    row("tolerated-by", &[B::Actor], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|actor, v, words| Some(F::Tie { actor, state: v.first()?.sym()?, tie: words.intern("toleration") })), "tolerated by a State on its territory"),
    // Objects.
    row("in", &[B::Object], Values::One(Id(STATES)), Makes::Fact(|object, v, _| Some(F::LocatedIn { object, state: v.first()?.sym()? })), "the State whose territory it is in"),
    row("critical", &[B::Object], Values::ManySince(Word(v::SECTORS)), Makes::Fact(|object, v, _| Some(F::Critical { object, sector: v.first()?.sym()?, since: v.get(1).and_then(Checked::date) })), "designated critical infrastructure by that State, with its sector(s) (A/76/135 ¶45), and the day it was designated if known: `critical elections since 2017-01-06` (an act that ended before is not an act against designated critical infrastructure)"),
    row("serves", &[B::Object], Values::Many(Id(STATES)), Makes::Fact(|object, v, _| Some(F::Serves { object, state: v.first()?.sym()? })), "the States it provides services to"),
    row("kind", &[B::Object], Values::ManySince(Word(v::OBJECT_KINDS)), Makes::Fact(|object, v, _| Some(F::ObjectKind { object, kind: v.first()?.sym()?, since: v.get(1).and_then(Checked::date) })), "what kind of object it is; `military-objective` or `dual-use` (civilian and military use) may carry the day from which it is so: `kind dual-use since 2022-02-24`"),
    row("operated-by", &[B::Object], Values::One(Id(ACTORS)), Makes::Fact(|object, v, _| Some(F::OperatedBy { object, actor: v.first()?.sym()? })), "the actor that operates it"),
    row("protection", &[B::Object], Values::One(Word(v::PROTECTION)), Makes::Fact(|object, v, _| Some(F::Protection { object, level: v.first()?.sym()? })), "how well it is protected").once(),
    // Acts.
    row("by", &[B::Act, B::Conduct], Values::Many(Id(ACTORS)), Makes::Fact(|act, v, _| Some(F::By { act, actor: v.first()?.sym()? })), "who carried it out, e.g. `by gru`; if unknown, declare `actor unknown-actor { kind unknown }`").required(),
    row("against", &[B::Act, B::Conduct], Values::Many(Id(TARGETS)), Makes::Fact(|act, v, _| Some(F::Against { act, target: v.first()?.sym()? })), "what it targets: objects, States or actors"),
    row("on", &[B::Act], Values::One(Value::When), Makes::Fact(|act, v, _| Some(F::ActWhen { act, when: v.first()?.when()? })), "when it took place: a date or a period; either end may be a month (`2017-06`) or a year (`2017`), and `about` before it widens it (`on about 2017-06-28`)").once(),
    row("kind", &[B::Act, B::Conduct], Values::Many(Word(v::ACT_KINDS)), Makes::Fact(|act, v, _| Some(F::ActKind { act, kind: v.first()?.sym()? })), "what kind of act it is").required(),
    row("effects", &[B::Act, B::Conduct], Values::Many(Word(v::EFFECTS)), Makes::Fact(|act, v, _| Some(F::Effect { act, effect: v.first()?.sym()? })), "what it caused"),
    row("intent", &[B::Act, B::Conduct], Values::One(Word(v::INTENTS)), Makes::Fact(|act, v, _| Some(F::Intent { act, intent: v.first()?.sym()? })), "whether it was intentional").once().unknown_if_absent().unknown_word(),
    row("origin", &[B::Act], Values::Many(Id(PLACES)), Makes::Fact(|act, v, _| Some(F::Origin { act, place: v.first()?.sym()? })), "the States or infrastructure it emanated from"),
    row("transit", &[B::Act], Values::Many(Id(PLACES)), Makes::Fact(|act, v, _| Some(F::Transit { act, place: v.first()?.sym()? })), "the States or infrastructure it transited"),
    row("affects", &[B::Act], Values::Many(Id(OBJECTS)), Makes::Fact(|act, v, _| Some(F::Affects { act, object: v.first()?.sym()? })), "objects it has effects on without being aimed at them (`against` names what it targets)"),
    row("exploits", &[B::Act, B::Conduct], Values::Many(Id(OBJECTS)), Makes::Fact(|act, v, _| Some(F::Exploits { act, object: v.first()?.sym()? })), "the vulnerabilities it exploited"),
    row("instructed-by", &[B::Act], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|act, v, words| Some(F::OperationTie { act, state: v.first()?.sym()?, tie: words.intern("instructions") })), "this operation was carried out on the instructions of a State or its organ (ARSIWA art. 8, assessed per operation)"),
    row("directed-by", &[B::Act], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|act, v, words| Some(F::OperationTie { act, state: v.first()?.sym()?, tie: words.intern("direction") })), "this operation was carried out under the direction of a State or its organ (ARSIWA art. 8)"),
    row("controlled-by", &[B::Act], Values::Many(Id(STATE_OR_ORGAN)), Makes::Fact(|act, v, words| Some(F::OperationTie { act, state: v.first()?.sym()?, tie: words.intern("control") })), "this operation was carried out under the effective control of a State or its organ (ARSIWA art. 8)"),
    row("exceeds-authority", &[B::Act], Values::One(Word(v::YES_NO)), Makes::Fact(|act, v, _| Some(F::ExceedsAuthority { act, value: v.first()?.sym()? })), "the organ that carried it out exceeded its authority or contravened instructions: it is still its State's conduct (ARSIWA art. 7)").once().unknown_word(),
    row("adopted-by", &[B::Act], Values::Many(Id(STATES)), Makes::Fact(|act, v, _| Some(F::AdoptedBy { act, state: v.first()?.sym()? })), "a State publicly acknowledges and adopts it as its own: its conduct from then on (ARSIWA art. 11)"),
    row("praised-by", &[B::Act], Values::Many(Id(STATES)), Makes::Fact(|act, v, _| Some(F::PraisedBy { act, state: v.first()?.sym()? })), "a State praises or endorses it without adopting it: praise is not adoption, and does not make it the State's conduct"),
    row("in-reply-to", &[B::Act], Values::One(Id(ACTS)), Makes::Fact(|act, v, _| Some(F::ReplyTo { act, to: v.first()?.sym()? })), "this is an ICT operation in reply to an earlier act against the State that carries it out, e.g. `in-reply-to a1`").once(),
    row("using", &[B::Act], Values::Many(Id(MISSIONS)), Makes::Fact(|act, v, _| Some(F::Using { act, mission: v.first()?.sym()? })), "the assistance mission whose access or opportunity it used (A/76/135 ¶30(b)), e.g. `using m1`"),
    row("known-to", &[B::Act], Values::Seq { values: &[Id(STATES), Value::Date], optional_last: false, wanted: "a State and a date, e.g. `known-to UA 2017-06-27`" }, Makes::Fact(|act, v, _| Some(F::KnownTo { act, state: v.first()?.sym()?, on: v.get(1)?.date()? })), "a State knew of it on a date"),
    // Events: notifications, requests, attributions, consultations, responses.
    row("from", MESSAGES, Values::One(Id(STATES)), Makes::Part(Part::From), "the State that sends it, e.g. `from UA`").once().required(),
    row("to", MESSAGES, Values::One(Id(STATES)), Makes::Part(Part::To), "the State it is sent to, e.g. `to RU`").once().required(),
    row("about", MESSAGES, Values::One(Id(ACTS)), Makes::Part(Part::About), "the act it concerns, e.g. `about a1`").once().required(),
    row("about", &[B::Attribution], Values::One(Id(ACTS)), Makes::Part(Part::About), "the act attributed, e.g. `about a1`").once().required(),
    row("about", &[B::Consultation, B::Response], Values::One(Id(ACTS)), Makes::Part(Part::About), "the act it concerns, e.g. `about a1`").once(),
    row("on", EVENTS, Values::One(Value::When), Makes::Part(Part::When), "when it took place: a date or a period, a month, a year, or `about` a date").once(),
    row("acknowledged", &[B::Notification], Values::Either(Word(v::ACKNOWLEDGED), Value::Date), Makes::Part(Part::Acknowledged), "whether the notified State acknowledged it (`yes`, `no`, `unknown`), or the date it did; unknown when absent").once().unknown_word(),
    row("kind", &[B::Request], Values::One(Word(v::REQUEST_KINDS)), Makes::Part(Part::Kind), "what is asked for").required(),
    row("answer", &[B::Request], Values::Answer { answers: Word(v::ANSWERS), reasons: Word(v::REFUSAL_REASONS) }, Makes::Part(Part::Answer), "one answer, its date if known, and for a refusal the reason it gives: `answer acknowledged 2017-07-01`, `answer refused 2017-07-09 because capacity`; repeat for each answer, in the order they came; unknown when absent").unknown_word(),
    row("by", &[B::Attribution], Values::One(Id(ATTRIBUTORS)), Makes::Part(Part::By), "the State (or international organisation) that attributes, e.g. `by UA`, `by EU`").required(),
    row("to", &[B::Attribution], Values::One(Id(ACTORS)), Makes::Part(Part::To), "to whom the act is attributed, e.g. `to RU`").once().required(),
    row("basis", &[B::Attribution], Values::Many(Word(v::BASES)), Makes::Part(Part::Basis), "what the attribution rests on"),
    row("substantiated", &[B::Attribution], Values::One(Word(v::YES_NO)), Makes::Part(Part::Substantiated), "whether the attribution is substantiated; unknown when absent").once().unknown_word(),
    row("between", &[B::Consultation], Values::AtLeastTwo(Id(STATES)), Makes::Part(Part::Between), "the States that consult, e.g. `between UA, RU`").required(),
    row("by", &[B::Response], Values::One(Id(STATES)), Makes::Part(Part::By), "the State that responds, e.g. `by UA`").required(),
    row("against", &[B::Response], Values::One(Id(ACTORS)), Makes::Part(Part::Against), "the State or actor responded against"),
    row("kind", &[B::Response], Values::Many(Word(v::RESPONSE_KINDS)), Makes::Part(Part::Kind), "how the State responds").required(),
    // Assistance.
    row("by", &[B::Assistance], Values::One(Id(STATES)), Makes::Part(Part::By), "the State that assists, e.g. `by XC`").once().required(),
    row("to", &[B::Assistance], Values::One(Id(STATES)), Makes::Part(Part::To), "the State assisted, e.g. `to XB`").once().required(),
    row("under", &[B::Assistance], Values::One(Id(REQUESTS)), Makes::Part(Part::Under), "the request it answers, e.g. `under r1`").once(),
    // Armed conflicts.
    row("between", &[B::Conflict], Values::AtLeastTwo(Id(ACTORS)), Makes::Fact(|id, v, _| Some(F::ConflictParty { id, party: v.first()?.sym()? })), "the parties, e.g. `between RU, UA`").required(),
    row("on", &[B::Conflict], Values::One(Value::When), Makes::Part(Part::When), "when it began, e.g. `on 2022-02-24..` while it goes on").once().required(),
    row("kind", &[B::Conflict], Values::One(Word(v::CONFLICT_KINDS)), Makes::Fact(|id, v, _| Some(F::ConflictKind { id, kind: v.first()?.sym()? })), "`international` (between States) or `non-international` (a State against an organised armed group, on its own territory too); when absent, read from the parties: non-international if one is not a State").once(),
    // Policy documents and the conduct they describe.
    row("of", &[B::Policy], Values::One(Id(STATES)), Makes::Fact(|document, v, _| Some(F::PolicyOf { document, state: v.first()?.sym()? })), "the State whose draft it is, e.g. `of XA`").once().required(),
    row("target-kind", &[B::Conduct], Values::Many(Word(v::OBJECT_KINDS)), Makes::Fact(|act, v, words| Some(F::ObjectKind { object: conduct_target(act, words), kind: v.first()?.sym()?, since: None })), "the kinds of object the conduct may target, e.g. `target-kind medical`"),
    row("target-sector", &[B::Conduct], Values::Many(Word(v::SECTORS)), Makes::Fact(|act, v, words| Some(F::Critical { object: conduct_target(act, words), sector: v.first()?.sym()?, since: None })), "the critical-infrastructure sectors it may target, e.g. `target-sector energy`"),
    row("target-in", &[B::Conduct], Values::One(Id(STATES)), Makes::Fact(|act, v, words| Some(F::LocatedIn { object: conduct_target(act, words), state: v.first()?.sym()? })), "the State whose territory the targets are in; another State when absent").once(),
    row("context", &[B::Conduct], Values::One(Word(v::CONTEXTS)), Makes::Fact(|act, v, _| Some(F::Context { act, context: v.first()?.sym()? })), "when the conduct is permitted or required: `peacetime`, `armed-conflict`, or `any` (when absent)").once(),
    // Anywhere.
    row("note", EVERY_BLOCK, Values::One(Text), Makes::Note, "free text for readers"),
    row("cite", EVERY_BLOCK, Values::One(Text), Makes::Cite, "a paragraph the analyst points to, e.g. `cite \"A/76/135 ¶30(c)\"`; checked against the corpus"),
];

/// The object that stands for the targets conduct describes (`target-kind`, `target-sector`,
/// `target-in`): one per `permits` or `requires`, named so that no id in a file can be the
/// same (ids have no spaces).
pub fn conduct_target(act: Sym, words: &mut Interner) -> Sym {
    let name = format!("targets of {}", words.name(act));
    words.intern(&name)
}

/// The statements that may appear in a block, in table order: from an index built once, so
/// lowering a statement costs the same whatever the size of the table.
pub fn statements_in(block: Block) -> impl Iterator<Item = &'static Statement> {
    static INDEX: std::sync::OnceLock<Vec<Vec<&'static Statement>>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = vec![Vec::new(); Block::ALL.len()];
        for s in STATEMENTS {
            for block in s.blocks {
                index[*block as usize].push(s);
            }
        }
        index
    });
    index
        .get(block as usize)
        .into_iter()
        .flat_map(|rows| rows.iter().copied())
}

/// The statement `keyword` in a block, if the language has one there.
pub fn find(block: Block, keyword: &str) -> Option<&'static Statement> {
    statements_in(block).find(|s| s.keyword == keyword)
}

/// The keywords a block accepts, each once, in table order.
pub fn keywords_in(block: Block) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in statements_in(block) {
        if !out.contains(&s.keyword) {
            out.push(s.keyword);
        }
    }
    out
}

impl Values {
    /// What the statement takes, in words: "one or more ids", "one of yes, no, unknown".
    pub fn wanted(self) -> String {
        let one = |value: Value| match value {
            Value::Id(_) => "exactly one id".to_owned(),
            Value::Word(words) => format!("one of {}", words.join(", ")),
            Value::Date => "one date (YYYY-MM-DD)".to_owned(),
            Value::When => {
                "one date or period, e.g. `2017-06-27` or `2017-06-27..2017-06-29`".to_owned()
            }
            Value::Text => "one quoted text".to_owned(),
        };
        match self {
            Values::One(value) | Values::Either(value, _) => one(value),
            Values::Many(Value::Id(_)) => "one or more ids".to_owned(),
            Values::Many(Value::Word(words)) => format!("one or more of {}", words.join(", ")),
            Values::Many(Value::Date) => "one or more dates (YYYY-MM-DD)".to_owned(),
            Values::Many(Value::When) => "one or more dates or periods".to_owned(),
            Values::Many(Value::Text) => "one or more quoted texts".to_owned(),
            Values::ManySince(value) => format!(
                "{}, optionally followed by `since DATE`",
                Values::Many(value).wanted()
            ),
            Values::AtLeastTwo(Value::Id(_)) => "two or more ids".to_owned(),
            Values::AtLeastTwo(_) => "two or more values".to_owned(),
            Values::Seq { wanted, .. } => wanted.to_owned(),
            Values::Answer { answers, reasons } => format!(
                "{}, then optionally a date and `because` with {}",
                one(answers),
                one(reasons)
            ),
            Values::Declaration => "an id and an optional quoted name".to_owned(),
            Values::Expectation => {
                "a status, a rule id, and optionally `for STATE` and `about ID`".to_owned()
            }
            Values::Suppression => {
                "a rule id, a quoted reason, and optionally `for STATE`, `about ID` and `until DATE`"
                    .to_owned()
            }
        }
    }
}

impl Statement {
    /// What to write, for the help line of a missing statement: the words it accepts, or
    /// what it says with an example.
    pub fn what(&self) -> String {
        match self.values {
            Values::One(Value::Word(_))
            | Values::Many(Value::Word(_))
            | Values::ManySince(Value::Word(_)) => self.values.wanted(),
            _ => self.doc.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FieldValues;

    /// A word a statement accepts lands in a relation field that names that word, so the
    /// rules see the same vocabulary as the case files.
    #[test]
    fn words_of_statements_are_words_of_their_relation_fields() {
        for row in STATEMENTS {
            let (
                Makes::Fact(make),
                Values::One(Value::Word(words)) | Values::Many(Value::Word(words)),
            ) = (row.makes, row.values)
            else {
                continue;
            };
            for word in words
                .iter()
                .filter(|w| !(row.unknown_word && **w == "unknown"))
            {
                let mut interner = Interner::default();
                let id = interner.intern("x1");
                let sym = interner.intern(word);
                let Some(fact) = make(id, &[Checked::Sym(sym)], &mut interner) else {
                    panic!("`{}` makes no fact of `{word}`", row.keyword);
                };
                let mut found = false;
                fact.row(|rel, values| {
                    for (field, value) in rel.fields().iter().zip(values) {
                        if *value == sym {
                            assert_eq!(
                                field.values,
                                FieldValues::Words(words),
                                "`{}` and `{}.{}` accept different words",
                                row.keyword,
                                rel.name(),
                                field.name
                            );
                            found = true;
                        }
                    }
                });
                assert!(found, "`{} {word}` reaches no relation field", row.keyword);
            }
        }
    }

    #[test]
    fn every_block_takes_notes_and_citations_and_keywords_are_unique_in_a_block() {
        for block in EVERY_BLOCK {
            assert!(find(*block, "note").is_some() && find(*block, "cite").is_some());
            let rows: Vec<&str> = statements_in(*block).map(|s| s.keyword).collect();
            assert_eq!(rows, keywords_in(*block), "a keyword twice in {block:?}");
        }
        for row in statements_in(Block::Top) {
            if let Makes::Declares { block, .. } = row.makes {
                assert!(
                    EVERY_BLOCK.contains(&block),
                    "`{}` opens no block",
                    row.keyword
                );
            }
        }
    }
}
