//! `normcheck whatif`: what would change a case's findings, for people (one block per finding
//! or near miss, each fact at its line) and as JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::view::{CaseView, Evidence};
use crate::rules::whatif::{Lever, WhatIf};
use crate::schema::Status;

/// What a finding becomes if the lever goes the rule's way, in words.
pub(super) fn lever_then(status: Status, lever: &Lever) -> String {
    let one = lever_facts(lever).len() == 1;
    match lever {
        Lever::Establish(_) => match one {
            true => format!("{}; if it is refuted, not implicated", status.as_str()),
            false => format!(
                "{}; if any of them is refuted, not implicated",
                status.as_str()
            ),
        },
        Lever::Decide(_) => match one {
            true => format!(
                "{} if it holds as the rule needs; not implicated if it does not",
                status.as_str()
            ),
            false => format!(
                "{} if they hold as the rule needs; not implicated if they do not",
                status.as_str()
            ),
        },
        Lever::Add(_) => status.as_str().to_owned(),
    }
}

/// The facts a lever turns on (none for a near miss's addition).
pub(super) fn lever_facts(lever: &Lever) -> &[usize] {
    match lever {
        Lever::Establish(f) | Lever::Decide(f) => f,
        Lever::Add(_) => &[],
    }
}

/// `establish`, `decide`, or `missing` before what a near miss lacks (the hint says what to
/// add in its own words).
pub(super) fn lever_verb(lever: &Lever) -> &'static str {
    match lever {
        Lever::Establish(_) => "establish",
        Lever::Decide(_) => "decide",
        Lever::Add(_) => "missing",
    }
}

/// For people: per finding (or near miss), what to change and what it would then be.
pub fn human(case: &CaseView<'_>, levers: &[WhatIf]) -> String {
    let s = case.scenario;
    let path = case.file.path;
    let mut out = format!("{path}: what would change the findings\n");
    if levers.is_empty() {
        out.push_str("  nothing: every finding rests on established facts, and no rule is one element short\n");
    }
    for w in levers {
        let rule = &case.catalogue().get(w.rule).id;
        let (party, focus) = (s.name(w.party), s.name(w.focus));
        match w.now {
            Some(now) => {
                let _ = writeln!(
                    out,
                    "\n  {} {rule} for {party} about `{focus}`",
                    now.as_str()
                );
            }
            None => {
                let _ = writeln!(out, "\n  near miss: {rule} for {party} about `{focus}`");
            }
        }
        let label = lever_verb(&w.lever);
        match &w.lever {
            Lever::Add(hint) => {
                let _ = writeln!(out, "    {label:<13}{hint}");
            }
            lever => {
                for (i, fact) in lever_facts(lever).iter().enumerate() {
                    let label = if i == 0 { label } else { "" };
                    let _ = write!(out, "    {label:<13}");
                    case.evidence(*fact).place_with_standing(&mut out, path);
                    out.push('\n');
                }
            }
        }
        for (i, needed) in w.needs.iter().enumerate() {
            let label = if i == 0 { "needs" } else { "" };
            let _ = writeln!(out, "    {label:<13}{needed}");
        }
        let _ = writeln!(out, "    {:<13}{}", "then", lever_then(w.then, &w.lever));
    }
    out
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    party: &'a str,
    about: &'a str,
    /// The finding's status now; null for a near miss.
    now: Option<&'static str>,
    change: &'static str,
    facts: Vec<Fact>,
    /// For a near miss: what a case file would say.
    add: Option<&'a str>,
    /// For facts to decide that the file leaves `unknown`: the statements with the values the
    /// rule needs.
    needs: &'a [String],
    then: &'static str,
}

#[derive(Serialize)]
struct Fact {
    line: usize,
    column: usize,
    fact: String,
    standing: Option<String>,
}

/// As JSON: `{"case": PATH, "whatif": [...]}`.
pub fn json(case: &CaseView<'_>, levers: &[WhatIf]) -> String {
    let s = case.scenario;
    let entries: Vec<Entry<'_>> = levers
        .iter()
        .map(|w| Entry {
            rule: &case.catalogue().get(w.rule).id,
            party: s.name(w.party),
            about: s.name(w.focus),
            now: w.now.map(Status::as_str),
            change: match w.lever {
                Lever::Establish(_) => "establish",
                Lever::Decide(_) => "decide",
                Lever::Add(_) => "add",
            },
            facts: lever_facts(&w.lever)
                .iter()
                .map(|f| {
                    let Evidence {
                        line,
                        column,
                        text,
                        standing,
                        ..
                    } = case.evidence(*f);
                    Fact {
                        line,
                        column,
                        fact: text,
                        standing,
                    }
                })
                .collect(),
            add: match &w.lever {
                Lever::Add(hint) => Some(hint),
                _ => None,
            },
            needs: &w.needs,
            then: w.then.as_str(),
        })
        .collect();
    #[derive(Serialize)]
    struct Doc<'a> {
        case: &'a str,
        whatif: Vec<Entry<'a>>,
    }
    let doc = Doc {
        case: case.file.path,
        whatif: entries,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
