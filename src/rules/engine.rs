//! Rules × scenario → findings. A rule's pattern is joined atom by atom, each atom looked up
//! through an index on a bound field; the facts a match used decide its status. Pure and
//! deterministic: the same scenario and catalogue give the same findings in the same order.

use std::collections::{BTreeMap, HashMap};

use crate::language::model::{Date, Day, FactId, Interner, Order, Standing, Sym, When};
use crate::rules::catalogue::{Atom, Catalogue, Rule, RuleId, RuleKind, Term};
use crate::rules::hint;
use crate::scenario::graph::{Dated, Scenario};
use crate::scenario::Note;
use crate::schema::{Rel, Status};

/// The status of a match: the weakest standing among the facts it uses.
/// A match's status for its rule: a gap rule's match is a gap; conduct a policy document
/// describes (`described`) has not happened, so whatever the standing of the document's
/// statements, the finding says what the conduct would implicate; cannot-assess stays.
pub(super) fn graded(rule: &Rule, status: Status, described: bool) -> Status {
    match (rule.kind, status) {
        (_, Status::CannotAssess) => Status::CannotAssess,
        (RuleKind::Gap, _) => Status::Gap,
        (RuleKind::Conduct, _) if described => Status::WouldImplicate,
        (RuleKind::Conduct, status) => status,
    }
}

pub(super) fn status_of<'a>(standings: impl Iterator<Item = &'a Standing>) -> Status {
    let mut status = Status::Implicated;
    for s in standings {
        if s.is_unknown() {
            return Status::CannotAssess;
        }
        if !s.is_established() {
            status = Status::ImplicatedIfAlleged;
        }
    }
    status
}

/// One commitment implicated for one party, about one act or event.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: RuleId,
    pub party: Sym,
    pub focus: Sym,
    pub status: Status,
    /// The facts the match rests on, in file order.
    pub facts: Vec<FactId>,
    /// How derived relations were reached: the responsibility chain and the like.
    pub chain: Vec<Step>,
    /// Facts that, if established, would defeat the finding (from the rule's `unless`).
    pub defeaters: Vec<FactId>,
    /// For a gap: the atoms of the rule's `unless` that nothing matches, as (alternative,
    /// atom) indexes: what the document would have to provide.
    pub missing: Vec<(usize, usize)>,
    /// For a gap: the facts that match the other atoms (what the document provides of the
    /// measures), in file order.
    pub present: Vec<FactId>,
    /// What sets this finding aside, if anything: it is then not shown to people nor counted,
    /// but JSON and SARIF list it.
    pub set_aside: Option<SetAside>,
}

/// Why a finding is set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    /// A `suppress` line of the file (an index into the case's suppressions).
    Suppressed(usize),
    /// The baseline of known findings (`check --baseline`).
    Baselined,
}

impl Finding {
    /// Whether the finding is shown to people and counted: nothing sets it aside.
    pub fn shown(&self) -> bool {
        self.set_aside.is_none()
    }

    /// The facts that would decide a `cannot-assess` finding: those of unknown standing it rests
    /// on, and those of an `unless` entry that holds only on facts not established. Empty for
    /// the other statuses.
    pub fn decided_by(&self, scenario: &Scenario) -> Vec<FactId> {
        if self.status != Status::CannotAssess {
            return Vec::new();
        }
        let unknown = self
            .facts
            .iter()
            .filter(|f| scenario.fact(**f).standing.is_unknown());
        let mut out: Vec<FactId> = unknown.chain(&self.defeaters).copied().collect();
        in_file_order(scenario, &mut out);
        out
    }

    /// Whether some fact the finding rests on is alleged, disputed or denied: then the finding
    /// must not be read as saying the party is responsible.
    pub fn rests_on_allegation(&self, scenario: &Scenario) -> bool {
        self.facts
            .iter()
            .any(|f| scenario.fact(*f).standing.is_contested())
    }
}

/// One step of a finding's chain: how a derived relation it rests on was reached, and whether
/// the facts under it hold only if alleged or unknown facts do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub note: Note,
    pub hedge: Hedge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    Established,
    IfAlleged,
    IfUnknown,
}

impl Step {
    /// The step as a sentence ("`a1` is carried out by `unit`, an organ of XB (ARSIWA art.
    /// 4), if the alleged facts hold").
    pub fn text(&self, names: &Interner) -> String {
        let note = self.note.text(names);
        match self.hedge {
            Hedge::Established => note,
            Hedge::IfAlleged => format!("{note}, if the alleged facts hold"),
            Hedge::IfUnknown => format!("{note}, if the facts marked unknown hold"),
        }
    }
}

/// The findings of every rule over one scenario, and the rules whose join was stopped.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
    /// Rules whose pattern matched more combinations than the budget allows: their findings
    /// may be incomplete, so the case is not assessed.
    pub stopped: Vec<RuleId>,
}

/// How many candidate tuples one rule may examine, per tuple in the scenario, on top of
/// `STEPS_BASE`. The shipped rules examine fewer than two per tuple on the worked and
/// generated cases; a rule joining many unrelated variables would enumerate their cross
/// product, which no case can afford, so the join stops and says so instead.
const STEPS_PER_TUPLE: u64 = 64;
const STEPS_BASE: u64 = 1_000_000;

/// Evaluates every rule of the catalogue over the scenario.
pub fn evaluate(catalogue: &Catalogue, scenario: &Scenario) -> Evaluation {
    let mut evaluation = Evaluation::default();
    let budget = budget(scenario);
    for (id, rule) in catalogue.iter() {
        let resolved = Resolved::new(scenario, budget);
        evaluation
            .findings
            .extend(evaluate_rule(id, rule, &resolved));
        if resolved.exhausted() {
            evaluation.stopped.push(id);
        }
    }
    evaluation
}

#[derive(Clone)]
pub(super) struct Match {
    pub(super) env: Vec<Option<Sym>>,
    pub(super) tuples: Vec<(Rel, usize)>,
}

/// The scenario a rule is joined over, with what is left of the join's budget.
pub(super) struct Resolved<'a> {
    scenario: &'a Scenario,
    steps_left: std::cell::Cell<u64>,
}

/// The steps one rule's join may take over this scenario.
pub(super) fn budget(scenario: &Scenario) -> u64 {
    (scenario.relations.len() as u64)
        .saturating_mul(STEPS_PER_TUPLE)
        .saturating_add(STEPS_BASE)
}

impl Resolved<'_> {
    pub(super) fn new(scenario: &Scenario, budget: u64) -> Resolved<'_> {
        Resolved {
            scenario,
            steps_left: std::cell::Cell::new(budget),
        }
    }

    /// Looks up the scenario's symbol for a word a rule names (absent words match nothing).
    fn word(&self, w: &str) -> Option<Sym> {
        self.scenario.case.interner.get(w)
    }

    /// Takes one step of the budget; false once it is spent.
    fn step(&self) -> bool {
        let left = self.steps_left.get();
        if left == 0 {
            return false;
        }
        self.steps_left.set(left - 1);
        true
    }

    fn exhausted(&self) -> bool {
        self.steps_left.get() == 0
    }
}

fn evaluate_rule(id: RuleId, rule: &Rule, resolved: &Resolved<'_>) -> Vec<Finding> {
    let scenario = resolved.scenario;
    let start = Match {
        env: vec![None; rule.vars.len()],
        tuples: Vec::new(),
    };
    let goals: Vec<&Atom> = rule.pattern.iter().collect();
    // One finding per (party, focus): keep the best-established match, the first in file order
    // among equals. Each match is judged as it is found, so memory holds the findings, not
    // every combination the join goes through.
    let mut best: BTreeMap<(Sym, Sym), Finding> = BTreeMap::new();
    let mut m = start;
    solve(resolved, &goals, &mut m, &mut |m| {
        let (Some(party), Some(focus)) = (m.env[rule.party], m.env[rule.focus]) else {
            return;
        };
        let used = m
            .tuples
            .iter()
            .flat_map(|&(r, t)| scenario.relations.get(r).facts(t));
        let undated = match in_time(rule, scenario, focus, used) {
            InTime::Yes => None,
            InTime::Before { .. } => return,
            InTime::Undecided(fact) => Some(fact),
        };
        let provision = m.env.iter().flatten().find_map(|s| scenario.provision(*s));
        let mut status = status_of(
            m.tuples
                .iter()
                .flat_map(|&(r, t)| scenario.relations.get(r).facts(t))
                .map(|f| &scenario.fact(f).standing),
        );
        if undated.is_some() {
            status = Status::CannotAssess;
        }
        status = graded(rule, status, provision.is_some());
        let existing = best.get(&(party, focus)).map(|f| f.status);
        // The status can only get weaker past here: a match no better than the one kept is
        // not built into a finding.
        if existing.is_some_and(|kept| kept <= status) {
            return;
        }
        let defeaters = match unless(resolved, rule, &m.env) {
            Defeat::Defeated(_) => return,
            // A defeater that is not established leaves the finding undecided.
            Defeat::Undecided(facts) => {
                status = Status::CannotAssess;
                facts
            }
            Defeat::None => Vec::new(),
        };
        let mut defeaters = defeaters;
        if !rule.doubt.is_empty() {
            let doubted = doubts(resolved, rule, &m.env);
            if !doubted.is_empty() {
                status = Status::CannotAssess;
                defeaters.extend(doubted);
            }
        }
        if existing.is_some_and(|kept| kept <= status) {
            return;
        }
        let mut finding = build(id, scenario, m, party, focus, status, defeaters);
        // The provision that makes conduct hypothetical, and what a document provides towards
        // a gap's measures, are evidence too.
        finding.facts.extend(provision);
        finding.facts.extend(undated);
        if rule.kind == RuleKind::Gap {
            (finding.missing, finding.present) = gap_parts(resolved, rule, &m.env);
            finding.facts.extend(&finding.present);
        }
        in_file_order(scenario, &mut finding.facts);
        best.insert((party, focus), finding);
    });
    best.into_values().collect()
}

/// Whether what a finding would be about took place while the rule's commitment existed and
/// the dated facts a match uses held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InTime {
    /// It did, or nothing has a date to compare (the law the reports reaffirm, a policy
    /// document, conduct a draft describes).
    Yes,
    /// It ended on this day or period, before the limit.
    Before { when: When, limit: Limit },
    /// The file does not say when it took place: this added fact of unknown standing decides.
    Undecided(FactId),
}

/// What conduct must not have ended before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The day the rule's commitment came to exist.
    Commitment,
    /// The first day a fact holds (a designation as critical infrastructure).
    Fact(FactId),
}

/// A norm does not reach conduct that ended before the report stating it was adopted, and a
/// match cannot rest on a fact that began to hold after the conduct ended.
pub fn in_time(
    rule: &Rule,
    scenario: &Scenario,
    focus: Sym,
    used: impl Iterator<Item = FactId>,
) -> InTime {
    let commitment = rule.since.date().map(|day| (day, Limit::Commitment));
    limits_in_time(scenario, focus, commitment.into_iter(), used)
}

/// Whether the dated facts an `unless` or `doubt` entry rests on held while the act went on.
fn facts_in_time(scenario: &Scenario, focus: Option<Sym>, used: &[FactId]) -> InTime {
    match focus {
        Some(focus) => limits_in_time(scenario, focus, None.into_iter(), used.iter().copied()),
        None => InTime::Yes,
    }
}

fn limits_in_time(
    scenario: &Scenario,
    focus: Sym,
    commitment: impl Iterator<Item = (Date, Limit)>,
    used: impl Iterator<Item = FactId>,
) -> InTime {
    let facts = used.filter_map(|f| Some((scenario.fact(f).data.holds_from()?, Limit::Fact(f))));
    let mut out = InTime::Yes;
    for (day, limit) in commitment.chain(facts) {
        match scenario.dated(focus) {
            Some(Dated::On {
                when, imprecise, ..
            }) => {
                // Ended before `day`: `day` is not within or before its last day.
                let Some(end) = when.end() else { continue };
                match Order::no_later(Day::exact(day), end) {
                    Order::Yes => {}
                    Order::No => return InTime::Before { when, limit },
                    Order::Unsure => out = imprecise.map_or(out, InTime::Undecided),
                }
            }
            Some(Dated::Unstated(fact)) => out = InTime::Undecided(fact),
            None => {}
        }
    }
    out
}

/// "before the commitment existed (A/70/174, adopted 2015-06-26)", or before the fact `limit`
/// began to hold.
pub fn before(scenario: &Scenario, rule: &Rule, limit: Limit) -> String {
    match limit {
        Limit::Commitment => format!("before the commitment existed ({})", rule.since.describe()),
        Limit::Fact(f) => format!(
            "before what the rule needs held: {}",
            scenario.case.describe(scenario.fact(f))
        ),
    }
}

/// The finding of one match, with its facts in file order and its chain written out.
fn build(
    id: RuleId,
    scenario: &Scenario,
    m: &Match,
    party: Sym,
    focus: Sym,
    status: Status,
    mut defeaters: Vec<FactId>,
) -> Finding {
    let mut facts = tuple_facts(scenario, &m.tuples);
    // A step that rests on facts not established says so: the chain must never read as a
    // finding of responsibility where attribution is only alleged.
    let mut chain: Vec<Step> = Vec::new();
    for &(r, t) in &m.tuples {
        let table = scenario.relations.get(r);
        let Some(&note) = table.note(t) else {
            continue;
        };
        let standings = table.facts(t).map(|f| &scenario.fact(f).standing);
        let hedge = if standings.clone().any(|s| s.is_unknown()) {
            Hedge::IfUnknown
        } else if standings.clone().any(|s| !s.is_established()) {
            Hedge::IfAlleged
        } else {
            Hedge::Established
        };
        let step = Step { note, hedge };
        if !chain.contains(&step) {
            chain.push(step);
        }
    }
    in_file_order(scenario, &mut facts);
    in_file_order(scenario, &mut defeaters);
    Finding {
        rule: id,
        party,
        focus,
        status,
        facts,
        chain,
        defeaters,
        missing: Vec::new(),
        present: Vec::new(),
        set_aside: None,
    }
}

/// Which atoms of a gap rule's `unless` nothing matches, and the facts that match the others:
/// each atom joined on its own, from the match's bindings.
fn gap_parts(
    resolved: &Resolved<'_>,
    rule: &Rule,
    env: &[Option<Sym>],
) -> (Vec<(usize, usize)>, Vec<FactId>) {
    let scenario = resolved.scenario;
    let (mut missing, mut present) = (Vec::new(), Vec::new());
    for (a, alternative) in rule.unless.iter().enumerate() {
        for (i, atom) in alternative.iter().enumerate() {
            let mut found = false;
            let mut m = Match {
                env: env.to_vec(),
                tuples: Vec::new(),
            };
            solve(resolved, &[atom], &mut m, &mut |d| {
                found = true;
                present.extend(tuple_facts(scenario, &d.tuples));
            });
            if !found {
                missing.push((a, i));
            }
        }
    }
    in_file_order(scenario, &mut present);
    (missing, present)
}

/// Sorts facts in the order the file states them, each once.
fn in_file_order(scenario: &Scenario, facts: &mut Vec<FactId>) {
    facts.sort_by_key(|f| (scenario.fact(*f).span.start, *f));
    facts.dedup();
}

pub(super) fn tuple_facts(scenario: &Scenario, tuples: &[(Rel, usize)]) -> Vec<FactId> {
    tuples
        .iter()
        .flat_map(|&(r, t)| scenario.relations.get(r).facts(t))
        .collect()
}

/// What a rule's `unless` entries do to one match.
pub(super) enum Defeat {
    /// The entry at this index holds on established facts: no finding.
    Defeated(usize),
    /// Some entry holds only on facts not established: these facts decide the finding.
    Undecided(Vec<FactId>),
    None,
}

pub(super) fn unless(resolved: &Resolved<'_>, rule: &Rule, env: &[Option<Sym>]) -> Defeat {
    let scenario = resolved.scenario;
    let mut undecided = Vec::new();
    for (index, alternative) in rule.unless.iter().enumerate() {
        let goals: Vec<&Atom> = alternative.iter().collect();
        let mut defeated = false;
        solve(
            resolved,
            &goals,
            &mut Match {
                env: env.to_vec(),
                tuples: Vec::new(),
            },
            &mut |d| {
                let mut facts = tuple_facts(scenario, &d.tuples);
                // A fact that began to hold after the act ended does not defeat it.
                let established = match facts_in_time(scenario, env[rule.focus], &facts) {
                    InTime::Before { .. } => return,
                    InTime::Undecided(date) => {
                        facts.push(date);
                        false
                    }
                    InTime::Yes => true,
                };
                if established
                    && facts
                        .iter()
                        .all(|f| scenario.fact(*f).standing.is_established())
                {
                    defeated = true;
                } else if !defeated {
                    undecided.extend(facts);
                }
            },
        );
        if defeated {
            return Defeat::Defeated(index);
        }
    }
    if undecided.is_empty() {
        Defeat::None
    } else {
        Defeat::Undecided(undecided)
    }
}

/// The facts of the rule's `doubt` entries that hold for a match (each entry's first match,
/// whatever its standing): a finding they hold for cannot be assessed, and they decide it.
pub(super) fn doubts(resolved: &Resolved<'_>, rule: &Rule, env: &[Option<Sym>]) -> Vec<FactId> {
    let scenario = resolved.scenario;
    let mut out = Vec::new();
    for alternative in &rule.doubt {
        let goals: Vec<&Atom> = alternative.iter().collect();
        let mut found: Option<Vec<FactId>> = None;
        let mut at = Match {
            env: env.to_vec(),
            tuples: Vec::new(),
        };
        solve(resolved, &goals, &mut at, &mut |d| {
            let facts = tuple_facts(scenario, &d.tuples);
            if found.is_none()
                && !matches!(
                    facts_in_time(scenario, env[rule.focus], &facts),
                    InTime::Before { .. }
                )
            {
                found = Some(facts);
            }
        });
        out.extend(found.into_iter().flatten());
    }
    out
}

/// Depth-first join of `goals` from `m`, calling `emit` for every complete match. The one
/// match is extended in place and put back as it was before returning: a step copies nothing.
pub(super) fn solve(
    resolved: &Resolved<'_>,
    goals: &[&Atom],
    m: &mut Match,
    emit: &mut dyn FnMut(&Match),
) {
    let Some((first, rest)) = goals.split_first() else {
        emit(m);
        return;
    };
    match first {
        Atom::Different(a, b) => {
            if m.env[*a] != m.env[*b] {
                solve(resolved, rest, m, emit);
            }
        }
        Atom::Any(alternatives) => {
            for alternative in alternatives {
                if !resolved.step() {
                    return;
                }
                let mut goals: Vec<&Atom> = alternative.iter().collect();
                goals.extend_from_slice(rest);
                solve(resolved, &goals, m, emit);
            }
        }
        Atom::Relation { rel, fields } => {
            let table = resolved.scenario.relations.get(*rel);
            // Resolve the terms once: bound variables and words become symbols.
            let mut constraints: Vec<(usize, Constraint)> = Vec::with_capacity(fields.len());
            for (field, term) in fields {
                let c = match term {
                    Term::Var(v) => match m.env[*v] {
                        Some(sym) => Constraint::Is(sym),
                        None => Constraint::Bind(*v),
                    },
                    Term::Words(words) => {
                        Constraint::OneOf(words.iter().filter_map(|w| resolved.word(w)).collect())
                    }
                };
                constraints.push((*field, c));
            }
            // Look up through the most selective index: of the fields fixed by a bound variable
            // or a single word, the one with the fewest tuples for its value.
            let key = constraints
                .iter()
                .filter_map(|(f, c)| match c {
                    Constraint::Is(s) => Some((*f, *s, false)),
                    Constraint::OneOf(words) if words.len() == 1 => Some((*f, words[0], true)),
                    _ => None,
                })
                .min_by_key(|(f, value, with_unknown)| table.count(*f, *value, *with_unknown));
            let (mut lookup, mut all);
            let candidates: &mut dyn Iterator<Item = usize> = match key {
                Some((field, value, allow_unknown)) => {
                    lookup = table.lookup(field, value, allow_unknown);
                    &mut lookup
                }
                None => {
                    all = table.rows();
                    &mut all
                }
            };
            // The variables this atom binds: each is unbound before and after a candidate.
            let bound_here: Vec<usize> = constraints
                .iter()
                .filter_map(|(_, c)| match c {
                    Constraint::Bind(v) => Some(*v),
                    _ => None,
                })
                .collect();
            for row in candidates {
                if !resolved.step() {
                    return;
                }
                let values = table.values(row);
                // The same variable may appear twice in one atom: the first binds it, the
                // second must agree.
                let ok = constraints.iter().all(|(field, c)| {
                    let value = values[*field];
                    match c {
                        Constraint::Is(sym) => value == *sym,
                        Constraint::OneOf(words) => value == Sym::UNKNOWN || words.contains(&value),
                        Constraint::Bind(v) => match m.env[*v] {
                            Some(bound) => bound == value,
                            None => {
                                m.env[*v] = Some(value);
                                true
                            }
                        },
                    }
                });
                if ok {
                    m.tuples.push((*rel, row));
                    solve(resolved, rest, m, emit);
                    m.tuples.pop();
                }
                for v in &bound_here {
                    m.env[*v] = None;
                }
            }
        }
    }
}

enum Constraint {
    Is(Sym),
    OneOf(Vec<Sym>),
    Bind(usize),
}

/// Why a rule has no finding for a party (and, optionally, about a given act or event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhyNot {
    /// The rule has findings for the party: their status and what each is about.
    Found(Vec<(Status, Sym)>),
    /// The first element of the rule's pattern that no fact satisfies: as the rule writes it,
    /// and what a case file would say for it to hold (`hint::hint`).
    /// `atom` is its index in the pattern.
    Unmatched {
        element: String,
        hint: String,
        atom: usize,
    },
    /// Every element matches, but an `unless` entry holds on established facts: the entry as
    /// the rule writes it, and the facts that make it hold.
    Defeated { element: String, facts: Vec<FactId> },
    /// Every element matches, but what the finding would be about ended before the
    /// commitment existed, or before a dated fact it needs began to hold.
    Predates {
        focus: Sym,
        when: When,
        limit: Limit,
    },
    /// The rule does match: nothing to explain.
    Matches,
}

/// Finds the first element of `rule`'s pattern that nothing satisfies once `party` (and
/// `focus`) are fixed. Runs the join on growing prefixes of the pattern, so it costs a few
/// evaluations of one rule: meant for explaining a mismatch, not for every run.
pub fn why_not(rule: &Rule, scenario: &Scenario, party: Option<Sym>, focus: Option<Sym>) -> WhyNot {
    let resolved = Resolved::new(scenario, budget(scenario));
    let mut start = Match {
        env: vec![None; rule.vars.len()],
        tuples: Vec::new(),
    };
    start.env[rule.party] = party;
    if focus.is_some() {
        start.env[rule.focus] = focus;
    }
    let mut matched: Vec<Match> = Vec::new();
    // The ids every match of the prefix so far agrees on: those a hint can name.
    let mut fixed = start.env.clone();
    for k in 1..=rule.pattern.len() {
        let goals: Vec<&Atom> = rule.pattern[..k].iter().collect();
        matched.clear();
        solve(&resolved, &goals, &mut start.clone(), &mut |m| {
            matched.push(m.clone())
        });
        let atom = &rule.pattern[k - 1];
        if matched.is_empty() {
            return WhyNot::Unmatched {
                element: render_atom(rule, atom),
                hint: hint::hint(rule, atom, &fixed, scenario),
                atom: k - 1,
            };
        }
        for (v, value) in fixed.iter_mut().enumerate() {
            let first = matched[0].env[v];
            *value = first.filter(|_| matched.iter().all(|m| m.env[v] == first));
        }
    }
    // Matches about something that ended before the commitment existed are no findings.
    let mut predates = None;
    matched.retain(|m| {
        let Some(focus) = m.env[rule.focus] else {
            return true;
        };
        let used = tuple_facts(scenario, &m.tuples);
        match in_time(rule, scenario, focus, used.into_iter()) {
            InTime::Before { when, limit } => {
                predates.get_or_insert(WhyNot::Predates { focus, when, limit });
                false
            }
            _ => true,
        }
    });
    if let (true, Some(predates)) = (matched.is_empty(), predates) {
        return predates;
    }
    for m in &matched {
        if let Defeat::Defeated(alternative) = unless(&resolved, rule, &m.env) {
            let atoms = &rule.unless[alternative];
            let element = atoms
                .iter()
                .map(|a| render_atom(rule, a))
                .collect::<Vec<_>>()
                .join(", ");
            // The first match of the entry on established facts is what defeats it.
            let mut facts = Vec::new();
            let goals: Vec<&Atom> = atoms.iter().collect();
            let mut at = Match {
                env: m.env.clone(),
                tuples: Vec::new(),
            };
            solve(&resolved, &goals, &mut at, &mut |d| {
                let found = tuple_facts(scenario, &d.tuples);
                let established = found
                    .iter()
                    .all(|f| scenario.fact(*f).standing.is_established());
                if facts.is_empty() && established {
                    facts = found;
                }
            });
            return WhyNot::Defeated { element, facts };
        }
    }
    WhyNot::Matches
}

/// An atom as a rule author wrote it: `intent(act: $act, intent: intentional)`.
pub fn render_atom(rule: &Rule, atom: &Atom) -> String {
    let var = |v: usize| rule.vars.get(v).cloned().unwrap_or_default();
    match atom {
        Atom::Relation { rel, fields } => {
            let (name, names) = (rel.name(), rel.fields());
            let fields: Vec<String> = fields
                .iter()
                .map(|(f, term)| {
                    let value = match term {
                        Term::Var(v) => var(*v),
                        Term::Words(w) if w.len() == 1 => w[0].clone(),
                        Term::Words(w) => format!("[{}]", w.join(", ")),
                    };
                    format!("{}: {value}", names[*f].name)
                })
                .collect();
            format!("{name}({})", fields.join(", "))
        }
        Atom::Any(alternatives) => {
            let alts: Vec<String> = alternatives
                .iter()
                .map(|alt| {
                    alt.iter()
                        .map(|a| render_atom(rule, a))
                        .collect::<Vec<_>>()
                        .join(" and ")
                })
                .collect();
            format!("any of: {}", alts.join("; or "))
        }
        Atom::Different(a, b) => format!("{} differs from {}", var(*a), var(*b)),
    }
}

/// `normcheck why-not RULE FILE`: for each State of a case, its findings under the rule, or why
/// there are none.
pub struct WhyNotReport<'a> {
    pub path: &'a str,
    /// The case's text, to place the facts that defeat a rule.
    pub text: &'a str,
    pub rule: &'a Rule,
    pub scenario: &'a Scenario,
    /// Each State of the case, in declaration order, with the answer for it.
    pub states: Vec<(Sym, WhyNot)>,
}

/// Asks `why_not` of `rule` for every State of a checked case.
pub fn why_not_by_state<'a>(
    path: &'a str,
    text: &'a str,
    scenario: &'a Scenario,
    findings: &[Finding],
    catalogue: &'a Catalogue,
    rule: RuleId,
    focus: Option<Sym>,
) -> WhyNotReport<'a> {
    let r = catalogue.get(rule);
    // The rule's findings by party, so that each State looks only at its own.
    let mut by_party: HashMap<Sym, Vec<(Status, Sym)>> = HashMap::new();
    let about = |f: &&Finding| focus.is_none_or(|focus| focus == f.focus);
    for f in findings.iter().filter(|f| f.rule == rule).filter(about) {
        by_party
            .entry(f.party)
            .or_default()
            .push((f.status, f.focus));
    }
    let states = scenario
        .case
        .states()
        .map(|state| {
            let answer = match by_party.remove(&state.id) {
                Some(found) => WhyNot::Found(found),
                None => why_not(r, scenario, Some(state.id), focus),
            };
            (state.id, answer)
        })
        .collect();
    WhyNotReport {
        path,
        text,
        rule: r,
        scenario,
        states,
    }
}
