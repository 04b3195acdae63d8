//! The run as SARIF 2.1.0, for code-scanning dashboards: one result per finding (level by
//! strength: law `error`, norm `warning`, recommendation `note`) located at the declaration of
//! what it is about, with its evidence as related locations; one result per diagnostic.
//!
//! Written as a stream like the JSON document: each result is serialized from its case's view
//! as the case comes. Keys are in the byte order of their names (fields are declared in it),
//! but for a run's `invocations`, which follow the results they report on.

use std::io::{self, Write};
use std::num::NonZeroUsize;

use serde::Serialize;

use super::json::{write_indented, Array, Entries, BASELINED};
use super::view::{CaseView, FileView};
use crate::baseline::Entry;
use crate::diagnostic::Severity;
use crate::language::markdown;
use crate::rules::catalogue::{Catalogue, RuleKind, Strength};
use crate::rules::engine::Finding;

fn level(s: Strength) -> &'static str {
    match s {
        Strength::Law => "error",
        Strength::Norm => "warning",
        Strength::Recommendation => "note",
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Region {
    #[serde(rename = "endColumn", skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(rename = "endLine", skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(rename = "startColumn")]
    start_column: usize,
    #[serde(rename = "startLine")]
    start_line: usize,
}

impl Region {
    fn of((line, column, end_line, end_column): (usize, usize, usize, usize)) -> Region {
        Region {
            end_column: Some(end_column),
            end_line: Some(end_line),
            start_column: column,
            start_line: line,
        }
    }
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
struct PhysicalLocation<'a> {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation<'a>,
    /// `None` for a whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Location<'a> {
    /// For a gap, which has no line of its own: the section of the document it belongs to.
    #[serde(rename = "logicalLocations", skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
    #[serde(rename = "physicalLocation")]
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    #[serde(rename = "fullyQualifiedName")]
    fully_qualified_name: String,
    name: &'a str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<'a>,
    #[serde(rename = "physicalLocation")]
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
struct FindingProperties<'a> {
    /// Where the rule reads more than the texts: normcheck's reading, not the texts'.
    #[serde(rename = "normcheckReading", skip_serializing_if = "Option::is_none")]
    normcheck_reading: Option<&'a str>,
    party: &'a str,
    status: &'static str,
    strength: &'static str,
}

#[derive(Serialize)]
struct FindingResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    /// What recognises the finding across edits, so that a dashboard follows it as the
    /// document changes.
    #[serde(rename = "partialFingerprints")]
    partial_fingerprints: Fingerprints,
    properties: FindingProperties<'a>,
    #[serde(rename = "relatedLocations")]
    related_locations: Vec<RelatedLocation<'a>>,
    #[serde(rename = "ruleId")]
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "normcheck/v1")]
    normcheck: String,
}

/// A finding set aside, with the reason: dashboards list it as suppressed. A `suppress` line is
/// `inSource`, located; the baseline `external`.
#[derive(Serialize)]
struct Suppression<'a> {
    justification: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
}

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(rename = "ruleId")]
    rule_id: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    citations: Vec<String>,
    /// Where the rule reads more than the texts: normcheck's reading, not the texts'.
    #[serde(rename = "normcheckReading", skip_serializing_if = "Option::is_none")]
    normcheck_reading: Option<&'a str>,
    /// The report that first states the commitment, or `existing law`.
    since: &'static str,
    strength: &'static str,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleDescriptor<'a> {
    #[serde(rename = "defaultConfiguration")]
    default_configuration: Level,
    #[serde(rename = "fullDescription")]
    full_description: Text<'a>,
    help: Text<'a>,
    id: &'a str,
    properties: RuleProperties<'a>,
    #[serde(rename = "shortDescription")]
    short_description: Text<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    #[serde(rename = "informationUri")]
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
    version: &'static str,
}

/// The run's one invocation, when it has something to say beside the results.
#[derive(Serialize)]
struct Invocation<'a> {
    #[serde(rename = "executionSuccessful")]
    execution_successful: bool,
    #[serde(rename = "toolExecutionNotifications")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
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

pub fn start(out: &mut dyn Write) -> io::Result<()> {
    // Columns count characters (Unicode code points), as everywhere in normcheck.
    out.write_all(
        b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    \
          {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
    )
}

/// The results written so far.
pub struct Results {
    array: Array,
}

impl Default for Results {
    fn default() -> Self {
        Results {
            array: Array::at(4),
        }
    }
}

/// A case's results rendered apart from the run, on another thread.
pub(super) fn entries(case: &CaseView<'_>) -> io::Result<Entries> {
    let mut entries = Entries::at(4);
    case_results(
        &mut entries.array,
        &mut entries.bytes,
        case,
        NonZeroUsize::MIN,
    )?;
    Ok(entries)
}

impl Results {
    /// A case's findings, then its diagnostics; the findings rendered on `threads` threads.
    pub fn case(
        &mut self,
        out: &mut dyn Write,
        case: &CaseView<'_>,
        threads: NonZeroUsize,
    ) -> io::Result<()> {
        case_results(&mut self.array, out, case, threads)
    }

    /// Appends a case's results rendered apart.
    pub fn append(&mut self, out: &mut dyn Write, entries: &Entries) -> io::Result<()> {
        self.array.append(out, entries)
    }

    /// A file's diagnostics, one result each.
    pub fn diagnostics(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        file_results(&mut self.array, out, file)
    }
}

/// A case's findings, then its diagnostics, as entries of `array`.
fn case_results(
    array: &mut Array,
    out: &mut dyn Write,
    case: &CaseView<'_>,
    threads: NonZeroUsize,
) -> io::Result<()> {
    let path = uri(case.file.path);
    array.entries_in_parts(out, case.all_findings(), threads, |array, out, part| {
        finding_results(array, out, case, &path, part)
    })?;
    file_results(array, out, &case.file)
}

/// Some of a case's findings, one result each, as entries of `array`.
fn finding_results(
    array: &mut Array,
    out: &mut dyn Write,
    case: &CaseView<'_>,
    path: &str,
    findings: &[Finding],
) -> io::Result<()> {
    // A rule's citations, written once per part.
    let mut cites: Vec<Option<String>> = Vec::new();
    cites.resize_with(case.catalogue().rules().len(), || None);
    for f in case.view(findings) {
        let at = |region| PhysicalLocation {
            artifact_location: ArtifactLocation { uri: path },
            region: Some(region),
        };
        let cites = cites[f.finding.rule.index()].get_or_insert_with(|| f.rule.citation_line());
        let mut message = format!(
            "{}: {} for {} about `{}` ({cites})",
            f.status.as_str(),
            f.rule.title,
            f.party.id,
            f.focus.id,
        );
        if let Some(note) = &f.note {
            message.push_str("; ");
            message.push_str(note);
        }
        if !f.missing.is_empty() {
            message.push_str("; missing: ");
            message.push_str(&f.missing.join(", "));
        }
        let mut logical_locations = Vec::new();
        if f.rule.kind == RuleKind::Gap {
            // A section below the document's title is named under it: `Strategy > 3. CERT`.
            let heading = markdown::title(&case.scenario.case.sections);
            let name = f.section.map_or(case.display_title(), |s| s.title.as_str());
            let fully_qualified_name = match (heading, f.section) {
                (Some(heading), Some(section)) if !std::ptr::eq(heading, section) => {
                    format!("{} > {name}", heading.title)
                }
                _ => name.to_owned(),
            };
            logical_locations.push(LogicalLocation {
                fully_qualified_name,
                name,
            });
        }
        let result = FindingResult {
            level: level(f.rule.strength),
            locations: [Location {
                logical_locations,
                physical_location: at(Region::of(f.focus_region)),
            }],
            message: Text { text: &message },
            properties: FindingProperties {
                normcheck_reading: f.rule.doc.reading.as_deref().map(str::trim),
                party: f.party.id,
                status: f.status.as_str(),
                strength: f.rule.strength.as_str(),
            },
            related_locations: f
                .evidence
                .iter()
                .enumerate()
                .map(|(n, e)| RelatedLocation {
                    id: n,
                    message: Text { text: &e.text },
                    physical_location: at(Region::of((e.line, e.column, e.end_line, e.end_column))),
                })
                .collect(),
            rule_id: &f.rule.id,
            partial_fingerprints: Fingerprints {
                normcheck: case.fingerprint(&f).to_string(),
            },
            suppressions: f
                .suppression
                .iter()
                .map(|(s, region)| Suppression {
                    justification: &s.reason,
                    kind: "inSource",
                    location: Some(Location {
                        logical_locations: Vec::new(),
                        physical_location: at(Region::of(*region)),
                    }),
                })
                .chain(f.baselined.then_some(Suppression {
                    justification: BASELINED,
                    kind: "external",
                    location: None,
                }))
                .collect(),
        };
        array.entry(out, &result)?;
    }
    Ok(())
}

/// A file's diagnostics, one result each, as entries of `array`.
fn file_results(array: &mut Array, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
    let path = uri(file.path);
    for d in &file.diagnostics {
        let diagnostic = d.diagnostic;
        let message = match &diagnostic.help {
            Some(help) => format!("{} ({help})", diagnostic.message),
            None => diagnostic.message.clone(),
        };
        let result = DiagnosticResult {
            level: match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            locations: [Location {
                logical_locations: Vec::new(),
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: &path },
                    region: Some(Region {
                        end_column: None,
                        end_line: None,
                        start_column: d.column,
                        start_line: d.line,
                    }),
                },
            }],
            message: Text { text: &message },
            rule_id: diagnostic.code.as_str(),
        };
        array.entry(out, &result)?;
    }
    Ok(())
}

impl Results {
    /// Closes the results and writes the tool, with every rule of the catalogue; with a
    /// baseline, an invocation whose notifications name the findings it records that no
    /// longer occur.
    pub fn finish(
        &mut self,
        out: &mut dyn Write,
        catalogue: &Catalogue,
        fixed: Option<&[Entry]>,
    ) -> io::Result<()> {
        self.array.close(out)?;
        if let Some(fixed) = fixed {
            let texts: Vec<(String, String)> = fixed
                .iter()
                .map(|e| {
                    let text = format!(
                        "fixed: {}: recorded in the baseline, no longer found",
                        e.describe()
                    );
                    (text, uri(&e.path))
                })
                .collect();
            let invocation = Invocation {
                execution_successful: true,
                tool_execution_notifications: texts
                    .iter()
                    .map(|(text, uri)| Notification {
                        level: "note",
                        // The whole file the finding no longer found was in.
                        locations: [Location {
                            logical_locations: Vec::new(),
                            physical_location: PhysicalLocation {
                                artifact_location: ArtifactLocation { uri },
                                region: None,
                            },
                        }],
                        message: Text { text },
                    })
                    .collect(),
            };
            out.write_all(b",\n      \"invocations\": [\n        ")?;
            write_indented(out, &invocation, 4, &mut Vec::new())?;
            out.write_all(b"\n      ]")?;
        }
        let tool = Tool {
            driver: Driver {
                information_uri: "https://www.un.org/disarmament/ict-security/",
                name: "normcheck",
                rules: catalogue
                    .rules()
                    .iter()
                    .map(|r| RuleDescriptor {
                        default_configuration: Level {
                            level: level(r.strength),
                        },
                        full_description: Text { text: &r.doc.what },
                        help: Text { text: &r.doc.why },
                        id: &r.id,
                        properties: RuleProperties {
                            citations: r.citations.iter().map(ToString::to_string).collect(),
                            normcheck_reading: r.doc.reading.as_deref().map(str::trim),
                            since: r.since.as_str(),
                            strength: r.strength.as_str(),
                        },
                        short_description: Text { text: &r.title },
                    })
                    .collect(),
                version: env!("CARGO_PKG_VERSION"),
            },
        };
        out.write_all(b",\n      \"tool\": ")?;
        write_indented(out, &tool, 3, &mut Vec::new())?;
        out.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
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
