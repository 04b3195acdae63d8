//! The words of the case language: what each statement accepts, and the words the derived
//! relations write. The language table checks values against these lists, the relation schema
//! names them for each field, and the rule validator checks a rule's words against them.

pub const ORGAN_KINDS: &[&str] = &[
    "armed-forces",
    "intelligence",
    "ministry",
    "law-enforcement",
    "cert",
    "other",
];
pub const ACTOR_KINDS: &[&str] = &[
    "group",
    "company",
    "individual",
    "criminal",
    "terrorist",
    "academia",
    "civil-society",
    "technical-community",
    "unknown",
];
/// A non-State actor's relation to a State, as the `tie` relation records it.
pub const TIE_KINDS: &[&str] = &[
    "instructions",
    "direction",
    "control",
    "support",
    "toleration",
];
/// The ties that make an actor's acts its State's conduct (ARSIWA art. 8).
pub const ART8_TIES: &[&str] = &["instructions", "direction", "control"];
pub const OBJECT_KINDS: &[&str] = &[
    "system",
    "cert-system",
    "medical",
    "humanitarian",
    "product",
    "supply-chain",
    "vulnerability",
    "military-objective",
    "electoral",
];
/// A/76/135 ¶45, plus "other" (each State designates its own: ¶44).
pub const SECTORS: &[&str] = &[
    "health",
    "energy",
    "power-generation",
    "water",
    "education",
    "finance",
    "transportation",
    "telecommunications",
    "elections",
    "internet-core",
    "cert",
    "other",
];
pub const ACT_KINDS: &[&str] = &[
    "disruption",
    "destruction",
    "intrusion",
    "espionage",
    "ransomware",
    "supply-chain-compromise",
    "hidden-function",
    "tool-proliferation",
    "influence-operation",
    "election-interference",
    "surveillance",
    "mass-surveillance",
    "expression-restriction",
    "vulnerability-exploited",
    "vulnerability-withheld",
    "vulnerability-traded",
    "vulnerability-disclosed",
    "other",
];
pub const EFFECTS: &[&str] = &[
    "physical-damage",
    "injury-or-death",
    "impairment-of-services",
    "data-destruction",
    "data-theft",
    "none-known",
];
pub const INTENTS: &[&str] = &["intentional", "unintentional", "unknown"];
pub const PROTECTION: &[&str] = &["none", "inadequate", "adequate"];
pub const REQUEST_KINDS: &[&str] = &["assistance", "mitigation", "information", "prosecution"];
pub const ANSWERS: &[&str] = &[
    "provided",
    "refused",
    "ignored",
    "acknowledged",
    "pending",
    "unknown",
];
pub const ACKNOWLEDGED: &[&str] = &["yes", "no", "unknown"];
pub const BASES: &[&str] = &[
    "technical",
    "context",
    "origin",
    "scope",
    "consultation",
    "intelligence",
];
pub const YES_NO: &[&str] = &["yes", "no", "unknown"];
pub const RESPONSE_KINDS: &[&str] = &[
    "diplomatic",
    "legal",
    "sanctions",
    "countermeasures",
    "use-of-force",
    "mitigation",
    "investigation",
    "prosecution",
];
/// What makes an act a State's own conduct: the State itself, its organ, or an art. 8 tie.
pub const CONDUCT_BASES: &[&str] = &["state", "organ", "instructions", "direction", "control"];
/// How an act reaches a State's territory: it emanates from it, or transits it.
pub const VIAS: &[&str] = &["origin", "transit"];
/// What an `expect` line may ask: a status, or `not`.
pub const EXPECTATIONS: &[&str] = &[
    "implicated",
    "implicated-if-alleged",
    "cannot-assess",
    "not",
];
/// The standings a fact can have.
pub const STANDINGS: &[&str] = &["established", "alleged", "disputed", "denied", "unknown"];
