//! The index page of `normcheck report`: the cases against the commitments they implicate, each
//! cell linking to the findings on the case's page, with filters by State and by strength.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{anchor, escape, foot, head};
use crate::report::view::CaseView;
use crate::rules::catalogue::{Catalogue, RuleId, Strength};
use crate::schema::Status;

/// What the index shows of one case: kept once its page is written, so that a run holds the
/// index's rows and one case at a time.
pub struct Row {
    pub title: String,
    pub path: String,
    /// The case's page, beside the index: `notpetya-2017.html`.
    pub page: String,
    /// The ids of the States the case declares.
    pub states: Vec<String>,
    /// `None` when the file has errors: it was not assessed.
    pub findings: Option<Vec<Entry>>,
}

/// One finding, as a cell of the index shows it.
pub struct Entry {
    pub rule: RuleId,
    pub party: String,
    pub about: String,
    pub status: Status,
    /// Its anchor on the case's page.
    pub anchor: String,
}

/// The row of a case whose page is `page`.
pub fn row(case: &CaseView<'_>, page: &str) -> Row {
    let s = case.scenario;
    let findings = (!case.has_errors).then(|| {
        case.shown_findings()
            .enumerate()
            .map(|(i, f)| Entry {
                rule: f.finding.rule,
                party: f.party.id.to_owned(),
                about: f.focus.id.to_owned(),
                status: f.status,
                anchor: anchor(i + 1),
            })
            .collect()
    });
    Row {
        title: case.display_title().to_owned(),
        path: case.file.path.to_owned(),
        page: page.to_owned(),
        states: s.case.states().map(|e| s.name(e.id).to_owned()).collect(),
        findings,
    }
}

/// The index page: a row per case, a column per commitment some case implicates.
pub fn page(catalogue: &Catalogue, rows: &[Row]) -> String {
    let mut out = String::with_capacity(32 * 1024);
    head(&mut out, "Cases and commitments");
    // Law first, then norms, then recommendations; in catalogue order within each.
    let columns: Vec<RuleId> = rows
        .iter()
        .flat_map(|r| r.findings.iter().flatten())
        .map(|e| (catalogue.get(e.rule).strength, e.rule))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(_, rule)| rule)
        .collect();
    let states: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| &r.states)
        .map(String::as_str)
        .collect();
    let total: usize = rows
        .iter()
        .filter_map(|r| r.findings.as_ref())
        .map(Vec::len)
        .sum();
    let _ = writeln!(
        out,
        "<main>\n<header><h1>Cases and commitments</h1>\n<p>{} case{}, {total} finding{}. Each cell lists a commitment's findings in a case, by State; select one to open it on the case's page. A dash: not implicated for any State of the case (or for the State chosen). Hover over a commitment for its title and citations. The filters are kept in the address, so a filtered view can be linked to.</p></header>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if total == 1 { "" } else { "s" }
    );
    out.push_str("<div class=\"filters\">\n<label>State <select id=\"filter-state\"><option value=\"\">all</option>");
    for state in &states {
        let _ = write!(out, "<option>{}</option>", escape(state));
    }
    out.push_str("</select></label>\n<fieldset><legend>Strength</legend>");
    for strength in Strength::ALL {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"strength\" value=\"{0}\" checked> {0}</label> ",
            strength.as_str()
        );
    }
    out.push_str("</fieldset>\n<p id=\"shown\" class=\"gloss\"></p>\n</div>\n<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>Case</th>");
    for &rule in &columns {
        let rule = catalogue.get(rule);
        let _ = write!(
            out,
            "<th class=\"rule\" data-strength=\"{}\" title=\"{} ({})\">{}</th>",
            rule.strength.as_str(),
            escape(&rule.title),
            escape(&rule.citation_line()),
            escape(&rule.id)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = write!(
            out,
            "<tr class=\"case\" data-states=\"{}\"><th class=\"case\"><a href=\"{}\">{}</a><small>{}</small></th>",
            escape(&row.states.join(" ")),
            escape(&row.page),
            escape(&row.title),
            escape(&row.path)
        );
        let Some(findings) = &row.findings else {
            let _ = writeln!(
                out,
                "<td colspan=\"{}\">Not assessed: the file has errors.</td></tr>",
                columns.len().max(1)
            );
            continue;
        };
        let mut cells: HashMap<RuleId, Vec<&Entry>> = HashMap::new();
        for entry in findings {
            cells.entry(entry.rule).or_default().push(entry);
        }
        for &rule in &columns {
            let strength = catalogue.get(rule).strength.as_str();
            let _ = write!(out, "<td class=\"cell\" data-strength=\"{strength}\">");
            let entries = cells.get(&rule).map(Vec::as_slice).unwrap_or_default();
            for entry in entries {
                let _ = write!(
                    out,
                    "<a class=\"entry\" data-party=\"{party}\" href=\"{page}#{anchor}\" title=\"{rule} for {party} about {about}: {status}\">{party} <span class=\"status st-{status}\">{label}</span></a>",
                    party = escape(&entry.party),
                    page = escape(&row.page),
                    anchor = entry.anchor,
                    rule = escape(&catalogue.get(rule).id),
                    about = escape(&entry.about),
                    status = entry.status.as_str(),
                    label = short(entry.status)
                );
            }
            // Shown by the State filter when it hides every entry of the cell.
            out.push_str(match entries.is_empty() {
                true => "<span class=\"none\" title=\"not implicated\">–</span></td>",
                false => "<span class=\"none\" title=\"not implicated\" hidden>–</span></td>",
            });
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</main>\n");
    foot(&mut out, INDEX_SCRIPT);
    out
}

/// A status as a cell of the index says it: `if alleged`, `cannot assess`.
fn short(status: Status) -> &'static str {
    match status {
        Status::Implicated => "implicated",
        Status::WouldImplicate => "would implicate",
        Status::ImplicatedIfAlleged => "if alleged",
        Status::Gap => "gap",
        Status::CannotAssess => "cannot assess",
    }
}

/// The index's filters: by State (rows and entries) and by strength (columns).
const INDEX_SCRIPT: &str = include_str!("index.js");
