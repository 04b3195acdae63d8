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
/// The States a draft's conduct is aimed at when it does not name one.
pub const ANOTHER_STATE: &str = "another State";
pub const OBJECT_KINDS: &[&str] = &[
    "system",
    "cert-system",
    "medical",
    "humanitarian",
    "product",
    "supply-chain",
    "vulnerability",
    "military-objective",
    "dual-use",
    "electoral",
];
/// The sectors A/76/135 ¶45 names, then others States commonly designate, which ¶45 says its
/// examples do not preclude ("by no means precludes States from designating other
/// infrastructures as critical"), then "other" (each State designates its own: ¶44).
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
    "humanitarian",
    "cert",
    "government-services",
    "chemicals",
    "it-services",
    "food",
    "space",
    "defence-industry",
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
    "coercive-threat",
    "surveillance",
    "arbitrary-surveillance",
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
    "coercion",
    "none-known",
];
pub const INTENTS: &[&str] = &["intentional", "unintentional", "unknown"];
pub const PROTECTION: &[&str] = &["none", "inadequate", "adequate"];
pub const REQUEST_KINDS: &[&str] = &[
    "assistance",
    "mitigation",
    "information",
    "prosecution",
    "cessation",
];
/// What one answer to a request says. `provided`, `offered` and `refused` give the requested
/// State's determination (A/76/135 ¶53); `acknowledged` only acknowledges receipt (¶54).
pub const ANSWERS: &[&str] = &[
    "provided",
    "offered",
    "refused",
    "ignored",
    "acknowledged",
    "pending",
    "unknown",
];
/// Why a request was refused, as the refusal says (`answer refused because capacity`): the
/// State lacks the capabilities, capacity or resources (A/76/135 ¶53), the request does not
/// respect its sovereignty (A/70/174 ¶13(h)), it is not an appropriate request, or another
/// reason.
pub const REFUSAL_REASONS: &[&str] = &["capacity", "sovereignty", "not-appropriate", "other"];
/// The reason an answer records: a refusal's reason, or `none` (no reason given, or not a
/// refusal).
pub const ANSWER_REASONS: &[&str] = &[
    "capacity",
    "sovereignty",
    "not-appropriate",
    "other",
    "none",
];
/// Where the answers to a request leave it: a determination given (`responded`: provided,
/// offered or refused), receipt acknowledged and nothing after, no answer, or still pending.
pub const OUTCOMES: &[&str] = &["responded", "acknowledged-only", "ignored", "pending"];
/// A State's capacity to address ICT incidents in its territory (A/76/135 ¶30(b)).
pub const CAPACITY: &[&str] = &["lacking", "adequate", "unknown"];
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
pub const CONDUCT_BASES: &[&str] = &[
    "state",
    "organ",
    "instructions",
    "direction",
    "control",
    "adoption",
];
/// normcheck's one reading of "internationally wrongful acts" (A/70/174 ¶13(c), ¶28(e);
/// A/76/135 ¶29, ¶71(g)), for every rule that speaks of them: an act that can be wrongful is
/// harmful by its kind, or has a damaging effect, or is coercive. Espionage alone is not
/// counted: the texts do not address it and whether it breaches international law is unsettled.
pub const HARMFUL_KINDS: &[&str] = &[
    "disruption",
    "destruction",
    "ransomware",
    "supply-chain-compromise",
    "coercive-threat",
];
/// The effects that make an act harmful whatever its kind (and that the sovereignty rule asks
/// for).
pub const DAMAGING_EFFECTS: &[&str] = &[
    "physical-damage",
    "injury-or-death",
    "impairment-of-services",
    "data-destruction",
];
/// Why an act counts as harmful: its kind, a damaging effect, or coercion.
pub const HARM_GROUNDS: &[&str] = &["kind", "effect", "coercion"];
/// International armed conflicts are between States; non-international ones set a State against
/// an organised armed group (or such groups against each other), on its own territory too.
pub const CONFLICT_KINDS: &[&str] = &["international", "non-international"];
/// How an act reaches a State's territory: it emanates from it, or transits it.
pub const VIAS: &[&str] = &["origin", "transit"];
/// What an `expect` line may ask: a status, or `not`.
pub const EXPECTATIONS: &[&str] = &[
    "implicated",
    "implicated-if-alleged",
    "cannot-assess",
    "would-implicate",
    "gap",
    "not",
];
/// What a policy document does with conduct it describes.
pub const PROVISION_MODES: &[&str] = &["permits", "requires"];
/// When a policy document permits or requires conduct: in peacetime, in armed conflict, or in
/// any situation (when it does not say).
pub const CONTEXTS: &[&str] = &["peacetime", "armed-conflict", "any"];
/// The measures a policy document can provide, as the 2015 report and the 2021 commentary name
/// them (each gap rule cites the paragraph its measures come from).
pub const MEASURES: &[&str] = &[
    // A/76/135 ¶21
    "crisis-management",
    "policy-review",
    // A/76/135 ¶26
    "incident-assessment",
    // A/76/135 ¶32-33
    "crime-cooperation",
    "terrorism-cooperation",
    "evidence-sharing",
    // A/76/135 ¶46
    "operations-review",
    "operations-oversight",
    // A/76/135 ¶44, ¶48; A/70/174 ¶16(d)
    "ci-designation",
    "ci-protection",
    // A/76/135 ¶53-54
    "incident-detection",
    "incident-mitigation",
    "assistance-channel",
    "assistance-procedures",
    // A/76/135 ¶57-58
    "supply-chain-risk-management",
    "vendor-requirements",
    "data-protection",
    "hidden-functions-ban",
    // A/76/135 ¶61-63
    "vulnerability-disclosure",
    "researcher-protection",
    // A/76/135 ¶67-68; A/70/174 ¶17(c)
    "national-cert",
    "cert-mandate",
    "cert-independence",
    // A/76/135 ¶76-77; A/70/174 ¶16(a)
    "policy-contact",
    "technical-contact",
    // A/70/174 ¶16(d)(iv); A/76/135 ¶50
    "incident-classification",
];
/// What a policy document can declare.
pub const DECLARATIONS: &[&str] = &[
    // A/70/174 ¶13(k), ¶17(c); A/76/135 ¶68
    "cert-not-for-malice",
];
/// The standings a fact can have.
pub const STANDINGS: &[&str] = &[
    "established",
    "alleged",
    "disputed",
    "denied",
    "unknown",
    "source",
];
