//! Inputs built to exhaust normcheck, at sizes where the code before the hardening was visibly
//! superlinear or unbounded: each now ends with a coded diagnostic or the right output. No
//! timing is asserted here (`cargo bench --bench hostile` measures them); a regression shows
//! as a test that runs for minutes or runs out of memory.

// Tests build their inputs and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use normcheck::check_case;
use normcheck::diagnostic::{Code, Severity, MAX_PER_FILE};
use normcheck::rules::catalogue::{Catalogue, RuleSource};

fn embedded() -> Catalogue {
    Catalogue::embedded().0
}

const HEADER: &str = "case \"t\" {}\nstate XA\n";

#[test]
fn a_file_of_nothing_but_problems_keeps_the_first_and_counts_the_rest() {
    let junk = 20_000;
    let text = format!("{HEADER}{}", "x = 1\n".repeat(junk));
    let checked = check_case(&embedded(), "t.case", &text);
    assert_eq!(checked.diagnostics.len(), MAX_PER_FILE + 1);
    let last = checked.diagnostics.last().unwrap();
    assert_eq!(last.code, Code::TooManyDiagnostics);
    assert_eq!(last.severity, Severity::Error);
    let rest = junk - MAX_PER_FILE;
    assert!(
        last.message.starts_with(&format!("{rest} more problems")),
        "{}",
        last.message
    );
    assert!(checked.findings.is_empty());
}

#[test]
fn many_undeclared_references_and_duplicate_ids_stay_linear() {
    let n = 50_000;
    let refs: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
    let text = format!(
        "{HEADER}act a1 {{ by XA\n against {}\n kind disruption\n}}\n{}",
        refs.join(", "),
        "state XB\n".repeat(n)
    );
    let checked = check_case(&embedded(), "t.case", &text);
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::UndeclaredId));
    assert_eq!(codes.last(), Some(&Code::TooManyDiagnostics));
}

#[test]
fn one_act_against_many_targets_has_one_victim_per_state() {
    let n = 50_000;
    let mut text = String::from(HEADER);
    for i in 0..n {
        text.push_str(&format!("infrastructure t{i} {{ in XB }}\n"));
    }
    let refs: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
    text.push_str(&format!(
        "state XB\nact a1 {{ by XA\n against {}\n kind disruption\n intent intentional\n}}\n",
        refs.join(", ")
    ));
    let checked = check_case(&embedded(), "t.case", &text);
    assert!(!checked.has_errors(), "{:?}", &checked.diagnostics[..1]);
    let victims = checked
        .scenario
        .relations
        .get(normcheck::schema::Rel::Victim)
        .len();
    assert_eq!(victims, 1);
}

#[test]
fn a_standing_inherited_by_many_facts_is_shared_not_copied() {
    // 5,000 States alleging each of 5,000 facts: 25 million copies before the standing was
    // shared, one list now.
    let n = 5_000;
    let mut text = String::from(HEADER);
    for i in 0..n {
        text.push_str(&format!("state S{i}\ninfrastructure t{i} {{ in S0 }}\n"));
    }
    let states: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
    let targets: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
    text.push_str(&format!(
        "act a1 (alleged by {}) {{\n by S0\n against {}\n kind disruption\n}}\n",
        states.join(", "),
        targets.join(", ")
    ));
    let checked = check_case(&embedded(), "t.case", &text);
    assert!(!checked.has_errors(), "{:?}", &checked.diagnostics[..1]);
    let facts = &checked.scenario.case.facts;
    let against: Vec<_> = facts
        .iter()
        .filter(|f| f.standing.alleged_by().len() == n)
        .collect();
    assert!(
        against.len() > n,
        "every fact of the block is alleged by all"
    );
    assert!(against.windows(2).all(|w| std::ptr::eq(
        w[0].standing.alleged_by().as_ptr(),
        w[1].standing.alleged_by().as_ptr()
    )));
}

#[test]
fn a_rule_joining_unconnected_variables_is_stopped_with_a_diagnostic() {
    let rule = include_str!("hostile/cross-product.yaml");
    let (catalogue, problems) = Catalogue::load(&[RuleSource {
        path: "tests/hostile/cross-product.yaml",
        text: rule,
    }]);
    assert!(problems.is_empty(), "{problems:?}");
    let states: String = (0..12).map(|i| format!("state S{i}\n")).collect();
    let text = format!("case \"t\" {{}}\n{states}act a1 {{ by S0; kind disruption }}\n");
    let checked = check_case(&catalogue, "t.case", &text);
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::RuleStopped]);
    assert!(
        checked.findings.is_empty(),
        "no findings from a partial evaluation"
    );
}
