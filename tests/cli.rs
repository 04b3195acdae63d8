//! The command line as a user meets it: exit codes, formats, and the commands around `check`.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::Path;
use std::process::Output;

mod common;
use common::normcheck;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_reports_findings_with_exit_code_one() {
    let out = normcheck(&["check", "cases/"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("implicated-if-alleged · norm-13f-critical-infrastructure"),
        "{text}"
    );
    assert!(text.contains("A/70/174 ¶13(f)"));
    assert!(
        !text.to_lowercase().contains("violat"),
        "a norm is implicated, never violated"
    );
}

#[test]
fn a_case_with_no_findings_exits_zero() {
    let out = normcheck(&["check", "cases/lessons/territory-never-notified.case"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no commitment implicated"));
}

#[test]
fn invalid_input_exits_two_and_still_reports_valid_files() {
    let out = normcheck(&[
        "check",
        "--format",
        "json",
        "tests/bad/undeclared-id.case",
        "cases/lessons/proxy-controlled.case",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["cases"].as_array().unwrap().len(), 2);
    let findings = doc["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "law-proxies" && f["party"] == "XB" && f["status"] == "implicated"));
    let finding = &findings[0];
    for key in [
        "case",
        "rule",
        "title",
        "party",
        "strength",
        "status",
        "citations",
        "evidence",
        "cautions",
    ] {
        assert!(finding.get(key).is_some(), "finding has no `{key}`");
    }
    for key in ["file", "line", "column", "fact"] {
        assert!(
            finding["evidence"][0].get(key).is_some(),
            "evidence has no `{key}`"
        );
    }
    let diagnostic = &doc["diagnostics"][0];
    assert_eq!(diagnostic["code"], "undeclared-id");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["file"], "tests/bad/undeclared-id.case");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(8), Some(6))
    );
}

#[test]
fn test_command_passes_on_the_shipped_cases() {
    let out = normcheck(&["test", "cases/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains(" passed, 0 failed"));
}

#[test]
fn test_command_reports_a_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/lessons/proxy-tolerated.case"),
    )
    .unwrap();
    let wrong = text.replace(
        "expect implicated norm-proxies-territory for XB",
        "expect implicated law-proxies for XB",
    );
    let path = dir.path().join("wrong.case");
    std::fs::write(&path, wrong).unwrap();
    let out = normcheck(&["test", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("expectation-mismatch"), "{text}");
    assert!(
        text.contains("first missing: make an act XB's conduct: `instructed-by XB`")
            && text.contains("`controlled-by XB` on the act or on its actor"),
        "the mismatch says in the case language what is missing: {text}"
    );
    assert!(text.contains("unexpected-finding"), "{text}");
}

#[test]
fn explain_prints_a_paragraph_and_its_sub_paragraphs() {
    let out = normcheck(&["explain", "A/76/135 ¶30"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for sub in [
        "A/76/135 ¶30(a)",
        "A/76/135 ¶30(d)",
        "An affected State should notify",
    ] {
        assert!(text.contains(sub), "missing {sub} in {text}");
    }
}

#[test]
fn explain_prints_a_rule_with_the_text_it_cites() {
    let out = normcheck(&["explain", "norm-13h-respond-to-requests"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Not implicated when"));
    assert!(text.contains("States should respond to appropriate requests for assistance"));
}

#[test]
fn explain_says_what_a_diagnostic_code_means() {
    let out = normcheck(&["explain", "date-order"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("date-order: dates in an impossible order"));
}

/// `new` writes a template that passes `check` and `test` as it is, and never overwrites.
#[test]
fn new_writes_a_template_case_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incident.case");
    let file = path.to_str().unwrap();
    let out = normcheck(&["new", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let written = std::fs::read_to_string(&path).unwrap();
    let out = normcheck(&["test", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = normcheck(&["check", file, "--format", "json"]);
    assert!(
        stdout(&out).contains("\"diagnostics\": []"),
        "{}",
        stdout(&out)
    );
    let out = normcheck(&["fmt", "--check", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A second time: refused, and the file is as it was.
    std::fs::write(&path, "my own notes\n").unwrap();
    let out = normcheck(&["new", file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own notes\n");
    assert!(written.contains("case \"Title of the incident\""));
}

/// `--summary`: one line per finding; several cases end with a table of findings per case;
/// `--color always` paints the status words and strengths, `never` does not.
#[test]
fn summary_lines_case_table_and_colour() {
    let case = "cases/lessons/answers-over-time.case";
    let out = normcheck(&["check", "--summary", case]);
    let text = stdout(&out);
    assert!(
        text.contains("  cases/lessons/answers-over-time.case:39:9: implicated norm-13h-respond-to-requests for XB about `r1` (A/70/174 ¶13(h))\n"),
        "{text}"
    );
    assert!(!text.contains("evidence"), "{text}");
    // One case: no table.
    assert!(!text.contains("\ncase "), "{text}");
    let out = normcheck(&[
        "check",
        "--summary",
        case,
        "cases/lessons/state-capacity.case",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("case                                  implicated  cannot-assess\ncases/lessons/answers-over-time.case           2              1\ncases/lessons/state-capacity.case              1              2\n"),
        "{text}"
    );
    let out = normcheck(&["check", "--color", "always", case]);
    let text = stdout(&out);
    assert!(
        text.contains("\x1b[1;31mimplicated\x1b[0m · norm-13h"),
        "{text}"
    );
    assert!(text.contains("\x1b[2mrecommendation\x1b[0m"), "{text}");
    let out = normcheck(&["check", "--color", "never", case]);
    assert!(!stdout(&out).contains('\x1b'));
}

/// A file that is not UTF-8: the line and column of the first byte that is not.
#[test]
fn a_file_that_is_not_utf8_gets_the_place_of_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.case");
    std::fs::write(
        &path,
        b"case \"x\" {\n  assessed 2024-01-01\n}\nstate XA \"\xe9tat\"\n",
    )
    .unwrap();
    let out = normcheck(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("line 4, column 11"), "{text}");
}

/// `whatif`: the facts to establish, to decide, and what a near miss lacks; as JSON too.
#[test]
fn whatif_says_what_would_change_each_finding() {
    let out = normcheck(&["whatif", "cases/wannacry-2017.case"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for expected in [
        "  implicated-if-alleged law-sovereignty for KP about `a1`\n    establish    cases/wannacry-2017.case:19:3  `lazarus` is controlled by KP [alleged by US, GB; denied by KP]\n    then         implicated; if it is refuted, not implicated\n",
        "  cannot-assess norm-13f-critical-infrastructure for KP about `a1`\n    decide       cases/wannacry-2017.case:33:3",
        "the intent behind `a1` is not established [unknown]\n    needs        `intent intentional` in act `a1`\n    then         implicated-if-alleged if it holds as the rule needs",
        "  near miss: norm-13g-protect-own-critical-infrastructure for GB about `nhs`\n    missing      add `protection none|inadequate` to object `nhs`\n",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
    let out = normcheck(&[
        "whatif",
        "cases/lessons/territory-never-notified.case",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let near = doc["whatif"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["rule"] == "norm-13c-territory")
        .unwrap();
    assert_eq!(near["party"], "XB");
    assert_eq!(near["change"], "add");
    assert_eq!(near["now"], serde_json::Value::Null);
    assert_eq!(near["then"], "implicated");
    let add = near["add"].as_str().unwrap();
    assert!(add.starts_with("tell XB of act `a1`"), "{add}");
    // The act's dates are known: the hint names the day by which XB must have been told.
    assert!(
        add.contains("dated no later than 2024-02-15, its last day"),
        "{add}"
    );
    let wannacry = doc_of(&["whatif", "cases/wannacry-2017.case", "--format", "json"]);
    let decide = wannacry["whatif"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["change"] == "decide")
        .unwrap();
    assert_eq!(decide["needs"][0], "`intent intentional` in act `a1`");
}

fn doc_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(&normcheck(args))).unwrap()
}

/// A finding that contradicts an `expect not` line is one mismatch, said once, naming what the
/// finding is about; it is not reported again as an unexpected finding.
#[test]
fn test_reports_one_mismatch_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mismatch.case");
    let case = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/lessons/state-capacity.case"),
    )
    .unwrap()
    .replace(
        "expect implicated norm-13c-territory for XE about a1",
        "expect not norm-13c-territory for XE",
    );
    std::fs::write(&path, case).unwrap();
    let out = normcheck(&["test", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.matches('×').count(), 1, "{text}");
    // The message as one line (miette wraps it).
    let message = text.replace("\n  │ ", " ");
    assert!(
        message.contains("but it is implicated for XE about `a1`"),
        "{text}"
    );
    assert!(!text.contains("unexpected-finding"), "{text}");
}

/// `graph --format svg` draws the scenario without Graphviz, the same bytes every run (each run
/// is a new process, with new hash seeds).
#[test]
fn graph_draws_svg_deterministically() {
    let case = "cases/lessons/proxy-tolerated.case";
    let first = stdout(&normcheck(&["graph", "--format", "svg", case]));
    assert!(first.starts_with("<?xml"), "{first}");
    assert!(first.contains("<svg") && first.trim_end().ends_with("</svg>"));
    assert!(first.contains("Patriotic hacktivist group"), "{first}");
    for _ in 0..3 {
        assert_eq!(
            stdout(&normcheck(&["graph", "--format", "svg", case])),
            first
        );
    }
}

#[test]
fn explain_understands_loose_paragraph_forms() {
    for (loose, meant) in [
        ("13f", "A/70/174 ¶13(f)"),
        ("13(f)", "A/70/174 ¶13(f)"),
        ("A/76/135 42", "A/76/135 ¶42"),
        ("2021 ¶30", "A/76/135 ¶30"),
        ("para 42", "A/76/135 ¶42"),
    ] {
        let out = normcheck(&["explain", loose]);
        assert_eq!(out.status.code(), Some(0), "{loose}");
        let text = stdout(&out);
        assert!(text.starts_with(meant), "{loose}: {text}");
    }
    // A paragraph number both reports have: both are shown, and said to be.
    let out = normcheck(&["explain", "para 13"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("`para 13` names a paragraph of each report"),
        "{text}"
    );
    assert!(
        text.contains("\nA/70/174 ¶13\n") && text.contains("\nA/76/135 ¶13\n"),
        "{text}"
    );
}

#[test]
fn explain_rejects_a_paragraph_that_does_not_exist() {
    let out = normcheck(&["explain", "A/76/135 ¶13(f)"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("A/70/174 ¶13(f)"), "{err}");
}

#[test]
fn rules_lists_the_catalogue_and_extra_rules_can_be_added() {
    let out = normcheck(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let shipped = stdout(&out).lines().count();
    assert!(shipped >= 22);

    let dir = tempfile::tempdir().unwrap();
    let rule = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules/norm-13g-protect-own-critical-infrastructure.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("extra.yaml"),
        rule.replace(
            "id: norm-13g-protect-own-critical-infrastructure",
            "id: local-protection",
        ),
    )
    .unwrap();
    let out = normcheck(&["rules", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), shipped + 1);
    assert!(stdout(&out).contains("local-protection"));
}

#[test]
fn a_bad_rule_file_is_reported_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let rule = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules/norm-13g-protect-own-critical-infrastructure.yaml"),
    )
    .unwrap();
    let broken = rule
        .replace(
            "id: norm-13g-protect-own-critical-infrastructure",
            "id: local-bad",
        )
        .replace("A/76/135 ¶47", "A/76/135 ¶13(g)");
    std::fs::write(dir.path().join("bad.yaml"), broken).unwrap();
    let out = normcheck(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "cases/lessons/protect-critical-infrastructure.case",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("citation-not-in-corpus"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_path_is_an_error_not_a_panic() {
    let out = normcheck(&["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("unreadable-file"));
}

/// The README's language reference is made from the language table. `UPDATE_DOCS=1 cargo test`
/// rewrites it.
#[test]
fn readme_language_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (
        "<!-- language-reference:start -->\n",
        "<!-- language-reference:end -->",
    );
    let a = readme
        .find(start)
        .expect("the README marks the language reference")
        + start.len();
    let b = readme
        .find(end)
        .expect("the README marks the end of the reference");
    let generated = normcheck::language::reference::markdown();
    if readme[a..b] != generated {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(
                &path,
                format!("{}{generated}{}", &readme[..a], &readme[b..]),
            )
            .unwrap();
        } else {
            panic!("the README's language reference is out of date: run `UPDATE_DOCS=1 cargo test --test cli`");
        }
    }
}

/// The README shows a case and its real output; keep it real.
#[test]
fn the_readme_example_output_is_current() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let marker = "`normcheck check cases/lessons/proxy-tolerated.case`:\n\n```\n";
    let start = readme
        .find(marker)
        .expect("README shows the example output")
        + marker.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = normcheck(&["check", "cases/lessons/proxy-tolerated.case"]);
    assert_eq!(shown, stdout(&out));
}

#[test]
fn the_shipped_cases_are_formatted() {
    let out = normcheck(&["fmt", "--check", "cases/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn fmt_rewrites_in_place_and_check_leaves_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.case");
    let messy = "case  \"T\"{\nassessed   2024-01-01\n}\nstate XA\nact a1 {\n by XA ( alleged by XA )\n kind disruption\n}\n";
    std::fs::write(&path, messy).unwrap();
    let out = normcheck(&["fmt", "--check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check changes nothing"
    );
    let out = normcheck(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(formatted, "case \"T\" {\n  assessed 2024-01-01\n}\nstate XA\nact a1 {\n  by XA (alleged by XA)\n  kind disruption\n}\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left behind: {leftovers:?}"
    );
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.case");
    let broken = "case \"T\" {\n  by gru (alleged UA\n}\n";
    std::fs::write(&path, broken).unwrap();
    let out = normcheck(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn graph_prints_dot() {
    let out = normcheck(&["graph", "cases/lessons/proxy-controlled.case"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("digraph case {"));
    assert!(
        text.contains("\"front\" -> \"XB\" [label=\"control\""),
        "{text}"
    );
}

/// The rule documentation page is generated from the rules; it must not drift from them.
#[test]
fn docs_rules_md_is_current() {
    let out = normcheck(&["rules", "--docs"]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .unwrap_or_default();
    assert!(
        committed == stdout(&out),
        "docs/rules.md is out of date: run `cargo run -- rules --docs > docs/rules.md`"
    );
}

#[test]
fn sarif_output_is_one_valid_document() {
    let out = normcheck(&[
        "check",
        "--format",
        "sarif",
        "cases/",
        "tests/bad/undeclared-id.case",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "norm-13f-critical-infrastructure" && r["level"] == "warning"));
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "law-proxies" && r["level"] == "error"));
    assert!(results.iter().any(|r| r["ruleId"] == "undeclared-id"));
}

/// Same input, same output, byte for byte, across processes (hash maps are seeded per process).
#[test]
fn output_is_identical_across_runs() {
    for format in ["json", "human", "sarif", "markdown"] {
        let first = normcheck(&["check", "--format", format, "cases/"]);
        let second = normcheck(&["check", "--format", format, "cases/"]);
        assert_eq!(
            first.stdout, second.stdout,
            "--format {format} differs between two runs"
        );
    }
}

#[test]
fn why_not_about_an_act_says_when_it_predates_the_commitment_or_the_designation() {
    let case = "cases/lessons/dates-and-commitments.case";
    let rule = "norm-13f-critical-infrastructure";
    let out = normcheck(&["why-not", rule, case, "--about", "a1"]);
    let text = stdout(&out);
    assert!(
        text.contains("XB (Borduria): not implicated. `a1` (Hospital network wiped, 2014) took place on 2014-11-03, before the commitment existed (A/70/174, adopted 2015-06-26)"),
        "{text}"
    );
    let out = normcheck(&["why-not", rule, case, "--about", "a3"]);
    let text = stdout(&out);
    assert!(
        text.contains("before what the rule needs held: `ballots` is designated critical infrastructure (elections) since 2017-01-06"),
        "{text}"
    );
    let out = normcheck(&["why-not", rule, case, "--about", "a9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `a1`?"));
}

#[test]
fn why_not_shows_the_facts_that_set_a_rule_aside() {
    let out = normcheck(&[
        "why-not",
        "norm-13c-territory",
        "cases/lessons/unstated-facts.case",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("XB (Borduria): not implicated. Set aside by what the file records:\n      cases/lessons/unstated-facts.case:32:3  `a1` is carried out by `unit`\n      cases/lessons/unstated-facts.case:18:3  `unit` is an organ of XB\n"),
        "{text}"
    );
}

#[test]
fn why_not_names_the_missing_element_for_each_state() {
    let out = normcheck(&[
        "why-not",
        "norm-13c-territory",
        "cases/lessons/territory-never-notified.case",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("XB (Borduria): not implicated. First missing: tell XB of act `a1` while it goes on: a `notification` or `request` `to XB`"),
        "{text}"
    );
    // The rule file's syntax only for those who ask for it.
    assert!(!text.contains("the rule's element"), "{text}");
    let out = normcheck(&[
        "why-not",
        "norm-13c-territory",
        "cases/lessons/territory-never-notified.case",
        "--patterns",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "(the rule's element `aware_before(state: $state, act: $act)` holds for no fact)"
        ),
        "{text}"
    );
    let out = normcheck(&[
        "why-not",
        "norm-13c-territory",
        "cases/lessons/territory-notified.case",
    ]);
    assert!(stdout(&out).contains("XB (Borduria): implicated about `a1`"));
    let out = normcheck(&[
        "why-not",
        "norm-13c",
        "cases/lessons/territory-notified.case",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// A rule file with several errors is one failed file in the test summary, not one per error.
#[test]
fn test_counts_a_bad_rule_file_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "id: Bad_Id\ntitle: t\nstrength: norm\nsince: A/70/174\nparty: $s\nfocus: $a\nnot_implicated_when: []\n\
         doc: {what: w, why: w, example: e}\ncitations: [\"A/76/135 ¶13(f)\", \"A/99/1 ¶1\"]\n\
         match:\n  - conduct: {act: $a}\n",
    )
    .unwrap();
    let rules = dir.path().display().to_string();
    let out = normcheck(&[
        "test",
        "--rules",
        &rules,
        "cases/lessons/proxy-tolerated.case",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.ends_with("cases: 1 passed, 1 failed, 0 skipped\n"),
        "{text}"
    );
}

/// A directory is checked on several threads and reported in file order: the report is the
/// same at any number of threads, in every format, with unreadable files and bad cases among
/// the good ones.
#[test]
fn the_report_is_the_same_at_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut n = 0;
    for round in 0..4 {
        for entry in std::fs::read_dir(&cases).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "case") {
                std::fs::copy(&path, dir.path().join(format!("{round}-{n:03}.case"))).unwrap();
                n += 1;
            }
        }
        std::fs::write(dir.path().join(format!("{round}-bad.case")), "stat XA\n").unwrap();
        std::fs::write(
            dir.path().join(format!("{round}-latin1.case")),
            b"state \xe9\n",
        )
        .unwrap();
    }
    let dir = dir.path().to_str().unwrap();
    for format in ["human", "json", "sarif", "markdown"] {
        for command in ["check", "test"] {
            let run = |threads: &str| {
                normcheck(&[command, "--format", format, "--threads", threads, dir])
            };
            let one = run("1");
            assert_eq!(one.status.code(), Some(2), "{command} --format {format}");
            for threads in ["2", "3", "16"] {
                let many = run(threads);
                assert_eq!(
                    one.stdout, many.stdout,
                    "{command} --format {format} --threads {threads} differs from --threads 1"
                );
                assert_eq!(one.status.code(), many.status.code());
            }
        }
    }
}

/// JSON and SARIF are written a case at a time; the result is laid out exactly as serde_json's
/// pretty printer lays out the same document, so it is one valid document with its keys in
/// order, however many cases, diagnostics and other files it has (none of each included).
#[test]
fn streamed_json_and_sarif_are_laid_out_as_one_document() {
    let runs: [&[&str]; 4] = [
        &["cases/"],
        &["cases/estonia-2007.case"],
        &[
            "cases/",
            "tests/bad/undeclared-id.case",
            "tests/bad/missing-file.case",
        ],
        &["tests/bad/missing-file.case"],
    ];
    for paths in runs {
        for format in ["json", "sarif"] {
            let mut args = vec!["check", "--format", format];
            args.extend(paths);
            let out = normcheck(&args);
            let text = stdout(&out);
            let doc: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{format} of {paths:?} is not JSON: {e}"));
            let relaid = serde_json::to_string_pretty(&doc).unwrap() + "\n";
            assert!(
                relaid == text,
                "{format} of {paths:?} is not laid out as serde_json lays it out"
            );
        }
    }
}

/// A lesson case with the proxy's tie given another standing, its expectations removed.
fn proxy_case(dir: &Path, name: &str, standing: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/lessons/proxy-controlled.case"),
    )
    .unwrap();
    let text: String = text
        .replace(
            "  controlled-by XB\n",
            &format!("  controlled-by XB {standing}\n"),
        )
        .lines()
        .filter(|l| !l.starts_with("expect"))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn fail_on_sets_which_findings_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let established = proxy_case(dir.path(), "established.case", "");
    let alleged = proxy_case(dir.path(), "alleged.case", "(alleged by XA)");
    let unknown = proxy_case(dir.path(), "unknown.case", "(unknown)");
    let quiet = "cases/lessons/territory-never-notified.case";
    // Each case's strongest finding, and the levels at which it fails the run.
    let expected = [
        (
            established.as_str(),
            "implicated",
            ["implicated", "if-alleged", "cannot-assess", "gap"].as_slice(),
        ),
        (
            alleged.as_str(),
            "implicated-if-alleged",
            ["if-alleged", "cannot-assess", "gap"].as_slice(),
        ),
        (
            unknown.as_str(),
            "cannot-assess",
            ["cannot-assess", "gap"].as_slice(),
        ),
        (quiet, "", [].as_slice()),
    ];
    for (path, status, failing) in expected {
        let out = normcheck(&["check", path]);
        let code = if failing.contains(&"if-alleged") {
            1
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(code), "default, {path}");
        if !status.is_empty() {
            assert!(stdout(&out).contains(&format!("  {status} · ")), "{path}");
        }
        for level in ["implicated", "if-alleged", "cannot-assess", "gap", "never"] {
            let out = normcheck(&["check", path, "--fail-on", level]);
            let code = if failing.contains(&level) { 1 } else { 0 };
            assert_eq!(out.status.code(), Some(code), "--fail-on {level}, {path}");
        }
    }
    // Invalid input is 2 whatever the level.
    let broken = dir.path().join("broken.case");
    std::fs::write(&broken, "case \"b\" {\n").unwrap();
    let out = normcheck(&["check", broken.to_str().unwrap(), "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(2));
    let out = normcheck(&["check", quiet, "--fail-on", "sometimes"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown level");
}

#[test]
fn github_annotations_point_at_the_lines_of_each_finding_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let alleged = proxy_case(dir.path(), "alleged.case", "(alleged by XA)");
    let out = normcheck(&["check", &alleged, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(line.starts_with("::warning file="), "{line}");
    }
    // The proxies finding is about the act, declared on line 23.
    let proxies = lines
        .iter()
        .find(|l| l.contains("title=normcheck law-proxies (implicated-if-alleged)"))
        .expect("a law-proxies annotation");
    assert!(proxies.contains(",line=23,col=5,"), "{proxies}");
    assert!(
        proxies.contains("does not say that XB is responsible"),
        "{proxies}"
    );
    // A problem in a file is annotated at its place, with its code.
    let broken = dir.path().join("broken.case");
    std::fs::write(
        &broken,
        "case \"b\" { assessed 2024-01-01 }\nstate XA\nbogus x\n",
    )
    .unwrap();
    let out = normcheck(&["check", broken.to_str().unwrap(), "--format", "github"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.starts_with("::error file="), "{text}");
    assert!(text.contains(",line=3,col=1,"), "{text}");
    assert!(
        text.contains("title=normcheck unknown-statement::"),
        "{text}"
    );
}

/// A repository of policy drafts: a walk reads the Markdown documents that hold statements and
/// passes over a README with none; annotations point at the Markdown lines; gaps fail the run
/// only with `--fail-on gap`.
#[test]
fn policy_drafts_in_a_repository_are_checked_like_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# Drafts\n\nNothing to check here.\n",
    )
    .unwrap();
    let draft = "# Doctrine\n\nProse.\n\n```normcheck\npolicy d \"Doctrine\" { of XA }\nstate XA\norgan army \"Army\" { of XA; kind armed-forces }\n```\n\n## Operations\n\n```normcheck\npermits ops \"Grid operations\" {\n  by army\n  kind disruption\n  effects impairment-of-services\n  intent intentional\n  target-sector energy\n}\n```\n";
    std::fs::write(dir.path().join("doctrine.md"), draft).unwrap();
    let path = dir.path().to_str().unwrap();
    let out = normcheck(&["check", "--format", "github", path]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "would-implicate fails by default"
    );
    let text = stdout(&out);
    assert!(!text.contains("README.md"), "{text}");
    let ops = text
        .lines()
        .find(|l| l.contains("norm-13f-critical-infrastructure"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(ops.starts_with("::error file="), "{ops}");
    assert!(ops.contains("doctrine.md,line=14,col=9"), "{ops}");
    assert!(ops.contains("would-implicate"), "{ops}");
    let gap = text
        .lines()
        .find(|l| l.contains("gap-points-of-contact"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(gap.starts_with("::warning file="), "{gap}");
    assert!(
        gap.contains(",line=1,col=1"),
        "at the document's title: {gap}"
    );
    assert!(gap.contains("missing: provides policy-contact"), "{gap}");

    // Without the permitted conduct, only gaps remain: they fail the run only if asked.
    let gaps_only = draft.replace("permits ops", "# permits ops").replace("  by army\n  kind disruption\n  effects impairment-of-services\n  intent intentional\n  target-sector energy\n}\n", "");
    std::fs::write(dir.path().join("doctrine.md"), gaps_only).unwrap();
    assert_eq!(normcheck(&["check", path]).status.code(), Some(0));
    assert_eq!(
        normcheck(&["check", "--fail-on", "gap", path])
            .status
            .code(),
        Some(1)
    );

    // A Markdown file named on the command line must hold statements.
    let readme = dir.path().join("README.md");
    let out = normcheck(&["check", readme.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("no ```normcheck block"),
        "{}",
        stdout(&out)
    );
}

/// A suppression sets a finding aside until its date: then the finding is back, the run fails
/// again, and the warning says why; JSON and SARIF list a suppressed finding with its reason.
#[test]
fn a_suppression_sets_a_finding_aside_until_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doctrine.policy");
    std::fs::write(
        &path,
        "policy d \"Doctrine\" { of XA }\nstate XA\nprovides policy-contact\nsuppress gap-points-of-contact \"the technical contact is named in the CERT's charter\" for XA until 2027-06-30\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let run = |today: &str, args: &[&str]| {
        let mut all = vec!["check", "--fail-on", "gap"];
        all.extend(args);
        all.push(path);
        std::process::Command::new(env!("CARGO_BIN_EXE_normcheck"))
            .args(&all)
            .env("NO_COLOR", "1")
            .env("NORMCHECK_TODAY", today)
            .output()
            .unwrap()
    };
    let before = run("2027-06-30", &[]);
    let text = stdout(&before);
    assert!(!text.contains("gap-points-of-contact"), "{text}");
    assert!(text.contains("9 findings (9 gap), 1 set aside"), "{text}");
    let json = stdout(&run("2027-06-30", &["--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let suppressed: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppressed").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1, "{json}");
    assert_eq!(suppressed[0]["rule"], "gap-points-of-contact");
    assert_eq!(suppressed[0]["suppressed"]["line"], 4);
    let sarif = stdout(&run("2027-06-30", &["--format", "sarif"]));
    assert!(
        sarif.contains(
            "\"justification\": \"the technical contact is named in the CERT's charter\""
        ),
        "{sarif}"
    );

    let after = run("2027-07-01", &[]);
    let text = stdout(&after);
    assert!(text.contains("gap · gap-points-of-contact"), "{text}");
    assert!(
        text.contains("this suppression expired on 2027-06-30"),
        "{text}"
    );
    assert!(
        text.contains("missing    `provides technical-contact`"),
        "{text}"
    );
}

#[test]
fn a_baseline_hides_known_findings_and_reports_new_and_fixed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("strategy.md");
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/policy/examplia-strategy.md"),
    )
    .unwrap()
    // The draft of a team, without the lines that make it a worked case.
    .replace("expect ", "# expect ");
    std::fs::write(&draft, &original).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_normcheck"))
            .arg("check")
            .args(args)
            .arg("strategy.md")
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(1));

    // Recording: every finding is written down, and the run passes.
    let written = run(&["--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", stdout(&written));
    assert!(
        String::from_utf8_lossy(&written.stderr).contains("recorded 5 findings in baseline.json")
    );
    let baseline = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let recorded: serde_json::Value = serde_json::from_str(&baseline).unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 5);
    assert_eq!(recorded["findings"][0]["path"], "strategy.md");

    // Prose inserted, statements reindented: the same findings, all known.
    let edited = original
        .replace(
            "## What the draft implicates",
            "A new paragraph.\n\n## What the draft implicates",
        )
        .replace("  by xa-cybercom\n", "      by xa-cybercom\n");
    std::fs::write(&draft, &edited).unwrap();
    let known = run(&["--baseline", "baseline.json"]);
    let text = stdout(&known);
    assert_eq!(known.status.code(), Some(0), "{text}");
    assert!(text.contains("0 findings, 5 in the baseline"), "{text}");

    // A fact changed: the finding that rests on it is new, and the one recorded is fixed.
    std::fs::write(
        &draft,
        edited.replace("target-sector energy", "target-sector health"),
    )
    .unwrap();
    let changed = run(&["--baseline", "baseline.json"]);
    let text = stdout(&changed);
    assert_eq!(changed.status.code(), Some(1), "{text}");
    assert!(
        text.contains("would-implicate · norm-13f-critical-infrastructure"),
        "{text}"
    );
    assert!(
        text.contains("fixed: `norm-13f-critical-infrastructure` for XA about `grid-ops` (would-implicate when recorded) in strategy.md"),
        "{text}"
    );
    assert!(
        text.contains("1 finding (1 would-implicate), 4 in the baseline, 1 fixed"),
        "{text}"
    );

    // JSON lists the known findings, marked, and the fixed one; SARIF marks them as
    // suppressed outside the source and gives every result its fingerprint.
    let json = stdout(&run(&["--baseline", "baseline.json", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5);
    let baselined = findings
        .iter()
        .filter(|f| f["suppressed"]["kind"] == "baseline")
        .count();
    assert_eq!(baselined, 4, "{json}");
    assert_eq!(doc["fixed"][0]["rule"], "norm-13f-critical-infrastructure");
    let sarif = stdout(&run(&["--baseline", "baseline.json", "--format", "sarif"]));
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["partialFingerprints"]["normcheck/v1"]
            .as_str()
            .unwrap()
            .len()
            == 32));
    let external = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .count();
    assert_eq!(external, 4, "{sarif}");
    let notes = &doc["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().unwrap().len(), 1, "{sarif}");

    // A baseline that is not one is refused before anything is checked.
    std::fs::write(dir.path().join("baseline.json"), "{\"findings\": 3}").unwrap();
    let refused = run(&["--baseline", "baseline.json"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("invalid-baseline"));
}

#[test]
fn a_project_configuration_is_found_above_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/policy");
    std::fs::create_dir_all(root.join("drafts/archive")).unwrap();
    std::fs::create_dir_all(root.join("team/notes")).unwrap();
    let draft = std::fs::read_to_string(cases.join("examplia-strategy.md"))
        .unwrap()
        .replace("expect ", "# expect ");
    std::fs::write(root.join("drafts/strategy.md"), &draft).unwrap();
    // Passed over by `exclude`: it would fail the run with its gaps.
    std::fs::copy(
        cases.join("minimal-doctrine.policy"),
        root.join("drafts/archive/old.policy"),
    )
    .unwrap();
    std::fs::write(
        root.join("normcheck.toml"),
        "# the policy team's checks\npaths = [\"drafts\"]\nexclude = [\"drafts/archive\"]\nfail-on = \"gap\"\nformat = \"json\"\n",
    )
    .unwrap();
    let run = |cwd: &std::path::Path, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_normcheck"))
            .args(args)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // From a directory below the root: the file's paths are its own, its format and level
    // hold, the archive is passed over.
    let out = run(&root.join("team/notes"), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files: Vec<&str> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["../../drafts/strategy.md"]);

    // The command line wins over the file.
    let out = run(root, &["check", "--format", "human", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("drafts/strategy.md: "),
        "{}",
        stdout(&out)
    );
    // A file named on the command line is read whatever `exclude` says.
    let out = run(
        root,
        &["check", "--format", "human", "drafts/archive/old.policy"],
    );
    assert!(stdout(&out).contains("Doctrine for Military ICT Operations"));
    // `--no-config`: no paths, so nothing to check.
    let out = run(root, &["check", "--no-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no paths to check"));

    // The same in YAML; the baseline it names is used.
    std::fs::remove_file(root.join("normcheck.toml")).unwrap();
    std::fs::write(
        root.join("normcheck.yaml"),
        "paths: [drafts]\nexclude: ['drafts/archive']\nbaseline: known.json\n",
    )
    .unwrap();
    let out = run(root, &["check", "--write-baseline", "known.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("5 in the baseline"),
        "{}",
        stdout(&out)
    );

    // A key the file cannot have: an error at it, with the key it was meant to be.
    std::fs::write(
        root.join("normcheck.yaml"),
        "paths: [drafts]\nfail_on: gap\n",
    )
    .unwrap();
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown-config-key"), "{err}");
    assert!(err.contains("normcheck.yaml:2:1"), "{err}");
    assert!(err.contains("did you mean `fail-on`?"), "{err}");
}
