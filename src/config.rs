//! The project configuration: a `normcheck.toml` or `normcheck.yaml` at the root of a
//! repository says what `check` and `test` read and how they report, so that a team's CI, its
//! pre-commit hook and its members all run the same check with `normcheck check`. The command
//! line finds it by walking up from the working directory; this module reads its text (pure: no
//! I/O) into a [`Config`], with every problem a diagnostic at its key or value.
//!
//! ```toml
//! paths = ["drafts"]                  # what to check when no path is given
//! exclude = ["drafts/archive"]        # globs; `*`, `?`, `**`
//! fail-on = "gap"                     # as --fail-on
//! baseline = "normcheck-baseline.json"
//! rules = ["rules"]                   # directories of extra rules, as --rules
//! format = "github"                   # as --format
//! ```
//!
//! Paths are relative to the directory of the file. A flag given on the command line wins over
//! the file.

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Span};
use crate::report::{FailOn, Format};
use crate::rules::yaml::{self, Node, Value};

/// The names the file may have, in the order they are looked for in a directory.
pub const FILE_NAMES: [&str; 2] = ["normcheck.toml", "normcheck.yaml"];

/// The keys of the file, each with what it takes.
const KEYS: [(&str, &str); 6] = [
    (
        "paths",
        "a list of files and directories to check when none is given",
    ),
    (
        "exclude",
        "a list of glob patterns of files a directory walk passes over",
    ),
    (
        "fail-on",
        "the level of findings that fails a run, as `--fail-on`",
    ),
    ("baseline", "a baseline file, as `--baseline`"),
    (
        "rules",
        "a list of directories of extra rules, as `--rules`",
    ),
    ("format", "the output format, as `--format`"),
];

/// A project configuration. Paths are as written, relative to the file's directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    pub paths: Vec<String>,
    pub exclude: Vec<Glob>,
    pub fail_on: Option<FailOn>,
    pub baseline: Option<String>,
    pub rules: Vec<String>,
    pub format: Option<Format>,
}

impl Config {
    /// Reads a configuration file; `name` says whether it is TOML or YAML (by its extension).
    /// Every problem is reported, each at its place.
    pub fn parse(name: &str, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
        if text.lines().all(blank) {
            return Ok(Config::default());
        }
        let root = match name.ends_with(".toml") {
            true => toml_tree(text)?,
            false => yaml::parse(text).map_err(|e| {
                vec![invalid(
                    e.span,
                    format!("this is not valid YAML: {}", e.message),
                )]
            })?,
        };
        let mut read = Reader::default();
        read.root(&root);
        match read.diagnostics.is_empty() {
            true => Ok(read.config),
            false => {
                read.diagnostics.sort_by_key(|d| d.span.start);
                Err(read.diagnostics)
            }
        }
    }
}

fn invalid(span: Span, message: String) -> Diagnostic {
    Diagnostic::error(Code::InvalidConfig, span, message)
}

/// A TOML document as the tree YAML is read into, with the same spans: one reader checks both.
fn toml_tree(text: &str) -> Result<Node, Vec<Diagnostic>> {
    use toml::de::{DeTable, DeValue};
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                let span = e
                    .span()
                    .map_or(Span::default(), |r| Span::new(r.start, r.end));
                invalid(
                    span,
                    format!("this is not valid TOML: {}", e.message().trim_end()),
                )
            })
            .collect());
    }
    fn node(value: &DeValue<'_>, span: std::ops::Range<usize>) -> Node {
        let value = match value {
            DeValue::String(s) => Value::Scalar(s.to_string()),
            DeValue::Integer(i) => Value::Scalar(i.as_str().to_owned()),
            DeValue::Float(f) => Value::Scalar(f.as_str().to_owned()),
            DeValue::Boolean(b) => Value::Scalar(b.to_string()),
            DeValue::Datetime(d) => Value::Scalar(d.to_string()),
            DeValue::Array(items) => Value::List(
                items
                    .iter()
                    .map(|item| node(item.get_ref(), item.span()))
                    .collect(),
            ),
            DeValue::Table(table) => Value::Map(map(table)),
        };
        Node {
            value,
            span: Span::new(span.start, span.end),
        }
    }
    fn map(table: &DeTable<'_>) -> Vec<(Node, Node)> {
        table
            .iter()
            .map(|(key, value)| {
                let key_span = key.span();
                let key = Node {
                    value: Value::Scalar(key.get_ref().to_string()),
                    span: Span::new(key_span.start, key_span.end),
                };
                (key, node(value.get_ref(), value.span()))
            })
            .collect()
    }
    let span = table.span();
    Ok(Node {
        value: Value::Map(map(table.get_ref())),
        span: Span::new(span.start, span.end),
    })
}

#[derive(Default)]
struct Reader {
    config: Config,
    diagnostics: Vec<Diagnostic>,
}

impl Reader {
    fn root(&mut self, root: &Node) {
        let Some(entries) = root.as_map() else {
            let message = format!("the file holds {}; it holds keys and values", root.kind());
            self.diagnostics.push(invalid(root.span, message));
            return;
        };
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let name = key.as_str().unwrap_or_default();
            if seen.contains(&name) {
                let message = format!("`{name}` is set twice");
                self.diagnostics.push(invalid(key.span, message));
                continue;
            }
            seen.push(name);
            match name {
                "paths" => self.config.paths = self.texts(value, name),
                "rules" => self.config.rules = self.texts(value, name),
                "exclude" => {
                    let patterns = self.texts(value, name);
                    self.config.exclude = patterns.into_iter().map(Glob::new).collect();
                }
                "baseline" => self.config.baseline = self.text(value, name),
                "fail-on" => {
                    let word = self.word(value, name, FailOn::ALL.map(FailOn::name));
                    self.config.fail_on = word.and_then(FailOn::from_name);
                }
                "format" => {
                    let names = Format::ALL.iter().map(|f| f.name());
                    let word = self.word(value, name, names);
                    self.config.format = word.and_then(Format::from_name);
                }
                _ => {
                    let keys = KEYS.map(|(k, _)| k);
                    let help = match did_you_mean(&name.replace('_', "-"), keys) {
                        Some(key) => format!("did you mean `{key}`?"),
                        None => format!(
                            "the keys are: {}",
                            KEYS.map(|(k, what)| format!("`{k}` ({what})")).join("; ")
                        ),
                    };
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::UnknownConfigKey,
                            key.span,
                            format!("`{name}` is not a key of the configuration"),
                        )
                        .with_label("unknown key")
                        .with_help(help),
                    );
                }
            }
        }
    }

    /// One text.
    fn text(&mut self, value: &Node, key: &str) -> Option<String> {
        match value.as_str() {
            Some(text) if !text.is_empty() => Some(text.to_owned()),
            _ => {
                let message = format!("`{key}` takes a path in quotes, not {}", value.kind());
                self.diagnostics.push(invalid(value.span, message));
                None
            }
        }
    }

    /// A list of texts, or one text standing for a list of one.
    fn texts(&mut self, value: &Node, key: &str) -> Vec<String> {
        match &value.value {
            Value::Scalar(_) => self.text(value, key).into_iter().collect(),
            Value::List(items) => items.iter().filter_map(|i| self.text(i, key)).collect(),
            Value::Map(_) => {
                let message = format!("`{key}` takes a list of paths, not {}", value.kind());
                self.diagnostics.push(invalid(value.span, message));
                Vec::new()
            }
        }
    }

    /// One of `words`.
    fn word<'w>(
        &mut self,
        value: &Node,
        key: &str,
        words: impl IntoIterator<Item = &'w str> + Clone,
    ) -> Option<&'w str> {
        let given = value.as_str().unwrap_or_default();
        if let Some(word) = words.clone().into_iter().find(|w| *w == given) {
            return Some(word);
        }
        let help = match did_you_mean(given, words.clone()) {
            Some(word) => format!("did you mean `{word}`?"),
            None => format!(
                "`{key}` is one of: {}",
                words.into_iter().collect::<Vec<_>>().join(", ")
            ),
        };
        let message = match value.as_str() {
            Some(_) => format!("`{given}` is not a value of `{key}`"),
            None => format!("`{key}` takes a word, not {}", value.kind()),
        };
        self.diagnostics
            .push(invalid(value.span, message).with_help(help));
        None
    }
}

/// A glob pattern over paths relative to the configuration's directory, with `/` between
/// their parts: `*` matches within a part, `?` one character, `**` any number of parts. A
/// pattern matches a file if it matches the file's path or a directory above it (so
/// `drafts/archive` passes over all of that directory); a pattern without a `/` matches a
/// name at any depth (`*.old.md`), as in `.gitignore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pub pattern: String,
    parts: Vec<String>,
}

impl Glob {
    pub fn new(pattern: String) -> Glob {
        let trimmed = pattern.trim_start_matches("./").trim_matches('/');
        let mut parts: Vec<String> = trimmed
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if parts.len() == 1 && parts[0] != "**" {
            parts.insert(0, "**".to_owned());
        }
        Glob { pattern, parts }
    }

    /// Whether the path (its parts, relative to the configuration's directory) or one of the
    /// directories above it matches. Linear in the parts times the pattern's parts.
    pub fn matches(&self, path: &[&str]) -> bool {
        let p = &self.parts;
        // reach[j]: the pattern's first i parts match the path's first j parts.
        let mut reach = vec![false; path.len() + 1];
        reach[0] = true;
        for part in p {
            let mut next = vec![false; path.len() + 1];
            if part == "**" {
                let mut any = false;
                for j in 0..=path.len() {
                    any |= reach[j];
                    next[j] = any;
                }
            } else {
                for j in 0..path.len() {
                    next[j + 1] = reach[j] && matches_part(part, path[j]);
                }
            }
            reach = next;
        }
        // The whole path, or a directory above it.
        reach.iter().skip(1).any(|r| *r)
    }
}

/// One part of a path against one part of a pattern (`*` and `?`), by the usual greedy
/// backtracking on the last `*`: linear in practice, quadratic at worst in one name's length.
fn matches_part(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        match p.get(i) {
            Some('*') => {
                star = Some((i, j));
                i += 1;
            }
            Some(c) if *c == '?' || *c == n[j] => {
                i += 1;
                j += 1;
            }
            _ => match star {
                Some((si, sj)) => {
                    i = si + 1;
                    j = sj + 1;
                    star = Some((si, sj + 1));
                }
                None => return false,
            },
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn toml_and_yaml_say_the_same() {
        let toml = "paths = [\"drafts\"]\nexclude = [\"drafts/archive\", \"*.old.md\"]\nfail-on = \"gap\"\nbaseline = \"base.json\"\nrules = \"rules\"\nformat = \"github\"\n";
        let yaml = "paths: [drafts]\nexclude:\n  - drafts/archive\n  - '*.old.md'\nfail-on: gap\nbaseline: base.json\nrules: rules\nformat: github\n";
        let a = Config::parse("normcheck.toml", toml).unwrap();
        let b = Config::parse("normcheck.yaml", yaml).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.fail_on, Some(FailOn::Gap));
        assert_eq!(a.format, Some(Format::Github));
        assert_eq!(a.rules, ["rules"]);
        assert_eq!(Config::parse("normcheck.yaml", ""), Ok(Config::default()));
    }

    #[test]
    fn every_problem_is_reported_at_its_place_with_a_suggestion() {
        let text = "fail_on = \"gap\"\nformat = \"sarf\"\npaths = 3\n";
        let errors = Config::parse("normcheck.toml", text).unwrap_err();
        let at = |d: &Diagnostic| &text[d.span.start..d.span.end];
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_eq!(errors[0].code, Code::UnknownConfigKey);
        assert_eq!(at(&errors[0]), "fail_on");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `fail-on`?"));
        assert_eq!(at(&errors[1]), "\"sarf\"");
        assert_eq!(errors[1].help.as_deref(), Some("did you mean `sarif`?"));
        // `paths = 3` is a path named `3`: TOML's number is a word to the reader.

        let errors = Config::parse("normcheck.toml", "paths = [\n").unwrap_err();
        assert!(errors[0].message.starts_with("this is not valid TOML"));
        let errors = Config::parse("normcheck.yaml", "[fail-on]").unwrap_err();
        assert!(errors[0].message.contains("holds a list"), "{errors:#?}");
    }

    #[test]
    fn globs_match_paths_and_the_directories_above_them() {
        let m = |pattern: &str, path: &str| {
            let parts: Vec<&str> = path.split('/').collect();
            Glob::new(pattern.to_owned()).matches(&parts)
        };
        assert!(m("drafts/archive", "drafts/archive/2019/plan.md"));
        assert!(m("drafts/archive/", "drafts/archive/plan.md"));
        assert!(!m("drafts/archive", "drafts/archived.md"));
        assert!(m("*.old.md", "drafts/x/plan.old.md"));
        assert!(!m("*.old.md", "drafts/plan.md"));
        assert!(m("drafts/**/notes.md", "drafts/notes.md"));
        assert!(m("drafts/**/notes.md", "drafts/a/b/notes.md"));
        assert!(m("d?afts/*.md", "drafts/plan.md"));
        assert!(!m("drafts/*.md", "drafts/sub/plan.md"));
        assert!(m("archive", "a/b/archive/c.md"));
        assert!(m("**", "anything.md"));
    }
}
