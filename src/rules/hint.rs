//! An element of a rule's pattern said in the case language: what an analyst would write for it
//! to hold ("add `origin XB` to act `a1`"), for `normcheck why-not` and for failed expectations
//! in `normcheck test`. Ids a match has fixed are named; the rest are placeholders in capitals
//! (`STATE`, `ACT`). A test keeps every keyword a hint names a keyword of the language table.

use super::catalogue::{Atom, Rule, Term};
use crate::language::model::{Sym, When};
use crate::scenario::graph::Dated;
use crate::scenario::graph::Scenario;
use crate::schema::Rel;

/// What to write for `atom` to hold, given the ids bound so far (`None`: not fixed).
pub fn hint(rule: &Rule, atom: &Atom, env: &[Option<Sym>], scenario: &Scenario) -> String {
    match atom {
        Atom::Relation { rel, fields } => {
            let dated = |name: &str| match Value::bound(*rel, fields, name, env)
                .and_then(|sym| scenario.dated(sym))
            {
                Some(Dated::On { when, .. }) => Some(when),
                _ => None,
            };
            relation(
                *rel,
                &|name| Value::of(*rel, fields, name, env, scenario),
                &dated,
            )
        }
        Atom::Any(alternatives) => alternatives
            .iter()
            .map(|alt| {
                alt.iter()
                    .map(|a| hint(rule, a, env, scenario))
                    .collect::<Vec<_>>()
                    .join(", and ")
            })
            .collect::<Vec<_>>()
            .join("; or "),
        Atom::Different(a, b) => {
            let say = |v: usize| match env.get(v).copied().flatten() {
                Some(sym) => scenario.name(sym).to_owned(),
                None => rule
                    .vars
                    .get(v)
                    .map_or("?", |n| n.trim_start_matches('$'))
                    .to_owned(),
            };
            let var = |v: usize| {
                rule.vars
                    .get(v)
                    .map_or("?", |n| n.trim_start_matches('$'))
                    .to_owned()
            };
            match (
                env.get(*a).copied().flatten(),
                env.get(*b).copied().flatten(),
            ) {
                (Some(x), Some(y)) if x == y => format!(
                    "the {} and the {} are both {}: the rule speaks only of two different ones",
                    var(*a),
                    var(*b),
                    scenario.name(x)
                ),
                _ => format!("{} and {} would have to be different", say(*a), say(*b)),
            }
        }
    }
}

/// The relations a single statement inside a block makes (`intent intentional` in an act):
/// the keyword, the field its value fills, the placeholder for that value, and the field of
/// the block it is written in.
fn keyword_form(rel: Rel) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    Some(match rel {
        Rel::OrganOf => ("of", "state", "STATE", "organ"),
        Rel::OrganKind => ("kind", "kind", "KIND", "organ"),
        Rel::ActorKind => ("kind", "kind", "KIND", "actor"),
        Rel::ActorIn => ("in", "state", "STATE", "actor"),
        Rel::ObjectKind => ("kind", "kind", "KIND", "object"),
        Rel::LocatedIn => ("in", "state", "STATE", "object"),
        Rel::Critical => ("critical", "sector", "SECTOR", "object"),
        Rel::Serves => ("serves", "state", "STATE", "object"),
        Rel::OperatedBy => ("operated-by", "actor", "ACTOR", "object"),
        Rel::Protection => ("protection", "level", "LEVEL", "object"),
        Rel::By => ("by", "actor", "ACTOR", "act"),
        Rel::Against => ("against", "target", "TARGET", "act"),
        Rel::ActKind => ("kind", "kind", "KIND", "act"),
        Rel::Effect => ("effects", "effect", "EFFECT", "act"),
        Rel::Intent => ("intent", "intent", "INTENT", "act"),
        Rel::Exploits => ("exploits", "object", "VULNERABILITY", "act"),
        Rel::Affects => ("affects", "object", "OBJECT", "act"),
        Rel::ExceedsAuthority => ("exceeds-authority", "value", "yes|no", "act"),
        Rel::Acknowledged => ("acknowledged", "answer", "yes|no", "notification"),
        Rel::ReplyTo => ("in-reply-to", "to", "ACT", "act"),
        Rel::Using => ("using", "mission", "MISSION", "act"),
        Rel::Basis => ("basis", "basis", "BASIS", "attribution"),
        Rel::Substantiated => ("substantiated", "value", "yes|no", "attribution"),
        Rel::ConflictKind => ("kind", "kind", "KIND", "conflict"),
        Rel::Context => ("context", "context", "CONTEXT", "act"),
        Rel::Affected
        | Rel::Answer
        | Rel::Answered
        | Rel::Assistance
        | Rel::Attribution
        | Rel::AwareBefore
        | Rel::Capacity
        | Rel::ConductOf
        | Rel::ConflictParty
        | Rel::Consultation
        | Rel::Declares
        | Rel::EmanatedFrom
        | Rel::Harmful
        | Rel::InArmedConflict
        | Rel::Notification
        | Rel::Policy
        | Rel::Provides
        | Rel::Provision
        | Rel::Request
        | Rel::Response
        | Rel::SettlementSought
        | Rel::State
        | Rel::SupportedBy
        | Rel::Tie
        | Rel::ToleratedBy
        | Rel::UsedAssistance
        | Rel::Victim => return None,
    })
}

/// For a relation atom a single statement makes, the statement with the value the atom needs,
/// and where it goes: "`intent intentional` in act `a1`". `whatif` names it for a fact whose
/// value the file leaves `unknown` (`intent unknown`). `None` for other atoms.
pub fn setting(atom: &Atom, env: &[Option<Sym>], scenario: &Scenario) -> Option<String> {
    let Atom::Relation { rel, fields } = atom else {
        return None;
    };
    let (keyword, value, placeholder, owner) = keyword_form(*rel)?;
    let field = |name: &str| Value::of(*rel, fields, name, env, scenario);
    let owner = field(owner).prose(owner, &format!("the {owner}"));
    Some(format!(
        "`{keyword} {}` in {owner}",
        field(value).code(placeholder)
    ))
}

/// A field's value as far as a match has fixed it.
enum Value {
    Named(String),
    Words(Vec<String>),
    Free,
}

impl Value {
    /// The field `name` of a relation atom, as far as `env` has fixed it.
    /// The id bound to the field `name` of a relation atom, if `env` has fixed it.
    fn bound(rel: Rel, fields: &[(usize, Term)], name: &str, env: &[Option<Sym>]) -> Option<Sym> {
        let position = rel.field(name)?;
        match fields.iter().find(|(f, _)| *f == position).map(|(_, t)| t) {
            Some(Term::Var(v)) => env.get(*v).copied().flatten(),
            _ => None,
        }
    }

    fn of(
        rel: Rel,
        fields: &[(usize, Term)],
        name: &str,
        env: &[Option<Sym>],
        scenario: &Scenario,
    ) -> Value {
        let Some(position) = rel.field(name) else {
            return Value::Free;
        };
        match fields.iter().find(|(f, _)| *f == position).map(|(_, t)| t) {
            Some(Term::Var(v)) => match env.get(*v).copied().flatten() {
                Some(sym) => Value::Named(scenario.name(sym).to_owned()),
                None => Value::Free,
            },
            Some(Term::Words(words)) => Value::Words(words.clone()),
            None => Value::Free,
        }
    }

    /// Inside a code span: the id or word, or a placeholder.
    fn code(&self, placeholder: &str) -> String {
        match self {
            Value::Named(name) => name.clone(),
            Value::Words(words) if words.len() == 1 => words[0].clone(),
            Value::Words(words) => words.join("|"),
            Value::Free => placeholder.to_owned(),
        }
    }

    /// In prose: "act `a1`", or "an act".
    fn prose(&self, noun: &str, indefinite: &str) -> String {
        match self {
            Value::Named(name) => format!("{noun} `{name}`"),
            _ => indefinite.to_owned(),
        }
    }
}

/// The statements that make a tuple of `rel`, with the fields `field` gives.
/// `dated` gives the date of the act or event in a field, where the match has fixed it, so that
/// a hint about time names the day ("dated no later than 2017-06-28").
fn relation(
    rel: Rel,
    field: &dyn Fn(&str) -> Value,
    dated: &dyn Fn(&str) -> Option<When>,
) -> String {
    let code = |name: &str, placeholder: &str| field(name).code(placeholder);
    let act = || field("act").prose("act", "an act");
    // A statement inside the block of the thing in field `owner`: `add `kind KIND` to an act`.
    let add = |keyword: &str, value: &str, placeholder: &str, owner: &str| {
        let indefinite = match owner {
            "act" => "an act".to_owned(),
            "organ" | "actor" | "object" => format!("an {owner}"),
            _ => format!("the {owner}"),
        };
        let owner = field(owner).prose(owner, &indefinite);
        format!("add `{keyword} {}` to {owner}", code(value, placeholder))
    };
    match rel {
        Rel::OrganOf
        | Rel::OrganKind
        | Rel::ActorKind
        | Rel::ActorIn
        | Rel::ObjectKind
        | Rel::LocatedIn
        | Rel::Critical
        | Rel::Serves
        | Rel::OperatedBy
        | Rel::Protection
        | Rel::By
        | Rel::Against
        | Rel::ActKind
        | Rel::Effect
        | Rel::Intent
        | Rel::Exploits
        | Rel::Affects
        | Rel::ExceedsAuthority
        | Rel::Acknowledged
        | Rel::ReplyTo
        | Rel::Using
        | Rel::Basis
        | Rel::Substantiated
        | Rel::ConflictKind
        | Rel::Context => match keyword_form(rel) {
            Some((keyword, value, placeholder, owner)) => add(keyword, value, placeholder, owner),
            None => String::new(),
        },
        Rel::State => format!("declare `state {}`", code("state", "ID")),
        Rel::Tie => {
            let keywords = match field("kind") {
                Value::Words(words) => words.iter().map(|w| tie_keyword(w)).collect(),
                _ => vec!["controlled-by"],
            };
            let state = code("state", "STATE");
            let written: Vec<String> = keywords.iter().map(|k| format!("`{k} {state}`")).collect();
            format!(
                "add {} to {}",
                or_list(&written),
                field("actor").prose("actor", "an actor")
            )
        }
        Rel::Affected => {
            let state = code("state", "STATE");
            format!(
                "add `against` or `affects` an object that is `in {state}` or `serves {state}` to {}",
                act()
            )
        }
        Rel::Notification => format!(
            "add `notification ID {{ from {}; to {}; about {}; on DATE }}`",
            code("from", "STATE"),
            code("to", "STATE"),
            code("act", "ACT")
        ),
        Rel::Request => format!(
            "add `request ID {{ from {}; to {}; about {}; kind {}; on DATE }}`",
            code("from", "STATE"),
            code("to", "STATE"),
            code("act", "ACT"),
            code("kind", "KIND")
        ),
        Rel::Answer => {
            let given = match field("reason") {
                Value::Words(words) if words == ["none"] => " with no reason given".to_owned(),
                Value::Words(words) => format!(" giving as its reason {}", words.join(" or ")),
                _ => String::new(),
            };
            format!("{}{given}", add("answer", "answer", "ANSWER", "request"))
        }
        Rel::Answered => format!(
            "the answers to {} would have to leave it without a determination: `answer ignored`, \
             `answer acknowledged DATE` with nothing after it, or `answer pending` (an answer \
             provided, offered or refused is a response)",
            field("request").prose("request", "the request")
        ),
        Rel::Capacity => format!(
            "add `capacity {}` to the block of `state {}`",
            code("level", "lacking|adequate"),
            code("state", "STATE")
        ),
        Rel::Assistance => format!(
            "add `assistance ID {{ by {}; to {}; under REQUEST; on DATE }}`",
            code("by", "STATE"),
            code("to", "STATE")
        ),
        Rel::UsedAssistance => format!(
            "add `using {}` to {} (an act of the assisting State dated within the mission \
             that does not say `using` leaves it unknown)",
            code("mission", "MISSION"),
            act()
        ),
        Rel::Attribution => format!(
            "add `attribution ID {{ by {}; about {}; to {}; on DATE }}`",
            code("by", "STATE"),
            code("act", "ACT"),
            code("to", "ACTOR")
        ),
        Rel::Consultation => format!(
            "add `consultation ID {{ between {}, STATE; about {}; on DATE }}`",
            code("state", "STATE"),
            code("act", "ACT")
        ),
        Rel::Response => format!(
            "add `response ID {{ by {}; against {}; about {}; kind {}; on DATE }}`",
            code("by", "STATE"),
            code("against", "STATE"),
            code("act", "ACT"),
            code("kind", "KIND")
        ),
        Rel::ConflictParty => format!(
            "add `conflict ID \"Name\" {{ between {}, STATE; on DATE.. }}`",
            code("party", "STATE")
        ),
        Rel::Policy => format!(
            "declare `policy ID \"Title\" {{ of {} }}`",
            code("state", "STATE")
        ),
        Rel::Provides => format!("add `provides {}`", code("measure", "MEASURE")),
        Rel::Declares => format!("add `declares {}`", code("declaration", "DECLARATION")),
        Rel::Provision => format!(
            "add `{} ID \"Name\" {{ ... }}` to the policy document",
            match field("mode") {
                Value::Words(w) if w.len() == 1 => w[0].clone(),
                _ => "permits".to_owned(),
            }
        ),
        Rel::ConductOf => {
            let state = code("state", "STATE");
            let bases = match field("basis") {
                Value::Words(words) => words,
                _ => crate::schema::vocabulary::CONDUCT_BASES
                    .iter()
                    .map(|b| (*b).to_owned())
                    .collect(),
            };
            let mut ways = Vec::new();
            let mut ties = Vec::new();
            for basis in &bases {
                match basis.as_str() {
                    "state" => ways.push(format!("`by {state}`")),
                    "organ" => ways.push(format!("`by` an organ that is `of {state}`")),
                    "adoption" => ways.push(format!("`adopted-by {state}`")),
                    tie => ties.push(format!("`{} {state}`", tie_keyword(tie))),
                }
            }
            if !ties.is_empty() {
                ways.push(format!("{} on the act or on its actor", or_list(&ties)));
            }
            format!("make {} {state}'s conduct: {}", act(), or_list(&ways))
        }
        Rel::SupportedBy => format!(
            "add `by` an actor that is `supported-by {}` to {}",
            code("state", "STATE"),
            act()
        ),
        Rel::ToleratedBy => format!(
            "add `by` an actor that is `tolerated-by {}` to {}",
            code("state", "STATE"),
            act()
        ),
        Rel::EmanatedFrom => {
            let state = code("state", "STATE");
            format!(
                "add `origin {state}` or `transit {state}` (or `origin` infrastructure that is \
                 `in {state}`) to {}",
                act()
            )
        }
        Rel::Victim => {
            let state = code("state", "STATE");
            format!(
                "add `against {state}` (or `against` something that is `in {state}`) to {}",
                act()
            )
        }
        Rel::AwareBefore => {
            let state = code("state", "STATE");
            let by = match dated("act").map(|when| when.end()) {
                Some(Some(last)) => format!("no later than {last}, its last day"),
                Some(None) => "while it goes on".to_owned(),
                None => "no later than its last day".to_owned(),
            };
            format!(
                "tell {state} of {} while it goes on: a `notification` or `request` `to {state}` \
                 `about` it dated {by}, or `known-to {state} DATE` in it",
                act()
            )
        }
        Rel::InArmedConflict => {
            let by = match dated("act") {
                Some(when) => format!("{}, when {} began", when.start(), act()),
                None => format!("that of {}", act()),
            };
            format!(
                "add a `conflict` `between {}` and the victim State, begun `on` a date no later \
                 than {by}",
                code("state", "STATE"),
            )
        }
        Rel::SettlementSought => {
            let response = field("response").prose("response", "the response");
            let by = match dated("response") {
                Some(when) => format!("{}, the day {response} began", when.start()),
                None => "the response".to_owned(),
            };
            format!(
                "record contact before {response}: a `notification`, `request` or \
                 `consultation` between the two States about the act, dated no later than {by}"
            )
        }
        Rel::Harmful => format!(
            "add to {} a `kind` that is harmful (disruption, destruction, ransomware, \
             supply-chain-compromise, coercive-threat) or `effects` that damage or coerce \
             (physical-damage, injury-or-death, impairment-of-services, data-destruction, \
             coercion)",
            act()
        ),
    }
}

/// The actor statement that makes a tie of `kind`.
fn tie_keyword(kind: &str) -> &'static str {
    match kind {
        "instructions" => "instructed-by",
        "direction" => "directed-by",
        "support" => "supported-by",
        "toleration" => "tolerated-by",
        _ => "controlled-by",
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::table;

    /// Every keyword a hint puts in a code span is a statement of the case language.
    #[test]
    fn hints_name_only_keywords_of_the_language() {
        let keywords: std::collections::HashSet<&str> =
            table::STATEMENTS.iter().map(|row| row.keyword).collect();
        for rel in Rel::ALL {
            let text = relation(*rel, &|_| Value::Free, &|_| None);
            for span in text.split('`').skip(1).step_by(2) {
                let first = span.split_whitespace().next().unwrap_or_default();
                assert!(
                    keywords.contains(first),
                    "{}: `{span}` is not a statement of the language",
                    rel.name()
                );
            }
        }
    }
}
