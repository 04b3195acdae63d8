//! What a rule puts in quotation marks, the texts say, word for word: every quoted fragment of
//! a caution occurs in the paragraph (or outside source) the caution cites, and every quoted
//! fragment of a rule's title, documentation and `not_implicated_when` lines occurs in a
//! paragraph the rule cites or the sentence names. Quotation marks and white space are
//! compared loosely (the reports' typographic apostrophes are the file's straight ones); words
//! and their order are not.

use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::corpus::{Citation, Corpus};

/// Text compared as quoted: typographic quotes and apostrophes straightened, runs of white
/// space made one space.
fn normal(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fragments of `text` between double quotation marks, straight or typographic.
fn quoted(text: &str) -> Vec<String> {
    normal(text)
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The text of a citation, its sub-paragraphs included.
fn text_of(corpus: &Corpus, citation: &Citation) -> String {
    let parts: Vec<String> = corpus
        .text(citation)
        .into_iter()
        .map(|(_, text)| text.to_owned())
        .collect();
    normal(&parts.join(" "))
}

/// The paragraphs a sentence names: `A/76/135 ¶71(g)` in full, and a bare `¶20` in either
/// report.
fn named(corpus: &Corpus, sentence: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    for (at, _) in sentence.match_indices('¶') {
        let key: String = sentence[at + '¶'.len_utf8()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | ')'))
            .collect();
        // `¶13(f))` closes a parenthesis of the sentence too: try the key, then shorter.
        let mut key = key.as_str();
        loop {
            let found: Vec<Citation> = ["A/70/174", "A/76/135"]
                .iter()
                .filter_map(|d| corpus.cite(&format!("{d} ¶{key}")).ok())
                .collect();
            if !found.is_empty() || key.is_empty() {
                out.extend(found);
                break;
            }
            key = &key[..key.len() - 1];
        }
    }
    out
}

#[test]
fn every_quoted_fragment_is_in_the_paragraph_it_cites() {
    let (catalogue, problems) = Catalogue::embedded();
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = &catalogue.corpus;
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (_, rule) in catalogue.iter() {
        for caution in &rule.cautions {
            let cited = text_of(corpus, &caution.cite);
            for fragment in quoted(&caution.text) {
                checked += 1;
                if !cited.contains(&fragment) {
                    wrong.push(format!(
                        "{}: caution quotes \"{fragment}\", not in {}",
                        rule.id, caution.cite
                    ));
                }
            }
        }
        let mut sentences = vec![rule.title.as_str()];
        sentences.extend(rule.not_implicated_when.iter().map(String::as_str));
        sentences.extend([rule.doc.what.as_str(), rule.doc.why.as_str()]);
        sentences.extend(rule.doc.reading.as_deref());
        let cited: Vec<&Citation> = rule
            .citations
            .iter()
            .chain(rule.cautions.iter().map(|c| &c.cite))
            .collect();
        for sentence in sentences {
            let mut texts: Vec<String> = cited.iter().map(|c| text_of(corpus, c)).collect();
            texts.extend(named(corpus, sentence).iter().map(|c| text_of(corpus, c)));
            for fragment in quoted(sentence) {
                checked += 1;
                if !texts.iter().any(|t| t.contains(&fragment)) {
                    wrong.push(format!(
                        "{}: quotes \"{fragment}\", in no paragraph it cites or names",
                        rule.id
                    ));
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} quoted fragments found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_fragment_the_texts_do_not_hold_is_found() {
    let corpus = Corpus::embedded();
    let Ok(paragraph) = corpus.cite("A/76/135 ¶20") else {
        panic!("¶20 is in the corpus");
    };
    let text = text_of(&corpus, &paragraph);
    let [right, wrong] = ["\"encourages States to refrain\"", "\"should refrain\""]
        .map(|sentence| quoted(sentence).iter().all(|f| text.contains(f)));
    assert!(right && !wrong);
    assert_eq!(named(&corpus, "as ¶13(f)) says").len(), 1);
}
