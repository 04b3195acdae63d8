//! The scenario graph drawn as SVG, without Graphviz: `graph --format svg`, and the drawing in
//! each page of `normcheck report`.
//!
//! The `layout-rs` crate places the nodes and routes the edges; the SVG is written here, by a
//! backend of our own, so that every node and edge carries an id and classes: the HTML report
//! highlights the elements a finding rests on by id, and styles facts that are alleged or
//! unknown by class. Writing it ourselves also keeps the output byte for byte the same on
//! every run (the crate's own writer lists its styles in hash-map order).

use std::collections::HashMap;
use std::fmt::Write as _;

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::{Point, Position};
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;

use crate::language::model::{EntityKind, FactData, FactId, Standing, Sym};
use crate::scenario::graph::{Dated, Scenario};
use crate::schema::EdgeKind;

/// Past this many nodes the layout takes too long (about 3 seconds at 100 nodes, and growing
/// faster than the graph): DOT and Graphviz instead.
pub const MAX_NODES: usize = 100;

/// Every labelled edge is laid out as one more node: past this many nodes and edges together,
/// DOT and Graphviz instead (measured in release: 270 in 2.6 s; 367 in 4.6 s; 792 in 41 s).
pub const MAX_ELEMENTS: usize = 300;

/// The room the layout leaves around a node, in pixels.
const HALO: f64 = 30.;

/// Names longer than this are cut in the drawing (the page and the file give them whole).
const NAME_CHARS: usize = 28;

/// The id of the node drawn for a declared id: `n-a1`. A character other than an ASCII letter,
/// digit or `-` is written as its code point between underscores (`targets of x` becomes
/// `n-targets_20_of_20_x`), so that every id is a valid one, and two ids never meet.
pub fn node_id(scenario: &Scenario, sym: Sym) -> String {
    let name = scenario.name(sym);
    let mut id = String::with_capacity(name.len() + 2);
    id.push_str("n-");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", u32::from(c));
        }
    }
    id
}

/// The id of the edge drawn for the graph's edge number `index`: `e3`.
fn edge_id(index: usize) -> String {
    format!("e{index}")
}

/// How well established a drawn fact is, as a class: `established`, `alleged` (alleged,
/// disputed or denied by someone) or `unknown`.
pub fn standing_class(standing: &Standing) -> &'static str {
    if standing.is_unknown() {
        "unknown"
    } else if standing.is_established() {
        "established"
    } else {
        "alleged"
    }
}

/// Which drawn elements show some facts: the edges each fact draws, with their ends, or, for a
/// fact that draws no edge (`intent intentional` on `a1`), the node it is about. Built once per
/// case; asking about a finding's facts is then linear in them.
pub struct Highlights {
    /// The edges each fact draws, by fact id.
    edges: Vec<Vec<(usize, Sym, Sym)>>,
}

impl Highlights {
    pub fn new(scenario: &Scenario) -> Highlights {
        let mut edges: Vec<Vec<(usize, Sym, Sym)>> = Vec::new();
        for edge in scenario.graph.edge_references() {
            let fact = edge.weight().fact;
            if edges.len() <= fact {
                edges.resize_with(fact + 1, Vec::new);
            }
            let (a, b) = (scenario.graph[edge.source()], scenario.graph[edge.target()]);
            edges[fact].push((edge.id().index(), a, b));
        }
        Highlights { edges }
    }

    /// The ids of the elements that show these facts and these entities, each once, in the
    /// order first met.
    pub fn ids(&self, scenario: &Scenario, facts: &[FactId], entities: &[Sym]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |id: String| {
            if !out.contains(&id) {
                out.push(id);
            }
        };
        let drawn = |sym: Sym| scenario.case.entity(sym).is_some_and(|e| drawn(e.kind));
        for &fact in facts {
            match self.edges.get(fact).filter(|e| !e.is_empty()) {
                Some(edges) => {
                    for &(index, a, b) in edges {
                        push(edge_id(index));
                        push(node_id(scenario, a));
                        push(node_id(scenario, b));
                    }
                }
                None => {
                    if let Some(subject) = scenario.fact(fact).data.subject() {
                        if drawn(subject) {
                            push(node_id(scenario, subject));
                        }
                    }
                }
            }
        }
        for &sym in entities {
            if drawn(sym) {
                push(node_id(scenario, sym));
            }
        }
        out
    }
}

/// Whether entities of this kind are drawn: sources are listed with the case, not drawn.
fn drawn(kind: EntityKind) -> bool {
    kind != EntityKind::Source
}

/// The scenario graph as SVG. `standalone` adds the XML declaration and the styles a file of
/// its own needs; the HTML report inlines the drawing and styles it from the page. `Err` says
/// why a graph could not be drawn.
pub fn svg(scenario: &Scenario, standalone: bool) -> Result<String, String> {
    let nodes = scenario.graph.node_count();
    let edges = scenario.graph.edge_count();
    if nodes > MAX_NODES || nodes + edges > MAX_ELEMENTS {
        return Err(format!(
            "it has {nodes} nodes and {edges} edges, more than the drawing lays out in reasonable time ({MAX_NODES} nodes, {MAX_ELEMENTS} nodes and edges together); use `--format dot` with Graphviz (`dot -Tsvg`)"
        ));
    }
    let (mut visual, drawn, notes) = visual_graph(scenario);
    if drawn == 0 {
        // The layout cannot place an empty graph.
        return Err("the case declares nothing the drawing shows".to_owned());
    }
    // The layout is another crate's code: a fault in it is reported, not a crash.
    let canvas = std::panic::catch_unwind(move || {
        let mut canvas = Canvas {
            notes,
            ..Canvas::default()
        };
        visual.do_it(false, false, false, &mut canvas);
        canvas
    })
    .map_err(|_| "the layout of this graph failed (a fault in the drawing library)".to_owned())?;
    Ok(canvas.finish(standalone))
}

/// Per entity, the facts about it that draw no edge and are not established (`intent
/// unknown`), as its node's badge and tooltip. One pass over the facts.
fn notes(scenario: &Scenario) -> HashMap<Sym, Note> {
    let drawn = Highlights::new(scenario);
    let mut notes: HashMap<Sym, Note> = HashMap::new();
    for fact in 0..scenario.fact_count() {
        let draws_edge = drawn.edges.get(fact).is_some_and(|e| !e.is_empty());
        let f = scenario.fact(fact);
        let class = standing_class(&f.standing);
        let Some(subject) = f
            .data
            .subject()
            .filter(|_| !draws_edge && class != "established")
        else {
            continue;
        };
        // The declaration is the node itself, drawn by its own standing.
        if matches!(f.data, FactData::Declared { .. }) {
            continue;
        }
        let note = notes.entry(subject).or_default();
        // Unknown outweighs alleged: the badge says the least that is settled.
        if note.badge != Some("unknown") {
            note.badge = Some(class);
        }
        if !note.title.is_empty() {
            note.title.push('\n');
        }
        // A tooltip is plain text: the backticks that mark ids elsewhere are left out.
        note.title
            .push_str(&scenario.case.describe(f).replace('`', ""));
        if let Some(standing) = super::view::standing_text(scenario, &f.standing) {
            let _ = write!(note.title, " [{standing}]");
        }
    }
    notes
}

/// The nodes and edges to lay out, each with the id and classes the SVG gives it; how many
/// nodes; and the notes of the nodes, by id.
fn visual_graph(scenario: &Scenario) -> (VisualGraph, usize, HashMap<String, Note>) {
    const NODE_FONT: usize = 12;
    const EDGE_FONT: usize = 10;
    let dir = Orientation::LeftToRight;
    let mut graph = VisualGraph::new(dir);
    let mut about = notes(scenario);
    let mut notes = HashMap::new();
    let mut count = 0;
    let mut handles = Vec::with_capacity(scenario.graph.node_count());
    for node in scenario.graph.node_indices() {
        let sym = scenario.graph[node];
        let entity = scenario.case.entity(sym).filter(|e| drawn(e.kind));
        let Some(entity) = entity else {
            handles.push(None);
            continue;
        };
        let label = node_label(scenario, sym, entity.name.as_deref());
        let (shape, kind) = match entity.kind {
            EntityKind::State => (ShapeKind::DoubleCircle(label), "state"),
            EntityKind::Organisation => (ShapeKind::Circle(label), "organisation"),
            EntityKind::Organ => (ShapeKind::Circle(label), "organ"),
            EntityKind::Actor => (ShapeKind::Circle(label), "actor"),
            EntityKind::Object => (ShapeKind::Box(label), "object"),
            EntityKind::Act => (ShapeKind::Box(label), "act"),
            _ => (ShapeKind::Box(label), "event"),
        };
        let rounded = match kind {
            "act" => 12,
            "event" => 4,
            _ => 0,
        };
        let size = node_size(&shape, NODE_FONT);
        let look = StyleAttr::new(
            Color::fast("black"),
            1,
            Some(Color::fast("white")),
            rounded,
            NODE_FONT,
        );
        let properties = format!(
            "id=\"{}\" class=\"node {kind} {}\"",
            escape(&node_id(scenario, sym)),
            standing_class(&entity.standing)
        );
        let mut element =
            Element::create_with_properties(shape, look, dir.flip(), size, properties);
        // The room left around each node: half the crate's default, for a drawing that keeps
        // its labels apart at a size that can be read.
        element.pos = Position::new(Point::zero(), size, Point::zero(), Point::splat(HALO));
        handles.push(Some(graph.add_node(element)));
        count += 1;
        if let Some(note) = about.remove(&sym) {
            notes.insert(node_id(scenario, sym), note);
        }
    }
    for edge in scenario.graph.edge_references() {
        let (Some(a), Some(b)) = (
            handles[edge.source().index()],
            handles[edge.target().index()],
        ) else {
            continue;
        };
        let weight = edge.weight();
        let fact = scenario.fact(weight.fact);
        let label = match (weight.kind, &fact.data) {
            (EdgeKind::Tie, FactData::Tie { tie, .. } | FactData::OperationTie { tie, .. }) => {
                scenario.name(*tie)
            }
            (kind, _) => kind.label(),
        };
        let class = standing_class(&fact.standing);
        let style = match class {
            "established" => LineStyleKind::Normal,
            _ => LineStyleKind::Dashed,
        };
        // The layout makes room for a label of `font_size` pixels a character; a character
        // of the page's sans-serif is about 0.6 of its size.
        let look = StyleAttr::new(Color::fast("black"), 1, None, 0, EDGE_FONT * 6 / 10);
        let label = match label_key(edge.id().index()) {
            Some(key) => format!("{key}{label}"),
            None => label.to_owned(),
        };
        let properties = format!(
            "id=\"{}\" class=\"edge {class}\"",
            edge_id(edge.id().index())
        );
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            style,
            &label,
            &look,
            properties,
            &None,
            &None,
        );
        graph.add_edge(arrow, a, b);
    }
    (graph, count, notes)
}

/// The size of a node's shape for its label: the layout crate's own estimate takes a
/// character to be as wide as the font is high, which makes boxes twice too wide in a
/// sans-serif; this one takes 0.6 of it.
fn node_size(shape: &ShapeKind, font: usize) -> Point {
    let (ShapeKind::Box(label) | ShapeKind::Circle(label) | ShapeKind::DoubleCircle(label)) = shape
    else {
        return Point::new(40., 30.);
    };
    let font = font as f64;
    let chars = label.lines().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let lines = label.lines().count().max(1) as f64;
    let (w, h) = (chars * font * 0.6 + 16., lines * font * 1.2 + 10.);
    match shape {
        ShapeKind::Box(_) => Point::new(w, h),
        // An ellipse around a text box: wider and taller by about the square root of two.
        _ => Point::new(w * 1.3 + 8., h * 1.4),
    }
}

/// The character that starts an edge's label to name its edge (see `Canvas::labels`): one of
/// Unicode's private use area, which no label of the language holds; `None` past its 6,400
/// code points (the label is then drawn where the layout put it, outside the edge's group).
fn label_key(edge: usize) -> Option<char> {
    u32::try_from(edge)
        .ok()
        .filter(|&e| e < PRIVATE_USE.len() as u32)
        .and_then(|e| char::from_u32(PRIVATE_USE.start + e))
}

/// The edge a label's first character names, if it names one.
fn edge_of_key(key: char) -> Option<usize> {
    let code = u32::from(key);
    PRIVATE_USE
        .contains(&code)
        .then(|| (code - PRIVATE_USE.start) as usize)
}

/// Unicode's private use area in the Basic Multilingual Plane.
const PRIVATE_USE: std::ops::Range<u32> = 0xE000..0xF900;

/// A node's label: its id, with the date of an act or event, then its name, cut if long.
fn node_label(scenario: &Scenario, sym: Sym, name: Option<&str>) -> String {
    let mut label = scenario.name(sym).to_owned();
    if let Some(Dated::On { when, .. }) = scenario.dated(sym) {
        let _ = write!(label, " · {when}");
    }
    if let Some(name) = name {
        label.push('\n');
        if name.chars().count() > NAME_CHARS {
            label.extend(name.chars().take(NAME_CHARS - 1));
            label.push('…');
        } else {
            label.push_str(name);
        }
    }
    label
}

/// `&`, `<`, `>` and quotes escaped, for text and attribute values in SVG and HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes what the layout draws. A node's shape opens a group with its id and classes; its
/// label (drawn next, with no properties of its own) goes into that group, so that the whole
/// node is one element. An edge is one group: its path and its label.
#[derive(Default)]
struct Canvas {
    body: String,
    width: f64,
    height: f64,
    /// A node's group is open: its id, and the place and size of its shape.
    open: Option<(String, Point, Point)>,
    /// What a node adds after its label, by its id.
    notes: HashMap<String, Note>,
    /// Edge labels, with where they go, by the number of their edge: the layout draws each
    /// as the text of a connector on the edge's path, before the edges. `visual_graph` starts
    /// each label with a character that names its edge (`label_key`), so that the edge's
    /// group takes its own label.
    labels: HashMap<usize, (Point, String)>,
}

/// What a node shows besides its shape and label: facts about it that are not established
/// (`intent unknown` on an act), as a badge and in its tooltip.
#[derive(Default)]
struct Note {
    /// `alleged` or `unknown`: the badge's class.
    badge: Option<&'static str>,
    /// The node's tooltip: its facts that are not established, a line each.
    title: String,
}

impl Canvas {
    fn grow(&mut self, at: Point, size: Point) {
        self.width = self.width.max(at.x + size.x + 5.);
        self.height = self.height.max(at.y + size.y + 5.);
    }

    fn open_group(&mut self, properties: Option<String>, at: Point, size: Point) {
        if let Some(properties) = properties {
            self.close_group();
            let _ = writeln!(self.body, "<g {properties}>");
            // The node's id: the properties begin with it (see `visual_graph`).
            let id = properties
                .strip_prefix("id=\"")
                .and_then(|rest| rest.split_once('"'))
                .map_or(String::new(), |(id, _)| id.to_owned());
            self.open = Some((id, at, size));
        }
    }

    /// Ends the open node's group: its badge and tooltip, then `</g>`.
    fn close_group(&mut self) {
        let Some((id, at, size)) = self.open.take() else {
            return;
        };
        if let Some(note) = self.notes.remove(&id) {
            if let Some(badge) = note.badge {
                let _ = writeln!(
                    self.body,
                    "<circle class=\"badge {badge}\" cx=\"{}\" cy=\"{}\" r=\"5\"/>",
                    number(at.x + size.x - 3.),
                    number(at.y + 3.)
                );
            }
            if !note.title.is_empty() {
                let _ = writeln!(self.body, "<title>{}</title>", escape(&note.title));
            }
        }
        self.body.push_str("</g>\n");
    }

    /// An edge's label, level (not along the curve, so that it never reads upside down).
    fn label(&mut self, at: Point, text: &str) {
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"middle\">{}</text>",
            number(at.x),
            number(at.y),
            escape(text)
        );
    }

    fn finish(mut self, standalone: bool) -> String {
        self.close_group();
        // A label no edge passed by (none is expected) is still shown, where it was put.
        let mut left: Vec<(usize, (Point, String))> = self.labels.drain().collect();
        left.sort_by_key(|(edge, _)| *edge);
        for (_, (at, text)) in left {
            self.label(at, &text);
        }
        let mut out = String::with_capacity(self.body.len() + 1024);
        if standalone {
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        }
        let (w, h) = (self.width.ceil(), self.height.ceil());
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scenario\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"The scenario graph\">"
        );
        out.push_str(
            "<defs><marker id=\"arrowhead\" markerWidth=\"10\" markerHeight=\"7\" refX=\"10\" refY=\"3.5\" orient=\"auto\"><polygon points=\"0 0, 10 3.5, 0 7\" fill=\"context-stroke\"/></marker></defs>\n",
        );
        if standalone {
            out.push_str("<style>\n");
            out.push_str(STYLE);
            out.push_str("</style>\n");
        }
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// How the drawing looks: by the classes the canvas gives, in a file of its own and (the same
/// rules) in the HTML report.
pub const STYLE: &str = "\
svg.scenario text { font-family: sans-serif; fill: #1a1a1a; }
svg.scenario .node text { font-size: 12px; }
svg.scenario .edge text { font-size: 10px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.scenario .node rect, svg.scenario .node ellipse { fill: #fff; stroke: #333; stroke-width: 1.2; }
svg.scenario .node.state ellipse { fill: #eef3fb; }
svg.scenario .node ellipse.ring { fill: none; }
svg.scenario .node.act rect { fill: #fdf3e7; }
svg.scenario .edge path { fill: none; stroke: #555; stroke-width: 1.2; }
svg.scenario .alleged rect, svg.scenario .alleged ellipse, svg.scenario .edge.alleged path { stroke-dasharray: 6 4; }
svg.scenario .unknown rect, svg.scenario .unknown ellipse, svg.scenario .edge.unknown path { stroke-dasharray: 2 3; stroke: #999; }
svg.scenario .unknown text { fill: #777; }
svg.scenario circle.badge { stroke: #fff; stroke-width: 1; }
svg.scenario circle.badge.alleged { fill: #d08f1c; }
svg.scenario circle.badge.unknown { fill: #999; }
";

fn number(x: f64) -> String {
    // Two decimals are finer than a pixel; fewer digits, same picture.
    let rounded = (x * 100.).round() / 100.;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

impl RenderBackend for Canvas {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy, size);
        self.open_group(properties, xy, size);
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
            number(xy.x),
            number(xy.y),
            number(size.x),
            number(size.y),
            look.rounded
        );
    }

    fn draw_line(&mut self, start: Point, stop: Point, _: &StyleAttr, _: Option<String>) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\"/>",
            number(start.x),
            number(start.y),
            number(stop.x),
            number(stop.y)
        );
    }

    fn draw_circle(&mut self, xy: Point, size: Point, _: &StyleAttr, properties: Option<String>) {
        self.grow(
            Point::new(xy.x - size.x / 2., xy.y - size.y / 2.),
            size.add(Point::splat(8.)),
        );
        // A State's second ring comes with no properties: an outline around the first.
        let class = match properties {
            Some(_) => "",
            None => " class=\"ring\"",
        };
        let corner = Point::new(xy.x - size.x / 2., xy.y - size.y / 2.);
        self.open_group(properties, corner, size);
        let _ = writeln!(
            self.body,
            "<ellipse{class} cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/>",
            number(xy.x),
            number(xy.y),
            number(size.x / 2.),
            number(size.y / 2.)
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        if self.open.is_none() {
            // A connector's text: an edge's label, for the edge to take.
            let mut chars = text.chars();
            let key = chars.next().and_then(edge_of_key);
            let (key, text) = match key {
                Some(edge) => (edge, chars.as_str()),
                // Not a label of ours (none is expected): kept apart from every edge's.
                None => (usize::MAX - self.labels.len(), text),
            };
            self.labels.insert(key, (xy, text.to_owned()));
            return;
        }
        let lines = text.lines().count().max(1);
        let height = (lines * look.font_size) as f64 * 1.2;
        let mut y = xy.y - height / 2. + look.font_size as f64 * 0.6;
        let _ = write!(self.body, "<text text-anchor=\"middle\">");
        for line in text.lines() {
            let _ = write!(
                self.body,
                "<tspan x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</tspan>",
                number(xy.x),
                number(y),
                escape(line)
            );
            y += look.font_size as f64 * 1.2;
        }
        self.body.push_str("</text>\n");
        // A node's label is the last thing drawn of it.
        self.close_group();
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        self.close_group();
        let [first, second, rest @ ..] = path else {
            return;
        };
        for point in path {
            self.grow(point.0, Point::zero());
            self.grow(point.1, Point::zero());
        }
        let mut d = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            number(first.0.x),
            number(first.0.y),
            number(first.1.x),
            number(first.1.y),
            number(second.0.x),
            number(second.0.y),
            number(second.1.x),
            number(second.1.y)
        );
        for point in rest {
            let _ = write!(
                d,
                " S {} {}, {} {}",
                number(point.0.x),
                number(point.0.y),
                number(point.1.x),
                number(point.1.y)
            );
        }
        let _ = writeln!(
            self.body,
            "<g {}>",
            properties.as_deref().unwrap_or_default()
        );
        let dash = if dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let end = if head.1 {
            " marker-end=\"url(#arrowhead)\""
        } else {
            ""
        };
        let _ = writeln!(self.body, "<path d=\"{d}\"{dash}{end}/>");
        // The label the layout put on this edge's path (written level rather than along the
        // curve, so that it never reads upside down).
        let edge = properties
            .as_deref()
            .and_then(|p| p.strip_prefix("id=\"e"))
            .and_then(|rest| rest.split_once('"'))
            .and_then(|(n, _)| n.parse::<usize>().ok());
        let label = edge.and_then(|e| self.labels.remove(&e)).or_else(|| {
            // A label the layout left on the edge itself (it splits every labelled edge).
            let text = match text.chars().next().and_then(edge_of_key) {
                Some(_) => text.chars().skip(1).collect(),
                None => text.to_owned(),
            };
            (!text.is_empty()).then(|| (path[path.len() / 2].0, text))
        });
        if let Some((at, text)) = label {
            self.label(at, &text);
        }
        self.body.push_str("</g>\n");
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        // The shapes drawn here (boxes and ellipses) need no clip regions.
        0
    }
}
