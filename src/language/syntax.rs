//! Text → syntax tree. Owns the pest grammar (`grammar/case.pest`) and turns its pairs into an
//! owned tree of statements with byte spans. Parsing never fails: lines the grammar cannot read
//! become diagnostics and the rest of the file is still read.

use pest::Parser as _;

use crate::diagnostic::{Code, Diagnostic, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/case.pest"]
struct CaseParser;

/// One line of a case file: `keyword value... (standing) { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub keyword: String,
    pub keyword_span: Span,
    pub values: Vec<Value>,
    pub standing: Option<StandingSyntax>,
    pub block: Option<Block>,
    /// From the keyword to the end of the line (the block excluded).
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub statements: Vec<Statement>,
    pub open: Span,
    /// Some line of the block could not be read (and was reported).
    pub has_junk: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    Word(String),
    Text(String),
    Date(RawDate),
    /// `2017-06-27..2017-06-28`, or `2017-06-27..` for an activity still going on.
    DateRange(RawDate, Option<RawDate>),
}

/// A date as written; whether it exists on the calendar is checked when lowering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// `(alleged by UA, US; denied by RU)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingSyntax {
    pub clauses: Vec<StandingClause>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingClause {
    pub word: String,
    pub word_span: Span,
    pub by: Vec<(String, Span)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyntaxTree {
    pub statements: Vec<Statement>,
}

type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// Parses a whole file. Always returns a tree; problems come back as diagnostics.
pub fn parse(text: &str) -> (SyntaxTree, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file = match CaseParser::parse(Rule::file, text) {
        Ok(mut pairs) => pairs.next(),
        Err(error) => {
            // The file rule accepts any text through `junk`, so this happens only when pest
            // gives up, as it does on blocks nested thousands deep.
            let mut d = syntax_error(text, 0, &error);
            d.message = format!("cannot read the file past this point: {}", d.message);
            d.help =
                Some("check that every `{` is closed; blocks nest a few levels at most".to_owned());
            diagnostics.push(d);
            None
        }
    };
    let mut tree = SyntaxTree::default();
    if let Some(file) = file {
        for pair in file.into_inner() {
            match pair.as_rule() {
                Rule::statement => {
                    tree.statements
                        .push(lower_statement(text, pair, &mut diagnostics))
                }
                Rule::junk => diagnostics.push(explain_junk(&pair)),
                _ => {}
            }
        }
    }
    (tree, diagnostics)
}

fn span_of(pair: &Pair<'_>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn lower_statement(text: &str, pair: Pair<'_>, diagnostics: &mut Vec<Diagnostic>) -> Statement {
    let start = pair.as_span().start();
    let mut line_end = pair.as_span().end();
    let mut keyword = String::new();
    let mut keyword_span = Span::default();
    let mut values = Vec::new();
    let mut standing = None;
    let mut block = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::keyword => {
                keyword = part.as_str().to_owned();
                keyword_span = span_of(&part);
            }
            Rule::standing => standing = Some(lower_standing(part)),
            Rule::block => {
                line_end = part.as_span().start() + 1;
                block = Some(lower_block(text, part, diagnostics));
            }
            _ => {
                if let Some(value) = lower_value(part) {
                    values.push(value);
                }
            }
        }
    }
    let line_end = text[..line_end].trim_end().len().max(keyword_span.end);
    Statement {
        keyword,
        keyword_span,
        values,
        standing,
        block,
        span: Span::new(start, line_end),
    }
}

fn lower_block(text: &str, pair: Pair<'_>, diagnostics: &mut Vec<Diagnostic>) -> Block {
    let open = Span::new(pair.as_span().start(), pair.as_span().start() + 1);
    let mut statements = Vec::new();
    let mut closed = false;
    let mut has_junk = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::statement => statements.push(lower_statement(text, part, diagnostics)),
            Rule::block_junk => {
                has_junk = true;
                diagnostics.push(explain_junk(&part));
            }
            Rule::close => closed = true,
            _ => {}
        }
    }
    if !closed {
        diagnostics.push(
            Diagnostic::error(Code::UnclosedBlock, open, "this block is never closed")
                .with_label("opened here")
                .with_help("add a `}` on its own line where the block ends"),
        );
    }
    Block {
        statements,
        open,
        has_junk,
    }
}

fn lower_value(pair: Pair<'_>) -> Option<Value> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::word => ValueKind::Word(pair.as_str().to_owned()),
        Rule::string => ValueKind::Text(unescape(pair.as_str())),
        Rule::date => ValueKind::Date(raw_date(pair.as_str())?),
        Rule::date_range => {
            let mut dates = pair.into_inner().filter_map(|d| raw_date(d.as_str()));
            let from = dates.next()?;
            ValueKind::DateRange(from, dates.next())
        }
        _ => return None,
    };
    Some(Value { kind, span })
}

fn raw_date(s: &str) -> Option<RawDate> {
    let mut parts = s.splitn(3, '-');
    Some(RawDate {
        year: parts.next()?.parse().ok()?,
        month: parts.next()?.parse().ok()?,
        day: parts.next()?.parse().ok()?,
    })
}

fn unescape(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn lower_standing(pair: Pair<'_>) -> StandingSyntax {
    let span = span_of(&pair);
    let mut clauses = Vec::new();
    for clause in pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::standing_clause)
    {
        let mut word = String::new();
        let mut word_span = Span::default();
        let mut by = Vec::new();
        for part in clause.into_inner() {
            match part.as_rule() {
                Rule::standing_word => {
                    word = part.as_str().to_owned();
                    word_span = span_of(&part);
                }
                Rule::word => by.push((part.as_str().to_owned(), span_of(&part))),
                _ => {}
            }
        }
        clauses.push(StandingClause {
            word,
            word_span,
            by,
        });
    }
    StandingSyntax { clauses, span }
}

/// A line the grammar could not read: parse it again on its own to find where it goes wrong
/// and what was expected there.
fn explain_junk(pair: &Pair<'_>) -> Diagnostic {
    let span = span_of(pair);
    let line = pair.as_str();
    match CaseParser::parse(Rule::statement_line, line) {
        Err(error) => {
            let mut diagnostic = syntax_error(line, span.start, &error);
            diagnostic.message = format!("cannot read this line: {}", diagnostic.message);
            diagnostic
        }
        Ok(_) => Diagnostic::error(Code::SyntaxError, span, "cannot read this line")
            .with_help("each statement stands on its own line: `keyword value... (standing)`"),
    }
}

fn syntax_error(text: &str, offset: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
    let at = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let rest = &text[at.min(text.len())..];
    // Show the whole word that was found, or the one character.
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .map(char::len_utf8)
        .sum();
    let width = match rest.chars().next() {
        Some('\n' | '\r') | None => 0,
        Some(c) if word_len == 0 => c.len_utf8(),
        Some(_) => word_len,
    };
    let span = Span::new(offset + at, offset + at + width);
    let found = match width {
        0 => "the end of the line".to_owned(),
        _ => format!("`{}`", &rest[..width]),
    };
    let expected = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().filter_map(|r| friendly_name(*r)).collect();
            names.sort_unstable();
            names.dedup();
            names
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let unclosed_quote =
        rest.starts_with('"') && !rest[1..].lines().next().unwrap_or("").contains('"');
    if unclosed_quote {
        return Diagnostic::error(
            Code::SyntaxError,
            span,
            "this quoted text is not closed on its line",
        )
        .with_label("opened here")
        .with_help("end the text with `\"` on the same line; write `\\\"` for a quote inside it");
    }
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", one_of(&expected))
    };
    let help = match rest.chars().next() {
        Some(':' | '=') => "statements take no `:` or `=`: write the keyword and its values, e.g. `by gru`",
        Some('.') => "write a period without spaces, e.g. `2017-06-27..2017-06-28`, or `2022-02-24..` if it goes on",
        _ => "a statement is `keyword value... (standing)`: values are words, \"quoted text\" or \
              dates (YYYY-MM-DD); a standing is e.g. `(alleged by UA)`",
    };
    Diagnostic::error(Code::SyntaxError, span, message)
        .with_label("here")
        .with_help(help)
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What each grammar rule is called in a message. Rules that are never expected on their own
/// have no name.
fn friendly_name(rule: Rule) -> Option<&'static str> {
    match rule {
        Rule::keyword => Some("a keyword"),
        // A word, quoted text and a date are all "a value" to the reader.
        Rule::word | Rule::string | Rule::date | Rule::date_range => Some("a value"),
        Rule::string_inner => Some("text"),
        Rule::standing | Rule::standing_clause | Rule::open_paren => {
            Some("a standing such as `(alleged by UA)`")
        }
        Rule::close_paren => Some("`)`"),
        Rule::clause_separator => Some("`;`"),
        Rule::by_keyword => Some("`by`"),
        Rule::standing_word => Some("`established`, `alleged`, `disputed`, `denied` or `unknown`"),
        Rule::block => Some("`{`"),
        Rule::close => Some("`}`"),
        Rule::statement | Rule::statement_line => Some("a statement"),
        Rule::EOI => Some("the end of the line"),
        Rule::file
        | Rule::junk
        | Rule::block_junk
        | Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::line_break
        | Rule::separator
        | Rule::value => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_statements_with_standing() {
        let (tree, diags) = parse("act a1 \"Wiper\" {\n  by gru (alleged by UA, US; denied by RU)\n  on 2017-06-27..\n}\n");
        assert!(diags.is_empty(), "{diags:?}");
        let act = &tree.statements[0];
        assert_eq!(act.keyword, "act");
        let block = act.block.as_ref().map(|b| b.statements.len());
        assert_eq!(block, Some(2));
        let by = &act.block.as_ref().map(|b| b.statements[0].clone());
        let standing = by
            .as_ref()
            .and_then(|s| s.standing.clone())
            .map(|s| s.clauses.len());
        assert_eq!(standing, Some(2));
    }

    #[test]
    fn a_bad_line_does_not_stop_the_file() {
        let (tree, diags) =
            parse("state UA\nact a1 { by gru (alleged UA\n on 2017-06-27 }\nstate RU\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::SyntaxError);
        assert!(!diags[0].message.contains("rule"), "{}", diags[0].message);
        assert_eq!(tree.statements.len(), 3);
    }

    #[test]
    fn absurdly_deep_nesting_is_an_error_not_a_crash() {
        let text = format!("case \"t\" {{}}\n{}", "a {\n".repeat(50_000));
        let (_, diags) = parse(&text);
        assert!(diags
            .iter()
            .any(|d| d.code == Code::SyntaxError || d.code == Code::UnclosedBlock));
    }

    #[test]
    fn an_unclosed_block_is_reported() {
        let (_, diags) = parse("act a1 {\n by gru\n");
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::UnclosedBlock]
        );
    }
}
