//! Lowering: syntax tree → case model. Checks keywords, values (with did-you-mean), references
//! and their kinds, calendar dates and date order, and records every fact with its standing.
//! Two passes: declarations first, so that references do not depend on the order of the file.

use std::collections::HashMap;

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Span};
use crate::language::model::{
    Case, Date, End, Entity, EntityKind, Expectation, Fact, FactData, FactId, Standing, Sym, When,
};
use crate::language::syntax::{RawDate, StandingSyntax, Statement, SyntaxTree, Value, ValueKind};
use crate::schema::Status;

/// The vocabulary of the language: the words each statement accepts.
pub mod vocabulary {
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
    /// Relations of a non-State actor to a State, keyed by the statement that says them.
    pub const TIES: &[(&str, &str)] = &[
        ("instructed-by", "instructions"),
        ("directed-by", "direction"),
        ("controlled-by", "control"),
        ("supported-by", "support"),
        ("financed-by", "support"),
        ("tooled-by", "support"),
        ("tolerated-by", "toleration"),
    ];
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
    pub const STATUSES: &[&str] = &[
        "implicated",
        "implicated-if-alleged",
        "cannot-assess",
        "not",
    ];
}

use vocabulary as v;

/// Top-level keywords and the kind of entity each declares.
const DECLARATIONS: &[(&str, EntityKind)] = &[
    ("state", EntityKind::State),
    ("organ", EntityKind::Organ),
    ("cert", EntityKind::Organ),
    ("actor", EntityKind::Actor),
    ("infrastructure", EntityKind::Object),
    ("system", EntityKind::Object),
    ("product", EntityKind::Object),
    ("vulnerability", EntityKind::Object),
    ("act", EntityKind::Act),
    ("notification", EntityKind::Notification),
    ("request", EntityKind::Request),
    ("attribution", EntityKind::Attribution),
    ("consultation", EntityKind::Consultation),
    ("response", EntityKind::Response),
    ("conflict", EntityKind::Conflict),
];

const TOP_LEVEL: &[&str] = &[
    "case",
    "state",
    "organ",
    "cert",
    "actor",
    "infrastructure",
    "system",
    "product",
    "vulnerability",
    "act",
    "notification",
    "request",
    "attribution",
    "consultation",
    "response",
    "conflict",
    "expect",
];

const ACTORS: &[EntityKind] = &[EntityKind::State, EntityKind::Organ, EntityKind::Actor];
const STATES: &[EntityKind] = &[EntityKind::State];
const PLACES: &[EntityKind] = &[EntityKind::State, EntityKind::Object];
const TARGETS: &[EntityKind] = &[
    EntityKind::Object,
    EntityKind::State,
    EntityKind::Organ,
    EntityKind::Actor,
];
const ACTS: &[EntityKind] = &[EntityKind::Act];
const OBJECTS: &[EntityKind] = &[EntityKind::Object];
const ANY: &[EntityKind] = &[
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
    EntityKind::Conflict,
];

/// Lowers a syntax tree into a case. Always returns a case; problems come back as diagnostics.
pub fn lower(tree: &SyntaxTree) -> (Case, Vec<Diagnostic>) {
    let mut lowering = Lowering {
        case: Case::default(),
        diagnostics: Vec::new(),
        dated_events: Vec::new(),
        suggestions_left: 32,
    };
    lowering.declare_all(tree);
    lowering.lower_all(tree);
    lowering.check_event_dates();
    lowering.check_assessment_date();
    (lowering.case, lowering.diagnostics)
}

struct Lowering {
    case: Case,
    diagnostics: Vec<Diagnostic>,
    /// Events about an act, with their first day, checked against the act once all is read.
    dated_events: Vec<(Sym, Date, Span)>,
    /// How many more unknown ids get a did-you-mean suggestion.
    suggestions_left: usize,
}

/// The block of a statement being lowered, with its id and standing.
struct Ctx<'a> {
    id: Sym,
    statement: &'a Statement,
    standing: Standing,
}

impl Lowering {
    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    // ---- pass 1: declarations ----

    fn declare_all(&mut self, tree: &SyntaxTree) {
        let mut cases = 0;
        for statement in &tree.statements {
            let keyword = statement.keyword.as_str();
            if keyword == "case" {
                cases += 1;
                if cases > 1 {
                    self.error(
                        Diagnostic::error(
                            Code::DuplicateStatement,
                            statement.keyword_span,
                            "a file describes one case",
                        )
                        .with_label("second `case` here")
                        .with_help("split the file: one case per file"),
                    );
                }
                continue;
            }
            let Some(&(_, kind)) = DECLARATIONS.iter().find(|(k, _)| *k == keyword) else {
                continue;
            };
            let Some(first) = statement.values.first() else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        statement.span,
                        format!("`{keyword}` needs an id"),
                    )
                    .with_label("no id")
                    .with_help(format!(
                        "write `{keyword} ID \"Name\"`, e.g. `{keyword} x1 \"...\"`"
                    )),
                );
                continue;
            };
            let ValueKind::Word(id) = &first.kind else {
                self.error(
                    Diagnostic::error(
                        Code::WrongValueCount,
                        first.span,
                        format!("the id of a `{keyword}` must be a word"),
                    )
                    .with_label("not an id")
                    .with_help("ids are words of letters, digits, `-` and `_`, e.g. `a1` or `UA`"),
                );
                continue;
            };
            let sym = self.case.interner.intern(id);
            // The standing of a declaration is read in pass 2, once every State it may name
            // is declared.
            let standing = Standing::default();
            if let Some(&existing) = self.case.entity_index.get(&sym) {
                let first_span = self.case.entities[existing].span;
                self.error(
                    Diagnostic::error(
                        Code::DuplicateId,
                        first.span,
                        format!("`{id}` is declared twice"),
                    )
                    .with_label("declared again here")
                    .with_secondary(first_span, "first declared here")
                    .with_help("give each declaration its own id; the first declaration is kept"),
                );
                continue;
            }
            let name = statement.values.get(1).and_then(|v| match &v.kind {
                ValueKind::Text(s) => Some(s.clone()),
                _ => None,
            });
            self.case.entity_index.insert(sym, self.case.entities.len());
            let fact = self.push_fact(
                statement.span,
                standing.clone(),
                FactData::Declared { id: sym, kind },
            );
            self.case.entities.push(Entity {
                id: sym,
                kind,
                name,
                span: first.span,
                standing,
                fact,
            });
        }
        if cases == 0 {
            self.error(
                Diagnostic::error(
                    Code::MissingCase,
                    Span::new(0, 0),
                    "this file has no `case` block",
                )
                .with_help(
                    "start the file with `case \"Title\" { summary \"...\" assessed YYYY-MM-DD }`",
                ),
            );
        }
    }

    // ---- pass 2: properties ----

    fn lower_all(&mut self, tree: &SyntaxTree) {
        let mut seen_case = false;
        for statement in &tree.statements {
            let keyword = statement.keyword.as_str();
            match keyword {
                "case" => {
                    if !seen_case {
                        seen_case = true;
                        self.lower_case(statement);
                    }
                }
                "expect" => self.lower_expect(statement),
                _ => {
                    if DECLARATIONS.iter().any(|(k, _)| *k == keyword) {
                        self.lower_declaration(statement, keyword);
                    } else {
                        self.unknown_statement(
                            statement,
                            TOP_LEVEL,
                            "at the top level of a case file",
                        );
                    }
                }
            }
        }
    }

    fn unknown_statement(&mut self, statement: &Statement, allowed: &[&str], place: &str) {
        let word = statement.keyword.as_str();
        let mut d = Diagnostic::error(
            Code::UnknownStatement,
            statement.keyword_span,
            format!("`{word}` is not a statement {place}"),
        )
        .with_label("unknown keyword");
        d = match did_you_mean(word, allowed.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("expected one of: {}", allowed.join(", "))),
        };
        self.error(d);
    }

    fn lower_case(&mut self, statement: &Statement) {
        match statement.values.as_slice() {
            [Value {
                kind: ValueKind::Text(title),
                span,
            }] => {
                self.case.title = title.clone();
                self.case.title_span = *span;
            }
            _ => self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    statement.span,
                    "`case` takes one quoted title",
                )
                .with_help("write `case \"Title of the incident\" { ... }`"),
            ),
        }
        let Some(block) = &statement.block else {
            return;
        };
        for s in &block.statements {
            match s.keyword.as_str() {
                "summary" => {
                    if let Some(t) = self.one_text(s) {
                        if self.case.summary.is_some() {
                            self.duplicate(s);
                        }
                        self.case.summary = Some(t);
                    }
                }
                "source" => {
                    if let Some(t) = self.one_text(s) {
                        self.case.sources.push(t);
                    }
                }
                "assessed" => {
                    for value in &s.values {
                        if let Some(d) = self.date(value) {
                            self.case.assessed.push(d);
                        }
                    }
                    if s.values.is_empty() {
                        self.count_error(s, "one or more dates (YYYY-MM-DD)");
                    }
                }
                "note" => {
                    self.one_text(s);
                }
                "cite" => self.cite(s),
                _ => self.unknown_statement(
                    s,
                    &["summary", "source", "assessed", "note", "cite"],
                    "in `case`",
                ),
            }
        }
    }

    /// `cite "A/76/135 ¶30(c)"`: the analyst's own pointer to a paragraph.
    fn cite(&mut self, s: &Statement) {
        match s.values.as_slice() {
            [Value {
                kind: ValueKind::Text(t),
                span,
            }] => self.case.citations.push((t.clone(), *span)),
            _ => self.count_error(s, "one quoted citation, e.g. `cite \"A/76/135 ¶30(c)\"`"),
        }
    }

    fn duplicate(&mut self, s: &Statement) {
        self.error(
            Diagnostic::error(
                Code::DuplicateStatement,
                s.keyword_span,
                format!("`{}` is given twice", s.keyword),
            )
            .with_label("again here")
            .with_help("keep one; the last one is used"),
        );
    }

    fn count_error(&mut self, s: &Statement, wanted: &str) {
        let kw = &s.keyword;
        self.error(
            Diagnostic::error(
                Code::WrongValueCount,
                s.span,
                format!("`{kw}` takes {wanted}"),
            )
            .with_label("here")
            .with_help(format!("write `{kw}` followed by {wanted}")),
        );
    }

    fn one_text(&mut self, s: &Statement) -> Option<String> {
        match s.values.as_slice() {
            [Value {
                kind: ValueKind::Text(t),
                ..
            }] => Some(t.clone()),
            _ => {
                self.count_error(s, "one quoted text");
                None
            }
        }
    }

    fn lower_declaration(&mut self, statement: &Statement, keyword: &str) {
        let Some(Value {
            kind: ValueKind::Word(id),
            ..
        }) = statement.values.first()
        else {
            return;
        };
        let id = self.case.interner.intern(id);
        // A duplicate declaration was reported in pass 1; only the first one is lowered.
        let Some(entity) = self.case.entity(id) else {
            return;
        };
        if entity.span.start != statement.values[0].span.start {
            return;
        }
        let fact = entity.fact;
        let standing = self.standing(statement.standing.as_ref(), &Standing::default());
        if let Some(&index) = self.case.entity_index.get(&id) {
            self.case.entities[index].standing = standing.clone();
        }
        self.case.facts[fact].standing = standing.clone();
        if statement.values.len() > 2
            || matches!(statement.values.get(1), Some(v) if !matches!(v.kind, ValueKind::Text(_)))
        {
            self.error(
                Diagnostic::error(
                    Code::WrongValueCount,
                    statement.span,
                    format!("`{keyword}` takes an id and an optional quoted name"),
                )
                .with_help(format!(
                    "write `{keyword} ID \"Name\"`, and put properties in a block"
                )),
            );
        }
        let ctx = Ctx {
            id,
            statement,
            standing,
        };
        match keyword {
            "organ" | "cert" => self.lower_organ(&ctx, keyword == "cert"),
            "actor" => self.lower_actor(&ctx),
            "infrastructure" | "system" | "product" | "vulnerability" => {
                self.lower_object(&ctx, keyword)
            }
            "act" => self.lower_act(&ctx),
            "notification" => self.lower_notification(&ctx),
            "request" => self.lower_request(&ctx),
            "attribution" => self.lower_attribution(&ctx),
            "consultation" => self.lower_consultation(&ctx),
            "response" => self.lower_response(&ctx),
            "conflict" => self.lower_conflict(&ctx),
            _ => self.lower_properties(&ctx, &[], |_, _, _| {}),
        }
    }

    /// Walks the block of a declaration, rejecting keywords not in `allowed`, and hands each
    /// allowed statement with its merged standing to `each`.
    fn lower_properties(
        &mut self,
        ctx: &Ctx<'_>,
        allowed: &[&str],
        mut each: impl FnMut(&mut Lowering, &Statement, Standing),
    ) {
        let Some(block) = &ctx.statement.block else {
            return;
        };
        let mut once_seen: Vec<&str> = Vec::new();
        for s in &block.statements {
            let keyword = s.keyword.as_str();
            match keyword {
                "note" => {
                    self.one_text(s);
                    continue;
                }
                "cite" => {
                    self.cite(s);
                    continue;
                }
                _ if !allowed.contains(&keyword) => {
                    let place = format!("in `{}`", ctx.statement.keyword);
                    let mut allowed = allowed.to_vec();
                    allowed.push("cite");
                    self.unknown_statement(s, &allowed, &place);
                    continue;
                }
                _ => {}
            }
            if SINGLE.contains(&keyword) {
                if once_seen.contains(&keyword) {
                    self.duplicate(s);
                    continue;
                }
                once_seen.push(keyword);
            }
            let standing = self.standing(s.standing.as_ref(), &ctx.standing);
            each(self, s, standing);
        }
    }

    fn lower_organ(&mut self, ctx: &Ctx<'_>, is_cert: bool) {
        let id = ctx.id;
        let mut has_state = false;
        let mut has_kind = is_cert;
        if is_cert {
            let kind = self.case.interner.intern("cert");
            self.push_fact(
                ctx.statement.span,
                ctx.standing.clone(),
                FactData::OrganKind { organ: id, kind },
            );
        }
        self.lower_properties(ctx, &["of", "kind", "note"], |l, s, standing| {
            match s.keyword.as_str() {
                "of" => {
                    has_state = true;
                    if let Some(state) = l.one_ref(s, STATES) {
                        l.push_fact(s.span, standing, FactData::OrganOf { organ: id, state });
                    }
                }
                _ => {
                    has_kind = true;
                    if let Some(kind) = l.one_word(s, v::ORGAN_KINDS) {
                        l.push_fact(s.span, standing, FactData::OrganKind { organ: id, kind });
                    }
                }
            }
        });
        if !has_state {
            self.missing(ctx, "of", "the State it belongs to, e.g. `of UA`");
        }
        if !has_kind {
            self.missing(
                ctx,
                "kind",
                &format!("one of {}", v::ORGAN_KINDS.join(", ")),
            );
        }
    }

    fn missing(&mut self, ctx: &Ctx<'_>, keyword: &str, what: &str) {
        // A line of the block that could not be read may be the one that is missing; its
        // syntax error is reported already.
        if ctx.statement.block.as_ref().is_some_and(|b| b.has_junk) {
            return;
        }
        // Present but invalid (an undeclared id, a wrong value): that error is reported already.
        if ctx
            .statement
            .block
            .as_ref()
            .is_some_and(|b| b.statements.iter().any(|s| s.keyword == keyword))
        {
            return;
        }
        let kw = &ctx.statement.keyword;
        self.error(
            Diagnostic::error(
                Code::MissingStatement,
                ctx.statement.span,
                format!("this `{kw}` has no `{keyword}`"),
            )
            .with_label(format!("`{keyword}` missing"))
            .with_help(format!("add `{keyword}` to its block: {what}")),
        );
    }

    fn lower_actor(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut allowed = vec!["kind", "in", "note"];
        allowed.extend(v::TIES.iter().map(|(k, _)| *k));
        self.lower_properties(ctx, &allowed, |l, s, standing| match s.keyword.as_str() {
            "kind" => {
                if let Some(kind) = l.one_word(s, v::ACTOR_KINDS) {
                    l.push_fact(s.span, standing, FactData::ActorKind { actor: id, kind });
                }
            }
            "in" => {
                for state in l.refs(s, STATES) {
                    l.push_fact(
                        s.span,
                        standing.clone(),
                        FactData::ActorIn { actor: id, state },
                    );
                }
            }
            keyword => {
                let Some(&(_, tie)) = v::TIES.iter().find(|(k, _)| *k == keyword) else {
                    return;
                };
                let tie = l.case.interner.intern(tie);
                for state in l.refs(s, STATES) {
                    l.push_fact(
                        s.span,
                        standing.clone(),
                        FactData::Tie {
                            actor: id,
                            state,
                            tie,
                        },
                    );
                }
            }
        });
    }

    fn lower_object(&mut self, ctx: &Ctx<'_>, keyword: &str) {
        let id = ctx.id;
        let default_kind = match keyword {
            "product" => Some("product"),
            "vulnerability" => Some("vulnerability"),
            _ => None,
        };
        let mut has_kind = false;
        self.lower_properties(
            ctx,
            &[
                "in",
                "critical",
                "serves",
                "kind",
                "operated-by",
                "protection",
                "note",
            ],
            |l, s, standing| match s.keyword.as_str() {
                "in" => {
                    if let Some(state) = l.one_ref(s, STATES) {
                        l.push_fact(s.span, standing, FactData::LocatedIn { object: id, state });
                    }
                }
                "critical" => {
                    for sector in l.words(s, v::SECTORS) {
                        l.push_fact(
                            s.span,
                            standing.clone(),
                            FactData::Critical { object: id, sector },
                        );
                    }
                }
                "serves" => {
                    for state in l.refs(s, STATES) {
                        l.push_fact(
                            s.span,
                            standing.clone(),
                            FactData::Serves { object: id, state },
                        );
                    }
                }
                "kind" => {
                    has_kind = true;
                    for kind in l.words(s, v::OBJECT_KINDS) {
                        l.push_fact(
                            s.span,
                            standing.clone(),
                            FactData::ObjectKind { object: id, kind },
                        );
                    }
                }
                "operated-by" => {
                    if let Some(actor) = l.one_ref(s, ACTORS) {
                        l.push_fact(s.span, standing, FactData::OperatedBy { object: id, actor });
                    }
                }
                _ => {
                    if let Some(level) = l.one_word(s, v::PROTECTION) {
                        l.push_fact(s.span, standing, FactData::Protection { object: id, level });
                    }
                }
            },
        );
        if !has_kind {
            let kind = self.case.interner.intern(default_kind.unwrap_or("system"));
            self.push_fact(
                ctx.statement.span,
                ctx.standing.clone(),
                FactData::ObjectKind { object: id, kind },
            );
        }
    }

    fn lower_act(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut has = (false, false, false);
        self.lower_properties(
            ctx,
            &[
                "by", "against", "on", "kind", "effects", "intent", "origin", "transit",
                "exploits", "known-to", "note",
            ],
            |l, s, standing| {
                match s.keyword.as_str() {
                    "by" => {
                        has.0 = true;
                        for actor in l.refs(s, ACTORS) {
                            l.push_fact(s.span, standing.clone(), FactData::By { act: id, actor });
                        }
                    }
                    "against" => {
                        for target in l.refs(s, TARGETS) {
                            l.push_fact(
                                s.span,
                                standing.clone(),
                                FactData::Against { act: id, target },
                            );
                        }
                    }
                    "on" => {
                        if let Some(w) = l.one_when(s) {
                            l.push_fact(s.span, standing, FactData::ActWhen { act: id, when: w });
                        }
                    }
                    "kind" => {
                        has.1 = true;
                        for kind in l.words(s, v::ACT_KINDS) {
                            l.push_fact(
                                s.span,
                                standing.clone(),
                                FactData::ActKind { act: id, kind },
                            );
                        }
                    }
                    "effects" => {
                        for effect in l.words(s, v::EFFECTS) {
                            l.push_fact(
                                s.span,
                                standing.clone(),
                                FactData::Effect { act: id, effect },
                            );
                        }
                    }
                    "intent" => {
                        if let Some(intent) = l.one_word(s, v::INTENTS) {
                            has.2 = true;
                            let (intent, standing) = l.unknown_as_standing(intent, standing);
                            l.push_fact(s.span, standing, FactData::Intent { act: id, intent });
                        }
                    }
                    "origin" | "transit" => {
                        let origin = s.keyword == "origin";
                        for place in l.refs(s, PLACES) {
                            let data = if origin {
                                FactData::Origin { act: id, place }
                            } else {
                                FactData::Transit { act: id, place }
                            };
                            l.push_fact(s.span, standing.clone(), data);
                        }
                    }
                    "exploits" => {
                        for object in l.refs(s, OBJECTS) {
                            l.push_fact(
                                s.span,
                                standing.clone(),
                                FactData::Exploits { act: id, object },
                            );
                        }
                    }
                    _ => {
                        // known-to STATE DATE
                        if let [state_v, date_v] = s.values.as_slice() {
                            let state = l.reference(state_v, STATES);
                            let date = l.date(date_v);
                            if let (Some(state), Some(on)) = (state, date) {
                                l.push_fact(
                                    s.span,
                                    standing,
                                    FactData::KnownTo { act: id, state, on },
                                );
                            }
                        } else {
                            l.count_error(s, "a State and a date, e.g. `known-to UA 2017-06-27`");
                        }
                    }
                }
            },
        );
        if !has.0 {
            self.missing(ctx, "by", "who carried it out, e.g. `by gru`; if unknown, declare `actor unknown-actor { kind unknown }`");
        }
        if !has.1 {
            self.missing(
                ctx,
                "kind",
                &format!("one or more of {}", v::ACT_KINDS.join(", ")),
            );
        }
        if !has.2 {
            let standing = ctx.standing.merged(&Standing::unknown());
            self.push_fact(
                ctx.statement.span,
                standing,
                FactData::Intent {
                    act: id,
                    intent: Sym::UNKNOWN,
                },
            );
        }
    }

    fn lower_notification(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut parts = EventParts::default();
        let mut ack: Option<(Sym, Option<Date>, Span, Standing)> = None;
        self.lower_properties(
            ctx,
            &["from", "to", "about", "on", "acknowledged", "note"],
            |l, s, standing| match s.keyword.as_str() {
                "acknowledged" => match s.values.as_slice() {
                    [Value {
                        kind: ValueKind::Date(_),
                        ..
                    }] => {
                        let on = l.date(&s.values[0]);
                        ack = Some((l.case.interner.intern("yes"), on, s.span, standing));
                    }
                    _ => {
                        if let Some(w) = l.one_word(s, v::ACKNOWLEDGED) {
                            ack = Some((w, None, s.span, standing));
                        }
                    }
                },
                _ => l.event_part(s, standing, &mut parts),
            },
        );
        let Some((from, to, about)) = self.require_parts(ctx, &parts) else {
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
        if let Some((answer, ack_on, span, standing)) = ack {
            self.reply_not_before(
                ack_on,
                span,
                &parts,
                ["the acknowledgement", "notification", "notified here"],
            );

            let (answer, standing) = self.unknown_as_standing(answer, standing);
            self.push_fact(span, standing, FactData::Acknowledged { id, answer });
        }
    }

    fn lower_request(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut parts = EventParts::default();
        let mut kind: Option<Sym> = None;
        let mut answer: Option<(Sym, Option<Date>, Span, Standing)> = None;
        self.lower_properties(
            ctx,
            &["from", "to", "about", "on", "kind", "answer", "note"],
            |l, s, standing| match s.keyword.as_str() {
                "kind" => kind = l.one_word(s, v::REQUEST_KINDS),
                "answer" => {
                    let (word, date) = match s.values.as_slice() {
                        [w] => (Some(w), None),
                        [w, d] => (Some(w), Some(d)),
                        _ => (None, None),
                    };
                    let Some(word) = word else {
                        l.count_error(
                            s,
                            "an answer and an optional date, e.g. `answer provided 2017-07-01`",
                        );
                        return;
                    };
                    let w = l.word_value(word, v::ANSWERS);
                    let d = date.and_then(|d| l.date(d));
                    if let Some(w) = w {
                        answer = Some((w, d, s.span, standing));
                    }
                }
                _ => l.event_part(s, standing, &mut parts),
            },
        );
        let Some((from, to, about)) = self.require_parts(ctx, &parts) else {
            return;
        };
        let Some(kind) = kind else {
            self.missing(
                ctx,
                "kind",
                &format!("one of {}", v::REQUEST_KINDS.join(", ")),
            );
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
        let (answer, answered_on, span, standing) = match answer {
            Some(a) => a,
            None => (
                Sym::UNKNOWN,
                None,
                ctx.statement.span,
                ctx.standing.merged(&Standing::unknown()),
            ),
        };
        self.reply_not_before(
            answered_on,
            span,
            &parts,
            ["the answer", "request", "requested here"],
        );
        let (answer, standing) = self.unknown_as_standing(answer, standing);
        self.push_fact(
            span,
            standing,
            FactData::Answer {
                id,
                answer,
                on: answered_on,
            },
        );
    }

    fn lower_attribution(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut by: Option<(Sym, Span, Standing)> = None;
        let mut to: Option<Sym> = None;
        let mut parts = EventParts::default();
        let mut bases: Vec<(Sym, Span, Standing)> = Vec::new();
        let mut substantiated: Option<(Sym, Span, Standing)> = None;
        self.lower_properties(
            ctx,
            &["by", "about", "to", "on", "basis", "substantiated", "note"],
            |l, s, standing| match s.keyword.as_str() {
                "by" => by = l.one_ref(s, STATES).map(|st| (st, s.span, standing)),
                "to" => to = l.one_ref(s, ACTORS),
                "basis" => {
                    for b in l.words(s, v::BASES) {
                        bases.push((b, s.span, standing.clone()));
                    }
                }
                "substantiated" => {
                    substantiated = l.one_word(s, v::YES_NO).map(|w| (w, s.span, standing));
                }
                _ => l.event_part(s, standing, &mut parts),
            },
        );
        let Some(about) = parts.about else {
            self.missing(ctx, "about", "the act attributed, e.g. `about a1`");
            return;
        };
        let Some((by, span, standing)) = by else {
            self.missing(ctx, "by", "the State that attributes, e.g. `by UA`");
            return;
        };
        let Some(to) = to else {
            self.missing(ctx, "to", "to whom the act is attributed, e.g. `to RU`");
            return;
        };
        self.push_fact(span, standing, FactData::Attribution { id, by, about, to });
        self.event_when(ctx, &parts);
        for (basis, span, standing) in bases {
            self.push_fact(span, standing, FactData::Basis { id, basis });
        }
        if let Some((value, span, standing)) = substantiated {
            let (value, standing) = self.unknown_as_standing(value, standing);
            self.push_fact(span, standing, FactData::Substantiated { id, value });
        }
    }

    fn lower_consultation(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut parts = EventParts::default();
        let mut parties: Vec<(Sym, Span, Standing)> = Vec::new();
        self.lower_properties(
            ctx,
            &["between", "about", "on", "note"],
            |l, s, standing| match s.keyword.as_str() {
                "between" => {
                    for p in l.refs(s, STATES) {
                        parties.push((p, s.span, standing.clone()));
                    }
                }
                _ => l.event_part(s, standing, &mut parts),
            },
        );
        if parties.len() < 2 {
            self.missing(
                ctx,
                "between",
                "the States that consult, e.g. `between UA, RU`",
            );
        }
        for (party, span, standing) in parties {
            let about = parts.about;
            self.push_fact(span, standing, FactData::Consultation { id, party, about });
        }
        self.event_when(ctx, &parts);
    }

    fn lower_response(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut parts = EventParts::default();
        let mut by: Option<(Sym, Span, Standing)> = None;
        let mut against: Option<Sym> = None;
        let mut kinds: Vec<Sym> = Vec::new();
        self.lower_properties(
            ctx,
            &["by", "against", "about", "on", "kind", "note"],
            |l, s, standing| match s.keyword.as_str() {
                "by" => by = l.one_ref(s, STATES).map(|st| (st, s.span, standing)),
                "against" => against = l.one_ref(s, ACTORS),
                "kind" => kinds.extend(l.words(s, v::RESPONSE_KINDS)),
                _ => l.event_part(s, standing, &mut parts),
            },
        );
        let Some((by, span, standing)) = by else {
            self.missing(ctx, "by", "the State that responds, e.g. `by UA`");
            return;
        };
        if kinds.is_empty() {
            self.missing(
                ctx,
                "kind",
                &format!("one or more of {}", v::RESPONSE_KINDS.join(", ")),
            );
        }
        let against = against.unwrap_or(Sym::UNKNOWN);
        for kind in kinds {
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

    fn lower_conflict(&mut self, ctx: &Ctx<'_>) {
        let id = ctx.id;
        let mut parts = EventParts::default();
        let mut parties = 0;
        self.lower_properties(ctx, &["between", "on", "note"], |l, s, standing| {
            match s.keyword.as_str() {
                "between" => {
                    for party in l.refs(s, ACTORS) {
                        parties += 1;
                        l.push_fact(
                            s.span,
                            standing.clone(),
                            FactData::ConflictParty { id, party },
                        );
                    }
                }
                _ => l.event_part(s, standing, &mut parts),
            }
        });
        if parties < 2 {
            self.missing(ctx, "between", "the parties, e.g. `between RU, UA`");
        }
        if parts.when.is_none() {
            self.missing(
                ctx,
                "on",
                "when it began, e.g. `on 2022-02-24..` while it goes on",
            );
        }
        self.event_when(ctx, &parts);
    }

    /// `from`, `to`, `about`, `on` shared by events.
    fn event_part(&mut self, s: &Statement, standing: Standing, parts: &mut EventParts) {
        match s.keyword.as_str() {
            "from" => {
                parts.from = self.one_ref(s, STATES);
                parts.span = Some(s.span);
                parts.standing = parts.standing.merged(&standing);
            }
            "to" => {
                parts.to = self.one_ref(s, STATES);
                parts.standing = parts.standing.merged(&standing);
            }
            "about" => {
                parts.about = self.one_ref(s, ACTS);
                parts.standing = parts.standing.merged(&standing);
            }
            "on" => {
                if let Some(w) = self.one_when(s) {
                    parts.when = Some((w, s.span, standing));
                }
            }
            _ => {}
        }
    }

    fn require_parts(&mut self, ctx: &Ctx<'_>, parts: &EventParts) -> Option<(Sym, Sym, Sym)> {
        if parts.from.is_none() {
            self.missing(ctx, "from", "the State that sends it, e.g. `from UA`");
        }
        if parts.to.is_none() {
            self.missing(ctx, "to", "the State it is sent to, e.g. `to RU`");
        }
        if parts.about.is_none() {
            self.missing(ctx, "about", "the act it concerns, e.g. `about a1`");
        }
        Some((parts.from?, parts.to?, parts.about?))
    }

    /// Records the date of an event, to be checked against the act it is about once all is read.
    fn event_when(&mut self, ctx: &Ctx<'_>, parts: &EventParts) {
        let Some((when, span, standing)) = parts.when.clone() else {
            return;
        };
        self.push_fact(span, standing, FactData::EventWhen { id: ctx.id, when });
        if let Some(about) = parts.about {
            self.dated_events.push((about, when.first(), span));
        }
    }

    /// A case is assessed as of its `assessed` date: a fact dated after it cannot be known
    /// then, and is most likely a typing error.
    fn check_assessment_date(&mut self) {
        let Some(&assessed) = self.case.assessed.iter().max() else {
            return;
        };
        let mut late = Vec::new();
        for fact in &self.case.facts {
            let day = match &fact.data {
                FactData::ActWhen { when, .. } | FactData::EventWhen { when, .. } => {
                    Some(when.first())
                }
                FactData::KnownTo { on, .. } => Some(*on),
                FactData::Answer { on, .. } => *on,
                _ => None,
            };
            if let Some(day) = day.filter(|d| *d > assessed) {
                late.push((fact.span, day));
            }
        }
        for (span, day) in late {
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

    /// A reply (an acknowledgement, an answer) cannot be dated before what it replies to.
    /// `words` name the reply, the event and the label at the event's date.
    fn reply_not_before(
        &mut self,
        reply_on: Option<Date>,
        span: Span,
        event: &EventParts,
        words: [&str; 3],
    ) {
        let [reply, what, label] = words;
        if let (Some((event_on, event_span, _)), Some(reply_on)) = (&event.when, reply_on) {
            if reply_on < event_on.first() {
                let other = Some((*event_span, label.to_owned()));
                self.date_order(span, &format!("{reply} is dated before the {what}"), other);
            }
        }
    }

    /// An event about an act cannot come before the act began.
    fn check_event_dates(&mut self) {
        let starts: HashMap<Sym, (Date, Span)> = self
            .case
            .facts
            .iter()
            .filter_map(|f| match &f.data {
                FactData::ActWhen { act, when } => Some((*act, (when.first(), f.span))),
                _ => None,
            })
            .collect();
        for (about, day, span) in std::mem::take(&mut self.dated_events) {
            if let Some(&(start, act_span)) = starts.get(&about) {
                if day < start {
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

    fn date_order(&mut self, span: Span, message: &str, other: Option<(Span, String)>) {
        let mut d = Diagnostic::error(Code::DateOrder, span, message.to_owned());
        if let Some((other, label)) = other {
            d = d.with_secondary(other, label);
        }
        self.error(d.with_label("impossible order").with_help(
            "check both dates; an event cannot come before what it answers or concerns",
        ));
    }

    fn lower_expect(&mut self, s: &Statement) {
        let usage = "write `expect implicated RULE for STATE [about ID]`, `expect not RULE for STATE` or `expect not RULE`";
        let [status_v, rule_v, rest @ ..] = s.values.as_slice() else {
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
            let slot = match w.as_str() {
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
        let Some(status) = self.word_value(status_v, v::STATUSES) else {
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
            Some(p) => match self.reference(p, ACTORS) {
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
            rule: rule.clone(),
            rule_span: rule_v.span,
            party,
            about,
            span: s.span,
        });
    }

    // ---- values ----

    fn standing(&mut self, syntax: Option<&StandingSyntax>, base: &Standing) -> Standing {
        let Some(syntax) = syntax else {
            return base.clone();
        };
        let mut standing = base.clone();
        for clause in &syntax.clauses {
            let mut states = Vec::new();
            for (name, span) in &clause.by {
                let sym = self.case.interner.intern(name);
                match self.case.entity(sym).map(|e| e.kind) {
                    Some(k) if ACTORS.contains(&k) => states.push(sym),
                    Some(k) => self.error(
                        Diagnostic::error(
                            Code::WrongKindReference,
                            *span,
                            format!("`{name}` is {}, not an actor", k.noun()),
                        )
                        .with_label("cannot allege or deny")
                        .with_help("name the State or actor that alleges or denies the fact"),
                    ),
                    None => self.undeclared(name, *span, ACTORS),
                }
            }
            let word = clause.word.as_str();
            match word {
                "established" => {}
                "unknown" => standing.unknown = true,
                "alleged" | "disputed" | "denied" if clause.by.is_empty() => self.error(
                    Diagnostic::error(
                        Code::InvalidStanding,
                        clause.word_span,
                        format!("`{word}` needs to say by whom"),
                    )
                    .with_label("by whom?")
                    .with_help(format!(
                        "write `({word} by UA)`; name every State or actor that says so"
                    )),
                ),
                "alleged" => standing.alleged_by.extend(states),
                "disputed" | "denied" => standing.disputed_by.extend(states),
                _ => {
                    let words = ["established", "alleged", "disputed", "denied", "unknown"];
                    let mut d = Diagnostic::error(
                        Code::InvalidStanding,
                        clause.word_span,
                        format!("`{word}` is not a standing"),
                    )
                    .with_label("unknown standing");
                    d = match did_you_mean(word, words) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help("a standing is one of: established, alleged by X, disputed by X, denied by X, unknown"),
                    };
                    self.error(d);
                }
            }
        }
        standing
    }

    fn undeclared(&mut self, name: &str, span: Span, kinds: &[EntityKind]) {
        // A suggestion compares the name with every declared id; past a few dozen unknown ids
        // the file has a bigger problem than a typo, and the comparison would grow quadratic.
        self.suggestions_left = self.suggestions_left.saturating_sub(1);
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

    fn reference(&mut self, value: &Value, kinds: &[EntityKind]) -> Option<Sym> {
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

    fn refs(&mut self, s: &Statement, kinds: &[EntityKind]) -> Vec<Sym> {
        if s.values.is_empty() {
            self.count_error(s, "one or more ids");
        }
        s.values
            .iter()
            .filter_map(|v| self.reference(v, kinds))
            .collect()
    }

    fn one_ref(&mut self, s: &Statement, kinds: &[EntityKind]) -> Option<Sym> {
        match s.values.as_slice() {
            [value] => self.reference(value, kinds),
            _ => {
                self.count_error(s, "exactly one id");
                None
            }
        }
    }

    fn word_value(&mut self, value: &Value, allowed: &[&str]) -> Option<Sym> {
        let ValueKind::Word(word) = &value.kind else {
            self.error(
                Diagnostic::error(Code::UnknownValue, value.span, "expected a word here")
                    .with_label("not a word")
                    .with_help(format!("expected one of: {}", allowed.join(", "))),
            );
            return None;
        };
        if allowed.contains(&word.as_str()) {
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

    fn words(&mut self, s: &Statement, allowed: &[&str]) -> Vec<Sym> {
        if s.values.is_empty() {
            self.count_error(s, &format!("one or more of {}", allowed.join(", ")));
        }
        s.values
            .iter()
            .filter_map(|v| self.word_value(v, allowed))
            .collect()
    }

    fn one_word(&mut self, s: &Statement, allowed: &[&str]) -> Option<Sym> {
        match s.values.as_slice() {
            [value] => self.word_value(value, allowed),
            _ => {
                self.count_error(s, &format!("one of {}", allowed.join(", ")));
                None
            }
        }
    }

    fn date(&mut self, value: &Value) -> Option<Date> {
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

    fn check_date(&mut self, raw: RawDate, span: Span) -> Option<Date> {
        let date = Date::from_raw(raw);
        if date.is_none() {
            self.error(
                Diagnostic::error(
                    Code::InvalidDate,
                    span,
                    format!(
                        "{:04}-{:02}-{:02} is not a date on the calendar",
                        raw.year, raw.month, raw.day
                    ),
                )
                .with_label("no such day")
                .with_help("check the month (01-12) and the day of the month"),
            );
        }
        date
    }

    fn one_when(&mut self, s: &Statement) -> Option<When> {
        let [value] = s.values.as_slice() else {
            self.count_error(
                s,
                "one date or period, e.g. `2017-06-27` or `2017-06-27..2017-06-29`",
            );
            return None;
        };
        match &value.kind {
            ValueKind::Date(_) => self.date(value).map(|from| When {
                from,
                to: End::SameDay,
            }),
            ValueKind::DateRange(from, to) => {
                let from = self.check_date(*from, value.span)?;
                let to = match to {
                    Some(t) => End::On(self.check_date(*t, value.span)?),
                    None => End::Ongoing,
                };
                if let End::On(to) = to {
                    if to < from {
                        self.date_order(value.span, "this period ends before it begins", None);
                        return None;
                    }
                }
                Some(When { from, to })
            }
            _ => self.date(value).map(|from| When {
                from,
                to: End::SameDay,
            }),
        }
    }

    /// The word `unknown` as a value (`intent unknown`, `answer unknown`) is a fact whose value
    /// is not known: it matches any word a rule asks for, with an unknown standing.
    fn unknown_as_standing(&self, word: Sym, standing: Standing) -> (Sym, Standing) {
        if word == Sym::UNKNOWN || self.case.name(word) == "unknown" {
            (Sym::UNKNOWN, standing.merged(&Standing::unknown()))
        } else {
            (word, standing)
        }
    }

    fn push_fact(&mut self, span: Span, standing: Standing, data: FactData) -> FactId {
        self.case.facts.push(Fact {
            span,
            standing,
            data,
        });
        self.case.facts.len() - 1
    }
}

/// Statements that may appear once in a block.
const SINGLE: &[&str] = &[
    "of",
    "on",
    "intent",
    "from",
    "to",
    "about",
    "substantiated",
    "answer",
    "acknowledged",
    "protection",
];

#[derive(Default)]
struct EventParts {
    from: Option<Sym>,
    to: Option<Sym>,
    about: Option<Sym>,
    when: Option<(When, Span, Standing)>,
    span: Option<Span>,
    standing: Standing,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::syntax::parse;

    fn lower_text(text: &str) -> (Case, Vec<Diagnostic>) {
        let (tree, mut diags) = parse(text);
        let (case, more) = lower(&tree);
        diags.extend(more);
        (case, diags)
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let (_, diags) = lower_text("case \"t\" { assessed 2021-02-29 }\n");
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::InvalidDate]
        );
    }

    #[test]
    fn leap_days_exist() {
        let (_, diags) = lower_text("case \"t\" { assessed 2020-02-29 }\n");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn an_act_by_infrastructure_is_the_wrong_kind() {
        let (_, diags) = lower_text(
            "case \"t\" {}\nstate UA\ninfrastructure grid { in UA }\nact a1 { by grid\n kind disruption }\n",
        );
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::WrongKindReference]
        );
    }
}
