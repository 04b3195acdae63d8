//! The rule catalogue: YAML rule files (embedded from `rules/` at compile time, plus any the
//! user adds) deserialized with unknown fields denied, then validated: unique ids, citations in
//! the corpus, relations and fields in the schema, variables bound before use.
//!
//! This is the only module that knows about `serde_yaml`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::rules::corpus::{Citation, Corpus};
use crate::schema::Rel;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// How binding a commitment is, following the wording of the limb a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// "must", "shall": international law.
    Law,
    /// "should": a voluntary, non-binding norm.
    Norm,
    /// "could", "encouraged": a recommendation.
    Recommendation,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Law => "law",
            Strength::Norm => "norm",
            Strength::Recommendation => "recommendation",
        }
    }

    pub fn gloss(self) -> &'static str {
        match self {
            Strength::Law => "international law: binding",
            Strength::Norm => "voluntary, non-binding",
            Strength::Recommendation => "suggested measure: \"could\", \"encouraged\"",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    title: String,
    strength: Strength,
    party: String,
    focus: String,
    citations: Vec<String>,
    #[serde(rename = "match")]
    pattern: Vec<serde_yaml::Value>,
    #[serde(default)]
    unless: Vec<serde_yaml::Value>,
    #[serde(default)]
    cautions: Vec<CautionFile>,
    not_implicated_when: Vec<String>,
    doc: DocFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CautionFile {
    text: String,
    cite: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocFile {
    what: String,
    why: String,
    example: String,
    #[serde(default)]
    reading: Option<String>,
}

pub type Var = usize;

/// A term of a pattern: a variable, or a set of accepted words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Var(Var),
    Words(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A relation with some of its fields constrained.
    Relation {
        rel: Rel,
        fields: Vec<(usize, Term)>,
    },
    /// Any one of the alternatives holds (each a conjunction).
    Any(Vec<Vec<Atom>>),
    /// Two variables hold different values.
    Different(Var, Var),
}

#[derive(Debug, Clone)]
pub struct Caution {
    pub text: String,
    pub cite: Citation,
}

#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub what: String,
    pub why: String,
    pub example: String,
    /// Where the rule reads more into the text than it says.
    pub reading: Option<String>,
}

/// A validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub strength: Strength,
    pub citations: Vec<Citation>,
    pub party: Var,
    pub focus: Var,
    pub vars: Vec<String>,
    pub pattern: Vec<Atom>,
    /// Each alternative, if it holds, defeats a match.
    pub unless: Vec<Vec<Atom>>,
    pub cautions: Vec<Caution>,
    pub not_implicated_when: Vec<String>,
    pub doc: RuleDoc,
    /// Where the rule came from: `rules/norm-13f.yaml` or a user path.
    pub source: String,
}

/// A rule's place in its catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(u32);

/// All rules, sorted by id.
#[derive(Debug)]
pub struct Catalogue {
    rules: Vec<Rule>,
    pub corpus: Corpus,
}

/// A rule id that is not in the catalogue, with the closest one if there is a likely intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    pub suggestion: Option<String>,
}

impl UnknownRule {
    /// What to do about it, for a help line.
    pub fn help(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "`normcheck rules` lists the rule ids".to_owned(),
        }
    }
}

/// A rule file as text: its path (for messages) and content.
pub struct RuleSource<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// Problems in one rule file.
pub type RuleDiagnostics = Vec<(String, String, Vec<Diagnostic>)>;

impl Catalogue {
    /// The catalogue shipped in the binary.
    pub fn embedded() -> (Catalogue, RuleDiagnostics) {
        Catalogue::load(&[])
    }

    /// The embedded rules, with `extra` rules added (or replacing embedded rules of the same id).
    /// Returns every problem of every file, as (path, text, diagnostics).
    pub fn load(extra: &[RuleSource<'_>]) -> (Catalogue, RuleDiagnostics) {
        let corpus = Corpus::embedded();
        let mut problems = Vec::new();
        let mut by_id: BTreeMap<String, (Rule, bool)> = BTreeMap::new();
        let embedded = EMBEDDED_RULES
            .iter()
            .map(|(path, text)| (RuleSource { path, text }, false));
        let extra = extra.iter().map(|s| {
            (
                RuleSource {
                    path: s.path,
                    text: s.text,
                },
                true,
            )
        });
        for (source, user) in embedded.chain(extra) {
            match compile(&corpus, &source) {
                Ok(rule) => {
                    let span = find(source.text, &rule.id);
                    match by_id.get(&rule.id) {
                        // A user rule replaces an embedded one of the same id.
                        Some((_, false)) if user => {
                            by_id.insert(rule.id.clone(), (rule, user));
                        }
                        Some((existing, _)) => problems.push((
                            source.path.to_owned(),
                            source.text.to_owned(),
                            vec![Diagnostic::error(Code::RuleDuplicateId, span, format!("rule id `{}` is already used by {}", rule.id, existing.source))
                                .with_label("duplicate id")
                                .with_help("give each rule its own id; to replace a shipped rule, pass it with `--rules`")],
                        )),
                        None => {
                            by_id.insert(rule.id.clone(), (rule, user));
                        }
                    }
                }
                Err(diagnostics) => {
                    problems.push((source.path.to_owned(), source.text.to_owned(), diagnostics))
                }
            }
        }
        let rules = by_id.into_values().map(|(r, _)| r).collect();
        (Catalogue { rules, corpus }, problems)
    }

    /// The rule with this id, or what the user probably meant.
    pub fn lookup(&self, id: &str) -> Result<RuleId, UnknownRule> {
        match self.rules.binary_search_by(|r| r.id.as_str().cmp(id)) {
            Ok(i) => Ok(RuleId(i as u32)),
            Err(_) => Err(UnknownRule {
                suggestion: crate::diagnostic::did_you_mean(
                    id,
                    self.rules.iter().map(|r| r.id.as_str()),
                )
                .map(str::to_owned),
            }),
        }
    }

    /// The rule with this id, if there is one.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.lookup(id).ok().map(|r| self.get(r))
    }

    pub fn get(&self, id: RuleId) -> &Rule {
        &self.rules[id.0 as usize]
    }

    /// Every rule with its id, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (RuleId, &Rule)> {
        self.rules
            .iter()
            .enumerate()
            .map(|(i, r)| (RuleId(i as u32), r))
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// The byte span of the first occurrence of `needle` in `text` (or the start of the file).
fn find(text: &str, needle: &str) -> Span {
    text.find(needle)
        .map_or(Span::new(0, 0), |i| Span::new(i, i + needle.len()))
}

fn compile(corpus: &Corpus, source: &RuleSource<'_>) -> Result<Rule, Vec<Diagnostic>> {
    let file: RuleFile = serde_yaml::from_str(source.text).map_err(|e| {
        let span = e
            .location()
            .map_or(Span::new(0, 0), |l| Span::new(l.index(), l.index()));
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        vec![Diagnostic::error(Code::RuleInvalid, span, message)
            .with_label("here")
            .with_help("see ARCHITECTURE.md, \"Rule files\", for the fields a rule has")]
    })?;
    let mut c = Compiler {
        text: source.text,
        vars: HashMap::new(),
        names: Vec::new(),
        diagnostics: Vec::new(),
    };
    if !is_kebab(&file.id) {
        c.error(
            Code::RuleInvalid,
            &file.id,
            format!("rule id `{}` is not kebab-case", file.id),
            "use lowercase words joined by `-`",
        );
    }
    let mut citations = Vec::new();
    for cite in &file.citations {
        match corpus.cite(cite) {
            Ok(c) => citations.push(c),
            Err(e) => c.error(
                Code::CitationNotInCorpus,
                cite,
                format!("`{cite}` is not in the corpus"),
                &e.to_string(),
            ),
        }
    }
    let mut cautions = Vec::new();
    for caution in &file.cautions {
        match corpus.cite(&caution.cite) {
            Ok(cite) => cautions.push(Caution {
                text: caution.text.clone(),
                cite,
            }),
            Err(e) => c.error(
                Code::CitationNotInCorpus,
                &caution.cite,
                format!("`{}` is not in the corpus", caution.cite),
                &e.to_string(),
            ),
        }
    }
    let mut bound = Vec::new();
    let pattern = c.atoms(&file.pattern, &mut bound);
    let party = c.use_var(&file.party, &bound);
    let focus = c.use_var(&file.focus, &bound);
    let mut unless = Vec::new();
    for alternative in &file.unless {
        let mut inner = bound.clone();
        unless.push(c.alternative(alternative, &mut inner));
    }
    if !c.diagnostics.is_empty() {
        return Err(c.diagnostics);
    }
    Ok(Rule {
        id: file.id,
        title: file.title,
        strength: file.strength,
        citations,
        party: party.unwrap_or(0),
        focus: focus.unwrap_or(0),
        vars: c.names,
        pattern,
        unless,
        cautions,
        not_implicated_when: file.not_implicated_when,
        doc: RuleDoc {
            what: file.doc.what,
            why: file.doc.why,
            example: file.doc.example,
            reading: file.doc.reading,
        },
        source: source.path.to_owned(),
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

struct Compiler<'a> {
    text: &'a str,
    vars: HashMap<String, Var>,
    names: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Compiler<'_> {
    /// An error at the first place the rule file says `near` (serde_yaml keeps no positions
    /// for values, so the text is searched; keys are searched with their colon).
    fn error(&mut self, code: Code, near: &str, message: String, help: &str) {
        let span = find(self.text, near);
        self.diagnostics.push(
            Diagnostic::error(code, span, message)
                .with_label("here")
                .with_help(help.to_owned()),
        );
    }

    fn var(&mut self, name: &str) -> Var {
        if let Some(&v) = self.vars.get(name) {
            return v;
        }
        self.names.push(name.to_owned());
        self.vars.insert(name.to_owned(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// A variable that must already be bound.
    fn use_var(&mut self, name: &str, bound: &[Var]) -> Option<Var> {
        if !name.starts_with('$') {
            self.error(
                Code::RuleInvalid,
                name,
                format!("`{name}` is not a variable"),
                "variables start with `$`, e.g. `$state`",
            );
            return None;
        }
        let var = self.vars.get(name).copied();
        match var {
            Some(v) if bound.contains(&v) => Some(v),
            _ => {
                self.error(
                    Code::RuleUnboundVariable,
                    name,
                    format!("`{name}` is not bound by the `match` pattern"),
                    "bind it in an atom of `match` before it is used",
                );
                None
            }
        }
    }

    fn atoms(&mut self, values: &[serde_yaml::Value], bound: &mut Vec<Var>) -> Vec<Atom> {
        values.iter().filter_map(|v| self.atom(v, bound)).collect()
    }

    /// An `unless` entry or an `any` alternative: one atom, or `all: [atoms]`.
    fn alternative(&mut self, value: &serde_yaml::Value, bound: &mut Vec<Var>) -> Vec<Atom> {
        if let Some(all) = value.as_mapping().and_then(|m| m.get("all")) {
            match all.as_sequence() {
                Some(seq) => return self.atoms(seq, bound),
                None => {
                    self.error(
                        Code::RuleInvalid,
                        "all",
                        "`all` takes a list of atoms".into(),
                        "write `all: [ {relation: {...}}, ... ]`",
                    );
                    return Vec::new();
                }
            }
        }
        self.atom(value, bound).into_iter().collect()
    }

    fn atom(&mut self, value: &serde_yaml::Value, bound: &mut Vec<Var>) -> Option<Atom> {
        let Some(map) = value.as_mapping().filter(|m| m.len() == 1) else {
            self.error(
                Code::RuleInvalid,
                "match",
                "each atom is a map with one key".into(),
                "write `- relation: { field: $var }`",
            );
            return None;
        };
        let (key, body) = map.iter().next()?;
        let key = key.as_str().unwrap_or_default().to_owned();
        match key.as_str() {
            "any" => {
                let Some(seq) = body.as_sequence() else {
                    self.error(
                        Code::RuleInvalid,
                        "any",
                        "`any` takes a list of alternatives".into(),
                        "write `any: [ atom, atom ]`",
                    );
                    return None;
                };
                let mut alternatives = Vec::new();
                let mut common: Option<Vec<Var>> = None;
                for alternative in seq {
                    let mut inner = bound.clone();
                    alternatives.push(self.alternative(alternative, &mut inner));
                    common = Some(match common {
                        None => inner,
                        Some(c) => c.into_iter().filter(|v| inner.contains(v)).collect(),
                    });
                }
                // A variable is bound after `any` only if every alternative binds it.
                if let Some(common) = common {
                    for v in common {
                        if !bound.contains(&v) {
                            bound.push(v);
                        }
                    }
                }
                Some(Atom::Any(alternatives))
            }
            "different" => {
                let names: Vec<&str> = body
                    .as_sequence()
                    .map(|s| s.iter().filter_map(|v| v.as_str()).collect())
                    .unwrap_or_default();
                let [a, b] = names.as_slice() else {
                    self.error(
                        Code::RuleInvalid,
                        "different",
                        "`different` takes two variables".into(),
                        "write `different: [$a, $b]`",
                    );
                    return None;
                };
                let (a, b) = (self.use_var(a, bound)?, self.use_var(b, bound)?);
                Some(Atom::Different(a, b))
            }
            name => {
                let Some(rel) = Rel::from_name(name) else {
                    let known = Rel::ALL.iter().map(|r| r.name());
                    let help = match crate::diagnostic::did_you_mean(name, known) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`normcheck rules --relations` lists the relations".to_owned(),
                    };
                    self.error(
                        Code::RuleUnknownRelation,
                        &format!("{name}:"),
                        format!("`{name}` is not a relation"),
                        &help,
                    );
                    return None;
                };
                let Some(fields_map) = body.as_mapping() else {
                    self.error(
                        Code::RuleInvalid,
                        name,
                        format!("`{name}` takes a map of fields"),
                        "write `relation: { field: $var, other: word }`",
                    );
                    return None;
                };
                let mut fields = Vec::new();
                for (field, term) in fields_map {
                    let field = field.as_str().unwrap_or_default();
                    let Some(fid) = rel.field(field) else {
                        let names: Vec<&str> = rel.fields().iter().map(|f| f.name).collect();
                        let help = format!("`{name}` has the fields {}", names.join(", "));
                        self.error(
                            Code::RuleUnknownField,
                            &format!("{field}:"),
                            format!("`{name}` has no field `{field}`"),
                            &help,
                        );
                        continue;
                    };
                    let term = match term {
                        serde_yaml::Value::String(s) if s.starts_with('$') => {
                            let v = self.var(s);
                            if !bound.contains(&v) {
                                bound.push(v);
                            }
                            Term::Var(v)
                        }
                        serde_yaml::Value::String(s) => Term::Words(vec![s.clone()]),
                        serde_yaml::Value::Sequence(seq) => Term::Words(
                            seq.iter()
                                .filter_map(|w| w.as_str().map(str::to_owned))
                                .collect(),
                        ),
                        _ => {
                            self.error(Code::RuleInvalid, field, format!("the value of `{field}` must be a `$variable`, a word or a list of words"), "quote values YAML would read as numbers or booleans");
                            continue;
                        }
                    };
                    fields.push((fid, term));
                }
                Some(Atom::Relation { rel, fields })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalogue_is_valid() {
        let (catalogue, problems) = Catalogue::embedded();
        let messages: Vec<String> = problems
            .iter()
            .flat_map(|(p, _, ds)| ds.iter().map(move |d| format!("{p}: {}", d.message)))
            .collect();
        assert!(messages.is_empty(), "{messages:#?}");
        assert!(catalogue.rules.len() >= 19);
    }

    #[test]
    fn every_rule_example_is_readable_case_syntax() {
        let (catalogue, _) = Catalogue::embedded();
        for rule in &catalogue.rules {
            let (_, diagnostics) = crate::language::syntax::parse(&rule.doc.example);
            assert!(
                diagnostics.is_empty(),
                "the example of `{}` does not parse: {diagnostics:?}",
                rule.id
            );
        }
    }

    fn compile_text(text: &str) -> Result<Rule, Vec<Diagnostic>> {
        compile(
            &Corpus::embedded(),
            &RuleSource {
                path: "test.yaml",
                text,
            },
        )
    }

    const BASE: &str = "id: test-rule\ntitle: t\nstrength: norm\nparty: $s\nfocus: $a\nnot_implicated_when: []\ndoc: {what: w, why: w, example: e}\n";

    #[test]
    fn a_citation_outside_the_corpus_is_rejected() {
        let text = format!("{BASE}citations: [\"A/76/135 ¶13(f)\"]\nmatch:\n  - conduct_of: {{act: $a, state: $s}}\n");
        let codes: Vec<Code> = compile_text(&text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, vec![Code::CitationNotInCorpus]);
    }

    #[test]
    fn unknown_fields_relations_and_unbound_variables_are_rejected() {
        let text = format!(
            "{BASE}citations: []\nmatch:\n  - conduct: {{act: $a}}\n  - by: {{act: $a, who: $s}}\n"
        );
        let codes: Vec<Code> = compile_text(&text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(
            codes,
            vec![
                Code::RuleUnknownRelation,
                Code::RuleUnknownField,
                Code::RuleUnboundVariable,
            ]
        );
        let unknown_key = format!("{BASE}citations: []\nmatch: []\nseverity: high\n");
        let codes: Vec<Code> = compile_text(&unknown_key)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, vec![Code::RuleInvalid]);
    }
}
