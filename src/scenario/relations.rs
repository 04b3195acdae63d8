//! The relation tables of one scenario: for each relation of the schema (`crate::schema::Rel`),
//! its tuples, filled from the case's facts and the derived relations of the scenario graph, and
//! indexed on every field so that a rule's join looks tuples up instead of scanning.

use std::collections::HashMap;

use crate::language::model::{FactId, Sym};
use crate::schema::Rel;

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

/// All relations of one scenario, one table per `Rel`.
#[derive(Debug, Clone)]
pub struct Relations {
    tables: Vec<Relation>,
}

impl Default for Relations {
    fn default() -> Relations {
        Relations {
            tables: Rel::ALL
                .iter()
                .map(|rel| Relation {
                    tuples: Vec::new(),
                    index: vec![HashMap::new(); rel.fields().len()],
                })
                .collect(),
        }
    }
}

impl Relations {
    /// Adds a tuple with one value per field of `rel`.
    pub fn insert(&mut self, rel: Rel, values: &[Sym], facts: Vec<FactId>, note: Option<String>) {
        debug_assert_eq!(values.len(), rel.fields().len(), "arity of {}", rel.name());
        let table = &mut self.tables[rel.index()];
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

    pub fn get(&self, rel: Rel) -> &Relation {
        &self.tables[rel.index()]
    }

    /// How many tuples all the relations hold.
    pub fn len(&self) -> usize {
        self.tables.iter().map(|t| t.tuples.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
