//! The machine-readable reports are checked against their schemas with a JSON-schema validator,
//! not by eye: SARIF against the official SARIF 2.1.0 schema (OASIS, shipped in
//! `docs/schema/sarif-schema-2.1.0.json`), JSON against normcheck's own
//! (`docs/schema/report.schema.json`, versioned with the document's `version`). Every worked
//! case, every bad input and a run with a baseline (set-aside and fixed findings) are
//! validated in both formats.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use normcheck::baseline::{self, Baseline};
use normcheck::report::{Format, Report, Style};
use normcheck::rules::catalogue::Catalogue;
use normcheck::{check_case, CheckedCase};

mod common;
use common::case_files;

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new(file: &str) -> Validator {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/schema")
            .join(file);
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        // `format` is asserted too: SARIF's `uri-reference` holds paths.
        compiler.enable_format_assertions();
        let location = format!("file:///schema/{file}");
        compiler.add_resource(&location, schema).unwrap();
        let index = compiler.compile(&location, &mut schemas).unwrap();
        Validator { schemas, index }
    }

    fn check(&self, what: &str, text: &str) {
        let doc: serde_json::Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("{what} is not JSON: {e}\n{text}"));
        if let Err(e) = self.schemas.validate(&doc, self.index) {
            panic!("{what} does not follow the schema:\n{e:#}\n{text}");
        }
    }

    fn rejects(&self, doc: &serde_json::Value) -> bool {
        self.schemas.validate(doc, self.index).is_err()
    }
}

fn render(
    format: Format,
    catalogue: &Catalogue,
    case: CheckedCase,
    fixed: Option<Vec<baseline::Entry>>,
) -> String {
    let style = Style {
        format,
        color: false,
        test: false,
        summary: false,
    };
    let mut report = Report::start(style, catalogue, Vec::new()).unwrap();
    report.case(case, Vec::new()).unwrap();
    if let Some(fixed) = fixed {
        report.fixed(fixed);
    }
    String::from_utf8(report.finish().unwrap().0).unwrap()
}

/// Every worked case and bad input, as `(name, text)`.
fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = case_files();
    let mut bad: Vec<_> = std::fs::read_dir(root.join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bad.sort();
    paths.extend(bad);
    paths
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root).unwrap().display().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_report_follows_its_schema() {
    let (catalogue, _) = Catalogue::embedded();
    let sarif = Validator::new("sarif-schema-2.1.0.json");
    let json = Validator::new("report.schema.json");
    let inputs = inputs();
    assert!(inputs.len() > 50, "{} inputs", inputs.len());
    for (name, text) in &inputs {
        let check = || check_case(&catalogue, name, text.as_str());
        sarif.check(name, &render(Format::Sarif, &catalogue, check(), None));
        json.check(name, &render(Format::Json, &catalogue, check(), None));
    }
}

#[test]
fn a_run_with_a_baseline_follows_the_schemas() {
    let (catalogue, _) = Catalogue::embedded();
    let sarif = Validator::new("sarif-schema-2.1.0.json");
    let json = Validator::new("report.schema.json");
    let name = "cases/policy/incident-response-plan.md";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap();
    // A baseline of the case's findings but one, and one finding no longer found.
    let mut recorded = baseline::apply(
        &catalogue,
        &mut check_case(&catalogue, name, &*text),
        |_| false,
    );
    assert!(recorded.len() > 2);
    let gone = recorded.pop().unwrap();
    let known = Baseline::new(recorded);
    for format in [Format::Sarif, Format::Json] {
        let mut case = check_case(&catalogue, name, &*text);
        baseline::apply(&catalogue, &mut case, |f| known.knows(f));
        let out = render(format, &catalogue, case, Some(vec![gone.clone()]));
        assert!(out.contains("fixed"), "{out}");
        match format {
            Format::Sarif => {
                assert!(out.contains("\"kind\": \"external\""), "{out}");
                sarif.check("a run with a baseline", &out);
            }
            _ => {
                assert!(out.contains("\"kind\": \"baseline\""), "{out}");
                json.check("a run with a baseline", &out);
            }
        }
    }
}

#[test]
fn the_schemas_reject_what_they_should() {
    let (catalogue, _) = Catalogue::embedded();
    let sarif = Validator::new("sarif-schema-2.1.0.json");
    let json = Validator::new("report.schema.json");
    let name = "cases/ukraine-grid-2015.case";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap();
    let doc = |format| {
        let out = render(
            format,
            &catalogue,
            check_case(&catalogue, name, &*text),
            None,
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let mut d = doc(Format::Json);
    d["findings"][0]
        .as_object_mut()
        .unwrap()
        .remove("fingerprint");
    assert!(json.rejects(&d), "a finding without a fingerprint");
    let mut d = doc(Format::Json);
    d["version"] = 1.into();
    assert!(json.rejects(&d), "a document of version 1");
    let mut d = doc(Format::Json);
    d["findings"][0]["status"] = "violated".into();
    assert!(json.rejects(&d), "a status the tool never says");
    let mut d = doc(Format::Json);
    d["findings"][0]["citations"][0] = "A/76/135 71(g)".into();
    assert!(json.rejects(&d), "a citation without its paragraph sign");
    let mut d = doc(Format::Sarif);
    d["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(sarif.rejects(&d), "a SARIF level that does not exist");
    let mut d = doc(Format::Sarif);
    d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b#c#d".into();
    assert!(sarif.rejects(&d), "a uri that is not a URI reference");
}

#[test]
fn the_example_policy_repository_fails_as_its_workflow_says() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy-repo");
    // The command of the workflow's step, as written there.
    let workflow = std::fs::read_to_string(repo.join(".github/workflows/normcheck.yml")).unwrap();
    let mut lines = workflow.lines();
    lines
        .find(|l| l.trim() == "- name: Check the drafts")
        .expect("the workflow has a step `Check the drafts`");
    let run = lines.next().unwrap().trim();
    let command = run.strip_prefix("run: ").unwrap();
    let (command, output) = command.split_once(" > ").unwrap();
    assert_eq!(output, "normcheck.sarif");
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words[0], "normcheck", "{run}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(&words[1..])
        .current_dir(&repo)
        .output()
        .unwrap();
    // The pull request permits disrupting another State's electricity supply: the run fails.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif = String::from_utf8(out.stdout).unwrap();
    Validator::new("sarif-schema-2.1.0.json").check("the example's SARIF", &sarif);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let shown: Vec<(&str, u64)> = results
        .iter()
        .filter(|r| r.get("suppressions").is_none())
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"];
            assert_eq!(
                at["artifactLocation"]["uri"],
                "strategy/national-cyber-security-strategy.md"
            );
            (
                r["ruleId"].as_str().unwrap(),
                at["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("law-sovereignty", 162),
            ("norm-13a-cooperation", 162),
            ("norm-13f-critical-infrastructure", 162)
        ]
    );
    assert!(results
        .iter()
        .all(|r| r["message"]["text"].as_str().unwrap().contains("A/")));
    // The gaps the team is drafting are in the baseline: listed, suppressed, not failed.
    let known: Vec<&str> = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(known, ["gap-supply-chain", "gap-vulnerability-disclosure"]);
}
