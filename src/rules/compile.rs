//! Reading a rule file: YAML with positions (`yaml`), every key checked against the rule
//! format, then validated: citations in the corpus, relations, fields and words in the schema,
//! variables bound before use, a bounded pattern. Every error points at the key or word it is
//! about. With `yaml`, this is the only code that reads rule files.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Span};
use crate::rules::catalogue::{
    Atom, Caution, Rule, RuleDoc, RuleKind, RuleSource, Since, Strength, Term, Var,
};
use crate::rules::corpus::{self, Corpus};
use crate::rules::yaml::{self, Node};
use crate::schema::{FieldValues, Rel};

/// The keys of a rule file, and of its `doc` and `cautions` entries.
const RULE_KEYS: &[&str] = &[
    "id",
    "title",
    "strength",
    "kind",
    "since",
    "party",
    "focus",
    "citations",
    "match",
    "unless",
    "doubt",
    "cautions",
    "not_implicated_when",
    "doc",
];
const DOC_KEYS: &[&str] = &["what", "why", "example", "reading"];
const CAUTION_KEYS: &[&str] = &["text", "cite"];

/// The most atoms a rule's pattern may have, `any` and `all` included, and how deep they may
/// nest: far beyond any commitment's elements, and small enough that matching cannot run out
/// of stack.
const MAX_ATOMS: usize = 200;
const MAX_DEPTH: usize = 8;

const FORMAT_HELP: &str = "see ARCHITECTURE.md, \"Rule format\", for the keys a rule has";

pub(crate) fn compile(corpus: &Corpus, source: &RuleSource<'_>) -> Result<Rule, Vec<Diagnostic>> {
    let root = yaml::parse(source.text).map_err(|e| {
        vec![Diagnostic::error(Code::RuleInvalid, e.span, e.message)
            .with_label("here")
            .with_help(FORMAT_HELP)]
    })?;
    let mut c = Compiler {
        vars: HashMap::new(),
        names: Vec::new(),
        diagnostics: Vec::new(),
        atoms: 0,
    };
    let Some(keys) = c.keys(&root, RULE_KEYS, "a rule") else {
        return Err(c.diagnostics);
    };
    let id = c.text(&keys, &root, "id");
    let title = c.text(&keys, &root, "title");
    let strength = c.required(&keys, &root, "strength").and_then(|node| {
        let word = node.as_str().unwrap_or_default();
        let found = Strength::ALL.into_iter().find(|s| s.as_str() == word);
        if found.is_none() {
            let words = Strength::ALL.map(Strength::as_str);
            let help = match did_you_mean(word, words) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("a strength is one of: {}", words.join(", ")),
            };
            c.error(
                Code::RuleInvalid,
                node.span,
                format!("`{word}` is not a strength"),
                &help,
            );
        }
        found
    });
    let since = c.required(&keys, &root, "since").and_then(|node| {
        let word = node.as_str().unwrap_or_default();
        if word == Since::ExistingLaw.as_str() {
            return Some(Since::ExistingLaw);
        }
        let found = corpus::reports().find(|d| *d == word).map(Since::Report);
        if found.is_none() {
            let words = corpus::reports().chain([Since::ExistingLaw.as_str()]);
            let help = match did_you_mean(word, words.clone()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "`since` is the report that first states the commitment ({}), or `existing law` for the law the reports reaffirm",
                    words.collect::<Vec<_>>().join(", ")
                ),
            };
            c.error(Code::RuleInvalid, node.span, format!("`{word}` is not a report of the corpus"), &help);
        }
        found
    });
    let kind = match keys.get("kind") {
        None => RuleKind::Conduct,
        Some(node) => {
            let word = node.as_str().unwrap_or_default();
            let found = RuleKind::ALL.into_iter().find(|k| k.as_str() == word);
            if found.is_none() {
                c.error(
                    Code::RuleInvalid,
                    node.span,
                    format!("`{word}` is not a kind of rule"),
                    "a rule's kind is `conduct` (the default) or `gap`",
                );
            }
            found.unwrap_or_default()
        }
    };
    if let Some((id, span)) = &id {
        if !is_kebab(id) {
            c.error(
                Code::RuleInvalid,
                *span,
                format!("rule id `{id}` is not kebab-case"),
                "use lowercase words joined by `-`",
            );
        }
    }
    let mut citations = Vec::new();
    for node in c.list(&keys, &root, "citations", true) {
        if let Some(cite) = c.scalar(node) {
            match corpus.cite(&cite) {
                Ok(citation) => citations.push(citation),
                Err(e) => c.error(
                    Code::CitationNotInCorpus,
                    node.span,
                    format!("`{cite}` is not in the corpus"),
                    &e.to_string(),
                ),
            }
        }
    }
    let mut cautions = Vec::new();
    for node in c.list(&keys, &root, "cautions", false) {
        let Some(fields) = c.keys(node, CAUTION_KEYS, "a caution") else {
            continue;
        };
        let text = c.text(&fields, node, "text");
        let Some(cite_node) = c.required(&fields, node, "cite") else {
            continue;
        };
        let Some(cite) = c.scalar(cite_node) else {
            continue;
        };
        match corpus.cite(&cite) {
            Ok(cite) => {
                if let Some((text, _)) = text {
                    cautions.push(Caution { text, cite });
                }
            }
            Err(e) => c.error(
                Code::CitationNotInCorpus,
                cite_node.span,
                format!("`{cite}` is not in the corpus"),
                &e.to_string(),
            ),
        }
    }
    let not_implicated_when: Vec<String> = c
        .list(&keys, &root, "not_implicated_when", true)
        .into_iter()
        .filter_map(|n| c.scalar(n))
        .collect();
    let doc = c.required(&keys, &root, "doc").and_then(|node| {
        let fields = c.keys(node, DOC_KEYS, "`doc`")?;
        let what = c.text(&fields, node, "what");
        let why = c.text(&fields, node, "why");
        let example = c.text(&fields, node, "example");
        let reading = fields.get("reading").and_then(|n| c.scalar(n));
        Some(RuleDoc {
            what: what?.0,
            why: why?.0,
            example: example?.0,
            reading,
        })
    });
    let mut bound = Vec::new();
    let pattern_nodes = c.list(&keys, &root, "match", true);
    let pattern = c.atoms(&pattern_nodes, &mut bound, 0);
    let party = c.var_of(&keys, &root, "party", &bound);
    let focus = c.var_of(&keys, &root, "focus", &bound);
    let mut unless = Vec::new();
    for alternative in c.list(&keys, &root, "unless", false) {
        let mut inner = bound.clone();
        unless.push(c.alternative(alternative, &mut inner, 0));
    }
    let mut doubt = Vec::new();
    for alternative in c.list(&keys, &root, "doubt", false) {
        let mut inner = bound.clone();
        doubt.push(c.alternative(alternative, &mut inner, 0));
    }
    if kind == RuleKind::Gap && unless.is_empty() {
        let span = keys.get("kind").map_or(root.span, |n| n.span);
        c.error(
            Code::RuleInvalid,
            span,
            "a gap rule has no `unless`: it would find a gap in every document".to_owned(),
            "list under `unless` the provisions that fill the gap, e.g. `- provides: { document: $doc, measure: [national-cert] }`",
        );
    }
    let (
        Some((id, id_span)),
        Some((title, _)),
        Some(strength),
        Some(since),
        Some(doc),
        Some(party),
        Some(focus),
        true,
    ) = (
        id,
        title,
        strength,
        since,
        doc,
        party,
        focus,
        c.diagnostics.is_empty(),
    )
    else {
        return Err(c.diagnostics);
    };
    Ok(Rule {
        id,
        title,
        strength,
        kind,
        since,
        citations,
        party,
        focus,
        vars: c.names,
        pattern,
        unless,
        doubt,
        cautions,
        not_implicated_when,
        doc,
        source: source.path.to_owned(),
        id_span,
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The keys of one map of a rule file, checked against those it may have.
type Keys<'n> = BTreeMap<&'n str, &'n Node>;

struct Compiler {
    vars: HashMap<String, Var>,
    names: Vec<String>,
    diagnostics: Vec<Diagnostic>,
    /// Atoms compiled so far, against `MAX_ATOMS`.
    atoms: usize,
}

impl Compiler {
    fn error(&mut self, code: Code, span: Span, message: String, help: &str) {
        self.diagnostics.push(
            Diagnostic::error(code, span, message)
                .with_label("here")
                .with_help(help.to_owned()),
        );
    }

    /// The entries of a map that must have only `allowed` keys; `what` names it for messages.
    fn keys<'n>(&mut self, node: &'n Node, allowed: &[&str], what: &str) -> Option<Keys<'n>> {
        let Some(entries) = node.as_map() else {
            self.error(
                Code::RuleInvalid,
                node.span,
                format!("{what} is a map of keys, not {}", node.kind()),
                FORMAT_HELP,
            );
            return None;
        };
        let mut keys = BTreeMap::new();
        for (key, value) in entries {
            let name = key.as_str().unwrap_or_default();
            if !allowed.contains(&name) {
                let help = match did_you_mean(name, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("{what} has the keys {}", allowed.join(", ")),
                };
                self.error(
                    Code::RuleInvalid,
                    key.span,
                    format!("`{name}` is not a key of {what}"),
                    &help,
                );
            } else if keys.insert(name, value).is_some() {
                self.error(
                    Code::RuleInvalid,
                    key.span,
                    format!("`{name}` is given twice"),
                    "keep one",
                );
            }
        }
        Some(keys)
    }

    fn required<'n>(&mut self, keys: &Keys<'n>, map: &Node, key: &str) -> Option<&'n Node> {
        let found = keys.get(key).copied();
        if found.is_none() {
            self.error(
                Code::RuleInvalid,
                Span::new(map.span.start, map.span.start),
                format!("missing key `{key}`"),
                FORMAT_HELP,
            );
        }
        found
    }

    /// A scalar's text, or an error at the node.
    fn scalar(&mut self, node: &Node) -> Option<String> {
        match node.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.error(
                    Code::RuleInvalid,
                    node.span,
                    format!("expected a word or text, found {}", node.kind()),
                    FORMAT_HELP,
                );
                None
            }
        }
    }

    /// A required key holding text, with the text's span.
    fn text(&mut self, keys: &Keys<'_>, map: &Node, key: &str) -> Option<(String, Span)> {
        let node = self.required(keys, map, key)?;
        self.scalar(node).map(|s| (s, node.span))
    }

    /// A key holding a list (empty when an optional key is absent).
    fn list<'n>(
        &mut self,
        keys: &Keys<'n>,
        map: &Node,
        key: &str,
        required: bool,
    ) -> Vec<&'n Node> {
        let node = match keys.get(key) {
            Some(node) => *node,
            None if required => {
                self.required(keys, map, key);
                return Vec::new();
            }
            None => return Vec::new(),
        };
        match node.as_list() {
            Some(items) => items.iter().collect(),
            None => {
                self.error(
                    Code::RuleInvalid,
                    node.span,
                    format!("`{key}` takes a list, not {}", node.kind()),
                    FORMAT_HELP,
                );
                Vec::new()
            }
        }
    }

    fn var(&mut self, name: &str) -> Var {
        if let Some(&v) = self.vars.get(name) {
            return v;
        }
        self.names.push(name.to_owned());
        self.vars.insert(name.to_owned(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// The variable a key names, which must be bound by the pattern.
    fn var_of(&mut self, keys: &Keys<'_>, map: &Node, key: &str, bound: &[Var]) -> Option<Var> {
        let node = self.required(keys, map, key)?;
        self.use_var(node, bound)
    }

    /// A variable that must already be bound.
    fn use_var(&mut self, node: &Node, bound: &[Var]) -> Option<Var> {
        let name = self.scalar(node)?;
        if !name.starts_with('$') {
            self.error(
                Code::RuleInvalid,
                node.span,
                format!("`{name}` is not a variable"),
                "variables start with `$`, e.g. `$state`",
            );
            return None;
        }
        match self.vars.get(&name).copied() {
            Some(v) if bound.contains(&v) => Some(v),
            _ => {
                self.error(
                    Code::RuleUnboundVariable,
                    node.span,
                    format!("`{name}` is not bound by the `match` pattern"),
                    "bind it in an atom of `match` before it is used",
                );
                None
            }
        }
    }

    fn atoms(&mut self, nodes: &[&Node], bound: &mut Vec<Var>, depth: usize) -> Vec<Atom> {
        nodes
            .iter()
            .filter_map(|n| self.atom(n, bound, depth))
            .collect()
    }

    /// An `unless` entry or an `any` alternative: one atom, or `all: [atoms]`.
    fn alternative(&mut self, node: &Node, bound: &mut Vec<Var>, depth: usize) -> Vec<Atom> {
        if let Some([(key, all)]) = node.as_map() {
            if key.as_str() == Some("all") {
                let Some(items) = all.as_list() else {
                    self.error(
                        Code::RuleInvalid,
                        all.span,
                        "`all` takes a list of atoms".into(),
                        "write `all: [ {relation: {...}}, ... ]`",
                    );
                    return Vec::new();
                };
                let items: Vec<&Node> = items.iter().collect();
                return self.atoms(&items, bound, depth + 1);
            }
        }
        self.atom(node, bound, depth).into_iter().collect()
    }

    fn atom(&mut self, node: &Node, bound: &mut Vec<Var>, depth: usize) -> Option<Atom> {
        self.atoms += 1;
        if self.atoms == MAX_ATOMS + 1 || depth > MAX_DEPTH {
            self.error(
                Code::RuleInvalid,
                node.span,
                format!("a pattern has at most {MAX_ATOMS} atoms, nested at most {MAX_DEPTH} deep"),
                "split the rule: a commitment has a handful of elements",
            );
            return None;
        }
        if self.atoms > MAX_ATOMS {
            return None;
        }
        let Some([(key, body)]) = node.as_map() else {
            self.error(
                Code::RuleInvalid,
                node.span,
                "each atom is a map with one key".into(),
                "write `- relation: { field: $var }`",
            );
            return None;
        };
        let name = key.as_str().unwrap_or_default();
        match name {
            "any" => {
                let Some(items) = body.as_list() else {
                    self.error(
                        Code::RuleInvalid,
                        body.span,
                        "`any` takes a list of alternatives".into(),
                        "write `any: [ atom, atom ]`",
                    );
                    return None;
                };
                let mut alternatives = Vec::new();
                let mut common: Option<Vec<Var>> = None;
                for alternative in items {
                    let mut inner = bound.clone();
                    alternatives.push(self.alternative(alternative, &mut inner, depth + 1));
                    common = Some(match common {
                        None => inner,
                        Some(c) => c.into_iter().filter(|v| inner.contains(v)).collect(),
                    });
                }
                // A variable is bound after `any` only if every alternative binds it.
                for v in common.unwrap_or_default() {
                    if !bound.contains(&v) {
                        bound.push(v);
                    }
                }
                Some(Atom::Any(alternatives))
            }
            "different" => {
                let Some([a, b]) = body.as_list() else {
                    self.error(
                        Code::RuleInvalid,
                        body.span,
                        "`different` takes two variables".into(),
                        "write `different: [$a, $b]`",
                    );
                    return None;
                };
                let (a, b) = (self.use_var(a, bound), self.use_var(b, bound));
                Some(Atom::Different(a?, b?))
            }
            _ => self.relation_atom(key, name, body, bound),
        }
    }

    fn relation_atom(
        &mut self,
        key: &Node,
        name: &str,
        body: &Node,
        bound: &mut Vec<Var>,
    ) -> Option<Atom> {
        let Some(rel) = Rel::from_name(name) else {
            let known = Rel::ALL.iter().map(|r| r.name());
            let help = match did_you_mean(name, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`normcheck rules --relations` lists the relations".to_owned(),
            };
            self.error(
                Code::RuleUnknownRelation,
                key.span,
                format!("`{name}` is not a relation"),
                &help,
            );
            return None;
        };
        let Some(entries) = body.as_map() else {
            self.error(
                Code::RuleInvalid,
                body.span,
                format!("`{name}` takes a map of fields"),
                "write `relation: { field: $var, other: word }`",
            );
            return None;
        };
        let mut fields = Vec::new();
        for (field_node, term) in entries {
            let field = field_node.as_str().unwrap_or_default();
            let Some(fid) = rel.field(field) else {
                let names: Vec<&str> = rel.fields().iter().map(|f| f.name).collect();
                let help = match did_you_mean(field, names.iter().copied()) {
                    Some(s) => format!(
                        "did you mean `{s}`? `{name}` has the fields {}",
                        names.join(", ")
                    ),
                    None => format!("`{name}` has the fields {}", names.join(", ")),
                };
                self.error(
                    Code::RuleUnknownField,
                    field_node.span,
                    format!("`{name}` has no field `{field}`"),
                    &help,
                );
                continue;
            };
            if let Some(var) = term.as_str().filter(|s| s.starts_with('$')) {
                let v = self.var(var);
                if !bound.contains(&v) {
                    bound.push(v);
                }
                fields.push((fid, Term::Var(v)));
                continue;
            }
            let words: Vec<&Node> = match &term.value {
                yaml::Value::Scalar(_) => vec![term],
                yaml::Value::List(items) => items.iter().collect(),
                yaml::Value::Map(_) => {
                    self.error(
                        Code::RuleInvalid,
                        term.span,
                        format!("the value of `{field}` must be a `$variable`, a word or a list of words"),
                        "write `field: $var`, `field: word` or `field: [word, word]`",
                    );
                    continue;
                }
            };
            let allowed = match rel.fields()[fid].values {
                FieldValues::Words(allowed) => allowed,
                FieldValues::Id => {
                    self.error(
                        Code::RuleInvalid,
                        term.span,
                        format!("`{name}.{field}` holds ids, which differ from case to case"),
                        "match it with a `$variable`, and constrain the variable through another relation",
                    );
                    continue;
                }
            };
            let mut checked = Vec::new();
            for word in words {
                let Some(text) = self.scalar(word) else {
                    continue;
                };
                if allowed.contains(&text.as_str()) {
                    checked.push(text);
                    continue;
                }
                let help = match did_you_mean(&text, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`{name}.{field}` holds one of: {}", allowed.join(", ")),
                };
                self.error(
                    Code::RuleUnknownWord,
                    word.span,
                    format!("`{text}` is not a word `{name}.{field}` can hold"),
                    &help,
                );
            }
            fields.push((fid, Term::Words(checked)));
        }
        Some(Atom::Relation { rel, fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::catalogue::Catalogue;

    #[test]
    fn the_embedded_catalogue_is_valid() {
        let (catalogue, problems) = Catalogue::embedded();
        let messages: Vec<String> = problems
            .iter()
            .flat_map(|(p, _, ds)| ds.iter().map(move |d| format!("{p}: {}", d.message)))
            .collect();
        assert!(messages.is_empty(), "{messages:#?}");
        assert!(catalogue.rules().len() >= 19);
    }

    #[test]
    fn every_rule_example_is_readable_case_syntax() {
        let (catalogue, _) = Catalogue::embedded();
        for rule in catalogue.rules() {
            let mut arena = crate::language::syntax::Arena::new();
            let (_, diagnostics) = crate::language::syntax::parse(&rule.doc.example, &mut arena);
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

    const BASE: &str = "id: test-rule\ntitle: t\nstrength: norm\nsince: A/70/174\nparty: $s\nfocus: $a\nnot_implicated_when: []\ndoc: {what: w, why: w, example: e}\n";

    #[test]
    fn a_citation_outside_the_corpus_is_rejected() {
        let text = format!("{BASE}citations: [\"A/76/135 ¶13(f)\"]\nmatch:\n  - conduct_of: {{act: $a, state: $s}}\n");
        let found = codes(&text);
        assert_eq!(found, vec![Code::CitationNotInCorpus]);
    }

    #[test]
    fn unknown_fields_relations_and_unbound_variables_are_rejected() {
        let text = format!(
            "{BASE}citations: []\nmatch:\n  - conduct: {{act: $a}}\n  - by: {{act: $a, who: $s}}\n"
        );
        let found = codes(&text);
        assert_eq!(
            found,
            vec![
                Code::RuleUnknownRelation,
                Code::RuleUnknownField,
                Code::RuleUnboundVariable,
            ]
        );
        // Every problem at once: the unknown key, and the variables the empty pattern leaves
        // unbound.
        let unknown_key = format!("{BASE}citations: []\nmatch: []\nseverity: high\n");
        let found = codes(&unknown_key);
        assert_eq!(
            found,
            vec![
                Code::RuleInvalid,
                Code::RuleUnboundVariable,
                Code::RuleUnboundVariable
            ]
        );
    }

    fn codes(text: &str) -> Vec<Code> {
        compile_text(text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.code)
            .collect()
    }

    fn problems(text: &str) -> Vec<(Code, String, String)> {
        compile_text(text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let at = text.get(d.span.start..d.span.end).unwrap_or("").to_owned();
                (d.code, at, d.help.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn a_misspelled_word_is_an_error_at_the_word_with_a_suggestion() {
        let text = format!("{BASE}citations: []\nmatch:\n  - act_kind: {{act: $a, kind: [disruption, disruptoin]}}\n  - conduct_of: {{act: $a, state: $s}}\n");
        assert_eq!(
            problems(&text),
            vec![(
                Code::RuleUnknownWord,
                "disruptoin".to_owned(),
                "did you mean `disruption`?".to_owned()
            )]
        );
    }

    #[test]
    fn errors_point_at_the_value_they_are_about() {
        // `$s` also occurs inside `$state`: the error is at `party: $s`, not inside `$state`.
        let text = "id: test-rule\ntitle: t\nstrength: norm\nsince: A/70/174\nparty: $s\nfocus: $act\nnot_implicated_when: []\ndoc: {what: w, why: w, example: e}\ncitations: []\nmatch:\n  - conduct_of: {act: $act, state: $state}\n";
        let found = compile_text(text).err().unwrap_or_default();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::RuleUnboundVariable);
        assert_eq!(found[0].span.start, text.find("party: $s").unwrap_or(0) + 7);
        let typo = format!("{BASE}citations: []\nmatch: []\ncautoins: []\n");
        assert_eq!(
            problems(&typo)[0],
            (
                Code::RuleInvalid,
                "cautoins".to_owned(),
                "did you mean `cautions`?".to_owned()
            )
        );
    }

    #[test]
    fn a_pattern_of_a_hundred_thousand_atoms_is_refused_without_a_crash() {
        let atoms = "  - state: {state: $s}\n".repeat(100_000);
        let text =
            format!("{BASE}citations: []\nmatch:\n  - conduct_of: {{act: $a, state: $s}}\n{atoms}");
        let found = problems(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Code::RuleInvalid);
    }
}
