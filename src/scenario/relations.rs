//! The relation tables of one scenario: for each relation of the schema (`crate::schema::Rel`),
//! its tuples, filled from the case's facts and the derived relations of the scenario graph, and
//! indexed on every field so that a rule's join looks tuples up instead of scanning.
//!
//! A table is stored flat, a few bytes a tuple: the values of every row in one vector, the
//! facts each row rests on in another, and for each field a chain through the rows holding
//! each value (the first and last row and how many, and for every row the next one with the
//! same value). A lookup walks its chain in row order; an insert appends in constant time.

use super::note::Note;
use crate::language::model::{FactId, Sym, SymMap};
use crate::schema::Rel;

/// No next row in a chain.
const END: u32 = u32::MAX;

/// The rows of one field holding one value: a chain through `Field::next`.
#[derive(Debug, Clone, Copy)]
struct Chain {
    first: u32,
    last: u32,
    len: u32,
}

/// The index of one field.
#[derive(Debug, Clone, Default)]
struct FieldIndex {
    chains: SymMap<Chain>,
    /// For each row, the next row with the same value in this field.
    next: Vec<u32>,
}

impl FieldIndex {
    fn push(&mut self, value: Sym, row: u32) {
        self.next.push(END);
        match self.chains.get_mut(&value) {
            Some(chain) => {
                self.next[chain.last as usize] = row;
                chain.last = row;
                chain.len += 1;
            }
            None => {
                self.chains.insert(
                    value,
                    Chain {
                        first: row,
                        last: row,
                        len: 1,
                    },
                );
            }
        }
    }

    fn rows(&self, value: Sym) -> Rows<'_> {
        Rows {
            next: &self.next,
            at: self.chains.get(&value).map_or(END, |c| c.first),
        }
    }

    fn count(&self, value: Sym) -> usize {
        self.chains.get(&value).map_or(0, |c| c.len as usize)
    }
}

/// The rows of one chain, in row order.
struct Rows<'a> {
    next: &'a [u32],
    at: u32,
}

impl Iterator for Rows<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.at == END {
            return None;
        }
        let row = self.at as usize;
        self.at = self.next[row];
        Some(row)
    }
}

#[derive(Debug, Clone)]
pub struct Relation {
    arity: usize,
    /// `arity` values per row.
    values: Vec<Sym>,
    /// The facts of all rows, one after the other; row `r`'s end where `ends[r]` says.
    facts: Vec<u32>,
    ends: Vec<u32>,
    /// How derived rows were derived, by row, in row order.
    notes: Vec<(u32, Note)>,
    index: Vec<FieldIndex>,
}

impl Relation {
    fn new(arity: usize) -> Relation {
        Relation {
            arity,
            values: Vec::new(),
            facts: Vec::new(),
            ends: Vec::new(),
            notes: Vec::new(),
            index: vec![FieldIndex::default(); arity],
        }
    }

    /// The values of row `row`, one per field.
    pub fn values(&self, row: usize) -> &[Sym] {
        &self.values[row * self.arity..(row + 1) * self.arity]
    }

    /// The facts row `row` rests on.
    pub fn facts(&self, row: usize) -> impl Iterator<Item = FactId> + Clone + '_ {
        let start = match row {
            0 => 0,
            _ => self.ends[row - 1] as usize,
        };
        self.facts[start..self.ends[row] as usize]
            .iter()
            .map(|&f| f as FactId)
    }

    /// For a derived row, how it was derived.
    pub fn note(&self, row: usize) -> Option<&Note> {
        let row = u32::try_from(row).ok()?;
        self.notes
            .binary_search_by_key(&row, |(r, _)| *r)
            .ok()
            .map(|i| &self.notes[i].1)
    }

    /// The rows whose `field` is `value`, in row order; with `with_unknown`, then those whose
    /// value there is unknown.
    pub fn lookup(
        &self,
        field: usize,
        value: Sym,
        with_unknown: bool,
    ) -> impl Iterator<Item = usize> + '_ {
        let index = &self.index[field];
        let unknown = match with_unknown && value != Sym::UNKNOWN {
            true => index.rows(Sym::UNKNOWN),
            false => Rows { next: &[], at: END },
        };
        index.rows(value).chain(unknown)
    }

    /// How many rows `lookup` would return, without visiting them.
    pub fn count(&self, field: usize, value: Sym, with_unknown: bool) -> usize {
        let index = &self.index[field];
        match with_unknown && value != Sym::UNKNOWN {
            true => index.count(value) + index.count(Sym::UNKNOWN),
            false => index.count(value),
        }
    }

    /// Every row, in order.
    pub fn rows(&self) -> std::ops::Range<usize> {
        0..self.len()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
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
                .map(|rel| Relation::new(rel.fields().len()))
                .collect(),
        }
    }
}

impl Relations {
    /// Adds a row with one value per field of `rel`, resting on `facts`; a derived row says
    /// how it was derived.
    pub fn insert(&mut self, rel: Rel, values: &[Sym], facts: &[FactId], note: Option<Note>) {
        debug_assert_eq!(values.len(), rel.fields().len(), "arity of {}", rel.name());
        let table = &mut self.tables[rel.index()];
        // Fact ids and rows fit in 32 bits: a case file is at most 1 GiB (`cli::files`), and
        // lowering makes at most one fact per value written.
        let row = table.ends.len() as u32;
        for (field, value) in values.iter().enumerate() {
            table.index[field].push(*value, row);
        }
        table.values.extend_from_slice(values);
        table.facts.extend(facts.iter().map(|&f| f as u32));
        table.ends.push(table.facts.len() as u32);
        if let Some(note) = note {
            table.notes.push((row, note));
        }
    }

    pub fn get(&self, rel: Rel) -> &Relation {
        &self.tables[rel.index()]
    }

    /// How many tuples all the relations hold.
    pub fn len(&self) -> usize {
        self.tables.iter().map(Relation::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_walk_each_value_in_row_order_then_the_unknown() {
        let mut relations = Relations::default();
        let (a, b, c) = (Sym(7), Sym(8), Sym(9));
        let rows = [(a, b), (Sym::UNKNOWN, b), (a, c), (b, c), (a, b)];
        for (i, (x, y)) in rows.iter().enumerate() {
            relations.insert(Rel::By, &[*x, *y], &[i, i + 10], None);
        }
        let by = relations.get(Rel::By);
        assert_eq!(by.lookup(0, a, false).collect::<Vec<_>>(), vec![0, 2, 4]);
        assert_eq!(by.lookup(0, a, true).collect::<Vec<_>>(), vec![0, 2, 4, 1]);
        assert_eq!(by.count(0, a, true), 4);
        assert_eq!(by.lookup(1, c, true).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(by.lookup(1, Sym(99), false).count(), 0);
        assert_eq!(by.values(3), &[b, c]);
        assert_eq!(by.facts(3).collect::<Vec<_>>(), vec![3, 13]);
        assert_eq!(by.facts(0).collect::<Vec<_>>(), vec![0, 10]);
        assert_eq!(by.len(), 5);
    }
}
