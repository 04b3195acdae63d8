//! `normcheck fmt`: the canonical layout of a case file. Two spaces per block level, single
//! spaces between values, `, ` after commas, `(standing)` without inner padding, no trailing
//! white space, at most one blank line in a row, one final newline. Comments and quoted text
//! are kept to the letter.
//!
//! Formatting works line by line, so nothing is reordered, and it refuses to touch a file the
//! grammar cannot read. As a last guard it parses the result again and checks that the
//! statements are the same as before: formatting must never change what a file says.

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::language::syntax::{self, Statement, SyntaxTree};

/// The formatted text, or the syntax errors that stop formatting.
pub fn format_case(text: &str) -> Result<String, Vec<Diagnostic>> {
    let (mut arena, mut again) = (syntax::Arena::new(), syntax::Arena::new());
    let (before, diagnostics) = syntax::parse(text, &mut arena);
    // Every diagnostic of the parse is an error about the shape of the file: laying out a
    // file whose shape is unknown could change what it says.
    if diagnostics.has_errors() {
        return Err(diagnostics.finish(text.len()));
    }
    let formatted = layout(text);
    let (after, _) = syntax::parse(&formatted, &mut again);
    if !same_statements(&before, &after) {
        return Err(vec![Diagnostic::error(
            Code::SyntaxError,
            Span::new(0, 0),
            "formatting would change what this file says, so it was left as it is",
        )
        .with_help("please report this file to the normcheck maintainers")]);
    }
    Ok(formatted)
}

/// A piece of one line: code, a quoted string, or a comment.
enum Piece<'a> {
    Code(&'a str),
    Quoted(&'a str),
    Comment(&'a str),
}

fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                if start < i {
                    out.push(Piece::Code(&line[start..i]));
                }
                let open = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push(Piece::Quoted(&line[open..i]));
                start = i;
            }
            b'#' => {
                if start < i {
                    out.push(Piece::Code(&line[start..i]));
                }
                out.push(Piece::Comment(line[i..].trim_end()));
                return out;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Piece::Code(&line[start..]));
    }
    out
}

/// Normalizes the spacing of code: one space between words, none inside parentheses, `, `.
fn tidy_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        match c {
            ' ' | '\t' | '\u{FEFF}' => {
                if !out.ends_with(' ') && !out.is_empty() && !out.ends_with('(') {
                    out.push(' ');
                }
            }
            ',' | ')' | ';' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
                if c == ',' || c == ';' {
                    out.push(' ');
                }
            }
            '{' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push('{');
                out.push(' ');
            }
            '(' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push('(');
            }
            '}' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push('}');
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth: usize = 0;
    let mut blank_run = 0;
    for (_, raw) in crate::diagnostic::lines(text) {
        let parts = pieces(raw);
        let mut line = String::new();
        let mut opens = 0usize;
        let mut closes_first = 0usize;
        let mut closes_after = 0usize;
        let mut seen_other = false;
        for part in &parts {
            match part {
                Piece::Code(code) => {
                    for c in code.chars() {
                        match c {
                            '{' => {
                                opens += 1;
                                seen_other = true;
                            }
                            '}' if opens > 0 => opens -= 1,
                            '}' if !seen_other => closes_first += 1,
                            '}' => closes_after += 1,
                            c if c.is_whitespace() => {}
                            _ => seen_other = true,
                        }
                    }
                    let tidy = tidy_code(code);
                    let spaced =
                        code.starts_with(char::is_whitespace) || tidy.starts_with(['{', '}']);
                    if spaced
                        && !line.is_empty()
                        && !line.ends_with([' ', '('])
                        && !tidy.starts_with([',', ')', ';'])
                    {
                        line.push(' ');
                    }
                    line.push_str(tidy.trim_start());
                }
                Piece::Quoted(q) => {
                    if line.ends_with('(') || line.is_empty() || line.ends_with(' ') {
                        line.push_str(q);
                    } else {
                        line.push(' ');
                        line.push_str(q);
                    }
                    seen_other = true;
                }
                Piece::Comment(c) => {
                    let trimmed = line.trim_end().len();
                    line.truncate(trimmed);
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(c);
                }
            }
        }
        let line = line.trim().to_owned();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        // A line that starts by closing blocks is indented at the depth it closes to.
        depth = depth.saturating_sub(closes_first);
        if blank_run > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank_run = 0;
        for _ in 0..depth {
            out.push_str("  ");
        }
        out.push_str(&line);
        out.push('\n');
        depth = (depth + opens).saturating_sub(closes_after);
    }
    out
}

/// Whether two trees say the same thing: the same statements, values and standings, in the
/// same order and nesting, whatever the spans.
fn same_statements(a: &SyntaxTree, b: &SyntaxTree) -> bool {
    fn same(a: &[Statement], b: &[Statement]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.keyword == y.keyword
                    && x.values.len() == y.values.len()
                    && x.values.iter().zip(y.values).all(|(v, w)| v.kind == w.kind)
                    && x.standing.as_ref().map(|s| {
                        s.clauses
                            .iter()
                            .map(|c| (&c.word, c.by.iter().map(|b| &b.0).collect::<Vec<_>>()))
                            .collect::<Vec<_>>()
                    }) == y.standing.as_ref().map(|s| {
                        s.clauses
                            .iter()
                            .map(|c| (&c.word, c.by.iter().map(|b| &b.0).collect::<Vec<_>>()))
                            .collect::<Vec<_>>()
                    })
                    && match (&x.block, &y.block) {
                        (Some(p), Some(q)) => same(p.statements, q.statements),
                        (None, None) => true,
                        _ => false,
                    }
            })
    }
    same(&a.statements, &b.statements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_blocks_and_tidies_spacing() {
        let text = "case  \"T\"{\nassessed   2024-01-01\n}\n\n\n\nact a1 \"X\" {\n      by gru ( alleged by UA ,US )   # who\n kind disruption,destruction\n}";
        let want = "case \"T\" {\n  assessed 2024-01-01\n}\n\nact a1 \"X\" {\n  by gru (alleged by UA, US) # who\n  kind disruption, destruction\n}\n";
        assert_eq!(format_case(text).as_deref(), Ok(want));
    }

    #[test]
    fn quoted_text_and_comments_are_kept_to_the_letter() {
        let text = "case \"a  b , c (d)\" {\n  # a   comment, { with braces }\n}\n";
        assert_eq!(format_case(text).as_deref(), Ok(text));
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break_as_in_the_grammar() {
        assert_eq!(
            format_case("case \"t\" {}\nstate XA\n \rstate XB\n").as_deref(),
            Ok("case \"t\" { }\nstate XA\n\nstate XB\n")
        );
        assert_eq!(
            format_case("case \"t\" {}\nstate XA \"x\"\rstate XB\r").as_deref(),
            Ok("case \"t\" { }\nstate XA \"x\"\nstate XB\n")
        );
    }

    #[test]
    fn a_file_with_syntax_errors_is_not_formatted() {
        let err = format_case("case \"T\" {\n  by gru (alleged UA\n}\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            err.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec![Code::SyntaxError]
        );
    }
}
