//! `normcheck report`: a case as a page people look at. One self-contained HTML file per case
//! (no request leaves it: styles and scripts are inline, and its content security policy
//! forbids any other), and an index page for the run ([`index`]).
//!
//! A case's page has its title, summary and sources; its findings grouped by strength, each
//! with its status, citations and the text of the paragraphs cited, evidence, chain, cautions,
//! the rule's reading and what would change it (`whatif`); the near misses; the drawing of the
//! scenario, in which selecting a finding highlights the nodes and edges it rests on; and every
//! fact of the file with its standing.

pub mod index;

use std::collections::HashMap;
use std::fmt::Write as _;

use super::drawing::{self, escape, Highlights};
use super::view::{CaseView, Evidence, FindingView, Named};
use super::whatif::{lever_facts, lever_then, lever_verb};
use crate::rules::catalogue::{Catalogue, RuleId, Strength};
use crate::rules::whatif::{Lever, WhatIf};
use crate::schema::Status;

/// What every page forbids: any request but to itself (no fonts, scripts, images or frames
/// from anywhere).
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// The styles of every page.
const CSS: &str = include_str!("page.css");

/// The script of a case page: selecting a finding (its link, or the page opened at
/// `#f3`) highlights what it rests on in the drawing.
const CASE_SCRIPT: &str = include_str!("case.js");

/// The start of a page, to `<body>`.
fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <title>{} · normcheck</title>\n<style>\n{CSS}{}</style>\n</head>\n<body>\n",
        escape(title),
        drawing::STYLE
    );
}

fn foot(out: &mut String, script: &str) {
    let _ = write!(
        out,
        "<footer>Written by normcheck {}. Findings say which commitments of A/70/174 and \
         A/76/135 the facts as recorded implicate; they are not a judgement of \
         responsibility.</footer>\n<script>\n{script}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
}

/// A status as a badge: `<span class="status st-implicated">implicated</span>`.
fn badge(status: Status) -> String {
    format!("<span class=\"status st-{0}\">{0}</span>", status.as_str())
}

/// Text with its web addresses made links, escaped. An address begins with `http://` or
/// `https://` that no letter or digit runs into, and has a host. It ends at white space or any
/// character outside printable ASCII (a closing curly quote, full-width punctuation), at a
/// quote or angle bracket, at a closing parenthesis or bracket it did not open
/// (`(see https://x.org/a_(b))` links `https://x.org/a_(b)`), or at a comma followed by
/// another address; trailing punctuation is left out. One pass over the text.
fn linked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut from = 0;
    while let Some(found) = rest[from..].find("http") {
        let at = from + found;
        let tail = &rest[at..];
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|s| tail.starts_with(s))
            .map_or(0, str::len);
        let joined = rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let end = url_end(tail);
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let has_host = url[scheme.min(url.len())..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '[');
        if scheme == 0 || joined || !has_host {
            from = at + "http".len();
            continue;
        }
        out.push_str(&escape(&rest[..at]));
        let href = escape(url);
        let _ = write!(out, "<a href=\"{href}\" rel=\"noreferrer\">{href}</a>");
        rest = &tail[url.len()..];
        from = 0;
    }
    out.push_str(&escape(rest));
    out
}

/// Where an address at the start of `tail` ends (see [`linked`]).
fn url_end(tail: &str) -> usize {
    let mut depth = 0i32;
    for (i, c) in tail.char_indices() {
        let stop = match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' if depth == 0 => true,
            ')' | ']' => {
                depth -= 1;
                false
            }
            ',' => tail[i + 1..].starts_with("http"),
            c => !c.is_ascii_graphic() || matches!(c, '"' | '\'' | '<' | '>' | '`'),
        };
        if stop {
            return i;
        }
    }
    tail.len()
}

/// Text in which `backticks` mark ids and words of the case language, escaped, with each
/// such piece as `<code>`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&escape(first));
    }
    let rest: Vec<&str> = parts.collect();
    // An odd piece out (a lone backtick) is kept as written.
    let pairs = rest.len() / 2 * 2;
    for (i, part) in rest.iter().enumerate() {
        if i >= pairs {
            out.push('`');
            out.push_str(&escape(part));
        } else if i % 2 == 0 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// `<code>a1</code> (name)`: an id and its name, neither read as markup.
fn focus(named: &Named<'_>) -> String {
    match named.name {
        Some(name) => format!("<code>{}</code> ({})", escape(named.id), escape(name)),
        None => format!("<code>{}</code>", escape(named.id)),
    }
}

/// The anchor of the `n`th finding shown (from 1): `f3`.
pub fn anchor(n: usize) -> String {
    format!("f{n}")
}

/// The page of one case. `drawing` is the scenario's SVG, or why it could not be drawn;
/// `levers` are `whatif`'s for the case.
pub fn case_page(case: &CaseView<'_>, levers: &[WhatIf], drawing: Result<&str, &str>) -> String {
    let s = case.scenario;
    let c = &s.case;
    let mut out = String::with_capacity(64 * 1024);
    head(&mut out, case.display_title());
    out.push_str("<nav><a href=\"index.html\">All cases</a></nav>\n<main>\n<header>\n");
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"path\"><code>{}</code></p>",
        escape(case.display_title()),
        escape(case.file.path)
    );
    if let Some(summary) = &c.summary {
        let _ = writeln!(out, "<p class=\"summary\">{}</p>", linked(summary));
    }
    if !c.assessed.is_empty() {
        let dates: Vec<String> = c.assessed.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "<p>Assessed as of {}.</p>", dates.join(", "));
    }
    out.push_str("</header>\n");
    if case.has_errors {
        out.push_str("<section id=\"s-errors\"><h2>Not assessed: the file has errors</h2>\n<ul class=\"diagnostics\">\n");
        diagnostics(&mut out, case);
        out.push_str("</ul>\n<p>Run <code>normcheck check</code> on the file for the full messages.</p></section>\n");
    } else {
        findings_and_drawing(&mut out, case, levers, drawing);
    }
    if !c.sources.is_empty() {
        out.push_str("<section id=\"s-sources\"><h2>Sources</h2>\n<ul>\n");
        for source in &c.sources {
            let _ = writeln!(out, "<li>{}</li>", linked(source));
        }
        out.push_str("</ul></section>\n");
    }
    facts_table(&mut out, case);
    if !case.has_errors && !case.file.diagnostics.is_empty() {
        out.push_str(
            "<section id=\"s-diagnostics\"><h2>Warnings</h2>\n<ul class=\"diagnostics\">\n",
        );
        diagnostics(&mut out, case);
        out.push_str("</ul></section>\n");
    }
    out.push_str("</main>\n");
    foot(&mut out, CASE_SCRIPT);
    out
}

fn diagnostics(out: &mut String, case: &CaseView<'_>) {
    for d in &case.file.diagnostics {
        let _ = writeln!(
            out,
            "<li><code>{}</code> line {}, column {}: {}</li>",
            d.diagnostic.code,
            d.line,
            d.column,
            inline(&d.diagnostic.message)
        );
    }
}

/// The findings by strength beside the drawing, then the near misses.
fn findings_and_drawing(
    out: &mut String,
    case: &CaseView<'_>,
    levers: &[WhatIf],
    drawing: Result<&str, &str>,
) {
    let s = case.scenario;
    let findings: Vec<FindingView<'_>> = case.shown_findings().collect();
    let mut counts = [0usize; Status::ALL.len()];
    for f in &findings {
        counts[status_index(f.status)] += 1;
    }
    out.push_str("<section id=\"s-summary\"><h2>Summary</h2>\n<p>");
    if findings.is_empty() {
        out.push_str("No commitment is implicated.");
    } else {
        let parts: Vec<String> = Status::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(status, n)| format!("{n} {}", badge(*status)))
            .collect();
        let _ = write!(
            out,
            "{} finding{}: {}.",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            parts.join(", ")
        );
    }
    if let Some(aside) = case.set_aside() {
        let _ = write!(out, " Not shown: {}.", escape(&aside));
    }
    out.push_str("</p>\n<p class=\"gloss\">A finding says a commitment is <em>implicated</em> by the facts as the file records them. One that rests on alleged facts (<em>implicated-if-alleged</em>) does not say that the State is responsible; one that <em>cannot be assessed</em> turns on facts the file leaves unknown.");
    if counts[status_index(Status::WouldImplicate)] + counts[status_index(Status::Gap)] > 0 {
        out.push_str(" In a policy draft, <em>would-implicate</em> marks conduct the draft permits or requires that would implicate the commitment, and a <em>gap</em> a measure the reports recommend that the draft does not provide.");
    }
    out.push_str("</p></section>\n");

    out.push_str("<div class=\"split\">\n<div class=\"findings\">\n");
    let highlights = Highlights::new(s);
    let mut by_finding: HashMap<(RuleId, _, _), Vec<&WhatIf>> = HashMap::new();
    for w in levers.iter().filter(|w| w.now.is_some()) {
        by_finding
            .entry((w.rule, w.party, w.focus))
            .or_default()
            .push(w);
    }
    let mut texts: HashMap<RuleId, String> = HashMap::new();
    for strength in Strength::ALL {
        let group: Vec<(usize, &FindingView<'_>)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.rule.strength == strength)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<section class=\"strength\" id=\"s-{0}\"><h2>{1} <small>{2}</small></h2>",
            strength.as_str(),
            title_case(strength.as_str()),
            escape(strength.gloss())
        );
        for (i, f) in group {
            let ids = highlights.ids(s, &f.finding.facts, &[f.finding.party, f.finding.focus]);
            let quoted = texts
                .entry(f.finding.rule)
                .or_insert_with(|| cited_texts(case.catalogue(), f));
            let whatif = by_finding
                .get(&(f.finding.rule, f.finding.party, f.finding.focus))
                .map(Vec::as_slice)
                .unwrap_or_default();
            finding(out, case, i + 1, f, &ids, quoted, whatif);
        }
        out.push_str("</section>\n");
    }
    near_misses(out, case, levers);
    out.push_str("</div>\n<aside class=\"drawing\" id=\"s-graph\">\n<h2>Scenario</h2>\n");
    legend(out);
    match drawing {
        Ok(svg) => out.push_str(svg),
        Err(why) => {
            let _ = writeln!(
                out,
                "<p class=\"no-drawing\">Not drawn: {}.</p>",
                escape(why)
            );
        }
    }
    out.push_str("</aside>\n</div>\n");
}

/// A status's place in `Status::ALL`.
fn status_index(status: Status) -> usize {
    Status::ALL
        .iter()
        .position(|x| *x == status)
        .unwrap_or_default()
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The paragraphs a rule cites, each with its text, as `<details>` to open.
fn cited_texts(catalogue: &Catalogue, f: &FindingView<'_>) -> String {
    let mut out = String::new();
    for citation in &f.rule.citations {
        let texts = catalogue.corpus.text(citation);
        let _ = write!(
            out,
            "<details class=\"cite\"><summary>{}</summary>",
            escape(&citation.to_string())
        );
        for (cite, text) in texts {
            let _ = write!(
                out,
                "<blockquote><cite>{}</cite> {}</blockquote>",
                escape(&cite),
                escape(text)
            );
        }
        out.push_str("</details>\n");
    }
    out
}

/// One evidence item: its place (a link to the fact's row), its text and standing.
fn evidence_item(out: &mut String, case: &CaseView<'_>, fact: usize, e: &Evidence) {
    let class = drawing::standing_class(&case.scenario.fact(fact).standing);
    let _ = write!(
        out,
        "<li class=\"{class}\"><a class=\"line\" href=\"#fact-{fact}\">{}:{}</a> {}",
        e.line,
        e.column,
        inline(&e.text)
    );
    if let Some(standing) = &e.standing {
        let _ = write!(
            out,
            " <span class=\"standing\">[{}]</span>",
            escape(standing)
        );
    }
    out.push_str("</li>\n");
}

#[allow(clippy::too_many_arguments)]
fn finding(
    out: &mut String,
    case: &CaseView<'_>,
    n: usize,
    f: &FindingView<'_>,
    ids: &[String],
    quoted: &str,
    whatif: &[&WhatIf],
) {
    let rule = f.rule;
    let id = anchor(n);
    let _ = writeln!(
        out,
        "<article class=\"finding\" id=\"{id}\" data-status=\"{}\" data-hl=\"{}\" data-focus=\"{}\">",
        f.status.as_str(),
        escape(&ids.join(" ")),
        escape(&drawing::node_id(case.scenario, f.finding.focus))
    );
    let _ = writeln!(
        out,
        "<h3><a href=\"#{id}\" title=\"Show what it rests on in the drawing\">{} <code>{}</code> for {} about {}</a></h3>",
        badge(f.status),
        escape(&rule.id),
        escape(&f.party.party()),
        focus(&f.focus)
    );
    let _ = writeln!(
        out,
        "<p class=\"rule-title\">{}</p>\n<dl>\n<dt>Strength</dt><dd>{} ({})</dd>\n<dt>Cites</dt><dd>{quoted}</dd>",
        escape(&rule.title),
        rule.strength.as_str(),
        escape(rule.strength.gloss())
    );
    out.push_str("<dt>Evidence</dt><dd><ul class=\"evidence\">\n");
    for (fact, e) in f.finding.facts.iter().zip(&f.evidence) {
        evidence_item(out, case, *fact, e);
    }
    out.push_str("</ul></dd>\n");
    if !f.chain.is_empty() {
        out.push_str("<dt>How</dt><dd><ul>");
        for step in &f.chain {
            let _ = write!(out, "<li>{}</li>", inline(step));
        }
        out.push_str("</ul></dd>\n");
    }
    if f.rests_on_allegation {
        let _ = writeln!(
            out,
            "<dt>Note</dt><dd class=\"allegation\">This finding rests on alleged or disputed facts; it does not say that {} is responsible.</dd>",
            escape(f.party.id)
        );
    }
    if let Some(note) = &f.note {
        let _ = writeln!(out, "<dt>Note</dt><dd>{}.</dd>", inline(note));
    }
    if !f.missing.is_empty() {
        out.push_str("<dt>Missing</dt><dd><ul>");
        for wanted in &f.missing {
            let _ = write!(out, "<li><code>{}</code></li>", escape(wanted));
        }
        out.push_str("</ul></dd>\n");
    }
    if !f.decided_by.is_empty() {
        out.push_str("<dt>Decided by</dt><dd><ul>");
        for e in &f.decided_by {
            let _ = write!(out, "<li>{}</li>", inline(&e.text));
        }
        out.push_str("</ul></dd>\n");
    }
    if !rule.cautions.is_empty() {
        out.push_str("<dt>Cautions</dt><dd><ul class=\"cautions\">");
        for c in &rule.cautions {
            let _ = write!(
                out,
                "<li>{} <span class=\"cite\">({})</span></li>",
                inline(&c.text),
                escape(&c.cite.to_string())
            );
        }
        out.push_str("</ul></dd>\n");
    }
    if let Some(reading) = &rule.doc.reading {
        let _ = writeln!(
            out,
            "<dt>Reading</dt><dd class=\"reading\">normcheck's, not the texts': {}</dd>",
            inline(reading.trim())
        );
    }
    if !whatif.is_empty() {
        out.push_str("<dt>What would change it</dt><dd><ul class=\"whatif\">");
        for w in whatif {
            lever(out, case, w);
        }
        out.push_str("</ul></dd>\n");
    }
    out.push_str("</dl>\n</article>\n");
}

/// One lever of `whatif`: the change (with its facts) and what the finding would then be.
fn lever(out: &mut String, case: &CaseView<'_>, w: &WhatIf) {
    let _ = write!(out, "<li><strong>{}</strong> ", lever_verb(&w.lever));
    match &w.lever {
        Lever::Add(hint) => out.push_str(&inline(hint)),
        lever => {
            out.push_str("<ul>");
            for fact in lever_facts(lever) {
                evidence_item(out, case, *fact, &case.evidence(*fact));
            }
            out.push_str("</ul>");
        }
    }
    for needed in &w.needs {
        let _ = write!(out, "<span class=\"then\">needs: {}</span>", inline(needed));
    }
    let _ = write!(
        out,
        "<span class=\"then\">then: {}</span></li>",
        escape(&lever_then(w.then, &w.lever))
    );
}

/// Rules one element short for a State: what the file would have to say.
fn near_misses(out: &mut String, case: &CaseView<'_>, levers: &[WhatIf]) {
    let near: Vec<&WhatIf> = levers.iter().filter(|w| w.now.is_none()).collect();
    if near.is_empty() {
        return;
    }
    let s = case.scenario;
    out.push_str("<section id=\"s-near\"><h2>Near misses <small>rules one element short</small></h2>\n<ul class=\"near\">\n");
    for w in near {
        let rule = case.catalogue().get(w.rule);
        let _ = write!(
            out,
            "<li><code>{}</code> for {} about <code>{}</code>: <ul class=\"whatif\">",
            escape(&rule.id),
            escape(s.name(w.party)),
            escape(s.name(w.focus))
        );
        lever(out, case, w);
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ul></section>\n");
}

/// What the drawing's lines and colours mean.
fn legend(out: &mut String) {
    out.push_str(
        "<svg class=\"legend\" width=\"520\" height=\"24\" role=\"img\" aria-label=\"Legend\">\
<line x1=\"4\" y1=\"12\" x2=\"34\" y2=\"12\" stroke=\"#555\" stroke-width=\"1.5\"/><text x=\"40\" y=\"16\">established</text>\
<line x1=\"124\" y1=\"12\" x2=\"154\" y2=\"12\" stroke=\"#555\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><text x=\"160\" y=\"16\">alleged, disputed, denied</text>\
<line x1=\"318\" y1=\"12\" x2=\"348\" y2=\"12\" stroke=\"#999\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/><text x=\"354\" y=\"16\">unknown</text>\
<line x1=\"418\" y1=\"12\" x2=\"448\" y2=\"12\" stroke=\"#c0392b\" stroke-width=\"3\"/><text x=\"454\" y=\"16\">selected</text>\
</svg>\n<svg class=\"legend\" width=\"520\" height=\"24\" role=\"img\" aria-label=\"Legend, continued\">\
<circle cx=\"10\" cy=\"12\" r=\"5\" fill=\"#d08f1c\"/><circle cx=\"24\" cy=\"12\" r=\"5\" fill=\"#999\"/>\
<text x=\"36\" y=\"16\">on a node: a fact about it is alleged (or disputed, denied), or unknown; hover for which</text>\
</svg>\n<p class=\"tools\"><span class=\"hint\">Select a finding to see what it rests on.</span> <button type=\"button\" id=\"fit\" hidden>Fit to the box</button></p>\n",
    );
}

/// Every fact of the file, with its standing.
fn facts_table(out: &mut String, case: &CaseView<'_>) {
    let s = case.scenario;
    if s.case.facts.is_empty() {
        return;
    }
    out.push_str("<section id=\"s-facts\"><h2>Facts</h2>\n<table class=\"facts\">\n<thead><tr><th>Line</th><th>Fact</th><th>Standing</th></tr></thead>\n<tbody>\n");
    for (fact, e) in case.all_evidence() {
        let class = drawing::standing_class(&s.fact(fact).standing);
        let standing = match (fact < s.stated_facts(), e.standing.as_deref()) {
            (false, _) => "unknown: the file does not say (added by normcheck)",
            (true, Some(standing)) => standing,
            (true, None) => "established",
        };
        let _ = writeln!(
            out,
            "<tr id=\"fact-{fact}\" class=\"{class}\"><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.line,
            inline(&e.text),
            escape(standing)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

#[cfg(test)]
mod tests {
    use super::linked;

    #[test]
    fn addresses_are_linked_as_the_text_around_them_ends_them() {
        let link = |url: &str| format!("<a href=\"{url}\" rel=\"noreferrer\">{url}</a>");
        for (text, want) in [
            (
                "see https://x.org/a.",
                format!("see {}.", link("https://x.org/a")),
            ),
            (
                "(https://x.org/a_(b))",
                format!("({})", link("https://x.org/a_(b)")),
            ),
            ("“https://q.org”", format!("“{}”", link("https://q.org"))),
            (
                "https://a.org,https://b.org",
                format!("{},{}", link("https://a.org"), link("https://b.org")),
            ),
            (
                "xhttps://a.org and https:// alone",
                "xhttps://a.org and https:// alone".to_owned(),
            ),
            ("http", "http".to_owned()),
            (
                "é https://a.org/?q=1&r=2",
                format!("é {}", link("https://a.org/?q=1&amp;r=2")),
            ),
        ] {
            assert_eq!(linked(text), want, "{text}");
        }
    }
}
