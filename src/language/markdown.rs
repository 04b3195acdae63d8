//! Policy documents in Markdown: the prose stays prose, and the statements sit in fenced blocks
//! whose info string is `normcheck`. Reading a document gives the text the parser reads, of the
//! same length as the document and with every byte outside those blocks blanked (line breaks
//! kept), so that every span the parser, lowering and the rules make is a span of the Markdown
//! file itself: diagnostics and findings point at its exact line and column with no mapping.
//! The headings are kept too, so that a finding with no line of its own can name the section
//! it belongs to.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Span;

/// The info string that marks a fenced block as normcheck statements.
pub const FENCE_INFO: &str = "normcheck";

/// A Markdown document, read for its statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The document with everything but the contents of `normcheck` blocks blanked: the same
    /// length, the same line breaks.
    pub statements: String,
    /// The contents of each `normcheck` block, in order: a block of statements is read whole
    /// within one of them (a `{` in one fenced block is not closed in the next).
    pub regions: Vec<Range<usize>>,
    /// Every heading, in order.
    pub sections: Vec<Section>,
}

/// A heading of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// The heading's text, without its markup.
    pub title: String,
    /// The heading's line(s) in the document.
    pub span: Span,
}

/// Of a document's headings, in order, the last one at or before `offset`.
pub fn section_at(sections: &[Section], offset: usize) -> Option<&Section> {
    let after = sections.partition_point(|s| s.span.start <= offset);
    after.checked_sub(1).map(|i| &sections[i])
}

/// Of a document's headings, the first of level 1, else the first.
pub fn title(sections: &[Section]) -> Option<&Section> {
    sections.iter().find(|s| s.level == 1).or(sections.first())
}

/// Whether a path names a Markdown document.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.rsplit(['/', '\\']).next().unwrap_or(path);
    [".md", ".markdown"].iter().any(|ext| {
        lower.len() > ext.len() && lower[lower.len() - ext.len()..].eq_ignore_ascii_case(ext)
    })
}

/// Reads a Markdown document (CommonMark, as `pulldown-cmark` reads it) for its `normcheck`
/// blocks and headings. Linear in the document.
pub fn read(text: &str) -> Document {
    let mut bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut regions = Vec::new();
    let mut sections = Vec::new();
    // The block being read, if it is a `normcheck` block: where its contents start and end.
    let mut block: Option<Range<usize>> = None;
    let mut heading: Option<(u8, String, usize)> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some(FENCE_INFO) =>
            {
                block = Some(Range {
                    start: usize::MAX,
                    end: 0,
                });
            }
            Event::Text(_) if block.is_some() => {
                if let (Some(contents), Some(source)) = (block.as_mut(), text.get(range.clone())) {
                    bytes[range.clone()].copy_from_slice(source.as_bytes());
                    contents.start = contents.start.min(range.start);
                    contents.end = contents.end.max(range.end);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(contents) = block.take() {
                    if contents.start < contents.end {
                        regions.push(contents);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), String::new(), range.start));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title, _)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title, start)) = heading.take() {
                    let end = text[..range.end].trim_end().len().max(start);
                    sections.push(Section {
                        level,
                        title: title.trim().to_owned(),
                        span: Span::new(start, end),
                    });
                }
            }
            _ => {}
        }
    }
    // Only ASCII blanks replaced whole characters, and whole characters were copied back.
    let statements = String::from_utf8(bytes).unwrap_or_else(|_| " ".repeat(text.len()));
    Document {
        statements,
        regions,
        sections,
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_normcheck_blocks_are_kept_at_their_own_offsets() {
        let text = "# Strategy\n\nProse with `code`.\n\n```normcheck\nstate XA\n```\n\n```rust\nfn x() {}\n```\n\n> ```normcheck\n> state XB\n> ```\n";
        let doc = read(text);
        assert_eq!(doc.statements.len(), text.len());
        assert_eq!(doc.regions.len(), 2);
        for region in &doc.regions {
            assert_eq!(
                &doc.statements[region.clone()],
                &text[region.clone()].replace('>', " ")
            );
        }
        let kept: String = doc
            .statements
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(kept, "state XA state XB");
        let at = text.find("XB").unwrap_or_default();
        assert_eq!(&doc.statements[at..at + 2], "XB");
        assert_eq!(
            title(&doc.sections).map(|s| s.title.as_str()),
            Some("Strategy")
        );
    }

    #[test]
    fn tilde_fences_and_info_words_after_the_first_are_read() {
        let doc = read("~~~ normcheck policy\nstate XA\n~~~\n```normcheckx\nstate XB\n```\n");
        assert_eq!(doc.regions.len(), 1);
        assert!(!doc.statements.contains("XB"));
    }

    #[test]
    fn non_ascii_prose_keeps_the_text_valid_and_the_offsets() {
        let text = "# Стратегия ¶13\n\n```normcheck\nstate XA \"État\"\n```\n";
        let doc = read(text);
        assert_eq!(doc.statements.len(), text.len());
        assert!(doc.statements.contains("state XA \"État\""));
        assert_eq!(doc.sections[0].title, "Стратегия ¶13");
    }

    #[test]
    fn the_section_of_an_offset_is_the_last_heading_before_it() {
        let text = "# A\n\n## B\n\ntext\n\n## C\n";
        let doc = read(text);
        let at = text.find("text").unwrap_or_default();
        let title_at = |offset| section_at(&doc.sections, offset).map(|s| s.title.as_str());
        assert_eq!(title_at(at), Some("B"));
        assert_eq!(title_at(0), Some("A"));
    }

    #[test]
    fn markdown_paths() {
        assert!(is_markdown("docs/strategy.md"));
        assert!(is_markdown("STRATEGY.MD"));
        assert!(!is_markdown("x.case"));
        assert!(!is_markdown(".md"));
    }
}
