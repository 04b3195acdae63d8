//! The derived relations: whose conduct an act is (ARSIWA arts. 4 and 8), which States support
//! or tolerate its author, its victims, from whose territory it came, who knew of it while it
//! went on, and whether it fell within an armed conflict; what passes between States (answers,
//! contact before a response, assistance) is in `exchanges`. Each is computed from the scenario graph in one pass over the acts (or events);
//! a derived tuple keeps the facts it rests on and a sentence saying how.

use std::collections::HashSet;

use super::exchanges;
use super::graph::{Dated, Scenario};
use super::note::{Note, Tied};
use crate::language::model::{
    Date, Day, EntityKind, FactData, FactId, Interner, Order, Sym, SymMap, SymSet, When,
};
use crate::schema::{vocabulary, EdgeKind, Rel};

/// Computes every derived relation of the scenario.
pub(crate) fn derive_all(scenario: &mut Scenario) {
    let mut act_when: SymMap<FactId> = SymMap::default();
    let mut event_when: SymMap<FactId> = SymMap::default();
    let mut conflicts: SymMap<Vec<(Sym, FactId)>> = SymMap::default();
    let mut conflict_kinds: SymMap<Sym> = SymMap::default();
    // Conduct a policy document permits or requires in armed conflict.
    let mut in_conflict: SymMap<FactId> = SymMap::default();
    // Acts whose organ exceeded its authority, as the file says.
    let mut beyond: SymMap<FactId> = SymMap::default();
    for (id, fact) in scenario.case.facts.iter().enumerate() {
        match fact.data {
            FactData::ActWhen { act, .. } => {
                act_when.insert(act, id);
            }
            FactData::EventWhen { id: e, .. } => {
                event_when.insert(e, id);
            }
            FactData::ExceedsAuthority { act, value }
                if scenario.case.interner.name(value) == "yes" =>
            {
                beyond.insert(act, id);
            }
            FactData::ConflictParty { id: c, party } => {
                conflicts.entry(c).or_default().push((party, id));
            }
            FactData::ConflictKind { id: c, kind } => {
                conflict_kinds.insert(c, kind);
            }
            FactData::Context { act, context } => {
                let name = scenario.case.interner.name(context);
                if name == "armed-conflict" || name == "any" {
                    in_conflict.insert(act, id);
                }
            }
            _ => {}
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
        art8: intern_all(interner, vocabulary::ART8_TIES),
        support: interner.intern("support"),
        toleration: interner.intern("toleration"),
        adoption: interner.intern("adoption"),
        harmful_kinds: intern_all(interner, vocabulary::HARMFUL_KINDS),
        damaging_effects: intern_all(interner, vocabulary::DAMAGING_EFFECTS),
        coercion: interner.intern("coercion"),
        ground_kind: interner.intern("kind"),
        ground_effect: interner.intern("effect"),
    };
    let conflicts = Conflicts::new(scenario, conflicts, &conflict_kinds, &event_when);
    for act in acts {
        derive_conduct(scenario, act, &words, beyond.get(&act).copied());
        derive_harmful(scenario, act, &words);
        if let Some(&context) = in_conflict.get(&act) {
            derive_permitted_in_conflict(scenario, act, context);
        }
        let victims = derive_victims(scenario, act);
        derive_affected(scenario, act);
        let sources = derive_origin(scenario, act, &words);
        let when = act_when.get(&act).copied();
        derive_awareness(scenario, act, &sources, when, &event_when);
        let sides = sides(scenario, act, victims);
        derive_armed_conflict(scenario, act, &sides, when, &conflicts);
    }
    exchanges::derive_settlement(scenario, &act_when, &event_when);
    exchanges::derive_answers(scenario);
    exchanges::derive_assistance(scenario, &act_when, &event_when);
    record_dates(scenario, &act_when, &event_when);
}

/// When each act and event took place, for the rules' time checks: the fact that dates it, or
/// an added fact of unknown standing saying that no date is stated. Conduct a policy document
/// describes has not taken place and gets no date.
fn record_dates(s: &mut Scenario, act_when: &SymMap<FactId>, event_when: &SymMap<FactId>) {
    let dated: Vec<(Sym, FactId, Option<FactId>)> = s
        .case
        .entities
        .iter()
        .filter_map(|e| {
            let when = match e.kind {
                EntityKind::Act => act_when.get(&e.id),
                EntityKind::Notification
                | EntityKind::Request
                | EntityKind::Attribution
                | EntityKind::Consultation
                | EntityKind::Response => event_when.get(&e.id),
                _ => return None,
            };
            Some((e.id, e.fact, when.copied()))
        })
        .collect();
    for (id, declared, when) in dated {
        if s.provision(id).is_some() {
            continue;
        }
        let dated = match when.and_then(|f| when_of(s, f).map(|w| (w, f))) {
            Some((when, fact)) => {
                let imprecise = (!when.is_exact()).then(|| {
                    let text = format!(
                        "`{}` is dated {when}: its exact days are not known",
                        s.name(id)
                    );
                    s.undecided(fact, text)
                });
                Dated::On {
                    when,
                    fact,
                    imprecise,
                }
            }
            None => {
                let text = format!("the date of `{}` is not stated", s.name(id));
                Dated::Unstated(s.undecided(declared, text))
            }
        };
        s.dates.insert(id, dated);
    }
}

fn intern_all(interner: &mut Interner, words: &[&str]) -> Vec<Sym> {
    words.iter().map(|w| interner.intern(w)).collect()
}

/// Vocabulary words the derivations write into relations.
struct Words {
    state: Sym,
    organ: Sym,
    origin: Sym,
    transit: Sym,
    art8: Vec<Sym>,
    support: Sym,
    toleration: Sym,
    adoption: Sym,
    harmful_kinds: Vec<Sym>,
    damaging_effects: Vec<Sym>,
    coercion: Sym,
    ground_kind: Sym,
    ground_effect: Sym,
}

/// Whose conduct an act is, with the chain that makes it so (ARSIWA arts. 4, 7, 8 and 11), and
/// which States support or tolerate the actor that carried it out. A tie stated on the act
/// itself (per operation) comes first and makes a tie of the same State on its actor redundant;
/// a tie on the actor alone still extends to its acts, and the chain says so.
fn derive_conduct(s: &mut Scenario, act: Sym, words: &Words, beyond: Option<FactId>) {
    let mut per_operation = SymSet::default();
    for (target, _, tie_fact) in s.out(act, |k| k == EdgeKind::Tie) {
        let FactData::OperationTie { tie, .. } = s.fact(tie_fact).data else {
            continue;
        };
        for (state, organ, mut facts) in states_of(s, target, tie_fact) {
            per_operation.insert(state);
            facts.extend(s.out(act, |k| k == EdgeKind::By).into_iter().map(|b| b.2));
            let note = Note::Art8Operation {
                act,
                state,
                tie,
                organ,
            };
            s.relations
                .insert(Rel::ConductOf, &[act, state, tie], &facts, Some(note));
        }
    }
    for (state, _, fact) in s.out(act, |k| k == EdgeKind::AdoptedBy) {
        let note = Note::Adopted { act, state };
        s.relations.insert(
            Rel::ConductOf,
            &[act, state, words.adoption],
            &[fact],
            Some(note),
        );
    }
    for (actor, _, by_fact) in s.out(act, |k| k == EdgeKind::By) {
        match s.kind(actor) {
            Some(EntityKind::State) => {
                s.relations.insert(
                    Rel::ConductOf,
                    &[act, actor, words.state],
                    &[by_fact],
                    Some(Note::ByState { act, state: actor }),
                );
            }
            Some(EntityKind::Organ) => {
                for (state, _, organ_fact) in s.out(actor, |k| k == EdgeKind::OrganOf) {
                    let mut facts = vec![by_fact, organ_fact];
                    facts.extend(beyond);
                    let note = Note::ByOrgan {
                        act,
                        organ: actor,
                        state,
                        beyond_authority: beyond.is_some(),
                    };
                    s.relations.insert(
                        Rel::ConductOf,
                        &[act, state, words.organ],
                        &facts,
                        Some(note),
                    );
                }
            }
            Some(EntityKind::Actor) => {
                for (target, _, tie_fact) in s.out(actor, |k| k == EdgeKind::Tie) {
                    let FactData::Tie { tie, .. } = s.fact(tie_fact).data else {
                        continue;
                    };
                    for (state, organ, mut facts) in states_of(s, target, tie_fact) {
                        facts.insert(0, by_fact);
                        let tied = Tied { act, actor, state };
                        if words.art8.contains(&tie) {
                            if per_operation.contains(&state) {
                                continue;
                            }
                            let note = Note::Art8 { tied, tie, organ };
                            s.relations.insert(
                                Rel::ConductOf,
                                &[act, state, tie],
                                &facts,
                                Some(note),
                            );
                        } else if tie == words.support {
                            let note = Note::Supported(tied);
                            s.relations
                                .insert(Rel::SupportedBy, &[act, state], &facts, Some(note));
                        } else if tie == words.toleration {
                            let note = Note::Tolerated(tied);
                            s.relations
                                .insert(Rel::ToleratedBy, &[act, state], &facts, Some(note));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The States a tie points to, with the facts that say so: the State itself, or the State of
/// the organ it names (with that organ).
fn states_of(s: &Scenario, target: Sym, tie_fact: FactId) -> Vec<(Sym, Option<Sym>, Vec<FactId>)> {
    match s.kind(target) {
        Some(EntityKind::Organ) => s
            .out(target, |k| k == EdgeKind::OrganOf)
            .into_iter()
            .map(|(state, _, organ_fact)| (state, Some(target), vec![tie_fact, organ_fact]))
            .collect(),
        _ => vec![(target, None, vec![tie_fact])],
    }
}

/// The act can be internationally wrongful, on normcheck's one reading
/// (`vocabulary::HARMFUL_KINDS`): one tuple per kind or effect that makes it so, so that the
/// best established of them decides. An unknown kind or effect may make it so.
fn derive_harmful(s: &mut Scenario, act: Sym, words: &Words) {
    let mut found: Vec<(Sym, Sym, FactId)> = Vec::new();
    let kinds = s.relations.get(Rel::ActKind);
    for row in kinds.lookup(0, act, false) {
        let kind = kinds.values(row)[1];
        if kind == Sym::UNKNOWN || words.harmful_kinds.contains(&kind) {
            found.extend(
                kinds
                    .facts(row)
                    .next()
                    .map(|f| (words.ground_kind, kind, f)),
            );
        }
    }
    let effects = s.relations.get(Rel::Effect);
    for row in effects.lookup(0, act, false) {
        let effect = effects.values(row)[1];
        let ground = if effect == words.coercion {
            words.coercion
        } else if effect == Sym::UNKNOWN || words.damaging_effects.contains(&effect) {
            words.ground_effect
        } else {
            continue;
        };
        found.extend(effects.facts(row).next().map(|f| (ground, effect, f)));
    }
    for (ground, word, fact) in found {
        let note = Note::Harmful { act, word };
        s.relations
            .insert(Rel::Harmful, &[act, ground], &[fact], Some(note));
    }
}

/// The States an act affects through each object it targets or affects: those whose territory
/// holds it and those it serves (A/76/135 ¶49), and a targeted State through itself.
fn derive_affected(s: &mut Scenario, act: Sym) {
    let mut rows: Vec<(Sym, Sym, Vec<FactId>)> = Vec::new();
    let hit = s.out(act, |k| matches!(k, EdgeKind::Against | EdgeKind::Affects));
    for (object, _, hit_fact) in hit {
        match s.kind(object) {
            Some(EntityKind::State) => rows.push((object, object, vec![hit_fact])),
            Some(EntityKind::Object) => {
                let states = s.out(object, |k| {
                    matches!(k, EdgeKind::LocatedIn | EdgeKind::Serves)
                });
                for (state, _, fact) in states {
                    rows.push((object, state, vec![hit_fact, fact]));
                }
            }
            _ => {}
        }
    }
    let mut seen = HashSet::new();
    rows.retain(|(object, state, _)| seen.insert((*object, *state)));
    for (object, state, facts) in rows {
        s.relations
            .insert(Rel::Affected, &[act, object, state], &facts, None);
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
    let mut seen = HashSet::new();
    victims.retain(|(state, _)| seen.insert(*state));
    for (state, facts) in &victims {
        s.relations.insert(Rel::Victim, &[act, *state], facts, None);
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
            .insert(Rel::EmanatedFrom, &[act, *state, *via], facts, None);
    }
    sources.into_iter().map(|(st, _, f)| (st, f)).collect()
}

pub(super) fn when_of(s: &Scenario, fact: FactId) -> Option<When> {
    match s.fact(fact).data {
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
    event_when: &SymMap<FactId>,
) {
    if sources.is_empty() {
        return;
    }
    // Notifications about this act: incoming `About` edges from notification nodes.
    let mut notices: Vec<(Sym, Sym, FactId, Option<Date>)> = Vec::new();
    let incoming = s.incoming(act, EdgeKind::About);
    // A request about the act (to assist, to mitigate) tells the requested State of it as
    // surely as a notification does.
    for (event, fact) in incoming {
        if let FactData::Notification { to, .. } | FactData::Request { to, .. } = s.fact(fact).data
        {
            notices.push((event, to, fact, None));
        }
    }
    for (state, _, fact) in s.out(act, |k| k == EdgeKind::KnownTo) {
        if let FactData::KnownTo { on, .. } = s.fact(fact).data {
            notices.push((act, state, fact, Some(on)));
        }
    }
    notices.sort_by_key(|n| n.2);
    let act_last = act_when.and_then(|f| when_of(s, f)).map(|w| w.end());
    // The first path from each State, as in the list of sources.
    let mut source_of: SymMap<&Vec<FactId>> = SymMap::default();
    for (state, facts) in sources {
        source_of.entry(*state).or_insert(facts);
    }
    // A State is aware once a notice certainly came while the act went on; a notice whose
    // date may or may not fall in time gives a tuple resting on a fact of unknown standing
    // (one per State), which a certain notice outranks.
    let mut done = SymSet::default();
    let mut undecided = SymSet::default();
    for (event, state, fact, known_on) in notices {
        let Some(source_facts) = source_of.get(&state) else {
            continue;
        };
        if done.contains(&state) {
            continue;
        }
        let mut facts = source_facts.to_vec();
        facts.push(fact);
        let day = match known_on {
            Some(d) => Some(Day::exact(d)),
            None => event_when
                .get(&event)
                .and_then(|f| when_of(s, *f))
                .map(|w| w.start()),
        };
        let why = match (day, act_last) {
            (Some(day), Some(last)) => {
                let order = last.map_or(Order::Yes, |last| Order::no_later(day, last));
                match order {
                    Order::Yes => {
                        facts.push(act_when.unwrap_or(fact));
                        facts.extend(event_when.get(&event));
                        let note = Note::Aware { state, act, day };
                        s.relations
                            .insert(Rel::AwareBefore, &[state, act], &facts, Some(note));
                        done.insert(state);
                        continue;
                    }
                    Order::No => continue,
                    Order::Unsure => format!(
                        "whether {} knew of `{}` (on {day}) before it ended (on {}) turns on \
                         days the file does not pin down",
                        s.name(state),
                        s.name(act),
                        last.map(|d| d.to_string()).unwrap_or_default()
                    ),
                }
            }
            (None, _) => format!(
                "the date {} learned of `{}` is not stated",
                s.name(state),
                s.name(act)
            ),
            (Some(_), None) => format!(
                "the date of `{}` is not stated, so whether it went on after {} knew is unknown",
                s.name(act),
                s.name(state)
            ),
        };
        if undecided.insert(state) {
            // Placed at the date that leaves it open: the act's end if that is imprecise, else
            // the notice's date.
            let act_imprecise = act_last.flatten().is_some_and(|d| !d.is_exact());
            let at = match (act_imprecise, act_when, known_on) {
                (true, Some(when), _) => when,
                (_, _, Some(_)) => fact,
                _ => event_when.get(&event).copied().unwrap_or(fact),
            };
            let unknown = s.undecided(at, why);
            facts.push(unknown);
            s.relations
                .insert(Rel::AwareBefore, &[state, act], &facts, None);
        }
    }
}

/// Conduct a policy document permits or requires in armed conflict (or in any situation) is
/// conduct in armed conflict for each State whose conduct it would be.
fn derive_permitted_in_conflict(s: &mut Scenario, act: Sym, context: FactId) {
    let table = s.relations.get(Rel::ConductOf);
    let states: Vec<Sym> = table
        .lookup(0, act, false)
        .map(|row| table.values(row)[1])
        .collect();
    for state in states {
        s.relations
            .insert(Rel::InArmedConflict, &[act, state], &[context], None);
    }
}

/// The armed conflicts of a case: each one's parties, date and kind.
struct Conflicts {
    parties: SymMap<Vec<(Sym, FactId)>>,
    /// Conflicts by party, so that each act looks only at the conflicts of the sides it hits.
    of: SymMap<Vec<Sym>>,
    when: SymMap<FactId>,
    /// Those that set a State against an organised armed group: as the file says, or, where it
    /// does not, because a party is not a State.
    non_international: SymSet,
}

impl Conflicts {
    fn new(
        s: &Scenario,
        parties: SymMap<Vec<(Sym, FactId)>>,
        kinds: &SymMap<Sym>,
        event_when: &SymMap<FactId>,
    ) -> Conflicts {
        let when = parties
            .keys()
            .filter_map(|c| event_when.get(c).map(|f| (*c, *f)))
            .collect();
        let mut of: SymMap<Vec<Sym>> = SymMap::default();
        let mut non_international = SymSet::default();
        for (c, list) in &parties {
            for (p, _) in list {
                of.entry(*p).or_default().push(*c);
            }
            let stated = kinds.get(c).map(|k| s.name(*k) == "non-international");
            let read = || {
                list.iter()
                    .any(|(p, _)| s.kind(*p) != Some(EntityKind::State))
            };
            if stated.unwrap_or_else(read) {
                non_international.insert(*c);
            }
        }
        for list in of.values_mut() {
            list.sort();
        }
        Conflicts {
            parties,
            of,
            when,
            non_international,
        }
    }
}

/// The sides an act hits, with the facts that say so: its victim States, the actors it targets,
/// and the actors that operate the objects it targets (an organised armed group's servers,
/// wherever they are).
fn sides(s: &Scenario, act: Sym, victims: Vec<(Sym, Vec<FactId>)>) -> Vec<(Sym, Vec<FactId>)> {
    let mut sides = victims;
    for (target, _, against_fact) in s.out(act, |k| k == EdgeKind::Against) {
        match s.kind(target) {
            Some(EntityKind::Actor) => sides.push((target, vec![against_fact])),
            Some(EntityKind::Object) => {
                for (actor, _, op_fact) in s.out(target, |k| k == EdgeKind::OperatedBy) {
                    sides.push((actor, vec![against_fact, op_fact]));
                }
            }
            _ => {}
        }
    }
    let mut seen = SymSet::default();
    sides.retain(|(side, _)| seen.insert(*side));
    sides
}

/// On the act's date, a State and a side the act hits are parties to one armed conflict,
/// international or not (a State's operation against an armed group's systems on its own
/// territory falls within a non-international one).
fn derive_armed_conflict(
    s: &mut Scenario,
    act: Sym,
    victims: &[(Sym, Vec<FactId>)],
    act_when: Option<FactId>,
    conflicts: &Conflicts,
) {
    let when = act_when.and_then(|f| when_of(s, f));
    for (victim, victim_facts) in victims {
        let Some(list) = conflicts.of.get(victim) else {
            continue;
        };
        for conflict in list {
            let Some(parties) = conflicts.parties.get(conflict) else {
                continue;
            };
            let non_international = conflicts.non_international.contains(conflict);
            let Some(victim_party_fact) =
                parties.iter().find(|(p, _)| p == victim).map(|(_, f)| *f)
            else {
                continue;
            };
            let period = conflicts.when.get(conflict).and_then(|f| when_of(s, *f));
            for (party, party_fact) in parties {
                // A party's operation within its own territory falls within a
                // non-international conflict fought there; an international one is between
                // the party and another.
                if party == victim && !non_international {
                    continue;
                }
                let mut facts = victim_facts.clone();
                facts.push(victim_party_fact);
                if party != victim {
                    facts.push(*party_fact);
                }
                facts.extend(conflicts.when.get(conflict));
                let why = match (when, period) {
                    (Some(w), Some(p)) => match p.contains(w.start()) {
                        Order::Yes => {
                            facts.extend(act_when);
                            let note = Note::InArmedConflict {
                                act,
                                conflict: *conflict,
                                party: *party,
                                victim: *victim,
                                non_international,
                            };
                            s.relations.insert(
                                Rel::InArmedConflict,
                                &[act, *party],
                                &facts,
                                Some(note),
                            );
                            continue;
                        }
                        Order::No => continue,
                        Order::Unsure => format!(
                            "whether `{}` (from {}) falls within armed conflict `{}` ({p}) turns \
                             on days the file does not pin down",
                            s.name(act),
                            w.start(),
                            s.name(*conflict)
                        ),
                    },
                    _ => format!(
                        "the date of `{}` is not stated, so whether it falls within armed \
                         conflict `{}` is unknown",
                        s.name(act),
                        s.name(*conflict)
                    ),
                };
                let anchor = act_when.unwrap_or(victim_facts[0]);
                let unknown = s.undecided(anchor, why);
                facts.push(unknown);
                s.relations
                    .insert(Rel::InArmedConflict, &[act, *party], &facts, None);
            }
        }
    }
}
