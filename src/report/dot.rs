//! The scenario graph in Graphviz DOT (`normcheck graph`): one node per declared id, one edge per
//! linking fact, dashed where not established.

use std::fmt::Write as _;

use crate::language::model::{EntityKind, FactData};
use crate::scenario::graph::Scenario;
use crate::schema::EdgeKind;

/// The scenario graph in Graphviz DOT, for people who want to see the case: one node per
/// declared id, one edge per linking fact. Deterministic: nodes and edges in file order.
pub fn render(scenario: &Scenario) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::from("digraph case {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for node in scenario.graph.node_indices() {
        let id = scenario.graph[node];
        let Some(entity) = scenario.case.entity(id) else {
            continue;
        };
        let shape = match entity.kind {
            EntityKind::State => "doubleoctagon",
            EntityKind::Organisation => "octagon",
            EntityKind::Organ | EntityKind::Actor => "ellipse",
            EntityKind::Object => "box",
            EntityKind::Act => "hexagon",
            _ => "note",
        };
        let name = scenario.name(id);
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
    let mut edges: Vec<_> = scenario
        .graph
        .edge_indices()
        .filter_map(|e| {
            scenario
                .graph
                .edge_endpoints(e)
                .map(|(a, b)| (a, b, scenario.graph[e]))
        })
        .collect();
    edges.sort_by_key(|(_, _, e)| e.fact);
    for (a, b, edge) in edges {
        let label = match edge.kind {
            EdgeKind::Tie => match scenario.fact(edge.fact).data {
                FactData::Tie { tie, .. } => scenario.name(tie).to_owned(),
                _ => EdgeKind::Tie.label().to_owned(),
            },
            kind => kind.label().to_owned(),
        };
        let style = if scenario.fact(edge.fact).standing.is_established() {
            "solid"
        } else {
            "dashed"
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", style={style}];",
            quote(scenario.name(scenario.graph[a])),
            quote(scenario.name(scenario.graph[b])),
            quote(&label)
        );
    }
    out.push_str("}\n");
    out
}
