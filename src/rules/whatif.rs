//! What would change a case's findings (`normcheck whatif`): for a finding that rests on
//! alleged facts, establishing them; for one that cannot be assessed, deciding the facts it
//! turns on; and for a near miss (a rule that fails on one element of its pattern for a State
//! the rest of the pattern involves, and holds once that element is left out), what to add.
//! Read from the findings and the rules' patterns: no finding is evaluated again once per fact.

use super::catalogue::RuleKind;
use super::catalogue::{Atom, Catalogue, RuleId};
use super::catalogue::{Rule, Term, Var};
use super::engine::{
    budget, doubts, graded, in_time, solve, status_of, tuple_facts, unless, why_not, Defeat,
    Finding, InTime, Match, Resolved, WhyNot,
};
use crate::language::model::{FactId, Sym};
use crate::scenario::graph::Scenario;
use crate::schema::{Rel, Status};

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
    pub then: Status,
    /// For facts to decide whose value the file leaves `unknown`: the statement with the value
    /// the rule needs, and where it goes ("`intent intentional` in act `a1`").
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lever {
    /// Facts alleged, disputed or denied that the finding rests on.
    Establish(Vec<FactId>),
    /// Facts of unknown truth that the finding turns on.
    Decide(Vec<FactId>),
    /// What a case file would say for the one missing element to hold (`hint::hint`).
    Add(String),
}

/// Near misses are looked for only in a case with at most this many States: each State costs
/// a few joins of every rule, so the work stays linear in the size of the case.
pub const MAX_STATES_FOR_NEAR_MISSES: usize = 50;

/// Every lever of the case: first those of its findings, in their order, then its near
/// misses, rule by rule and State by State.
pub fn whatif(catalogue: &Catalogue, scenario: &Scenario, findings: &[Finding]) -> Vec<WhatIf> {
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| f.set_aside.is_none()) {
        // A gap already says what the document lacks; and where an `unless` or `doubt` entry
        // turns on facts not established (`defeaters`), deciding the finding's own facts would
        // not settle it: no prediction is made that the rule would not bear out.
        let rule = catalogue.get(f.rule);
        if rule.kind == RuleKind::Gap || !f.defeaters.is_empty() {
            continue;
        }
        let not_established = |id: &FactId| !scenario.fact(*id).standing.is_established();
        let (unknown, alleged): (Vec<FactId>, Vec<FactId>) = f
            .facts
            .iter()
            .copied()
            .filter(not_established)
            .partition(|id| scenario.fact(*id).standing.is_unknown());
        // Conduct a policy document describes would implicate, whatever is established.
        let described = scenario.provision(f.focus).is_some();
        let mut needs = Vec::new();
        let (lever, then) = match f.status {
            Status::CannotAssess if !unknown.is_empty() => {
                let then = match alleged.is_empty() {
                    true => Status::Implicated,
                    false => Status::ImplicatedIfAlleged,
                };
                needs = needed_values(rule, scenario, &unknown);
                (Lever::Decide(unknown), graded(rule, then, described))
            }
            Status::ImplicatedIfAlleged if !alleged.is_empty() => {
                (Lever::Establish(alleged), Status::Implicated)
            }
            _ => continue,
        };
        out.push(WhatIf {
            rule: f.rule,
            party: f.party,
            focus: f.focus,
            now: Some(f.status),
            lever,
            then,
            needs,
        });
    }
    near_misses(catalogue, scenario, findings, &mut out);
    out
}

/// For the facts a finding turns on whose value the file leaves `unknown` (`intent unknown`),
/// what the rule needs in its place: each atom of the rule's pattern over the fact's relation
/// that asks for words where the fact has `unknown`, said as the statement to write, with the
/// ids the fact names. Each once, in the order of the facts.
fn needed_values(rule: &Rule, scenario: &Scenario, facts: &[FactId]) -> Vec<String> {
    let mut atoms: Vec<&Atom> = Vec::new();
    let mut stack: Vec<&Atom> = rule.pattern.iter().collect();
    while let Some(atom) = stack.pop() {
        match atom {
            Atom::Any(alternatives) => stack.extend(alternatives.iter().flatten()),
            atom => atoms.push(atom),
        }
    }
    let mut out: Vec<String> = Vec::new();
    for &fact in facts {
        let mut row: Option<(Rel, Vec<Sym>)> = None;
        scenario
            .fact(fact)
            .data
            .row(|rel, values| row = Some((rel, values.to_vec())));
        let Some((rel, values)) = row else { continue };
        for atom in &atoms {
            let Atom::Relation {
                rel: wanted,
                fields,
            } = atom
            else {
                continue;
            };
            let asks_for_unknown = fields.iter().any(|(i, term)| {
                matches!(term, Term::Words(_)) && values.get(*i) == Some(&Sym::UNKNOWN)
            });
            if *wanted != rel || !asks_for_unknown {
                continue;
            }
            let mut env = vec![None; rule.vars.len()];
            for (i, term) in fields {
                if let (Term::Var(v), Some(value)) = (term, values.get(*i)) {
                    env[*v] = Some(*value);
                }
            }
            if let Some(setting) = super::hint::setting(atom, &env, scenario) {
                if !out.contains(&setting) {
                    out.push(setting);
                }
            }
        }
    }
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
    let states: Vec<Sym> = scenario.case.states().map(|e| e.id).collect();
    if states.len() > MAX_STATES_FOR_NEAR_MISSES {
        return;
    }
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
            // The State must be in the rest of the pattern: a rule one element short only
            // because that element is the one that names the State is not near for it.
            let involved = rule
                .pattern
                .iter()
                .enumerate()
                .any(|(i, a)| i != atom && mentions(a, rule.party));
            if !involved {
                continue;
            }
            if let Some((focus, status)) = holds_without(rule, scenario, state, atom) {
                // Said again with what the near miss is about fixed, so that the hint can name
                // it and its dates ("begun no later than 2017-05-12"): one more prefix join,
                // for a near miss only.
                let hint = match why_not(rule, scenario, Some(state), Some(focus)) {
                    WhyNot::Unmatched {
                        hint: about,
                        atom: same,
                        ..
                    } if same == atom => about,
                    _ => hint,
                };
                out.push(WhatIf {
                    rule: id,
                    party: state,
                    focus,
                    now: None,
                    lever: Lever::Add(hint),
                    then: status,
                    needs: Vec::new(),
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
    rule: &Rule,
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
        let doubted = !rule.doubt.is_empty() && !doubts(&resolved, rule, &m.env).is_empty();
        if undated || doubted || matches!(defeat, Defeat::Undecided(_)) {
            status = Status::CannotAssess;
        }
        let described = m
            .env
            .iter()
            .flatten()
            .any(|s| scenario.provision(*s).is_some());
        focus = Some((about, graded(rule, status, described)));
    });
    focus
}

/// Whether an element of a pattern ties the variable to something the case records: a
/// relation that uses it, other than `state` (which every State satisfies) and `different`
/// (which ties it to nothing).
fn mentions(atom: &Atom, var: Var) -> bool {
    match atom {
        Atom::Relation { rel, fields } => {
            *rel != Rel::State && fields.iter().any(|(_, t)| *t == Term::Var(var))
        }
        Atom::Any(alternatives) => alternatives.iter().flatten().any(|a| mentions(a, var)),
        Atom::Different(..) => false,
    }
}
