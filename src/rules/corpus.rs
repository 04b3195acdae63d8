//! The paragraph corpus: the two GGE reports split into numbered paragraphs (embedded from
//! `rules/corpus/`), and citations checked against it.

use std::collections::BTreeMap;
use std::fmt;

use crate::language::model::Date;

/// The documents a citation can name, with their embedded texts.
const REPORTS: &[(&str, &str)] = &[
    ("A/70/174", include_str!("../../rules/corpus/A-70-174.txt")),
    ("A/76/135", include_str!("../../rules/corpus/A-76-135.txt")),
];

/// The day each report was adopted: the date of its letter of transmittal, signed at the close of
/// the Group's last session (A/70/174: 22-26 June 2015; A/76/135: 24-28 May 2021). A norm or
/// recommendation a report states first exists from that day.
const ADOPTED: &[(&str, Date)] = &[
    (
        "A/70/174",
        Date {
            year: 2015,
            month: 6,
            day: 26,
        },
    ),
    (
        "A/76/135",
        Date {
            year: 2021,
            month: 5,
            day: 28,
        },
    ),
];

/// The day a report of the corpus was adopted.
pub fn adopted(document: &str) -> Option<Date> {
    ADOPTED
        .iter()
        .find(|(d, _)| *d == document)
        .map(|(_, date)| *date)
}

/// The reports of the corpus, by symbol.
pub fn reports() -> impl Iterator<Item = &'static str> + Clone {
    REPORTS.iter().map(|(symbol, _)| *symbol)
}

/// Sources outside the two reports that rules may cite: the general law the reports point to.
/// Each text is the provision's own words (its first letter lowered after the colon), so that
/// a caution quoting it can be checked like one quoting a paragraph of the reports.
const EXTERNAL: &[(&str, &str)] = &[
    ("ARSIWA art. 4", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 4(1): the conduct of any State organ shall be considered an act of that State under international law, whether the organ exercises legislative, executive, judicial or any other functions, whatever position it holds in the organization of the State, and whatever its character as an organ of the central Government or of a territorial unit of the State."),
    ("ARSIWA art. 8", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 8: the conduct of a person or group of persons shall be considered an act of a State under international law if the person or group of persons is in fact acting on the instructions of, or under the direction or control of, that State in carrying out the conduct."),
    ("ARSIWA art. 7", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 7: the conduct of an organ of a State or of a person or entity empowered to exercise elements of the governmental authority shall be considered an act of the State under international law if the organ, person or entity acts in that capacity, even if it exceeds its authority or contravenes instructions."),
    ("ARSIWA art. 11", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 11: conduct which is not attributable to a State under the preceding articles shall nevertheless be considered an act of that State under international law if and to the extent that the State acknowledges and adopts the conduct in question as its own."),
    ("ARSIWA art. 22", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 22: the wrongfulness of an act of a State not in conformity with an international obligation towards another State is precluded if and to the extent that the act constitutes a countermeasure taken against the latter State in accordance with chapter II of Part Three."),
    ("ARSIWA art. 49", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 49(1): an injured State may only take countermeasures against a State which is responsible for an internationally wrongful act in order to induce that State to comply with its obligations under Part Two."),
    ("ARSIWA art. 50", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 50(1): countermeasures shall not affect: (a) the obligation to refrain from the threat or use of force as embodied in the Charter of the United Nations; (b) obligations for the protection of fundamental human rights; (c) obligations of a humanitarian character prohibiting reprisals; (d) other obligations under peremptory norms of general international law."),
    ("ARSIWA art. 51", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 51: countermeasures must be commensurate with the injury suffered, taking into account the gravity of the internationally wrongful act and the rights in question."),
    ("ARSIWA art. 52", "ILC Articles on Responsibility of States for Internationally Wrongful Acts (2001), art. 52(1): before taking countermeasures, an injured State shall: (a) call upon the responsible State, in accordance with article 43, to fulfil its obligations under Part Two; (b) notify the responsible State of any decision to take countermeasures and offer to negotiate with that State."),
    ("ICJ Bosnian Genocide ¶400", "International Court of Justice, Application of the Convention on the Prevention and Punishment of the Crime of Genocide (Bosnia and Herzegovina v. Serbia and Montenegro), Judgment of 26 February 2007, ¶400: it must however be shown that this 'effective control' was exercised, or that the State's instructions were given, in respect of each operation in which the alleged violations occurred, not generally in respect of the overall actions taken by the persons or groups of persons having committed the violations."),
    ("ICJ Nicaragua ¶205", "International Court of Justice, Military and Paramilitary Activities in and against Nicaragua (Nicaragua v. United States of America), Merits, Judgment of 27 June 1986, ¶205: a prohibited intervention must accordingly be one bearing on matters in which each State is permitted, by the principle of State sovereignty, to decide freely. One of these is the choice of a political, economic, social and cultural system, and the formulation of foreign policy. Intervention is wrongful when it uses methods of coercion in regard to such choices, which must remain free ones."),
    ("UN Charter art. 2(3)", "Charter of the United Nations, Article 2(3): all Members shall settle their international disputes by peaceful means in such a manner that international peace and security, and justice, are not endangered."),
    ("UN Charter art. 2(4)", "Charter of the United Nations, Article 2(4): all Members shall refrain in their international relations from the threat or use of force against the territorial integrity or political independence of any state, or in any other manner inconsistent with the Purposes of the United Nations."),
    ("UN Charter art. 33", "Charter of the United Nations, Article 33(1): the parties to any dispute, the continuance of which is likely to endanger the maintenance of international peace and security, shall, first of all, seek a solution by negotiation, enquiry, mediation, conciliation, arbitration, judicial settlement, resort to regional agencies or arrangements, or other peaceful means of their own choice."),
    ("UN Charter art. 51", "Charter of the United Nations, Article 51: nothing in the present Charter shall impair the inherent right of individual or collective self-defence if an armed attack occurs against a Member of the United Nations, until the Security Council has taken measures necessary to maintain international peace and security."),
    ("AP I art. 52(2)", "Protocol Additional to the Geneva Conventions of 12 August 1949, and relating to the Protection of Victims of International Armed Conflicts (Protocol I), 1977, art. 52(2): attacks shall be limited strictly to military objectives. In so far as objects are concerned, military objectives are limited to those objects which by their nature, location, purpose or use make an effective contribution to military action and whose total or partial destruction, capture or neutralization, in the circumstances ruling at the time, offers a definite military advantage."),
    ("ICCPR art. 2(1)", "International Covenant on Civil and Political Rights, 1966, art. 2(1): each State Party to the present Covenant undertakes to respect and to ensure to all individuals within its territory and subject to its jurisdiction the rights recognized in the present Covenant, without distinction of any kind."),
];

/// A checked reference to a paragraph of a report or to an outside source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Citation {
    /// `A/76/135 ¶71(g)`: document and paragraph key (`71(g)`).
    Paragraph {
        document: &'static str,
        paragraph: String,
    },
    /// `ARSIWA art. 8`.
    External(&'static str),
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Paragraph {
                document,
                paragraph,
            } => write!(f, "{document} ¶{paragraph}"),
            Citation::External(s) => f.write_str(s),
        }
    }
}

/// What a loosely written reference may mean (`Corpus::lookup_loose`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loose {
    pub exact: Vec<Citation>,
    pub near: Vec<Citation>,
}

/// A paragraph key as the corpus writes it, from a loose one: `13f` and `13 (f)` are
/// `13(f)`, `16div` is `16(d)(iv)`; `None` if it does not begin with a number.
fn paragraph_key(loose: &str) -> Option<String> {
    let loose: String = loose
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let digits = loose.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (number, rest) = loose.split_at(digits);
    if rest.is_empty() || rest.starts_with('(') {
        return Some(loose);
    }
    if !rest.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    // A letter, then perhaps a roman numeral: `d` then `iv`.
    let (letter, roman) = rest.split_at(1);
    Some(match roman {
        "" => format!("{number}({letter})"),
        roman => format!("{number}({letter})({roman})"),
    })
}

/// Why a citation was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationError {
    /// Not of the form `A/70/174 ¶13(f)` or a known outside source.
    Malformed,
    UnknownDocument,
    /// The document exists but has no such paragraph.
    NoSuchParagraph {
        document: &'static str,
    },
}

impl fmt::Display for CitationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CitationError::Malformed => f.write_str("a citation reads `A/70/174 ¶13(f)`, `A/76/135 ¶71(g)` or an outside source such as `ARSIWA art. 8`"),
            CitationError::UnknownDocument => f.write_str("only A/70/174 and A/76/135 are in the corpus"),
            CitationError::NoSuchParagraph { document: "A/76/135" } => f.write_str(
                "A/76/135 has no such paragraph; the norms keep their 2015 numbering, so a norm is cited as `A/70/174 ¶13(f)` and its 2021 commentary by its own paragraph, e.g. `A/76/135 ¶42`",
            ),
            CitationError::NoSuchParagraph { document } => write!(f, "{document} has no such paragraph"),
        }
    }
}

/// The paragraphs of both reports, in document order.
#[derive(Debug)]
pub struct Corpus {
    paragraphs: BTreeMap<(&'static str, String), (usize, &'static str)>,
}

impl Corpus {
    pub fn embedded() -> Corpus {
        let mut paragraphs = BTreeMap::new();
        let mut order = 0;
        for (document, text) in REPORTS {
            for line in text.lines() {
                let Some(rest) = line.strip_prefix('¶') else {
                    continue;
                };
                let Some((key, body)) = rest.split_once(' ') else {
                    continue;
                };
                paragraphs.insert((*document, key.to_owned()), (order, body));
                order += 1;
            }
        }
        Corpus { paragraphs }
    }

    /// Parses and checks a citation.
    pub fn cite(&self, s: &str) -> Result<Citation, CitationError> {
        let s = s.trim();
        if let Some((name, _)) = EXTERNAL.iter().find(|(name, _)| *name == s) {
            return Ok(Citation::External(name));
        }
        let (document, paragraph) = s.split_once(' ').ok_or(CitationError::Malformed)?;
        let paragraph = paragraph
            .trim()
            .strip_prefix('¶')
            .ok_or(CitationError::Malformed)?;
        let paragraph: String = paragraph.chars().filter(|c| !c.is_whitespace()).collect();
        if paragraph.is_empty() || !paragraph.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(CitationError::Malformed);
        }
        let document = REPORTS
            .iter()
            .map(|(d, _)| *d)
            .find(|d| *d == document)
            .ok_or(CitationError::UnknownDocument)?;
        if self.paragraphs.contains_key(&(document, paragraph.clone())) {
            Ok(Citation::Paragraph {
                document,
                paragraph,
            })
        } else {
            Err(CitationError::NoSuchParagraph { document })
        }
    }

    /// What a loosely written reference may mean: `13f`, `13(f)`, `A/76/135 42`, `2021 ¶30`,
    /// `para 42`. `exact` holds the paragraphs it names (several where it does not say the
    /// report and both have the paragraph); where it names none, `near` holds what it may have
    /// meant (the same paragraph of the other report, or the paragraph a sub-paragraph is
    /// under).
    pub fn lookup_loose(&self, s: &str) -> Loose {
        if let Ok(citation) = self.cite(s) {
            return Loose {
                exact: vec![citation],
                near: Vec::new(),
            };
        }
        let lowered = s.to_lowercase().replace(['¶', '§', ','], " ");
        let mut documents: Vec<&'static str> = Vec::new();
        let mut key = String::new();
        for token in lowered.split_whitespace() {
            match token.trim_end_matches('.') {
                "para" | "paras" | "paragraph" | "paragraphs" | "p" | "pp" => {}
                "2015" | "a/70/174" if !documents.contains(&"A/70/174") => {
                    documents.push("A/70/174")
                }
                "2021" | "a/76/135" if !documents.contains(&"A/76/135") => {
                    documents.push("A/76/135")
                }
                "2015" | "a/70/174" | "2021" | "a/76/135" => {}
                other => key.push_str(other),
            }
        }
        let Some(key) = paragraph_key(&key) else {
            return Loose::default();
        };
        if documents.is_empty() {
            documents = REPORTS.iter().map(|(d, _)| *d).collect();
        }
        let found = |document: &'static str, key: &str| {
            let key = key.to_owned();
            self.paragraphs
                .contains_key(&(document, key.clone()))
                .then_some(Citation::Paragraph {
                    document,
                    paragraph: key,
                })
        };
        let exact: Vec<Citation> = documents.iter().filter_map(|d| found(d, &key)).collect();
        if !exact.is_empty() {
            return Loose {
                exact,
                near: Vec::new(),
            };
        }
        let mut near: Vec<Citation> = REPORTS
            .iter()
            .filter(|(d, _)| !documents.contains(d))
            .filter_map(|(d, _)| found(d, &key))
            .collect();
        if let Some((parent, _)) = key.rsplit_once('(') {
            near.extend(documents.iter().filter_map(|d| found(d, parent)));
        }
        Loose {
            exact: Vec::new(),
            near,
        }
    }

    /// The text of a paragraph and of its sub-paragraphs, in order, each with its citation.
    pub fn text(&self, citation: &Citation) -> Vec<(String, &'static str)> {
        match citation {
            Citation::External(name) => EXTERNAL
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(n, t)| (n.to_string(), *t))
                .collect(),
            Citation::Paragraph {
                document,
                paragraph,
            } => {
                let mut out: Vec<(usize, String, &'static str)> = self
                    .paragraphs
                    .iter()
                    .filter(|((d, p), _)| {
                        d == document && (p == paragraph || p.starts_with(&format!("{paragraph}(")))
                    })
                    .map(|((d, p), (order, text))| (*order, format!("{d} ¶{p}"), *text))
                    .collect();
                out.sort();
                out.into_iter().map(|(_, c, t)| (c, t)).collect()
            }
        }
    }

    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_references_find_their_paragraphs() {
        let corpus = Corpus::embedded();
        let exact = |s: &str| -> Vec<String> {
            corpus
                .lookup_loose(s)
                .exact
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(exact("13f"), ["A/70/174 ¶13(f)"]);
        assert_eq!(exact("13(f)"), ["A/70/174 ¶13(f)"]);
        assert_eq!(exact("A/76/135 42"), ["A/76/135 ¶42"]);
        assert_eq!(exact("2021 ¶30"), ["A/76/135 ¶30"]);
        assert_eq!(exact("para 71g"), ["A/76/135 ¶71(g)"]);
        assert_eq!(exact("2015 16div"), ["A/70/174 ¶16(d)(iv)"]);
        assert_eq!(exact("para 13"), ["A/70/174 ¶13", "A/76/135 ¶13"]);
        assert_eq!(exact("2015 A/70/174 13"), ["A/70/174 ¶13"]);
        assert_eq!(exact("13.f"), ["A/70/174 ¶13(f)"]);
        assert_eq!(exact("A/70/174 ¶13(f)"), ["A/70/174 ¶13(f)"]);
        assert!(exact("the norms").is_empty());
        // The 2021 report comments on the norms under its own paragraph numbers.
        let near: Vec<String> = corpus
            .lookup_loose("2021 13f")
            .near
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(near, ["A/70/174 ¶13(f)", "A/76/135 ¶13"]);
    }

    #[test]
    fn norms_are_cited_from_the_2015_report() {
        let corpus = Corpus::embedded();
        assert!(corpus.cite("A/70/174 ¶13(f)").is_ok());
        assert_eq!(
            corpus.cite("A/76/135 ¶13(f)"),
            Err(CitationError::NoSuchParagraph {
                document: "A/76/135"
            })
        );
        assert!(corpus.cite("A/76/135 ¶13").is_ok());
    }

    #[test]
    fn commentary_and_law_paragraphs_exist() {
        let corpus = Corpus::embedded();
        for c in [
            "A/76/135 ¶71(g)",
            "A/76/135 ¶30(d)",
            "A/70/174 ¶28(e)",
            "A/70/174 ¶16(d)(iv)",
            "A/76/135 ¶45",
            "ARSIWA art. 8",
        ] {
            assert!(corpus.cite(c).is_ok(), "{c}");
        }
        assert_eq!(
            corpus.cite("A/76/135 ¶99"),
            Err(CitationError::NoSuchParagraph {
                document: "A/76/135"
            })
        );
        assert_eq!(
            corpus.cite("A/75/816 ¶1"),
            Err(CitationError::UnknownDocument)
        );
        assert_eq!(corpus.cite("¶13"), Err(CitationError::Malformed));
    }

    #[test]
    fn the_corpus_is_complete() {
        let corpus = Corpus::embedded();
        for (document, last) in [("A/70/174", 36), ("A/76/135", 98)] {
            for n in 1..=last {
                assert!(
                    corpus.cite(&format!("{document} ¶{n}")).is_ok(),
                    "{document} ¶{n} is missing"
                );
            }
            assert!(corpus.cite(&format!("{document} ¶{}", last + 1)).is_err());
        }
        for (paragraph, letters) in [
            ("A/70/174 ¶13", "abcdefghijk"),
            ("A/70/174 ¶28", "abcdef"),
            ("A/76/135 ¶71", "abcdefg"),
            ("A/76/135 ¶30", "abcd"),
        ] {
            for l in letters.chars() {
                assert!(
                    corpus.cite(&format!("{paragraph}({l})")).is_ok(),
                    "{paragraph}({l}) is missing"
                );
            }
        }
        for (_, text) in corpus.text(&Citation::Paragraph {
            document: "A/70/174",
            paragraph: "36".into(),
        }) {
            assert!(
                !text.contains("List of members"),
                "the annex leaked into ¶36"
            );
        }
    }

    #[test]
    fn a_paragraph_brings_its_sub_paragraphs() {
        let corpus = Corpus::embedded();
        let Ok(c) = corpus.cite("A/76/135 ¶30") else {
            panic!("¶30 exists")
        };
        let keys: Vec<String> = corpus.text(&c).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "A/76/135 ¶30",
                "A/76/135 ¶30(a)",
                "A/76/135 ¶30(b)",
                "A/76/135 ¶30(c)",
                "A/76/135 ¶30(d)"
            ]
        );
    }
}
