//! The scenario graph: actors, objects, acts and events as petgraph nodes, the facts that link
//! them as typed edges (each fact says which, `FactData::edges`), and the relation tables
//! (each fact says its row, `FactData::row`) to which `derive` adds the derived relations.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::derive;
use super::relations::Relations;
use crate::language::model::{
    Case, EntityKind, Fact, FactData, FactId, Standing, Sym, SymMap, When,
};
use crate::schema::EdgeKind;

#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub kind: EdgeKind,
    pub fact: FactId,
}

/// A lowered case with its graph and relations, ready for the rules.
#[derive(Debug)]
pub struct Scenario {
    pub case: Case,
    /// Facts the derivations add (such as "the date of `a1` is not stated"), numbered after
    /// the case's own facts, so that every piece of evidence has a place and a standing.
    derived: Vec<Fact>,
    pub graph: DiGraph<Sym, Edge>,
    nodes: SymMap<NodeIndex>,
    pub relations: Relations,
    /// Conduct a policy document permits or requires, with the fact that says so.
    provisions: SymMap<FactId>,
    /// When each act and event took place, for the rules' time checks.
    pub(crate) dates: SymMap<Dated>,
}

/// When an act or event took place, as the rules' time checks read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    /// On this day or period, as the fact says. Where the file gives a month, a year or
    /// `about` a date, `imprecise` is an added fact of unknown standing, placed at the date,
    /// that decides a finding turning on the exact day.
    On {
        when: When,
        fact: FactId,
        imprecise: Option<FactId>,
    },
    /// The file states no date: an added fact of unknown standing says so, and decides a
    /// finding that turns on the date.
    Unstated(FactId),
}

impl Scenario {
    pub fn name(&self, sym: Sym) -> &str {
        self.case.name(sym)
    }

    /// A fact of the case, or one a derivation added.
    pub fn fact(&self, id: FactId) -> &Fact {
        match self.case.facts.get(id) {
            Some(fact) => fact,
            None => &self.derived[id - self.case.facts.len()],
        }
    }

    /// How many facts there are: those the file states, then those the derivations added.
    pub fn fact_count(&self) -> usize {
        self.case.facts.len() + self.derived.len()
    }

    /// How many facts the case file states.
    pub fn stated_facts(&self) -> usize {
        self.case.facts.len()
    }

    pub(crate) fn node(&self, id: Sym) -> Option<NodeIndex> {
        self.nodes.get(&id).copied()
    }

    /// Outgoing edges passing `pred`, as (target, kind, fact), in file order.
    pub(crate) fn out(
        &self,
        id: Sym,
        pred: impl Fn(EdgeKind) -> bool,
    ) -> Vec<(Sym, EdgeKind, FactId)> {
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

    /// Incoming edges of one kind, as (source, fact).
    pub(crate) fn incoming(&self, id: Sym, kind: EdgeKind) -> Vec<(Sym, FactId)> {
        let Some(node) = self.node(id) else {
            return Vec::new();
        };
        self.graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| e.weight().kind == kind)
            .map(|e| (self.graph[e.source()], e.weight().fact))
            .collect()
    }

    /// The fact that says a policy document permits or requires `id`, if `id` is such conduct
    /// rather than an act.
    pub fn provision(&self, id: Sym) -> Option<FactId> {
        match self.provisions.is_empty() {
            true => None,
            false => self.provisions.get(&id).copied(),
        }
    }

    /// When an act or event took place; `None` for anything else, and for conduct a policy
    /// document describes (it has not taken place).
    pub fn dated(&self, id: Sym) -> Option<Dated> {
        self.dates.get(&id).copied()
    }

    pub(crate) fn kind(&self, id: Sym) -> Option<EntityKind> {
        self.case.kind_of(id)
    }

    /// Adds a fact of unknown standing, placed at the fact `span_of`: what a derivation found
    /// missing.
    pub(crate) fn undecided(&mut self, span_of: FactId, text: String) -> FactId {
        let span = self.fact(span_of).span;
        self.derived.push(Fact {
            span,
            standing: Standing::unknown(),
            data: FactData::Undecided { text },
        });
        self.case.facts.len() + self.derived.len() - 1
    }
}

/// Builds the graph and all relations. Linear in the number of facts: one pass adds each
/// fact's row and edges, and each derivation visits each act and its edges once.
pub fn build(case: Case) -> Scenario {
    let mut graph = DiGraph::with_capacity(case.entities.len(), case.facts.len());
    let mut nodes = SymMap::default();
    nodes.reserve(case.entities.len());
    for entity in &case.entities {
        nodes.insert(entity.id, graph.add_node(entity.id));
    }
    let mut relations = Relations::default();
    let mut provisions = SymMap::default();
    for (id, fact) in case.facts.iter().enumerate() {
        if let FactData::Provision { act, .. } = fact.data {
            provisions.insert(act, id);
        }
        fact.data
            .row(|rel, values| relations.insert(rel, values, &[id], None));
        fact.data.edges(|from, to, kind| {
            if let (Some(&a), Some(&b)) = (nodes.get(&from), nodes.get(&to)) {
                graph.add_edge(a, b, Edge { kind, fact: id });
            }
        });
    }
    let mut scenario = Scenario {
        case,
        derived: Vec::new(),
        graph,
        nodes,
        relations,
        provisions,
        dates: SymMap::default(),
    };
    derive::derive_all(&mut scenario);
    scenario
}
#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "case \"t\" { assessed 2024-06-01 }\nstate XA\nstate XB\ninfrastructure grid { in XA; critical energy }\n";

    fn scenario(body: &str) -> Scenario {
        let text = format!("{HEAD}{body}");
        let mut arena = crate::language::syntax::Arena::new();
        let (tree, diagnostics) = crate::language::syntax::parse(&text, &mut arena);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (case, diagnostics) = crate::language::lower::lower(&tree);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        build(case)
    }

    /// The tuples of a relation as names, with whether they rest on established facts only.
    fn rows(s: &Scenario, relation: &str) -> Vec<(Vec<String>, bool)> {
        let rel = crate::schema::Rel::from_name(relation).unwrap();
        s.relations
            .get(rel)
            .rows()
            .map(|t| {
                let table = s.relations.get(rel);
                let values = table
                    .values(t)
                    .iter()
                    .map(|v| s.name(*v).to_owned())
                    .collect();
                let established = table.facts(t).all(|f| s.fact(f).standing.is_established());
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
