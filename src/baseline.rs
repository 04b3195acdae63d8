//! Baselines: the findings a project has recorded as known (`check --write-baseline`), so that
//! a CI run (`check --baseline`) reports only the findings that are new, and says which of the
//! recorded ones no longer occur.
//!
//! A finding is recognised by its [`Fingerprint`]: a hash of the rule, the party, what the
//! finding is about, and the ids and words of the facts it rests on, never of where they are
//! written. Moving a statement, reindenting a block or writing prose around it leaves every
//! fingerprint as it was; changing a fact a finding rests on (its values, its standing) makes
//! a new finding, which the baseline does not hide.

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::language::model::Fact;
use crate::rules::catalogue::Catalogue;
use crate::rules::engine::{Finding, SetAside};
use crate::scenario::graph::Scenario;
use crate::CheckedCase;

/// The version of the baseline file format, and of how fingerprints are made: a change to
/// either is a new version, and a file of another version is refused, never misread.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits: 128 bits of FNV-1a over its rule, party, focus and
/// the words of its facts, written as 32 hexadecimal digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(u128);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = String;

    fn from_str(s: &str) -> Result<Fingerprint, String> {
        let hex = s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit());
        match hex.then(|| u128::from_str_radix(s, 16)) {
            Some(Ok(n)) => Ok(Fingerprint(n)),
            _ => Err(format!(
                "`{s}` is not a fingerprint (32 hexadecimal digits)"
            )),
        }
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// FNV-1a, 128 bits: small, stable across platforms and versions of Rust (which `Hash` is not
/// promised to be), and ample for telling apart the findings of a repository.
struct Fnv(u128);

impl Fnv {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

    /// Hashes one field; fields are kept apart by a byte no text holds, so that `ab`,`c` and
    /// `a`,`bc` differ.
    fn field(&mut self, text: &str) {
        for b in text.bytes().chain([0xff]) {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

/// The fingerprint of a finding of a checked case.
pub fn fingerprint(catalogue: &Catalogue, scenario: &Scenario, finding: &Finding) -> Fingerprint {
    let rule = catalogue.get(finding.rule);
    let mut h = Fnv(Fnv::OFFSET);
    h.field(&rule.id);
    h.field(scenario.name(finding.party));
    h.field(scenario.name(finding.focus));
    // The facts in an order of their own words, not of the file: moving a statement does not
    // change the finding. Their words are written into one buffer and sorted as slices of it.
    let mut text = String::with_capacity(32 * finding.facts.len());
    let mut facts: Vec<(usize, usize)> = Vec::with_capacity(finding.facts.len());
    for &x in &finding.facts {
        let start = text.len();
        words(&mut text, scenario, scenario.fact(x));
        facts.push((start, text.len()));
    }
    facts.sort_unstable_by(|a, b| text[a.0..a.1].cmp(&text[b.0..b.1]));
    for &(start, end) in &facts {
        h.field(&text[start..end]);
    }
    // A gap is also what it finds missing.
    for &(alt, i) in &finding.missing {
        if let Some(atom) = rule.unless.get(alt).and_then(|a| a.get(i)) {
            h.field(&atom.wanted());
        }
    }
    Fingerprint(h.0)
}

/// A fact as its ids and words, written to `out`: the relation and its values where the fact
/// is a row of one (`against a1 grid`), else its description (dates, origins); then its
/// standing, the States in the order of their ids.
fn words(out: &mut String, scenario: &Scenario, fact: &Fact) {
    let start = out.len();
    fact.data.row(|rel, values| {
        out.push_str(rel.name());
        for v in values {
            out.push(' ');
            out.push_str(scenario.name(*v));
        }
    });
    if out.len() == start {
        out.push_str(&scenario.case.describe(fact));
    }
    // A date the row leaves out is part of what the fact says.
    if let Some(day) = fact.data.holds_from() {
        let _ = write!(out, " since {day}");
    }
    // The sources a fact names are left out: saying where a fact comes from does not change
    // the finding.
    let standing = &fact.standing;
    if !standing.is_established() {
        let mut clause = |word: &str, states: &[crate::language::model::Sym]| {
            let mut names: Vec<&str> = states.iter().map(|s| scenario.name(*s)).collect();
            names.sort_unstable();
            for (i, name) in names.iter().enumerate() {
                out.push_str(if i == 0 { " (" } else { ", " });
                if i == 0 {
                    out.push_str(word);
                    out.push(' ');
                }
                out.push_str(name);
            }
            if !names.is_empty() {
                out.push(')');
            }
        };
        clause("alleged by", standing.alleged_by());
        // Disputed and denied are one clause here, as they were before the two were told apart,
        // so that fingerprints made then still match.
        let mut contested = standing.disputed_by().to_vec();
        contested.extend(
            standing
                .denied_by()
                .iter()
                .filter(|s| !standing.disputed_by().contains(s)),
        );
        clause("disputed by", &contested);
        if standing.is_unknown() {
            out.push_str(" (unknown)");
        }
    }
}

/// One known finding, as a baseline file records it: the fingerprint that matches it, and what
/// a reader of the file (or of a report of it as fixed) needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub about: String,
    pub fingerprint: Fingerprint,
    pub party: String,
    pub path: String,
    pub rule: String,
    pub status: String,
}

impl Entry {
    /// `` `rule` for XA about `a1` (implicated when recorded) ``: the finding, as a report of
    /// it as fixed names it.
    pub fn describe(&self) -> String {
        format!(
            "`{}` for {} about `{}` ({} when recorded)",
            self.rule, self.party, self.about, self.status
        )
    }
}

/// A baseline file: `{"findings": [...], "version": 1}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    findings: Vec<Entry>,
    version: u32,
}

/// The findings a baseline file records.
#[derive(Debug, Default)]
pub struct Baseline {
    pub entries: Vec<Entry>,
    known: HashSet<Fingerprint>,
}

impl Baseline {
    /// Reads a baseline file; a file that is not one is an `invalid-baseline` error at the
    /// place that is wrong.
    pub fn parse(text: &str) -> Result<Baseline, Box<Diagnostic>> {
        let file: File =
            serde_json::from_str(text).map_err(|e| {
                let at = offset(text, e.line(), e.column());
                // At the closing quote of a key or string: the span takes the whole of it.
                let start = match text[at..].starts_with('"') {
                    true => text[..at].rfind('"').unwrap_or(at),
                    false => at,
                };
                let end = (at + 1).min(text.len()).max(start);
                let message = e.to_string();
                // serde_json ends its messages with the place, which the diagnostic shows.
                let message = match message.rfind(" at line ") {
                    Some(i) => message[..i].to_owned(),
                    None => message,
                };
                Box::new(Diagnostic::error(
                Code::InvalidBaseline,
                Span::new(start, end),
                format!("this is not a normcheck baseline: {message}"),
            )
            .with_help(
                "a baseline is written by `normcheck check --write-baseline FILE`: write it \
                 again rather than by hand",
            ))
            })?;
        if file.version != VERSION {
            let at = text.find("\"version\"").unwrap_or(0);
            return Err(Box::new(
                Diagnostic::error(
                    Code::InvalidBaseline,
                    Span::new(at, at + "\"version\"".len()),
                    format!(
                        "this baseline is of version {}; this normcheck reads version {VERSION}",
                        file.version
                    ),
                )
                .with_help("write it again with `normcheck check --write-baseline FILE`"),
            ));
        }
        Ok(Baseline::new(file.findings))
    }

    pub fn new(entries: Vec<Entry>) -> Baseline {
        let known = entries.iter().map(|e| e.fingerprint).collect();
        Baseline { entries, known }
    }

    /// Whether the baseline records a finding with this fingerprint.
    pub fn knows(&self, fingerprint: Fingerprint) -> bool {
        self.known.contains(&fingerprint)
    }

    /// The baseline file recording `entries`, in the order given (a run's file order), as
    /// pretty JSON with a final newline: a file to commit and review in a diff.
    pub fn render(entries: Vec<Entry>) -> String {
        let file = File {
            findings: entries,
            version: VERSION,
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The byte offset of a 1-based line and column (in bytes, as serde_json counts them).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Sets aside the findings `hide` says are known (those of a baseline, or every finding when a
/// baseline is being written), and gives an entry for each finding that was shown before: the
/// findings a new baseline records, and those an old one is checked against. Findings a
/// `suppress` line sets aside are neither hidden nor recorded: the line stays their record.
pub fn apply(
    catalogue: &Catalogue,
    case: &mut CheckedCase,
    hide: impl Fn(Fingerprint) -> bool,
) -> Vec<Entry> {
    let scenario = &case.scenario;
    let mut entries = Vec::new();
    for f in case.findings.iter_mut().filter(|f| f.shown()) {
        let fingerprint = fingerprint(catalogue, scenario, f);
        if hide(fingerprint) {
            f.set_aside = Some(SetAside::Baselined);
        }
        entries.push(Entry {
            about: scenario.name(f.focus).to_owned(),
            fingerprint,
            party: scenario.name(f.party).to_owned(),
            path: case.path.clone(),
            rule: catalogue.get(f.rule).id.clone(),
            status: f.status.as_str().to_owned(),
        });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_read_back_as_written() {
        let f = Fingerprint(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        assert_eq!(f.to_string(), "0123456789abcdef0011223344556677");
        assert_eq!(f.to_string().parse::<Fingerprint>(), Ok(f));
        assert!("0123".parse::<Fingerprint>().is_err());
        assert!("+123456789abcdef0011223344556677"
            .parse::<Fingerprint>()
            .is_err());
    }

    #[test]
    fn fields_are_kept_apart() {
        let hash = |fields: &[&str]| {
            let mut h = Fnv(Fnv::OFFSET);
            fields.iter().for_each(|f| h.field(f));
            h.0
        };
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
    }

    #[test]
    fn a_file_that_is_not_a_baseline_is_an_error_at_its_place() {
        let text = "{\n  \"findings\": [],\n  \"version\": 1,\n  \"extra\": 2\n}\n";
        let e = Baseline::parse(text).unwrap_err();
        assert_eq!(e.code, Code::InvalidBaseline);
        assert_eq!(&text[e.span.start..e.span.end], "\"extra\"");
        assert!(e.message.contains("unknown field `extra`"), "{}", e.message);

        let e = Baseline::parse("{\"findings\": [], \"version\": 9}").unwrap_err();
        assert!(e.message.contains("version 9"), "{}", e.message);
        let round = Baseline::render(Vec::new());
        assert!(Baseline::parse(&round).is_ok(), "{round}");
    }
}
