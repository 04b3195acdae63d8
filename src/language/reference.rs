//! The language reference, made from the language table: one section per kind of block, one
//! row per statement, saying what it takes and what it is for. The README carries it between
//! markers, and a test keeps the two the same.

use std::fmt::Write as _;

use super::table::{self, Absent, Block, Statement, Value, Values};

/// The blocks in the order the reference presents them, with the heading of each.
const SECTIONS: &[(Block, &str)] = &[
    (Block::Top, "The top level"),
    (Block::Case, "`case \"Title\" { ... }`"),
    (Block::State, "`state ID \"Name\" { ... }`"),
    (Block::Organ, "`organ ID \"Name\" { ... }`"),
    (
        Block::Organisation,
        "`organisation`, `source` `ID \"Name\" { ... }`",
    ),
    (Block::Cert, "`cert ID \"Name\" { ... }`"),
    (Block::Actor, "`actor ID \"Name\" { ... }`"),
    (
        Block::Object,
        "`infrastructure`, `system`, `product`, `vulnerability` `ID \"Name\" { ... }`",
    ),
    (Block::Act, "`act ID \"Name\" { ... }`"),
    (Block::Notification, "`notification ID { ... }`"),
    (Block::Request, "`request ID { ... }`"),
    (Block::Attribution, "`attribution ID { ... }`"),
    (Block::Consultation, "`consultation ID { ... }`"),
    (Block::Response, "`response ID { ... }`"),
    (Block::Assistance, "`assistance ID { ... }`"),
    (Block::Conflict, "`conflict ID \"Name\" { ... }`"),
    (
        Block::Policy,
        "`policy ID \"Title\" { ... }` (policy documents)",
    ),
    (
        Block::Conduct,
        "`permits`, `requires` `ID \"Name\" { ... }` (policy documents)",
    ),
];

/// The reference as Markdown: a `###` section per block.
pub fn markdown() -> String {
    let mut out = String::new();
    for (block, heading) in SECTIONS {
        let _ = writeln!(out, "### {heading}\n");
        let _ = writeln!(out, "| statement | takes | |\n|---|---|---|");
        for s in table::statements_in(*block) {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                s.keyword,
                escape(&takes(s)),
                escape(&notes(s))
            );
        }
        out.push('\n');
    }
    out
}

fn value(v: Value) -> String {
    match v {
        Value::Id(kinds) => {
            let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
            format!("id of {}", nouns.join(" or "))
        }
        Value::Word(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(" "),
        Value::Date => "date".to_owned(),
        Value::When => "date or period".to_owned(),
        Value::Text => "quoted text".to_owned(),
    }
}

fn takes(s: &Statement) -> String {
    match s.values {
        Values::One(v @ Value::Word(_)) => format!("one of {}", value(v)),
        Values::One(v) => format!("one {}", value(v)),
        Values::Many(v @ Value::Word(_)) => format!("one or more of {}", value(v)),
        Values::Many(v) => format!("one or more: {}", value(v)),
        Values::ManySince(v @ Value::Word(_)) => {
            format!("one or more of {}, then optionally `since DATE`", value(v))
        }
        Values::ManySince(v) => format!("one or more: {}, then optionally `since DATE`", value(v)),
        Values::AtLeastTwo(v) => format!("two or more: {}", value(v)),
        Values::Either(a, b) => format!("one of {}, or a {}", value(a), value(b)),
        Values::Seq { wanted, .. } => wanted.to_owned(),
        Values::Answer { answers, reasons } => format!(
            "one of {}, then optionally a date, then optionally `because` and one of {}",
            value(answers),
            value(reasons)
        ),
        Values::Declaration => "an id and an optional quoted name, then a block".to_owned(),
        Values::Expectation => "a status, a rule id, `for STATE`, `about ID`".to_owned(),
        Values::Suppression => {
            "a rule id, a quoted reason, `for STATE`, `about ID`, `until DATE`".to_owned()
        }
    }
}

fn notes(s: &Statement) -> String {
    let mut notes = Vec::new();
    match s.absent {
        Absent::Error => notes.push("required".to_owned()),
        Absent::Unknown => notes.push("unknown when absent".to_owned()),
        Absent::Fine => {}
    }
    if s.once {
        notes.push("at most once".to_owned());
    }
    if s.unknown_word {
        notes.push("`unknown` leaves it unknown".to_owned());
    }
    let mut text = notes.join(", ");
    if !text.is_empty() {
        text.push_str("; ");
    }
    text.push_str(s.doc);
    text
}

/// A table cell: pipes would end it.
fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}
