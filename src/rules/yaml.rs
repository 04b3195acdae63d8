//! YAML for rule files, with positions: a small tree of maps, lists and scalars, each with the
//! byte span it came from, so that an error in a rule points at the very key or word. Built
//! from yaml-rust2's event parser without recursion, so a deeply nested file cannot overflow
//! the stack. Only `catalogue` reads rule files; this is its reader.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::Span;

/// A YAML value with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A scalar as written (YAML's numbers and booleans are words here; rules use none).
    Scalar(String),
    List(Vec<Node>),
    /// Keys in file order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.value {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Scalar(_) => "a word or text",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// A YAML problem: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// Turns the parser's character positions into byte offsets.
struct Offsets<'a> {
    text: &'a str,
    /// The byte offset of every character, in order.
    starts: Vec<usize>,
}

impl Offsets<'_> {
    fn byte(&self, mark: Marker) -> usize {
        self.starts
            .get(mark.index())
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// How deep lists and maps may nest: rule files need four or five levels; the limit keeps a
/// hostile file from building a tree too deep to drop without running out of stack.
const MAX_DEPTH: usize = 64;

/// A list or map being built, with where it began.
enum Open {
    List(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize),
}

/// Parses one YAML document. Anchors, aliases and further documents are errors: rule files do
/// not need them.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let offsets = Offsets {
        text,
        starts: text.char_indices().map(|(i, _)| i).collect(),
    };
    let error = |at: usize, message: &str| YamlError {
        span: Span::new(at, at),
        message: message.to_owned(),
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| YamlError {
            span: Span::new(offsets.byte(*e.marker()), offsets.byte(*e.marker())),
            message: e.info().to_owned(),
        })?;
        let at = offsets.byte(mark);
        let done = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => None,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(error(at, "the file holds one YAML document"));
                }
                None
            }
            Event::Alias(_) => {
                return Err(error(
                    at,
                    "normcheck's YAML files do not use anchors and aliases",
                ));
            }
            Event::Scalar(value, style, anchor, _) => {
                if anchor != 0 {
                    return Err(error(
                        at,
                        "normcheck's YAML files do not use anchors and aliases",
                    ));
                }
                let quotes = match style {
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => 2,
                    _ => 0,
                };
                let end = (at + value.len() + quotes).min(text.len());
                Some(Node {
                    value: Value::Scalar(value),
                    span: Span::new(at, end),
                })
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() == MAX_DEPTH => {
                return Err(error(
                    at,
                    &format!("lists and maps nest at most {MAX_DEPTH} deep"),
                ));
            }
            Event::SequenceStart(..) => {
                stack.push(Open::List(Vec::new(), at));
                None
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map(Vec::new(), None, at));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::List(items, start)) => Some(Node {
                    value: Value::List(items),
                    span: Span::new(start, at.max(start)),
                }),
                Some(Open::Map(entries, _, start)) => Some(Node {
                    value: Value::Map(entries),
                    span: Span::new(start, at.max(start)),
                }),
                None => return Err(error(at, "unbalanced YAML")),
            },
        };
        let Some(node) = done else {
            continue;
        };
        match stack.last_mut() {
            Some(Open::List(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            None => root = Some(node),
        }
    }
    root.ok_or_else(|| error(0, "the file is empty"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_byte_offsets_of_what_was_written() {
        let text = "title: \"¶13(f)\"\nmatch:\n  - by: { act: $act }\n";
        let Ok(root) = parse(text) else {
            panic!("valid YAML")
        };
        let entries = root.as_map().unwrap_or_default();
        assert_eq!(entries.len(), 2);
        let (key, value) = &entries[1];
        assert_eq!(&text[key.span.start..key.span.end], "match");
        let atom = &value.as_list().unwrap_or_default()[0];
        let (_, fields) = &atom.as_map().unwrap_or_default()[0];
        let (field, var) = &fields.as_map().unwrap_or_default()[0];
        assert_eq!(&text[field.span.start..field.span.end], "act");
        assert_eq!(&text[var.span.start..var.span.end], "$act");
        let (_, title) = &entries[0];
        assert_eq!(&text[title.span.start..title.span.end], "\"¶13(f)\"");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let block = "- ".repeat(50_000);
        for text in [flow, block] {
            let found = parse(&text).map_err(|e| e.message);
            assert!(found.is_err(), "{found:?}");
        }
        assert!(parse(&format!("{}{}", "[".repeat(10), "]".repeat(10))).is_ok());
    }

    #[test]
    fn aliases_are_refused() {
        assert!(parse("a: &x 1\nb: *x\n").is_err());
    }
}
