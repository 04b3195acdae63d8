//! Properties that must hold for any input: the pipeline never panics, whatever the text;
//! every diagnostic span lies within the text it points into; formatting is idempotent and
//! never changes what a file says.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::sync::OnceLock;

use normcheck::check_case;
use normcheck::language::format::format_case;
use normcheck::language::syntax;
use normcheck::report::{self, Format, Style};
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::expect;
use proptest::prelude::*;

mod common;

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::embedded().0)
}

fn seeds() -> &'static Vec<String> {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            "cases/notpetya-2017.case",
            "cases/lessons/request-answered-without-result.case",
            "cases/lessons/settlement-sought.case",
            "tests/bad/many-problems.case",
        ]
        .iter()
        .map(|p| std::fs::read_to_string(root.join(p)).unwrap())
        .collect()
    })
}

/// Runs the whole pipeline, rendering included, and checks the spans.
fn run_everything(text: &str) {
    let checked = check_case(catalogue(), "input.case", text);
    for d in &checked.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span {:?} outside a text of {} bytes",
            d.span,
            text.len()
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span {:?} splits a character",
            d.span
        );
    }
    for format in Format::ALL {
        for test in [false, true] {
            let checked = check_case(catalogue(), "input.case", text);
            let mismatches = expect::check_expectations(catalogue(), &checked);
            let style = Style {
                format: *format,
                color: false,
                test,
                summary: false,
            };
            let _ = report::render(style, catalogue(), [(checked, mismatches)], &[]);
        }
    }
}

/// The top-level statements of a case file, each with its block and the comments above it.
fn top_level_chunks(text: &str) -> Vec<String> {
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_statement = false;
    for line in text.lines() {
        let starts_statement = line.starts_with(|c: char| c.is_ascii_alphabetic());
        if starts_statement && in_statement {
            chunks.push(std::mem::take(&mut current));
        }
        in_statement |= starts_statement;
        current.push_str(line);
        current.push('\n');
    }
    chunks.push(current);
    chunks
}

/// What a case concludes: which rule is implicated for whom, about what, how firmly.
fn conclusions(text: &str) -> Vec<(String, String, String, &'static str)> {
    let checked = check_case(catalogue(), "input.case", text);
    assert!(
        checked.diagnostics.is_empty(),
        "{:?}",
        checked.diagnostics.first()
    );
    let s = &checked.scenario;
    let mut out: Vec<_> = checked
        .findings
        .iter()
        .map(|f| {
            (
                catalogue().get(f.rule).id.clone(),
                s.name(f.party).to_owned(),
                s.name(f.focus).to_owned(),
                f.status.as_str(),
            )
        })
        .collect();
    out.sort();
    out
}

fn worked_cases() -> &'static Vec<String> {
    static CASES: OnceLock<Vec<String>> = OnceLock::new();
    CASES.get_or_init(|| {
        common::case_files()
            .into_iter()
            // Files written wholly in the case language (Markdown documents are not).
            .filter(|p| p.extension().is_some_and(|e| e != "md"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), "[ -~{}();,.#\"\\n\\t¶é]{0,12}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    match m {
        Mutation::Delete(at, n) => {
            let start = floor_boundary(text, at % (text.len() + 1));
            let end = floor_boundary(text, start + n);
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(at, s) => {
            let at = floor_boundary(text, at % (text.len() + 1));
            format!("{}{s}{}", &text[..at], &text[at..])
        }
        Mutation::DuplicateLine(i) => {
            let i = i % lines.len();
            lines.insert(i, lines[i]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (a % lines.len(), b % lines.len());
            lines.swap(a, b);
            lines.join("\n")
        }
    }
}

/// A case rendered ahead on a worker thread (`report::prepare`) is written byte for byte as
/// the same case written as a stream, in every format, whatever comes before and after it:
/// small cases, a case too large to render ahead (its findings rendered in parts on one
/// thread or three), and the bad inputs.
#[test]
fn cases_rendered_ahead_read_as_cases_written_as_a_stream() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<(String, String)> = worked_cases()
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("case{i}.case"), t.clone()))
        .collect();
    texts.insert(
        3,
        (
            "large.case".to_owned(),
            normcheck::generate::case_with_facts(15_000),
        ),
    );
    for entry in std::fs::read_dir(root.join("tests/bad")).unwrap() {
        let path = entry.unwrap().path();
        texts.push((
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        ));
    }
    assert!(
        texts[3].1.len() > 256 * 1024,
        "the large case is rendered as a stream"
    );
    assert!(
        check_case(catalogue(), "large.case", texts[3].1.as_str())
            .findings
            .len()
            > 3 * 256,
        "the large case's findings make a part for each of three threads"
    );
    let checked = || {
        texts.iter().map(|(path, text)| {
            let case = check_case(catalogue(), path, text.as_str());
            let mismatches = expect::check_expectations(catalogue(), &case);
            (case, mismatches)
        })
    };
    for &format in Format::ALL {
        for test in [false, true] {
            let style = Style {
                format,
                color: false,
                test,
                summary: false,
            };
            let streamed = report::render(style, catalogue(), checked(), &[]);
            // The large case's findings are rendered in parts on three threads the second time.
            for threads in [1, 3] {
                let threads = std::num::NonZeroUsize::new(threads).unwrap();
                let mut ahead = report::Report::start(style, catalogue(), Vec::new())
                    .unwrap()
                    .with_threads(threads);
                for (case, mismatches) in checked() {
                    let prepared = report::prepare(style, catalogue(), case, mismatches).unwrap();
                    ahead.prepared(prepared).unwrap();
                }
                let (bytes, _) = ahead.finish().unwrap();
                assert!(
                    String::from_utf8(bytes).unwrap() == streamed,
                    "{} (test: {test}) differs when rendered ahead, on {threads} threads",
                    format.name()
                );
            }
        }
    }
}

/// The parser reads a file a piece at a time, on one thread or several: cut at every line
/// break, or not at all, a file reads the same, tree and diagnostics.
fn reads_the_same_in_pieces(text: &str) {
    let mut arena = syntax::Arena::new();
    let (whole, whole_diagnostics) = syntax::parse_in_pieces(text, &mut arena, usize::MAX);
    for piece in [0, 1, 7, 100] {
        for threads in [1, 2, 3] {
            let threads = std::num::NonZeroUsize::new(threads).unwrap();
            let mut arena = syntax::Arena::with_threads(threads);
            let (tree, diagnostics) = syntax::parse_in_pieces(text, &mut arena, piece);
            assert_eq!(
                tree, whole,
                "pieces of {piece} bytes, {threads} threads:\n{text:?}"
            );
            assert!(
                diagnostics.iter().eq(whole_diagnostics.iter()),
                "pieces of {piece} bytes, {threads} threads:\n{text:?}"
            );
        }
    }
}

#[test]
fn every_worked_case_reads_the_same_in_pieces() {
    for text in worked_cases() {
        reads_the_same_in_pieces(text);
    }
    reads_the_same_in_pieces("state XA\r\nstate XB \"a\\\"{\" # {\r\n}\rstate XC\n\n");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        run_everything(&text);
    }

    /// Shapes that attack the parser: braces opened and closed far apart, text after `}`,
    /// quotes and escapes left open, every kind of line break, repeated to several hundred
    /// pieces so that nesting goes past the limit.
    #[test]
    fn adversarial_shapes_never_panic_and_fmt_keeps_their_meaning(
        pieces in proptest::collection::vec(
            prop_oneof!["a \\{\n", "\\}", "\\}x", "\\{", "\"", "\\\\\"", "\r", "\r\n", "\n", ";", "state XA", "x = 1", " "],
            0..60,
        ),
        repeat in 1usize..12,
    ) {
        let text = pieces.concat().repeat(repeat);
        run_everything(&text);
        reads_the_same_in_pieces(&text);
        if let Ok(formatted) = format_case(&text) {
            let again = format_case(&formatted);
            prop_assert_eq!(again.as_deref(), Ok(formatted.as_str()));
        }
    }

    #[test]
    fn text_made_of_the_language_never_panics(text in "((case|act|state|by|on|expect|implicated|for|about|[A-Za-z0-9-]{1,6}|\"[^\"\\n]{0,8}\"|2024-0[0-9]-[0-3][0-9]|\\.\\.|\\(alleged by|\\)|\\{|\\}|;|,|#[^\\n]{0,5}| |\\n){0,60})") {
        run_everything(&text);
    }

    #[test]
    fn mutated_cases_never_panic(seed in 0usize..4, mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut text = seeds()[seed].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        run_everything(&text);
        reads_the_same_in_pieces(&text);
    }

    /// Declarations may come in any order: shuffling a case's top-level statements changes no
    /// conclusion.
    #[test]
    fn the_order_of_statements_does_not_change_the_conclusions(case in 0usize..64, order in proptest::collection::vec(any::<u32>(), 64)) {
        let text = &worked_cases()[case % worked_cases().len()];
        let mut chunks: Vec<(u32, String)> = top_level_chunks(text).into_iter().zip(order).map(|(c, k)| (k, c)).collect();
        chunks.sort_by_key(|(k, _)| *k);
        let shuffled: String = chunks.into_iter().map(|(_, c)| c).collect();
        prop_assert_eq!(conclusions(text), conclusions(&shuffled));
    }

    #[test]
    fn formatting_is_idempotent_and_never_changes_meaning(seed in 0usize..4, mutations in proptest::collection::vec(mutation(), 0..4)) {
        let mut text = seeds()[seed].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        match format_case(&text) {
            Ok(once) => prop_assert_eq!(format_case(&once), Ok(once.clone())),
            Err(diagnostics) => {
                for d in diagnostics {
                    prop_assert!(!d.message.contains("would change"), "formatting changed the meaning of:\n{}", text);
                }
            }
        }
    }
}
