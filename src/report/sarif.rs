//! The run as SARIF 2.1.0, for code-scanning dashboards: one result per finding (level by
//! strength: law `error`, norm `warning`, recommendation `note`) located at the declaration of
//! what it is about, with its evidence as related locations; one result per diagnostic.

use serde_json::{json, Value};

use super::view::{FileView, RunView};
use crate::diagnostic::Severity;
use crate::rules::catalogue::Strength;

fn level(s: Strength) -> &'static str {
    match s {
        Strength::Law => "error",
        Strength::Norm => "warning",
        Strength::Recommendation => "note",
    }
}

fn region((line, column, end_line, end_column): (usize, usize, usize, usize)) -> Value {
    json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column})
}

/// A path as a SARIF `uri` (a URI reference, RFC 3986): each byte other than the unreserved
/// characters and `/` is percent-encoded, so that a `#` is not read as a fragment and a space
/// or a non-ASCII letter still makes a valid reference.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn render(run: &RunView<'_>) -> String {
    let rules: Vec<Value> = run
        .catalogue
        .rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.doc.what},
                "help": {"text": r.doc.why},
                "defaultConfiguration": {"level": level(r.strength)},
                "properties": {
                    "strength": r.strength.as_str(),
                    "citations": r.citations.iter().map(ToString::to_string).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    for case in &run.cases {
        let path = uri(case.file.path);
        for f in &case.findings {
            let related: Vec<Value> = f
                .evidence
                .iter()
                .enumerate()
                .map(|(n, e)| {
                    json!({
                        "id": n,
                        "message": {"text": e.text},
                        "physicalLocation": {
                            "artifactLocation": {"uri": &path},
                            "region": region((e.line, e.column, e.end_line, e.end_column)),
                        },
                    })
                })
                .collect();
            let cites: Vec<String> = f.rule.citations.iter().map(ToString::to_string).collect();
            results.push(json!({
                "ruleId": f.rule.id,
                "level": level(f.rule.strength),
                "message": {"text": format!(
                    "{}: {} for {} about `{}` ({})",
                    f.status.as_str(), f.rule.title, f.party.id, f.focus.id, cites.join("; ")
                )},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": &path},
                    "region": region(f.focus_region),
                }}],
                "relatedLocations": related,
                "properties": {"status": f.status.as_str(), "party": f.party.id, "strength": f.rule.strength.as_str()},
            }));
        }
        diagnostics(&mut results, &case.file);
    }
    for file in &run.other {
        diagnostics(&mut results, file);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "normcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://www.un.org/disarmament/ict-security/",
                "rules": rules,
            }},
            // Columns count characters (Unicode code points), as everywhere in normcheck.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn diagnostics(results: &mut Vec<Value>, file: &FileView<'_>) {
    for d in &file.diagnostics {
        let diagnostic = d.diagnostic;
        let message = match &diagnostic.help {
            Some(help) => format!("{} ({help})", diagnostic.message),
            None => diagnostic.message.clone(),
        };
        results.push(json!({
            "ruleId": diagnostic.code.as_str(),
            "level": match diagnostic.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(file.path)},
                "region": {"startLine": d.line, "startColumn": d.column},
            }}],
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("cases/notpetya-2017.case"), "cases/notpetya-2017.case");
        assert_eq!(uri("a b/#1.case"), "a%20b/%231.case");
        assert_eq!(uri("é.case"), "%C3%A9.case");
        assert_eq!(uri("50%.case"), "50%25.case");
    }
}
