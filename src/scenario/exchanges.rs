//! What passes between States, derived once every act's relations are known: whether contact
//! came before a response or an operation in reply (A/76/135 ¶71(a)), where a request's answers
//! leave it (¶53-54), and which acts of an assisting State used its assistance (¶30(b)).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::derive::when_of;
use super::graph::Scenario;
use super::note::Note;
use crate::language::model::{Date, Day, End, FactData, FactId, Order, Sym, SymMap, When};
use crate::schema::Rel;

/// Before a response (or an ICT operation in reply to an act), the responding State notified,
/// consulted or asked the other State about the act (the means of A/76/135 ¶71(a) begin with
/// such contacts; a call to stop is a request of kind `cessation`).
pub(super) fn derive_settlement(
    s: &mut Scenario,
    act_when: &SymMap<FactId>,
    event_when: &SymMap<FactId>,
) {
    let contacts = contacts(s, event_when);
    // Each response: its id, who responds, against whom, about which act, the fact that says
    // so, and the fact that dates it.
    let mut responses: Vec<(Sym, Sym, Sym, Sym, FactId, FactId)> = Vec::new();
    for (i, f) in s.case.facts.iter().enumerate() {
        match f.data {
            FactData::Response {
                id,
                by,
                against,
                about: Some(about),
                ..
            } => {
                if let Some(&when) = event_when.get(&id) {
                    responses.push((id, by, against, about, i, when));
                }
            }
            // An operation in reply: each State whose conduct it is, against each State it
            // targets.
            FactData::ReplyTo { act, to } => {
                let Some(&when) = act_when.get(&act) else {
                    continue;
                };
                let conduct = s.relations.get(Rel::ConductOf);
                let victims = s.relations.get(Rel::Victim);
                for c in conduct.lookup(0, act, false) {
                    let by = conduct.values(c)[1];
                    for v in victims.lookup(0, act, false) {
                        let against = victims.values(v)[1];
                        if against != by {
                            responses.push((act, by, against, to, i, when));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // For each response, its best contact: one certainly before it wins over one that may be,
    // whichever comes first in the file. Responses in the order first met.
    let mut best: Vec<(Sym, Order, Note, FactId, FactId, String)> = Vec::new();
    let mut at: HashMap<Sym, usize> = HashMap::new();
    for (response, by, against, about, fact, when) in responses {
        let Some(day) = when_of(s, when).map(|w| w.start()) else {
            continue;
        };
        let Some(&(_, contact_fact, contact_day)) = contacts.get(&(by, against, about)) else {
            continue;
        };
        let order = Order::no_later(contact_day, day);
        if order == Order::No {
            continue;
        }
        let note = Note::Contact {
            by,
            against,
            about,
            day: contact_day,
        };
        let why = format!(
            "whether the contact of {contact_day} came before the response of {day} turns on \
             days the file does not pin down"
        );
        let entry = (response, order, note, fact, contact_fact, why);
        match at.get(&response) {
            None => {
                at.insert(response, best.len());
                best.push(entry);
            }
            Some(&i) if best[i].1 == Order::Unsure && order == Order::Yes => best[i] = entry,
            Some(_) => {}
        }
    }
    for (response, order, note, fact, contact_fact, why) in best {
        match order {
            Order::Yes => s.relations.insert(
                Rel::SettlementSought,
                &[response],
                &[fact, contact_fact],
                Some(note),
            ),
            _ => {
                let unknown = s.undecided(contact_fact, why);
                s.relations.insert(
                    Rel::SettlementSought,
                    &[response],
                    &[fact, contact_fact, unknown],
                    None,
                );
            }
        }
    }
}

/// The earliest contact (notification, request, consultation) between two States about an
/// act, keyed by (one State, the other, the act), with the earliest day it may have been.
fn contacts(
    s: &Scenario,
    event_when: &SymMap<FactId>,
) -> HashMap<(Sym, Sym, Sym), (Date, FactId, Day)> {
    let mut contacts: HashMap<(Sym, Sym, Sym), (Date, FactId, Day)> = HashMap::new();
    let mut keep = |key: (Sym, Sym, Sym), day: Day, id: FactId| {
        let entry = contacts.entry(key).or_insert((day.earliest, id, day));
        if (day.earliest, id) < (entry.0, entry.1) {
            *entry = (day.earliest, id, day);
        }
    };
    let day_of = |event: Sym| {
        event_when
            .get(&event)
            .and_then(|f| when_of(s, *f))
            .map(|w| w.start())
    };
    // Ordered, so that ties between contacts on the same day resolve the same way every run.
    let mut consults: BTreeMap<(Sym, Sym), (Vec<Sym>, FactId)> = Default::default();
    for (id, fact) in s.case.facts.iter().enumerate() {
        match fact.data {
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
            } => {
                if let Some(day) = day_of(e) {
                    keep((from, to, about), day, id);
                    keep((to, from, about), day, id);
                }
            }
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
            }
            _ => {}
        }
    }
    for ((event, about), (parties, fact)) in &consults {
        let Some(day) = day_of(*event) else {
            continue;
        };
        for a in parties {
            for b in parties {
                if a != b {
                    keep((*a, *b, *about), day, *fact);
                }
            }
        }
    }
    contacts
}

/// Where each request's answers, read in the order written, leave it. A determination
/// (provided, offered, refused, whatever the reason) is a response (A/76/135 ¶53: the requested
/// State determines whether it can assist; ¶53 also says no result is owed); an
/// acknowledgement of receipt is the first element of a response (¶54), and one followed by
/// nothing is not a response; otherwise the last answer says it (ignored, pending, unknown).
pub(super) fn derive_answers(s: &mut Scenario) {
    let words = |s: &mut Scenario, w: &str| s.case.interner.intern(w);
    let determinations = [
        words(s, "provided"),
        words(s, "offered"),
        words(s, "refused"),
    ];
    let acknowledged = words(s, "acknowledged");
    let responded = words(s, "responded");
    let acknowledged_only = words(s, "acknowledged-only");
    // Each request's answers in file order; requests in the order their first answer is written.
    let mut order: Vec<Sym> = Vec::new();
    let mut answers: SymMap<Vec<(Sym, FactId)>> = SymMap::default();
    for (i, fact) in s.case.facts.iter().enumerate() {
        if let FactData::Answer { id, answer, .. } = fact.data {
            let list = answers.entry(id).or_default();
            if list.is_empty() {
                order.push(id);
            }
            list.push((answer, i));
        }
    }
    for request in order {
        let list = &answers[&request];
        let determination = list
            .iter()
            .rev()
            .find(|(answer, _)| determinations.contains(answer));
        let (outcome, facts, note) = match (determination, list.last()) {
            (Some(&(_, fact)), _) => (responded, vec![fact], None),
            (None, Some(&(last, fact))) if last == acknowledged => (
                acknowledged_only,
                vec![fact],
                Some(Note::AcknowledgedOnly { request }),
            ),
            (None, Some(&(last, fact))) => (last, vec![fact], None),
            (None, None) => continue,
        };
        s.relations
            .insert(Rel::Answered, &[request, outcome], &facts, note);
    }
}

/// Acts of an assisting State that used its assistance (A/76/135 ¶30(b)): those that say
/// `using` the mission, and, unknown, those of its conduct whose dates fall within the
/// mission's period without saying so.
pub(super) fn derive_assistance(
    s: &mut Scenario,
    act_when: &SymMap<FactId>,
    event_when: &SymMap<FactId>,
) {
    // Each assisting State's missions, with the fact that records each.
    let mut missions: SymMap<Vec<(Sym, FactId)>> = SymMap::default();
    let mut using: HashMap<(Sym, Sym), FactId> = HashMap::new();
    for (i, fact) in s.case.facts.iter().enumerate() {
        match fact.data {
            FactData::Assistance { id, by, .. } => missions.entry(by).or_default().push((id, i)),
            FactData::Using { act, mission } => {
                using.entry((act, mission)).or_insert(i);
            }
            _ => {}
        }
    }
    let mut stated: Vec<((Sym, Sym), FactId)> = using.iter().map(|(k, v)| (*k, *v)).collect();
    stated.sort_by_key(|&(_, fact)| fact);
    for ((act, mission), fact) in stated {
        s.relations
            .insert(Rel::UsedAssistance, &[act, mission], &[fact], None);
    }
    let conduct: Vec<(Sym, Sym)> = {
        let table = s.relations.get(Rel::ConductOf);
        table
            .rows()
            .map(|r| (table.values(r)[0], table.values(r)[1]))
            .collect()
    };
    let mut seen = HashSet::new();
    for (act, state) in conduct {
        let Some(list) = missions.get(&state) else {
            continue;
        };
        let Some(act_fact) = act_when.get(&act).copied() else {
            continue;
        };
        for &(mission, mission_fact) in list {
            if using.contains_key(&(act, mission)) || !seen.insert((act, mission)) {
                continue;
            }
            let Some(period) = event_when.get(&mission).and_then(|f| when_of(s, *f)) else {
                continue;
            };
            let Some(when) = when_of(s, act_fact) else {
                continue;
            };
            if overlap(when, period) == Order::No {
                continue;
            }
            let why = format!(
                "`{act}` falls within assistance `{mission}`, but whether it used the access \
                 the assistance gave is not stated: add `using {mission}` to `{act}` if it did",
                act = s.name(act),
                mission = s.name(mission)
            );
            let unknown = s.undecided(act_fact, why);
            s.relations.insert(
                Rel::UsedAssistance,
                &[act, mission],
                &[mission_fact, act_fact, unknown],
                None,
            );
        }
    }
}

/// Whether two periods share a day.
fn overlap(a: When, b: When) -> Order {
    let starts_before_end = |x: When, y: When| match y.to {
        End::Ongoing => Order::Yes,
        _ => Order::no_later(x.start(), y.end().unwrap_or(y.start())),
    };
    starts_before_end(a, b).and(starts_before_end(b, a))
}
