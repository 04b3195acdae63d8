//! The scenario graph: actors, objects, acts and events as petgraph nodes, the facts that link
//! them as typed edges, and the derived relations (whose conduct an act is, where it came from,
//! who knew when, whether it falls in an armed conflict) computed from it in one pass each.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::language::model::{Case, Date, EntityKind, Fact, FactData, FactId, Standing, Sym, When};
use crate::scenario::relations::Relations;

/// What an edge of the scenario graph says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    OrganOf,
    Tie(Sym),
    ActorIn,
    LocatedIn,
    Serves,
    OperatedBy,
    By,
    Against,
    Origin,
    Transit,
    Exploits,
    KnownTo,
    From,
    To,
    About,
    AttributedTo,
    Party,
}

impl EdgeKind {
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::OrganOf => "organ of",
            EdgeKind::Tie(_) => "tied to",
            EdgeKind::ActorIn => "operates in",
            EdgeKind::LocatedIn => "located in",
            EdgeKind::Serves => "serves",
            EdgeKind::OperatedBy => "operated by",
            EdgeKind::By => "by",
            EdgeKind::Against => "against",
            EdgeKind::Origin => "emanates from",
            EdgeKind::Transit => "transits",
            EdgeKind::Exploits => "exploits",
            EdgeKind::KnownTo => "known to",
            EdgeKind::From => "from",
            EdgeKind::To => "to",
            EdgeKind::About => "about",
            EdgeKind::AttributedTo => "attributed to",
            EdgeKind::Party => "party",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub kind: EdgeKind,
    pub fact: FactId,
}

/// A lowered case with its graph and relations, ready for the rules.
#[derive(Debug)]
pub struct Scenario {
    pub case: Case,
    /// The case's facts (moved out of `case`) followed by facts the derivation adds (such as
    /// "the date of `a1` is not stated"), so that every piece of evidence has a place and a
    /// standing.
    pub facts: Vec<Fact>,
    /// How many of `facts` the case file states.
    pub stated_facts: usize,
    pub graph: DiGraph<Sym, Edge>,
    pub nodes: HashMap<Sym, NodeIndex>,
    pub relations: Relations,
    /// The fact that dates each event.
    event_dates: HashMap<Sym, FactId>,
}

impl Scenario {
    pub fn name(&self, sym: Sym) -> &str {
        self.case.name(sym)
    }

    fn node(&self, id: Sym) -> Option<NodeIndex> {
        self.nodes.get(&id).copied()
    }

    /// Outgoing edges of one kind, as (target, fact).
    fn out(&self, id: Sym, pred: impl Fn(EdgeKind) -> bool) -> Vec<(Sym, EdgeKind, FactId)> {
        let Some(node) = self.node(id) else {
            return Vec::new();
        };
        let mut edges: Vec<(Sym, EdgeKind, FactId)> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|e| pred(e.weight().kind))
            .map(|e| (self.graph[e.target()], e.weight().kind, e.weight().fact))
            .collect();
        // petgraph lists edges newest first; evidence reads in file order.
        edges.sort_by_key(|e| e.2);
        edges
    }

    fn kind(&self, id: Sym) -> Option<EntityKind> {
        self.case.kind_of(id)
    }

    fn synthetic(&mut self, span_of: FactId, text: String) -> FactId {
        let span = self.facts[span_of].span;
        self.facts.push(Fact {
            span,
            standing: Standing::unknown(),
            data: FactData::Undecided { text },
        });
        self.facts.len() - 1
    }
}

/// Builds the graph and all relations. Linear in the number of facts (each derivation visits
/// each act and its edges once).
pub fn build(mut case: Case) -> Scenario {
    let mut graph = DiGraph::with_capacity(case.entities.len(), case.facts.len());
    let mut nodes = HashMap::with_capacity(case.entities.len());
    for entity in &case.entities {
        nodes.insert(entity.id, graph.add_node(entity.id));
    }
    // The scenario owns the facts from here on; the graph appends the undecided ones.
    let facts = std::mem::take(&mut case.facts);
    let stated_facts = facts.len();
    let mut scenario = Scenario {
        case,
        facts,
        graph,
        nodes,
        relations: Relations::default(),
        event_dates: HashMap::new(),
        stated_facts,
    };
    let mut act_when: HashMap<Sym, FactId> = HashMap::new();
    let mut event_when: HashMap<Sym, FactId> = HashMap::new();
    let mut conflicts: HashMap<Sym, Vec<(Sym, FactId)>> = HashMap::new();
    let mut edges = Vec::new();

    for (id, fact) in scenario.facts.iter().enumerate() {
        let r = &mut scenario.relations;
        let one = vec![id];
        match fact.data {
            FactData::Declared { id: e, kind } => {
                if kind == EntityKind::State {
                    r.insert("state", &[e], one, None);
                }
            }
            FactData::OrganOf { organ, state } => {
                r.insert("organ_of", &[organ, state], one, None);
                edges.push((organ, state, EdgeKind::OrganOf, id));
            }
            FactData::OrganKind { organ, kind } => {
                r.insert("organ_kind", &[organ, kind], one, None)
            }
            FactData::ActorKind { actor, kind } => {
                r.insert("actor_kind", &[actor, kind], one, None)
            }
            FactData::Tie { actor, state, tie } => {
                r.insert("tie", &[actor, state, tie], one, None);
                edges.push((actor, state, EdgeKind::Tie(tie), id));
            }
            FactData::ActorIn { actor, state } => {
                r.insert("actor_in", &[actor, state], one, None);
                edges.push((actor, state, EdgeKind::ActorIn, id));
            }
            FactData::ObjectKind { object, kind } => {
                r.insert("object_kind", &[object, kind], one, None)
            }
            FactData::LocatedIn { object, state } => {
                r.insert("located_in", &[object, state], one, None);
                edges.push((object, state, EdgeKind::LocatedIn, id));
            }
            FactData::Critical { object, sector } => {
                r.insert("critical", &[object, sector], one, None)
            }
            FactData::Serves { object, state } => {
                r.insert("serves", &[object, state], one, None);
                edges.push((object, state, EdgeKind::Serves, id));
            }
            FactData::OperatedBy { object, actor } => {
                r.insert("operated_by", &[object, actor], one, None);
                edges.push((object, actor, EdgeKind::OperatedBy, id));
            }
            FactData::Protection { object, level } => {
                r.insert("protection", &[object, level], one, None)
            }
            FactData::By { act, actor } => {
                r.insert("by", &[act, actor], one, None);
                edges.push((act, actor, EdgeKind::By, id));
            }
            FactData::Against { act, target } => {
                r.insert("against", &[act, target], one, None);
                edges.push((act, target, EdgeKind::Against, id));
            }
            FactData::ActKind { act, kind } => r.insert("act_kind", &[act, kind], one, None),
            FactData::Effect { act, effect } => r.insert("effect", &[act, effect], one, None),
            FactData::Intent { act, intent } => r.insert("intent", &[act, intent], one, None),
            FactData::Origin { act, place } => edges.push((act, place, EdgeKind::Origin, id)),
            FactData::Transit { act, place } => edges.push((act, place, EdgeKind::Transit, id)),
            FactData::Exploits { act, object } => {
                r.insert("exploits", &[act, object], one, None);
                edges.push((act, object, EdgeKind::Exploits, id));
            }
            FactData::ActWhen { act, .. } => {
                act_when.insert(act, id);
            }
            FactData::KnownTo { act, state, .. } => edges.push((act, state, EdgeKind::KnownTo, id)),
            FactData::Notification {
                id: n,
                from,
                to,
                about,
            } => {
                r.insert("notification", &[n, from, to, about], one, None);
                edges.push((n, from, EdgeKind::From, id));
                edges.push((n, to, EdgeKind::To, id));
                edges.push((n, about, EdgeKind::About, id));
            }
            FactData::Acknowledged { id: n, answer } => {
                r.insert("acknowledged", &[n, answer], one, None)
            }
            FactData::Request {
                id: q,
                from,
                to,
                about,
                kind,
            } => {
                r.insert("request", &[q, from, to, about, kind], one, None);
                edges.push((q, from, EdgeKind::From, id));
                edges.push((q, to, EdgeKind::To, id));
                edges.push((q, about, EdgeKind::About, id));
            }
            FactData::Answer { id: q, answer, .. } => r.insert("answer", &[q, answer], one, None),
            FactData::Attribution {
                id: t,
                by,
                about,
                to,
            } => {
                r.insert("attribution", &[t, by, about, to], one, None);
                edges.push((t, by, EdgeKind::From, id));
                edges.push((t, about, EdgeKind::About, id));
                edges.push((t, to, EdgeKind::AttributedTo, id));
            }
            FactData::Basis { id: t, basis } => r.insert("basis", &[t, basis], one, None),
            FactData::Substantiated { id: t, value } => {
                r.insert("substantiated", &[t, value], one, None)
            }
            FactData::Consultation {
                id: c,
                party,
                about,
            } => {
                r.insert(
                    "consultation",
                    &[c, party, about.unwrap_or(Sym::UNKNOWN)],
                    one,
                    None,
                );
                edges.push((c, party, EdgeKind::Party, id));
                if let Some(about) = about {
                    edges.push((c, about, EdgeKind::About, id));
                }
            }
            FactData::Response {
                id: x,
                by,
                against,
                about,
                kind,
            } => {
                r.insert(
                    "response",
                    &[x, by, against, about.unwrap_or(Sym::UNKNOWN), kind],
                    one,
                    None,
                );
                edges.push((x, by, EdgeKind::From, id));
                if against != Sym::UNKNOWN {
                    edges.push((x, against, EdgeKind::To, id));
                }
                if let Some(about) = about {
                    edges.push((x, about, EdgeKind::About, id));
                }
            }
            FactData::ConflictParty { id: c, party } => {
                r.insert("conflict_party", &[c, party], one, None);
                edges.push((c, party, EdgeKind::Party, id));
                conflicts.entry(c).or_default().push((party, id));
            }
            FactData::EventWhen { id: e, .. } => {
                event_when.insert(e, id);
            }
            // Only the graph makes these, after this pass.
            FactData::Undecided { .. } => {}
        }
    }
    for (from, to, kind, fact) in edges {
        if let (Some(a), Some(b)) = (scenario.node(from), scenario.node(to)) {
            scenario.graph.add_edge(a, b, Edge { kind, fact });
        }
    }

    let acts: Vec<Sym> = scenario
        .case
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Act)
        .map(|e| e.id)
        .collect();
    let interner = &mut scenario.case.interner;
    let words = Words {
        state: interner.intern("state"),
        organ: interner.intern("organ"),
        origin: interner.intern("origin"),
        transit: interner.intern("transit"),
        art8: ["instructions", "direction", "control"].map(|w| interner.intern(w)),
        support: interner.intern("support"),
        toleration: interner.intern("toleration"),
    };
    scenario.event_dates = event_when.clone();

    let conflict_when: HashMap<Sym, FactId> = conflicts
        .keys()
        .filter_map(|c| event_when.get(c).map(|f| (*c, *f)))
        .collect();
    // Conflicts by party, so that each act looks only at the conflicts of its victims.
    let mut conflicts_of: HashMap<Sym, Vec<Sym>> = HashMap::new();
    for (c, parties) in &conflicts {
        for (p, _) in parties {
            conflicts_of.entry(*p).or_default().push(*c);
        }
    }
    for list in conflicts_of.values_mut() {
        list.sort();
    }

    for act in acts {
        derive_conduct(&mut scenario, act, &words);
        let victims = derive_victims(&mut scenario, act);
        let sources = derive_origin(&mut scenario, act, &words);
        derive_awareness(&mut scenario, act, &sources, act_when.get(&act).copied());
        derive_armed_conflict(
            &mut scenario,
            act,
            &victims,
            act_when.get(&act).copied(),
            &conflicts,
            &conflicts_of,
            &conflict_when,
        );
    }
    derive_settlement(&mut scenario, &event_when);
    scenario
}

/// Vocabulary words the derivations write into relations.
struct Words {
    state: Sym,
    organ: Sym,
    origin: Sym,
    transit: Sym,
    art8: [Sym; 3],
    support: Sym,
    toleration: Sym,
}

/// Whose conduct an act is, with the chain that makes it so (ARSIWA arts. 4 and 8), and which
/// States support or tolerate the actor that carried it out.
fn derive_conduct(s: &mut Scenario, act: Sym, words: &Words) {
    for (actor, _, by_fact) in s.out(act, |k| k == EdgeKind::By) {
        let a = s.name(act).to_owned();
        let who = s.name(actor).to_owned();
        match s.kind(actor) {
            Some(EntityKind::State) => {
                let note = format!("`{a}` is carried out by {who} itself");
                s.relations.insert(
                    "conduct_of",
                    &[act, actor, words.state],
                    vec![by_fact],
                    Some(note),
                );
            }
            Some(EntityKind::Organ) => {
                for (state, _, organ_fact) in s.out(actor, |k| k == EdgeKind::OrganOf) {
                    let note = format!(
                        "`{a}` is carried out by `{who}`, an organ of {} (ARSIWA art. 4)",
                        s.name(state)
                    );
                    s.relations.insert(
                        "conduct_of",
                        &[act, state, words.organ],
                        vec![by_fact, organ_fact],
                        Some(note),
                    );
                }
            }
            Some(EntityKind::Actor) => {
                for (state, kind, tie_fact) in s.out(actor, |k| matches!(k, EdgeKind::Tie(_))) {
                    let EdgeKind::Tie(tie) = kind else { continue };
                    let st = s.name(state).to_owned();
                    let facts = vec![by_fact, tie_fact];
                    if words.art8.contains(&tie) {
                        let how = match s.name(tie) {
                            "instructions" => "on the instructions of",
                            "direction" => "under the direction of",
                            _ => "under the control of",
                        };
                        let note = format!(
                            "`{a}` is carried out by `{who}`, acting {how} {st} (ARSIWA art. 8)"
                        );
                        s.relations
                            .insert("conduct_of", &[act, state, tie], facts, Some(note));
                    } else if tie == words.support {
                        let note = format!("`{a}` is carried out by `{who}`, supported by {st}; support alone does not make it {st}'s conduct");
                        s.relations
                            .insert("supported_by", &[act, state], facts, Some(note));
                    } else if tie == words.toleration {
                        let note = format!("`{a}` is carried out by `{who}`, tolerated by {st}; toleration does not make it {st}'s conduct");
                        s.relations
                            .insert("tolerated_by", &[act, state], facts, Some(note));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The States whose territory holds a target of the act, or that are targeted themselves.
fn derive_victims(s: &mut Scenario, act: Sym) -> Vec<(Sym, Vec<FactId>)> {
    let mut victims = Vec::new();
    for (target, _, against_fact) in s.out(act, |k| k == EdgeKind::Against) {
        match s.kind(target) {
            Some(EntityKind::State) => victims.push((target, vec![against_fact])),
            Some(EntityKind::Object) => {
                for (state, _, in_fact) in s.out(target, |k| k == EdgeKind::LocatedIn) {
                    victims.push((state, vec![against_fact, in_fact]));
                }
            }
            Some(EntityKind::Organ) => {
                for (state, _, organ_fact) in s.out(target, |k| k == EdgeKind::OrganOf) {
                    victims.push((state, vec![against_fact, organ_fact]));
                }
            }
            _ => {}
        }
    }
    // One victim tuple per State: the first path in file order is its evidence.
    let mut seen = Vec::new();
    victims.retain(|(state, _)| {
        let first = !seen.contains(state);
        seen.push(*state);
        first
    });
    for (state, facts) in &victims {
        s.relations
            .insert("victim", &[act, *state], facts.clone(), None);
    }
    victims
}

/// The States an act emanated from or transited, directly or through infrastructure in them.
fn derive_origin(s: &mut Scenario, act: Sym, words: &Words) -> Vec<(Sym, Vec<FactId>)> {
    let mut sources = Vec::new();
    for (place, kind, fact) in s.out(act, |k| matches!(k, EdgeKind::Origin | EdgeKind::Transit)) {
        let via = if kind == EdgeKind::Origin {
            words.origin
        } else {
            words.transit
        };
        match s.kind(place) {
            Some(EntityKind::State) => sources.push((place, via, vec![fact])),
            Some(EntityKind::Object) => {
                for (state, _, in_fact) in s.out(place, |k| k == EdgeKind::LocatedIn) {
                    sources.push((state, via, vec![fact, in_fact]));
                }
            }
            _ => {}
        }
    }
    for (state, via, facts) in &sources {
        s.relations
            .insert("emanated_from", &[act, *state, *via], facts.clone(), None);
    }
    sources.into_iter().map(|(st, _, f)| (st, f)).collect()
}

fn when_of(s: &Scenario, fact: FactId) -> Option<When> {
    match s.facts[fact].data {
        FactData::ActWhen { when, .. } | FactData::EventWhen { when, .. } => Some(when),
        _ => None,
    }
}

/// A State from whose territory an act came knew of it (notified, asked about it, or aware)
/// while it went on
/// (A/76/135 ¶29: "aware of or ... notified in good faith"; "before the activity continues" is
/// normcheck's reading of the dates).
fn derive_awareness(
    s: &mut Scenario,
    act: Sym,
    sources: &[(Sym, Vec<FactId>)],
    act_when: Option<FactId>,
) {
    if sources.is_empty() {
        return;
    }
    let node = match s.node(act) {
        Some(n) => n,
        None => return,
    };
    // Notifications about this act: incoming `About` edges from notification nodes.
    let mut notices: Vec<(Sym, Sym, FactId, Option<Date>)> = Vec::new();
    let incoming: Vec<(Sym, FactId)> = s
        .graph
        .edges_directed(node, Direction::Incoming)
        .filter(|e| e.weight().kind == EdgeKind::About)
        .map(|e| (s.graph[e.source()], e.weight().fact))
        .collect();
    // A request about the act (to assist, to mitigate) tells the requested State of it as
    // surely as a notification does.
    for (event, fact) in incoming {
        if let FactData::Notification { to, .. } | FactData::Request { to, .. } = s.facts[fact].data
        {
            notices.push((event, to, fact, None));
        }
    }
    for (state, _, fact) in s.out(act, |k| k == EdgeKind::KnownTo) {
        if let FactData::KnownTo { on, .. } = s.facts[fact].data {
            notices.push((act, state, fact, Some(on)));
        }
    }
    notices.sort_by_key(|n| n.2);
    let act_last = act_when.and_then(|f| when_of(s, f)).map(|w| w.last());
    let mut done: Vec<Sym> = Vec::new();
    for (event, state, fact, known_on) in notices {
        let Some((_, source_facts)) = sources.iter().find(|(st, _)| *st == state) else {
            continue;
        };
        if done.contains(&state) {
            continue;
        }
        let mut facts = source_facts.clone();
        facts.push(fact);
        let day = match known_on {
            Some(d) => Some(d),
            None => s.event_day(event),
        };
        let a = s.name(act).to_owned();
        match (day, act_last) {
            (Some(day), Some(last)) => {
                if last.is_none_or(|last| day <= last) {
                    facts.push(act_when.unwrap_or(fact));
                    if let Some(f) = s.event_day_fact(event) {
                        facts.push(f);
                    }
                    let note = format!(
                        "{} knew of `{a}` on {day}, while it was still going on",
                        s.name(state)
                    );
                    s.relations
                        .insert("aware_before", &[state, act], facts, Some(note));
                    done.push(state);
                }
            }
            (None, _) => {
                let unknown = s.synthetic(
                    fact,
                    format!("the date {} learned of `{a}` is not stated", s.name(state)),
                );
                facts.push(unknown);
                s.relations
                    .insert("aware_before", &[state, act], facts, None);
                done.push(state);
            }
            (Some(_), None) => {
                let unknown = s.synthetic(fact, format!("the date of `{a}` is not stated, so whether it went on after {} knew is unknown", s.name(state)));
                facts.push(unknown);
                s.relations
                    .insert("aware_before", &[state, act], facts, None);
                done.push(state);
            }
        }
    }
}

impl Scenario {
    fn event_day_fact(&self, event: Sym) -> Option<FactId> {
        self.event_dates.get(&event).copied()
    }

    fn event_day(&self, event: Sym) -> Option<Date> {
        self.event_day_fact(event)
            .and_then(|f| when_of(self, f))
            .map(|w| w.first())
    }
}

/// On the act's date, the conduct State and a victim State are parties to one armed conflict.
fn derive_armed_conflict(
    s: &mut Scenario,
    act: Sym,
    victims: &[(Sym, Vec<FactId>)],
    act_when: Option<FactId>,
    conflicts: &HashMap<Sym, Vec<(Sym, FactId)>>,
    conflicts_of: &HashMap<Sym, Vec<Sym>>,
    conflict_when: &HashMap<Sym, FactId>,
) {
    let when = act_when.and_then(|f| when_of(s, f));
    for (victim, victim_facts) in victims {
        let Some(list) = conflicts_of.get(victim) else {
            continue;
        };
        for conflict in list {
            let Some(parties) = conflicts.get(conflict) else {
                continue;
            };
            let Some(victim_party_fact) =
                parties.iter().find(|(p, _)| p == victim).map(|(_, f)| *f)
            else {
                continue;
            };
            let period = conflict_when.get(conflict).and_then(|f| when_of(s, *f));
            for (party, party_fact) in parties {
                if party == victim {
                    continue;
                }
                let mut facts = victim_facts.clone();
                facts.extend([victim_party_fact, *party_fact]);
                facts.extend(conflict_when.get(conflict));
                let a = s.name(act).to_owned();
                match (when, period) {
                    (Some(w), Some(p)) => {
                        if p.contains(w.first()) {
                            facts.extend(act_when);
                            let note = format!(
                                "`{a}` takes place during armed conflict `{}` between {} and {}",
                                s.name(*conflict),
                                s.name(*party),
                                s.name(*victim)
                            );
                            s.relations.insert(
                                "in_armed_conflict",
                                &[act, *party],
                                facts,
                                Some(note),
                            );
                        }
                    }
                    _ => {
                        let anchor = act_when.unwrap_or(victim_facts[0]);
                        let unknown = s.synthetic(anchor, format!("the date of `{a}` is not stated, so whether it falls within armed conflict `{}` is unknown", s.name(*conflict)));
                        facts.push(unknown);
                        s.relations
                            .insert("in_armed_conflict", &[act, *party], facts, None);
                    }
                }
            }
        }
    }
}

/// Before a response, the responding State notified, consulted or asked the other State about
/// the act (the means of A/76/135 ¶71(a) begin with such contacts).
fn derive_settlement(s: &mut Scenario, event_when: &HashMap<Sym, FactId>) {
    // Earliest contact (notification, request, consultation) between two States about an act.
    let mut contacts: HashMap<(Sym, Sym, Sym), (Date, FactId)> = HashMap::new();
    // Ordered, so that ties between contacts on the same day resolve the same way every run.
    let mut consults: std::collections::BTreeMap<(Sym, Sym), (Vec<Sym>, FactId)> =
        Default::default();
    for (id, fact) in s.facts.iter().enumerate() {
        let (event, from, to, about) = match fact.data {
            FactData::Notification {
                id: e,
                from,
                to,
                about,
            }
            | FactData::Request {
                id: e,
                from,
                to,
                about,
                ..
            } => (e, from, to, about),
            FactData::Consultation {
                id: e,
                party,
                about: Some(about),
            } => {
                consults
                    .entry((e, about))
                    .or_insert_with(|| (Vec::new(), id))
                    .0
                    .push(party);
                (e, party, party, about)
            }
            _ => continue,
        };
        let Some(day) = event_when
            .get(&event)
            .and_then(|f| when_of(s, *f))
            .map(|w| w.first())
        else {
            continue;
        };
        for key in [(from, to, about), (to, from, about)] {
            let entry = contacts.entry(key).or_insert((day, id));
            if (day, id) < *entry {
                *entry = (day, id);
            }
        }
    }
    for ((event, about), (parties, fact)) in &consults {
        let fact = *fact;
        let Some(day) = event_when
            .get(event)
            .and_then(|f| when_of(s, *f))
            .map(|w| w.first())
        else {
            continue;
        };
        for a in parties {
            for b in parties {
                if a != b {
                    let entry = contacts.entry((*a, *b, *about)).or_insert((day, fact));
                    if (day, fact) < *entry {
                        *entry = (day, fact);
                    }
                }
            }
        }
    }
    let responses: Vec<(Sym, Sym, Sym, Sym, FactId)> = s
        .facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f.data {
            FactData::Response {
                id,
                by,
                against,
                about: Some(about),
                ..
            } => Some((id, by, against, about, i)),
            _ => None,
        })
        .collect();
    let mut done = std::collections::HashSet::new();
    for (response, by, against, about, fact) in responses {
        if done.contains(&response) {
            continue;
        }
        let Some(day) = event_when
            .get(&response)
            .and_then(|f| when_of(s, *f))
            .map(|w| w.first())
        else {
            continue;
        };
        if let Some((contact_day, contact_fact)) = contacts.get(&(by, against, about)) {
            if *contact_day <= day {
                let note = format!(
                    "{} was in contact with {} about `{}` on {contact_day}, before responding",
                    s.name(by),
                    s.name(against),
                    s.name(about)
                );
                s.relations.insert(
                    "settlement_sought",
                    &[response],
                    vec![fact, *contact_fact],
                    Some(note),
                );
                done.insert(response);
            }
        }
    }
}

impl Scenario {
    /// The scenario graph in Graphviz DOT, for people who want to see the case: one node per
    /// declared id, one edge per linking fact. Deterministic: nodes and edges in file order.
    pub fn to_dot(&self) -> String {
        use std::fmt::Write as _;
        let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut out = String::from("digraph case {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for node in self.graph.node_indices() {
            let id = self.graph[node];
            let Some(entity) = self.case.entity(id) else {
                continue;
            };
            let shape = match entity.kind {
                EntityKind::State => "doubleoctagon",
                EntityKind::Organ | EntityKind::Actor => "ellipse",
                EntityKind::Object => "box",
                EntityKind::Act => "hexagon",
                _ => "note",
            };
            let name = self.name(id);
            let label = match &entity.name {
                Some(n) => format!("{name}\\n{}", quote(n)),
                None => name.to_owned(),
            };
            let style = if entity.standing.is_established() {
                "solid"
            } else {
                "dashed"
            };
            let _ = writeln!(
                out,
                "  \"{}\" [shape={shape}, style={style}, label=\"{label}\"];",
                quote(name)
            );
        }
        let mut edges: Vec<_> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                self.graph
                    .edge_endpoints(e)
                    .map(|(a, b)| (a, b, self.graph[e]))
            })
            .collect();
        edges.sort_by_key(|(_, _, e)| e.fact);
        for (a, b, edge) in edges {
            let label = match edge.kind {
                EdgeKind::Tie(tie) => self.name(tie).to_owned(),
                kind => kind.label().to_owned(),
            };
            let style = if self.facts[edge.fact].standing.is_established() {
                "solid"
            } else {
                "dashed"
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\", style={style}];",
                quote(self.name(self.graph[a])),
                quote(self.name(self.graph[b])),
                quote(&label)
            );
        }
        out.push_str("}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "case \"t\" { assessed 2024-06-01 }\nstate XA\nstate XB\ninfrastructure grid { in XA; critical energy }\n";

    fn scenario(body: &str) -> Scenario {
        let text = format!("{HEAD}{body}");
        let (tree, diagnostics) = crate::language::syntax::parse(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (case, diagnostics) = crate::language::lower::lower(&tree);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        build(case)
    }

    /// The tuples of a relation as names, with whether they rest on established facts only.
    fn rows(s: &Scenario, relation: &str) -> Vec<(Vec<String>, bool)> {
        let id = crate::scenario::relations::relation_id(relation).unwrap_or(0);
        s.relations
            .get(id)
            .tuples
            .iter()
            .map(|t| {
                let values = t.values.iter().map(|v| s.name(*v).to_owned()).collect();
                let established = t
                    .facts
                    .iter()
                    .all(|f| s.facts[*f].standing.is_established());
                (values, established)
            })
            .collect()
    }

    fn row(values: &[&str], established: bool) -> (Vec<String>, bool) {
        (values.iter().map(|v| v.to_string()).collect(), established)
    }

    #[test]
    fn conduct_comes_from_organs_and_art_8_ties_only() {
        let s = scenario(
            "organ unit { of XB; kind armed-forces }\n\
             actor p1 { kind group; controlled-by XB }\n\
             actor p2 { kind group; supported-by XB }\n\
             actor p3 { kind group; tolerated-by XB (alleged by XA) }\n\
             act a1 { by unit; kind disruption }\nact a2 { by p1; kind disruption }\n\
             act a3 { by p2; kind disruption }\nact a4 { by p3; kind disruption }\n",
        );
        assert_eq!(
            rows(&s, "conduct_of"),
            vec![
                row(&["a1", "XB", "organ"], true),
                row(&["a2", "XB", "control"], true)
            ]
        );
        assert_eq!(rows(&s, "supported_by"), vec![row(&["a3", "XB"], true)]);
        assert_eq!(rows(&s, "tolerated_by"), vec![row(&["a4", "XB"], false)]);
    }

    #[test]
    fn awareness_counts_only_while_the_act_goes_on() {
        let s = scenario(
            "act done { by XB; kind disruption; on 2024-01-01..2024-01-10; origin XB }\n\
             act edge { by XB; kind disruption; on 2024-01-01..2024-01-10; origin XB }\n\
             act open { by XB; kind disruption; on 2024-01-01..; origin XB }\n\
             notification n1 { from XA; to XB; about done; on 2024-01-11 }\n\
             notification n2 { from XA; to XB; about edge; on 2024-01-10 }\n\
             request r1 { from XA; to XB; kind mitigation; about open; on 2024-05-01; answer ignored }\n",
        );
        assert_eq!(
            rows(&s, "aware_before"),
            vec![row(&["XB", "edge"], true), row(&["XB", "open"], true)]
        );
    }

    #[test]
    fn an_undated_act_leaves_awareness_and_armed_conflict_unknown() {
        let s = scenario(
            "conflict war { between XA, XB; on 2024-01-01.. }\n\
             act a1 { by XB; against grid; kind disruption; origin XB }\n\
             notification n1 { from XA; to XB; about a1; on 2024-02-01 }\n",
        );
        assert_eq!(rows(&s, "aware_before"), vec![row(&["XB", "a1"], false)]);
        assert_eq!(
            rows(&s, "in_armed_conflict"),
            vec![row(&["a1", "XB"], false)]
        );
    }

    #[test]
    fn armed_conflict_needs_the_act_inside_its_period() {
        let s = scenario(
            "conflict war { between XA, XB; on 2024-03-01..2024-06-01 }\n\
             act before { by XB; against grid; kind disruption; on 2024-02-01 }\n\
             act during { by XB; against grid; kind disruption; on 2024-04-01 }\n",
        );
        assert_eq!(
            rows(&s, "in_armed_conflict"),
            vec![row(&["during", "XB"], true)]
        );
    }

    #[test]
    fn settlement_is_sought_only_by_contact_before_the_response() {
        let s = scenario(
            "act a1 { by XB; against grid; kind disruption; on 2024-01-01 }\n\
             notification n1 { from XA; to XB; about a1; on 2024-01-05 }\n\
             response early { by XA; against XB; about a1; on 2024-01-03; kind countermeasures }\n\
             response late { by XA; against XB; about a1; on 2024-01-06; kind countermeasures }\n",
        );
        assert_eq!(rows(&s, "settlement_sought"), vec![row(&["late"], true)]);
    }

    #[test]
    fn origin_and_victims_go_through_infrastructure_to_territory() {
        let s = scenario(
            "infrastructure relay { in XB }\n\
             act a1 { by XB; against grid, XA; kind disruption; on 2024-01-01; transit relay }\n",
        );
        assert_eq!(
            rows(&s, "emanated_from"),
            vec![row(&["a1", "XB", "transit"], true)]
        );
        assert_eq!(rows(&s, "victim"), vec![row(&["a1", "XA"], true)]);
    }
}
