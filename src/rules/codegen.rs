//! Writes the shipped catalogue, compiled from `rules/*.yaml`, as Rust source
//! (`src/rules/precompiled.rs`), so that a run builds its rules without reading YAML. The test
//! below keeps that file in step with the rule files: when they (or the code that compiles them)
//! change, it rewrites the file and fails, and the next run passes.

use std::fmt::Write as _;

use super::catalogue::{Atom, Catalogue, Rule, Term, RULES_FINGERPRINT};
use super::corpus::Citation;

/// The source of `precompiled.rs` for these rules.
fn source(rules: &[Rule]) -> String {
    let mut out = String::from(
        "//! The shipped rules, compiled from `rules/*.yaml` by the test in `src/rules/codegen.rs`:\n\
         //! do not edit. Used only while `COMPILED_FROM` matches the fingerprint of the rule files\n\
         //! and of the code that compiles them (`build.rs`); until the test has run again after a\n\
         //! change, the rules are compiled from their YAML as a user's rules are.\n\n\
         use super::catalogue::{Atom, Caution, Rule, RuleDoc, RuleKind, Since, Strength, Term};\n\
         use super::corpus::Citation;\n\
         use crate::diagnostic::Span;\n\
         use crate::schema::Rel;\n\n",
    );
    let _ = writeln!(
        out,
        "/// The fingerprint the rules below were compiled from.\n\
         pub(crate) const COMPILED_FROM: u64 = {RULES_FINGERPRINT:#018x};\n"
    );
    out.push_str("/// Every shipped rule, sorted by id.\n#[rustfmt::skip]\npub(crate) fn rules() -> Vec<Rule> {\n    vec![\n");
    for rule in rules {
        rule_source(&mut out, rule);
    }
    out.push_str("    ]\n}\n");
    out
}

fn text(s: &str) -> String {
    format!("{s:?}.to_owned()")
}

fn texts(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| text(s)).collect();
    format!("vec![{}]", items.join(", "))
}

fn citation(c: &Citation) -> String {
    match c {
        Citation::Paragraph {
            document,
            paragraph,
        } => format!(
            "Citation::Paragraph {{ document: {document:?}, paragraph: {} }}",
            text(paragraph)
        ),
        Citation::External(s) => format!("Citation::External({s:?})"),
    }
}

fn atoms(items: &[Atom]) -> String {
    let items: Vec<String> = items.iter().map(atom).collect();
    format!("vec![{}]", items.join(", "))
}

fn atom(a: &Atom) -> String {
    match a {
        Atom::Relation { rel, fields } => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(field, term)| match term {
                    Term::Var(v) => format!("({field}, Term::Var({v}))"),
                    Term::Words(words) => format!("({field}, Term::Words({}))", texts(words)),
                })
                .collect();
            format!(
                "Atom::Relation {{ rel: Rel::{rel:?}, fields: vec![{}] }}",
                fields.join(", ")
            )
        }
        Atom::Any(alternatives) => {
            let alternatives: Vec<String> = alternatives.iter().map(|a| atoms(a)).collect();
            format!("Atom::Any(vec![{}])", alternatives.join(", "))
        }
        Atom::Different(a, b) => format!("Atom::Different({a}, {b})"),
    }
}

fn rule_source(out: &mut String, r: &Rule) {
    let citations: Vec<String> = r.citations.iter().map(citation).collect();
    let unless: Vec<String> = r.unless.iter().map(|a| atoms(a)).collect();
    let doubt: Vec<String> = r.doubt.iter().map(|a| atoms(a)).collect();
    let cautions: Vec<String> = r
        .cautions
        .iter()
        .map(|c| {
            format!(
                "Caution {{ text: {}, cite: {} }}",
                text(&c.text),
                citation(&c.cite)
            )
        })
        .collect();
    let reading = match &r.doc.reading {
        Some(s) => format!("Some({})", text(s)),
        None => "None".to_owned(),
    };
    let _ = writeln!(out, "        Rule {{");
    let _ = writeln!(out, "            id: {},", text(&r.id));
    let _ = writeln!(out, "            title: {},", text(&r.title));
    let _ = writeln!(out, "            strength: Strength::{:?},", r.strength);
    let _ = writeln!(out, "            kind: RuleKind::{:?},", r.kind);
    let _ = writeln!(out, "            since: Since::{:?},", r.since);
    let _ = writeln!(
        out,
        "            citations: vec![{}],",
        citations.join(", ")
    );
    let _ = writeln!(out, "            party: {},", r.party);
    let _ = writeln!(out, "            focus: {},", r.focus);
    let _ = writeln!(out, "            vars: {},", texts(&r.vars));
    let _ = writeln!(out, "            pattern: {},", atoms(&r.pattern));
    let _ = writeln!(out, "            unless: vec![{}],", unless.join(", "));
    let _ = writeln!(out, "            doubt: vec![{}],", doubt.join(", "));
    let _ = writeln!(out, "            cautions: vec![{}],", cautions.join(", "));
    let _ = writeln!(
        out,
        "            not_implicated_when: {},",
        texts(&r.not_implicated_when)
    );
    let _ = writeln!(
        out,
        "            doc: RuleDoc {{ what: {}, why: {}, example: {}, reading: {reading} }},",
        text(&r.doc.what),
        text(&r.doc.why),
        text(&r.doc.example)
    );
    let _ = writeln!(out, "            source: {},", text(&r.source));
    let _ = writeln!(
        out,
        "            id_span: Span::new({}, {}),",
        r.id_span.start, r.id_span.end
    );
    let _ = writeln!(out, "        }},");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test that writes `precompiled.rs`: a file on disk is its output, as a snapshot is.
    #[test]
    #[allow(clippy::disallowed_methods, clippy::panic)]
    fn the_precompiled_catalogue_is_the_compiled_yaml() {
        let (catalogue, problems) = Catalogue::compile_embedded();
        assert!(problems.is_empty(), "{problems:?}");
        let wanted = source(catalogue.rules());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/precompiled.rs");
        let found = std::fs::read_to_string(path).unwrap_or_default();
        if found != wanted {
            if let Err(e) = std::fs::write(path, &wanted) {
                panic!("cannot write {path}: {e}");
            }
            panic!(
                "src/rules/precompiled.rs did not match rules/*.yaml and has been rewritten: \
                 run the tests again, and commit it"
            );
        }
        // The catalogue a run builds is the one compiled from YAML, rule for rule.
        let (embedded, _) = Catalogue::embedded();
        assert_eq!(
            format!("{:?}", embedded.rules()),
            format!("{:?}", catalogue.rules())
        );
    }
}
