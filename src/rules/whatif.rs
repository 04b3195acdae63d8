//! What would change a case's findings (`normcheck whatif`): for a finding that rests on
//! alleged facts, establishing them; for one that cannot be assessed, deciding the facts it
//! turns on; for a finding an `unless` entry may set aside, establishing that entry's facts;
//! and for a near miss (a rule that fails on one element of its pattern for some State, and
//! holds once that element is left out), what to add. Read from the findings and the rules'
//! patterns: no finding is evaluated again once per fact.

use super::catalogue::RuleKind;
use super::catalogue::{Atom, Catalogue, RuleId};
use super::engine::{
    budget, in_time, solve, status_of, tuple_facts, unless, why_not, Defeat, Finding, InTime,
    Match, Resolved, WhyNot,
};
use crate::language::model::{EntityKind, FactId, Sym};
use crate::scenario::graph::Scenario;
use crate::schema::Status;

/// One way a finding, or a near miss, would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub rule: RuleId,
    pub party: Sym,
    /// What the finding is (or would be) about.
    pub focus: Sym,
    /// The finding's status now; `None` for a near miss.
    pub now: Option<Status>,
    pub lever: Lever,
    /// What the finding becomes if the lever goes the rule's way.
    pub then: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lever {
    /// Facts alleged, disputed or denied that the finding rests on.
    Establish(Vec<FactId>),
    /// Facts of unknown truth that the finding turns on.
    Decide(Vec<FactId>),
    /// Facts that, established, would set the finding aside (an `unless` entry of the rule).
    SetAside(Vec<FactId>),
    /// What a case file would say for the one missing element to hold (`hint::hint`).
    Add(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Becomes(Status),
    NotImplicated,
}

/// Every lever of the case: first those of its findings, in their order, then its near
/// misses, rule by rule and State by State.
pub fn whatif(catalogue: &Catalogue, scenario: &Scenario, findings: &[Finding]) -> Vec<WhatIf> {
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| f.set_aside.is_none()) {
        let not_established = |id: &FactId| !scenario.fact(*id).standing.is_established();
        let (unknown, alleged): (Vec<FactId>, Vec<FactId>) = f
            .facts
            .iter()
            .copied()
            .filter(not_established)
            .partition(|id| scenario.fact(*id).standing.is_unknown());
        let push = |out: &mut Vec<WhatIf>, lever, then| {
            out.push(WhatIf {
                rule: f.rule,
                party: f.party,
                focus: f.focus,
                now: Some(f.status),
                lever,
                then,
            })
        };
        match f.status {
            Status::CannotAssess if !unknown.is_empty() => {
                let then = match alleged.is_empty() {
                    true => Status::Implicated,
                    false => Status::ImplicatedIfAlleged,
                };
                push(&mut out, Lever::Decide(unknown), Outcome::Becomes(then));
            }
            Status::ImplicatedIfAlleged if !alleged.is_empty() => {
                push(
                    &mut out,
                    Lever::Establish(alleged),
                    Outcome::Becomes(Status::Implicated),
                );
            }
            _ => {}
        }
        if !f.defeaters.is_empty() {
            push(
                &mut out,
                Lever::SetAside(f.defeaters.clone()),
                Outcome::NotImplicated,
            );
        }
    }
    near_misses(catalogue, scenario, findings, &mut out);
    out
}

/// For each rule and each State with no finding of it: the element the rule first fails on,
/// if the rule holds once that element is left out.
fn near_misses(
    catalogue: &Catalogue,
    scenario: &Scenario,
    findings: &[Finding],
    out: &mut Vec<WhatIf>,
) {
    let states: Vec<Sym> = scenario
        .case
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::State)
        .map(|e| e.id)
        .collect();
    let found: std::collections::HashSet<(RuleId, Sym)> =
        findings.iter().map(|f| (f.rule, f.party)).collect();
    // A policy document's gaps say what it lacks already.
    for (id, rule) in catalogue.iter().filter(|(_, r)| r.kind != RuleKind::Gap) {
        for &state in &states {
            if found.contains(&(id, state)) {
                continue;
            }
            let WhyNot::Unmatched { hint, atom, .. } = why_not(rule, scenario, Some(state), None)
            else {
                continue;
            };
            if let Some((focus, status)) = holds_without(rule, scenario, state, atom) {
                out.push(WhatIf {
                    rule: id,
                    party: state,
                    focus,
                    now: None,
                    lever: Lever::Add(hint),
                    then: Outcome::Becomes(status),
                });
            }
        }
    }
}

/// What the rule would be about for `party` if the element at `skip` of its pattern held,
/// and the finding's status then, as far as the rest of the match says (the added element
/// itself established): the first match of the rest that no `unless` entry sets aside and that
/// is in time.
fn holds_without(
    rule: &super::catalogue::Rule,
    scenario: &Scenario,
    party: Sym,
    skip: usize,
) -> Option<(Sym, Status)> {
    let resolved = Resolved::new(scenario, budget(scenario));
    let goals: Vec<&Atom> = rule
        .pattern
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != skip)
        .map(|(_, a)| a)
        .collect();
    let mut start = Match {
        env: vec![None; rule.vars.len()],
        tuples: Vec::new(),
    };
    start.env[rule.party] = Some(party);
    let mut focus = None;
    solve(&resolved, &goals, &mut start, &mut |m| {
        if focus.is_some() {
            return;
        }
        let Some(about) = m.env[rule.focus] else {
            return;
        };
        let used = tuple_facts(scenario, &m.tuples);
        let undated = match in_time(rule, scenario, about, used.iter().copied()) {
            InTime::Before { .. } => return,
            InTime::Undecided(_) => true,
            InTime::Yes => false,
        };
        let defeat = unless(&resolved, rule, &m.env);
        if matches!(defeat, Defeat::Defeated(_)) {
            return;
        }
        let mut status = status_of(used.iter().map(|f| &scenario.fact(*f).standing));
        if undated || matches!(defeat, Defeat::Undecided(_)) {
            status = Status::CannotAssess;
        }
        let provision = m
            .env
            .iter()
            .flatten()
            .any(|s| scenario.provision(*s).is_some());
        status = match (rule.kind, status) {
            (_, Status::CannotAssess) => Status::CannotAssess,
            (RuleKind::Gap, _) => Status::Gap,
            (RuleKind::Conduct, _) if provision => Status::WouldImplicate,
            (RuleKind::Conduct, status) => status,
        };
        focus = Some((about, status));
    });
    focus
}
