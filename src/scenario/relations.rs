//! The relations rules match against: a fixed schema of named relations with named fields,
//! filled from the case's facts and the derived relations of the scenario graph, and indexed
//! on every field so that a rule's join looks tuples up instead of scanning.

use std::collections::HashMap;

use crate::language::model::{FactId, Sym};

/// Every relation a rule can name: its name, its fields, and what a tuple means.
pub const SCHEMA: &[(&str, &[&str], &str)] = &[
    // Declarations and properties, one tuple per statement of the case file.
    ("state", &["state"], "a State is declared"),
    ("organ_of", &["organ", "state"], "a State organ belongs to a State (ARSIWA art. 4)"),
    ("organ_kind", &["organ", "kind"], "the kind of a State organ: armed-forces, intelligence, ministry, law-enforcement, cert, other"),
    ("actor_kind", &["actor", "kind"], "the kind of a non-State actor"),
    ("tie", &["actor", "state", "kind"], "a non-State actor's relation to a State: instructions, direction, control, support, toleration"),
    ("actor_in", &["actor", "state"], "a non-State actor operates from a State's territory"),
    ("object_kind", &["object", "kind"], "the kind of an object: system, cert-system, medical, humanitarian, product, supply-chain, vulnerability, military-objective, electoral"),
    ("located_in", &["object", "state"], "an object is in a State's territory"),
    ("critical", &["object", "sector"], "an object is designated critical infrastructure by the State where it is, with its sector"),
    ("serves", &["object", "state"], "an object provides services to a State"),
    ("operated_by", &["object", "actor"], "an object is operated by an actor"),
    ("protection", &["object", "level"], "how an object is protected: none, inadequate, adequate"),
    ("by", &["act", "actor"], "an act is carried out by an actor"),
    ("against", &["act", "target"], "an act is directed against an object, a State or an actor"),
    ("act_kind", &["act", "kind"], "the kind of an act"),
    ("effect", &["act", "effect"], "an effect of an act"),
    ("intent", &["act", "intent"], "whether an act is intentional"),
    ("exploits", &["act", "object"], "an act exploits a vulnerability"),
    ("notification", &["notification", "from", "to", "act"], "a State notifies another about an act"),
    ("acknowledged", &["notification", "answer"], "whether a notification was acknowledged: yes, no"),
    ("request", &["request", "from", "to", "act", "kind"], "a State asks another for assistance, mitigation, information or prosecution"),
    ("answer", &["request", "answer"], "the answer to a request: provided, refused, ignored, acknowledged, pending"),
    ("attribution", &["attribution", "by", "act", "to"], "a State attributes an act to an actor"),
    ("basis", &["attribution", "basis"], "what an attribution rests on: technical, context, origin, scope, consultation, intelligence"),
    ("substantiated", &["attribution", "value"], "whether an attribution is substantiated: yes, no"),
    ("consultation", &["consultation", "state", "act"], "a State takes part in a consultation about an act"),
    ("response", &["response", "by", "against", "act", "kind"], "a State responds to an incident"),
    ("conflict_party", &["conflict", "party"], "a party to an armed conflict"),
    // Derived relations, computed from the scenario graph with their path as evidence.
    ("conduct_of", &["act", "state", "basis"], "an act is a State's own conduct: by the State itself (basis state), by its organ (organ, ARSIWA art. 4), or by a non-State actor on its instructions or under its direction or control (ARSIWA art. 8)"),
    ("supported_by", &["act", "state"], "an act is by a non-State actor a State supports, finances or equips"),
    ("tolerated_by", &["act", "state"], "an act is by a non-State actor a State tolerates"),
    ("emanated_from", &["act", "state", "via"], "an act emanates from (via origin) or transits (via transit) a State's territory or infrastructure"),
    ("victim", &["act", "state"], "a State whose territory holds a target of the act, or that is targeted itself"),
    ("aware_before", &["state", "act"], "a State was notified of, asked about, or knew of an act while it was still going on"),
    ("in_armed_conflict", &["act", "state"], "on the act's date the State and a victim State are parties to the same armed conflict"),
    ("settlement_sought", &["response"], "before a response the responding State notified, consulted or made a request to the other State about the act"),
];

pub fn relation_id(name: &str) -> Option<usize> {
    SCHEMA.iter().position(|(n, _, _)| *n == name)
}

pub fn field_id(relation: usize, field: &str) -> Option<usize> {
    SCHEMA[relation].1.iter().position(|f| *f == field)
}

/// One row of a relation: its values and the facts it rests on.
#[derive(Debug, Clone)]
pub struct Tuple {
    pub values: Box<[Sym]>,
    pub facts: Box<[FactId]>,
    /// For derived tuples, how they were derived ("`sandworm` acts under the control of RU").
    pub note: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Relation {
    pub tuples: Vec<Tuple>,
    /// For each field, the tuples holding each value.
    index: Vec<HashMap<Sym, Vec<u32>>>,
}

impl Relation {
    /// The tuples (with their row) whose `field` is `value`; with `with_unknown`, also those
    /// whose value there is unknown.
    pub fn lookup(
        &self,
        field: usize,
        value: Sym,
        with_unknown: bool,
    ) -> impl Iterator<Item = (usize, &Tuple)> {
        let index = &self.index[field];
        let exact = index.get(&value).map(Vec::as_slice).unwrap_or(&[]);
        let unknown: &[u32] = match with_unknown && value != Sym::UNKNOWN {
            true => index.get(&Sym::UNKNOWN).map(Vec::as_slice).unwrap_or(&[]),
            false => &[],
        };
        exact
            .iter()
            .chain(unknown)
            .map(move |&i| (i as usize, &self.tuples[i as usize]))
    }

    /// How many tuples `lookup` would return, without visiting them.
    pub fn count(&self, field: usize, value: Sym, with_unknown: bool) -> usize {
        let index = &self.index[field];
        let exact = index.get(&value).map_or(0, Vec::len);
        match with_unknown && value != Sym::UNKNOWN {
            true => exact + index.get(&Sym::UNKNOWN).map_or(0, Vec::len),
            false => exact,
        }
    }

    pub fn len(&self) -> usize {
        self.tuples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tuples.is_empty()
    }
}

/// All relations of one scenario.
#[derive(Debug, Clone)]
pub struct Relations {
    tables: Vec<Relation>,
}

impl Default for Relations {
    fn default() -> Relations {
        Relations {
            tables: SCHEMA
                .iter()
                .map(|(_, fields, _)| Relation {
                    tuples: Vec::new(),
                    index: vec![HashMap::new(); fields.len()],
                })
                .collect(),
        }
    }
}

impl Relations {
    /// Adds a tuple. `relation` must be a name in `SCHEMA` with as many values as it has fields.
    pub fn insert(
        &mut self,
        relation: &str,
        values: &[Sym],
        facts: Vec<FactId>,
        note: Option<String>,
    ) {
        let Some(id) = relation_id(relation) else {
            debug_assert!(false, "relation {relation} is not in the schema");
            return;
        };
        debug_assert_eq!(values.len(), SCHEMA[id].1.len(), "arity of {relation}");
        let table = &mut self.tables[id];
        let row = table.tuples.len() as u32;
        for (field, value) in values.iter().enumerate() {
            table.index[field].entry(*value).or_default().push(row);
        }
        table.tuples.push(Tuple {
            values: values.into(),
            facts: facts.into(),
            note,
        });
    }

    pub fn get(&self, relation: usize) -> &Relation {
        &self.tables[relation]
    }
}
