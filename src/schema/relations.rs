//! The relation schema: every relation a rule pattern can name, its fields, the words each
//! field holds, and what a tuple means. `Rel` is an enum, so a misspelled relation in Rust is
//! a compile error; rule files name relations by `Rel::name` and are checked against it when
//! the catalogue loads. `normcheck rules --relations` prints this table.

use super::vocabulary as v;

/// What a field of a relation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValues {
    /// The id of something the case declares (a State, an act, an object...).
    Id,
    /// One of these words.
    Words(&'static [&'static str]),
}

/// One field of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub values: FieldValues,
}

macro_rules! relations {
    ($( $variant:ident = $name:literal ( $( $field:ident : $values:expr ),* ) $doc:literal ; )*) => {
        /// A relation rules can match: one per kind of statement that links things, plus the
        /// relations the scenario derives.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rel { $( $variant ),* }

        impl Rel {
            /// Every relation, in the order `normcheck rules --relations` lists them.
            pub const ALL: &'static [Rel] = &[ $( Rel::$variant ),* ];

            /// The name rule files use.
            pub fn name(self) -> &'static str {
                match self { $( Rel::$variant => $name ),* }
            }

            pub fn fields(self) -> &'static [Field] {
                match self {
                    $( Rel::$variant => &[ $( Field { name: stringify!($field), values: $values } ),* ] ),*
                }
            }

            /// What one tuple means.
            pub fn doc(self) -> &'static str {
                match self { $( Rel::$variant => $doc ),* }
            }
        }
    };
}

use FieldValues::{Id, Words};

relations! {
    // Declarations and properties, one tuple per statement of the case file.
    State = "state" (state: Id) "a State is declared";
    OrganOf = "organ_of" (organ: Id, state: Id) "a State organ belongs to a State (ARSIWA art. 4)";
    OrganKind = "organ_kind" (organ: Id, kind: Words(v::ORGAN_KINDS)) "the kind of a State organ: armed-forces, intelligence, ministry, law-enforcement, cert, other";
    ActorKind = "actor_kind" (actor: Id, kind: Words(v::ACTOR_KINDS)) "the kind of a non-State actor";
    Tie = "tie" (actor: Id, state: Id, kind: Words(v::TIE_KINDS)) "a non-State actor's relation to a State or its organ: instructions, direction, control, support, toleration";
    ActorIn = "actor_in" (actor: Id, state: Id) "a non-State actor operates from a State's territory";
    ObjectKind = "object_kind" (object: Id, kind: Words(v::OBJECT_KINDS)) "the kind of an object: system, cert-system, medical, humanitarian, product, supply-chain, vulnerability, military-objective, electoral";
    LocatedIn = "located_in" (object: Id, state: Id) "an object is in a State's territory";
    Critical = "critical" (object: Id, sector: Words(v::SECTORS)) "an object is designated critical infrastructure by the State where it is, with its sector";
    Serves = "serves" (object: Id, state: Id) "an object provides services to a State";
    OperatedBy = "operated_by" (object: Id, actor: Id) "an object is operated by an actor";
    Protection = "protection" (object: Id, level: Words(v::PROTECTION)) "how an object is protected: none, inadequate, adequate";
    By = "by" (act: Id, actor: Id) "an act is carried out by an actor";
    Against = "against" (act: Id, target: Id) "an act is directed against an object, a State or an actor";
    ActKind = "act_kind" (act: Id, kind: Words(v::ACT_KINDS)) "the kind of an act";
    Effect = "effect" (act: Id, effect: Words(v::EFFECTS)) "an effect of an act";
    Intent = "intent" (act: Id, intent: Words(v::INTENTS)) "whether an act is intentional";
    ExceedsAuthority = "exceeds_authority" (act: Id, value: Words(v::YES_NO)) "the organ that carried an act out exceeded its authority or contravened instructions (yes, no): its conduct is still its State's (ARSIWA art. 7)";
    Exploits = "exploits" (act: Id, object: Id) "an act exploits a vulnerability";
    Affects = "affects" (act: Id, object: Id) "an act has effects on an object it was not aimed at";
    Notification = "notification" (notification: Id, from: Id, to: Id, act: Id) "a State notifies another about an act";
    Acknowledged = "acknowledged" (notification: Id, answer: Words(v::ACKNOWLEDGED)) "whether a notification was acknowledged: yes, no";
    Request = "request" (request: Id, from: Id, to: Id, act: Id, kind: Words(v::REQUEST_KINDS)) "a State asks another for assistance, mitigation, information or prosecution";
    Answer = "answer" (request: Id, answer: Words(v::ANSWERS), reason: Words(v::ANSWER_REASONS)) "one answer to a request: provided, offered, refused (with its reason: capacity, sovereignty, not-appropriate, other, or none), acknowledged, ignored, pending; a request may have several";
    Attribution = "attribution" (attribution: Id, by: Id, act: Id, to: Id) "a State attributes an act to an actor";
    Basis = "basis" (attribution: Id, basis: Words(v::BASES)) "what an attribution rests on: technical, context, origin, scope, consultation, intelligence";
    Substantiated = "substantiated" (attribution: Id, value: Words(v::YES_NO)) "whether an attribution is substantiated: yes, no";
    Consultation = "consultation" (consultation: Id, state: Id, act: Id) "a State takes part in a consultation about an act";
    Response = "response" (response: Id, by: Id, against: Id, act: Id, kind: Words(v::RESPONSE_KINDS)) "a State responds to an incident";
    Capacity = "capacity" (state: Id, level: Words(v::CAPACITY)) "a State's capacity to address ICT incidents in its territory: lacking or adequate (A/76/135 ¶30(b))";
    ReplyTo = "reply_to" (act: Id, to: Id) "an act is an ICT operation in reply to an earlier act";
    Assistance = "assistance" (mission: Id, by: Id, to: Id) "a State assists another: an assistance mission, under a request or not";
    Using = "using" (act: Id, mission: Id) "an act used the access or opportunity an assistance mission gave";
    ConflictKind = "conflict_kind" (conflict: Id, kind: Words(v::CONFLICT_KINDS)) "an armed conflict is international (between States) or non-international (a State against an organised armed group)";
    ConflictParty = "conflict_party" (conflict: Id, party: Id) "a party to an armed conflict";
    // Policy documents.
    Policy = "policy" (document: Id, state: Id) "a policy document (a draft strategy, doctrine or plan) is a State's";
    Provides = "provides" (document: Id, measure: Words(v::MEASURES)) "a policy document provides a measure (a national CERT, points of contact, ...)";
    Declares = "declares" (document: Id, declaration: Words(v::DECLARATIONS)) "a policy document makes a declaration (e.g. not to use its CERT for malicious international activity)";
    Provision = "provision" (act: Id, document: Id, mode: Words(v::PROVISION_MODES)) "conduct a policy document permits or requires, described like an act";
    Context = "context" (act: Id, context: Words(v::CONTEXTS)) "when a policy document permits or requires conduct: peacetime, armed-conflict or any (armed conflict included)";
    // Derived relations, computed from the scenario graph with their path as evidence.
    ConductOf = "conduct_of" (act: Id, state: Id, basis: Words(v::CONDUCT_BASES)) "an act is a State's own conduct: by the State itself (basis state), by its organ (organ, ARSIWA art. 4, even beyond its authority: art. 7), by a non-State actor on its instructions or under its direction or control, for the operation or in general (ARSIWA art. 8), or adopted by the State as its own (adoption, ARSIWA art. 11)";
    Harmful = "harmful" (act: Id, ground: Words(v::HARM_GROUNDS)) "normcheck's one reading of an act that can be internationally wrongful: harmful by its kind (disruption, destruction, ransomware, supply-chain-compromise, coercive-threat), or with a damaging effect (physical-damage, injury-or-death, impairment-of-services, data-destruction), or coercive (effect coercion); espionage alone is not";
    SupportedBy = "supported_by" (act: Id, state: Id) "an act is by a non-State actor a State supports, finances or equips";
    ToleratedBy = "tolerated_by" (act: Id, state: Id) "an act is by a non-State actor a State tolerates";
    EmanatedFrom = "emanated_from" (act: Id, state: Id, via: Words(v::VIAS)) "an act emanates from (via origin) or transits (via transit) a State's territory or infrastructure";
    Affected = "affected" (act: Id, object: Id, state: Id) "a State affected by an act through an object the act targets or affects: the object is in its territory or serves it (A/76/135 ¶49: infrastructure that serves several States); a State targeted itself is affected through itself";
    Victim = "victim" (act: Id, state: Id) "a State whose territory holds a target of the act, or that is targeted itself";
    AwareBefore = "aware_before" (state: Id, act: Id) "a State was notified of, asked about, or knew of an act while it was still going on";
    InArmedConflict = "in_armed_conflict" (act: Id, state: Id) "on the act's date the State and a victim State are parties to the same armed conflict";
    SettlementSought = "settlement_sought" (response: Id) "before a response (or an ICT operation in reply) the responding State notified, consulted or made a request to the other State about the act (a call to stop is a request of kind cessation)";
    Answered = "answered" (request: Id, outcome: Words(v::OUTCOMES)) "where a request's answers, read in order, leave it: responded (a determination: provided, offered or refused, for whatever reason), acknowledged-only (receipt acknowledged and nothing after), ignored, or pending";
    UsedAssistance = "used_assistance" (act: Id, mission: Id) "an act that is the assisting State's conduct used an assistance mission: stated with `using`, or unknown where the act only falls within the mission's period";
}

impl Rel {
    pub fn from_name(name: &str) -> Option<Rel> {
        Rel::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The position of a field, by name.
    pub fn field(self, name: &str) -> Option<usize> {
        self.fields().iter().position(|f| f.name == name)
    }

    /// The position of this relation in `ALL`, for tables indexed by relation.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_all_is_in_declaration_order() {
        let mut names = std::collections::BTreeSet::new();
        for (i, rel) in Rel::ALL.iter().enumerate() {
            assert_eq!(rel.index(), i);
            assert!(names.insert(rel.name()), "{} twice", rel.name());
            assert_eq!(Rel::from_name(rel.name()), Some(*rel));
        }
    }
}
