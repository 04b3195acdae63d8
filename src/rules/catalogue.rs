//! The rule catalogue: the compiled rules (embedded from `rules/` at compile time, plus any the
//! user adds), sorted by id, with the corpus their citations were checked against. Reading and
//! validating a rule file is `compile`'s business.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::language::model::Date;
use crate::rules::compile::compile;
use crate::rules::corpus::{self, Citation, Corpus};
use crate::rules::precompiled;
use crate::schema::Rel;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// How binding a commitment is, following the wording of the limb a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// "must", "shall": international law.
    Law,
    /// "should": a voluntary, non-binding norm.
    Norm,
    /// "could", "encouraged": a recommendation.
    Recommendation,
}

impl Strength {
    pub const ALL: [Strength; 3] = [Strength::Law, Strength::Norm, Strength::Recommendation];

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

/// What a rule finds: conduct that implicates a commitment (in a case, or permitted by a
/// policy document), or a measure a policy document lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleKind {
    #[default]
    Conduct,
    /// An implementation-gap rule: its `unless` names the measures that fill the gap, and its
    /// findings have the status `gap`.
    Gap,
}

impl RuleKind {
    pub const ALL: [RuleKind; 2] = [RuleKind::Conduct, RuleKind::Gap];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Conduct => "conduct",
            RuleKind::Gap => "gap",
        }
    }
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

impl Atom {
    /// The atom as the statement that would make it hold, for a gap's help: `provides
    /// national-cert`, `declares cert-not-for-malice` (a relation of a policy document's own
    /// statements is named by its keyword); other atoms as a pattern.
    pub fn wanted(&self) -> String {
        match self {
            Atom::Relation { rel, fields } => {
                let words: Vec<&str> = fields
                    .iter()
                    .filter_map(|(_, t)| match t {
                        Term::Words(words) => Some(words.iter().map(String::as_str)),
                        Term::Var(_) => None,
                    })
                    .flatten()
                    .collect();
                format!("{} {}", rel.name(), words.join(" or "))
            }
            Atom::Any(_) => "one of several alternatives".to_owned(),
            Atom::Different(..) => "two different values".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Caution {
    pub text: String,
    pub cite: Citation,
}

/// Since when a rule's commitment exists. A norm or recommendation exists from the day the
/// report that first states it was adopted, and is not found for conduct that ended before;
/// the law the reports reaffirm existed before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// International law the reports reaffirm: no date.
    ExistingLaw,
    /// First stated in this report (`A/70/174`, `A/76/135`).
    Report(&'static str),
}

impl Since {
    /// How a rule file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Since::ExistingLaw => "existing law",
            Since::Report(document) => document,
        }
    }

    /// The first day the commitment exists, if it has one.
    pub fn date(self) -> Option<Date> {
        match self {
            Since::ExistingLaw => None,
            Since::Report(document) => corpus::adopted(document),
        }
    }

    /// For a rule's documentation: since when, and what follows for earlier conduct.
    pub fn explained(self) -> String {
        match self {
            Since::ExistingLaw => format!("{}; it reaches conduct of any date", self.describe()),
            Since::Report(_) => format!(
                "{}; not found for conduct that ended before that day",
                self.describe()
            ),
        }
    }

    /// For readers: "A/70/174, adopted 2015-06-26".
    pub fn describe(self) -> String {
        match (self, self.date()) {
            (Since::Report(document), Some(day)) => format!("{document}, adopted {day}"),
            _ => "existing international law, which the reports reaffirm".to_owned(),
        }
    }
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
    pub kind: RuleKind,
    pub since: Since,
    pub citations: Vec<Citation>,
    pub party: Var,
    pub focus: Var,
    pub vars: Vec<String>,
    pub pattern: Vec<Atom>,
    /// Each alternative, if it holds, defeats a match.
    pub unless: Vec<Vec<Atom>>,
    /// Each alternative, if it holds, leaves a match undecided: the finding is `cannot-assess`,
    /// decided by the facts it holds on (an object in dual civilian and military use).
    pub doubt: Vec<Vec<Atom>>,
    pub cautions: Vec<Caution>,
    pub not_implicated_when: Vec<String>,
    pub doc: RuleDoc,
    /// Where the rule came from: `rules/norm-13f.yaml` or a user path.
    pub source: String,
    /// Where its id is written in its file.
    pub(crate) id_span: Span,
}

/// A rule's place in its catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(u32);

impl Rule {
    /// Its citations as one line: `A/70/174 ¶13(f); A/76/135 ¶42`.
    pub fn citation_line(&self) -> String {
        let cites: Vec<String> = self.citations.iter().map(ToString::to_string).collect();
        cites.join("; ")
    }
}

impl RuleId {
    /// Its place, from 0: rules can be kept in a vector beside the catalogue's.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

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
    /// Returns every problem of every file, as (path, text, diagnostics). The embedded rules
    /// come precompiled (`precompiled.rs`) unless their files have changed since.
    pub fn load(extra: &[RuleSource<'_>]) -> (Catalogue, RuleDiagnostics) {
        Catalogue::load_with(extra, precompiled::COMPILED_FROM == RULES_FINGERPRINT)
    }

    /// The embedded rules compiled from their YAML, whatever is precompiled.
    #[cfg(test)]
    pub(crate) fn compile_embedded() -> (Catalogue, RuleDiagnostics) {
        Catalogue::load_with(&[], false)
    }

    fn load_with(extra: &[RuleSource<'_>], precompiled: bool) -> (Catalogue, RuleDiagnostics) {
        let corpus = Corpus::embedded();
        let mut problems = Vec::new();
        let mut by_id: BTreeMap<String, (Rule, bool)> = BTreeMap::new();
        if precompiled {
            for rule in precompiled::rules() {
                by_id.insert(rule.id.clone(), (rule, false));
            }
        }
        let embedded = EMBEDDED_RULES
            .iter()
            .filter(|_| !precompiled)
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
                    let span = rule.id_span;
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
