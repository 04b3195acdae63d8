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

/// The scenario graph drawn as SVG (`normcheck graph --format svg`): the DOT of [`render`],
/// laid out and drawn by the `layout-rs` crate, so that no Graphviz install is needed. `Err`
/// says why a graph could not be drawn.
pub fn svg(scenario: &Scenario) -> Result<String, String> {
    // The layout's cost grows much faster than the graph: past this, DOT and Graphviz.
    const MAX_NODES: usize = 150;
    let nodes = scenario.graph.node_count();
    if nodes > MAX_NODES {
        return Err(format!(
            "it has {nodes} nodes, more than the {MAX_NODES} the drawing lays out in reasonable time; use `--format dot` with Graphviz (`dot -Tsvg`)"
        ));
    }
    let dot = render(scenario);
    // The layout is another crate's code: a fault in it is reported, not a crash.
    std::panic::catch_unwind(move || {
        let mut parser = layout::gv::DotParser::new(&dot);
        let graph = parser
            .process()
            .map_err(|e| format!("the drawing could not read the graph: {e}"))?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut visual = builder.get();
        let mut writer = layout::backends::svg::SVGWriter::new();
        visual.do_it(false, false, false, &mut writer);
        Ok(stable_styles(writer.finalize()))
    })
    .unwrap_or_else(|_| {
        Err("the layout of this graph failed (a fault in the drawing library)".to_owned())
    })
}

/// The drawing's `<style>` lists one class per font size in the order of a hash map: sorted
/// here, so that the same case draws the same bytes every time.
fn stable_styles(svg: String) -> String {
    let (Some(start), Some(end)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg;
    };
    let start = start + "<style>".len();
    if start > end {
        return svg;
    }
    let mut rules: Vec<&str> = svg[start..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    rules.sort_unstable();
    let mut out = String::with_capacity(svg.len());
    out.push_str(&svg[..start]);
    out.push('\n');
    for rule in rules {
        out.push_str(rule);
        out.push('\n');
    }
    out.push_str(&svg[end..]);
    out
}
