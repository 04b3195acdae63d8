//! The `normcheck` command line: reads files, picks formats, sets exit codes. Everything else
//! is in the library, which does no I/O.

// The binary is the edge where files are read; the library denies these calls.
#![allow(clippy::disallowed_methods)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use normcheck::diagnostic::{Code, Diagnostic, Span};
use normcheck::report::{self, Format, Run};
use normcheck::rules::catalogue::{Catalogue, RuleSource};
use normcheck::rules::engine;
use normcheck::rules::expect;
use normcheck::{check_case, generate, CheckedCase, FileDiagnostics};

#[derive(Parser)]
#[command(
    name = "normcheck",
    version,
    about = "Checks incident case files against the UN GGE framework (A/70/174, A/76/135)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report the commitments each case implicates, with citations, evidence and cautions.
    Check {
        /// Case files, or directories searched recursively for `*.case` files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        options: Options,
    },
    /// Check the `expect` statements of worked cases; every finding must be expected.
    Test {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        options: Options,
    },
    /// List the rule catalogue.
    Rules {
        /// List the relations rule patterns can match instead.
        #[arg(long, conflicts_with = "docs")]
        relations: bool,
        /// Print every rule's documentation as one Markdown page (as in docs/rules.md).
        #[arg(long)]
        docs: bool,
        /// Add rules from a directory of `*.yaml` files (a rule with a shipped id replaces it).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Show a rule's documentation, the text of a paragraph (`"A/76/135 ¶30"`), or what a
    /// diagnostic code means.
    Explain {
        /// A rule id, a citation such as "A/70/174 ¶13(f)", or a diagnostic code.
        what: String,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Say, for each State of a case, why a rule is or is not implicated: the first element of
    /// its pattern that no fact satisfies, or the `unless` entry that defeats it.
    WhyNot {
        /// A rule id.
        rule: String,
        /// One case file.
        path: PathBuf,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Lay case files out in the canonical style (files with syntax errors are left alone).
    Fmt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing; list the files that are not formatted and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Print a case's scenario graph in Graphviz DOT (dashed: alleged, disputed or unknown).
    Graph {
        /// One case file.
        path: PathBuf,
    },
    /// Write a synthetic, valid case file of about N facts (for benchmarks).
    #[command(hide = true)]
    Generate {
        #[arg(long, default_value_t = 1000)]
        facts: usize,
    },
}

#[derive(clap::Args)]
struct Options {
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    format: Format,
    /// Add rules from a directory of `*.yaml` files (a rule with a shipped id replaces it).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// `--format`: the names of the report's formats, each with its line of help.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let values = Format::ALL
        .iter()
        .map(|f| PossibleValue::new(f.name()).help(f.about()));
    PossibleValuesParser::new(values).map(|name| Format::from_name(&name).unwrap_or(Format::Human))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { paths, options } => run_cases(&paths, &options, false),
        Command::Test { paths, options } => run_cases(&paths, &options, true),
        Command::Rules {
            relations,
            docs,
            rules,
        } => {
            let (catalogue, problems) = load_catalogue(rules.as_deref());
            if !problems.is_empty() {
                return report_problems(&problems);
            }
            let text = if relations {
                report::docs::relations_list()
            } else if docs {
                report::docs::rules_markdown(&catalogue)
            } else {
                report::docs::rules_list(&catalogue)
            };
            print(&text);
            ExitCode::SUCCESS
        }
        Command::Explain { what, rules } => {
            let (catalogue, problems) = load_catalogue(rules.as_deref());
            if !problems.is_empty() {
                return report_problems(&problems);
            }
            if let Some(code) = Code::ALL.iter().find(|c| c.as_str() == what) {
                print(&format!(
                    "{code}: {}\n\nExamples and what to do: docs/diagnostics.md\n",
                    code.summary()
                ));
                return ExitCode::SUCCESS;
            }
            if let Some(rule) = catalogue.rule(&what) {
                print(&report::docs::explain_rule(&catalogue, rule));
                return ExitCode::SUCCESS;
            }
            match catalogue.corpus.cite(&what) {
                Ok(citation) => {
                    print(&report::docs::explain_citation(&catalogue, &citation));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let hint = catalogue
                        .lookup(&what)
                        .err()
                        .map(|unknown| unknown.help())
                        .unwrap_or_default();
                    eprintln!("error: `{what}` is neither a rule id nor a paragraph in the corpus\n  as a citation: {e}\n  as a rule: {hint}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Fmt { paths, check } => format_files(&paths, check),
        Command::WhyNot { rule, path, rules } => {
            let (catalogue, problems) = load_catalogue(rules.as_deref());
            if !problems.is_empty() {
                return report_problems(&problems);
            }
            let index = match catalogue.lookup(&rule) {
                Ok(index) => index,
                Err(unknown) => {
                    eprintln!(
                        "error: `{rule}` is not a rule in the catalogue\n  help: {}",
                        unknown.help()
                    );
                    return ExitCode::from(2);
                }
            };
            let checked = match check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            print(&report::why_not(&engine::why_not_by_state(
                &checked.path,
                &checked.scenario,
                &checked.findings,
                &catalogue,
                index,
            )));
            ExitCode::SUCCESS
        }
        Command::Graph { path } => {
            let (catalogue, _) = load_catalogue(None);
            let checked = match check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            print(&report::dot::render(&checked.scenario));
            ExitCode::SUCCESS
        }
        Command::Generate { facts } => {
            print(&generate::case_with_facts(facts));
            ExitCode::SUCCESS
        }
    }
}

fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`normcheck rules | head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

type Problems = Vec<FileDiagnostics>;

fn load_catalogue(dir: Option<&Path>) -> (Catalogue, Problems) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    if let Some(dir) = dir {
        match collect(dir, "yaml") {
            Ok(paths) => {
                for path in paths {
                    match std::fs::read_to_string(&path) {
                        Ok(text) => files.push((path.display().to_string(), text)),
                        Err(e) => problems.push(unreadable(&path, &e.to_string())),
                    }
                }
            }
            Err(e) => problems.push(unreadable(dir, &e)),
        }
    }
    let sources: Vec<RuleSource<'_>> = files
        .iter()
        .map(|(p, t)| RuleSource { path: p, text: t })
        .collect();
    let (catalogue, rule_problems) = Catalogue::load(&sources);
    problems.extend(
        rule_problems
            .into_iter()
            .map(|(path, text, diagnostics)| FileDiagnostics {
                path,
                text,
                diagnostics,
            }),
    );
    (catalogue, problems)
}

fn report_problems(problems: &Problems) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for file in problems {
        for d in &file.diagnostics {
            eprint!(
                "{}",
                report::render_diagnostic(&file.path, &file.text, d, color)
            );
        }
    }
    ExitCode::from(2)
}

fn unreadable(path: &Path, why: &str) -> FileDiagnostics {
    FileDiagnostics {
        path: path.display().to_string(),
        text: String::new(),
        diagnostics: vec![Diagnostic::error(
            Code::UnreadableFile,
            Span::default(),
            format!("cannot read `{}`: {why}", path.display()),
        )
        .with_help("check the path; case files are UTF-8 text")],
    }
}

/// Files under `path` with the extension `ext`, recursively, sorted; a file path is taken as is.
/// Symbolic links to directories are not followed, so a link cycle cannot loop.
fn collect(path: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) && p.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and checks one case file for a command that needs a valid case; on any problem, reports
/// it and gives the exit code to return.
fn check_one(catalogue: &Catalogue, path: &Path) -> Result<CheckedCase, ExitCode> {
    let text = read_text(path).map_err(|problem| report_problems(&vec![problem]))?;
    let checked = check_case(catalogue, &path.display().to_string(), &text);
    if checked.has_errors() {
        let diagnostics = checked.diagnostics;
        return Err(report_problems(&vec![FileDiagnostics {
            path: checked.path,
            text: checked.text,
            diagnostics,
        }]));
    }
    Ok(checked)
}

/// Reads a case file as UTF-8 text.
fn read_text(path: &Path) -> Result<String, FileDiagnostics> {
    match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => Err(unreadable(path, "not UTF-8 text")),
        Err(e) => Err(unreadable(path, &e.to_string())),
    }
}

/// Every case file named by `paths` (directories searched recursively), each once, with its
/// text; paths that cannot be read, and directories without cases, as problems.
fn read_cases(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Problems) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in paths {
        let found = match collect(path, "case") {
            Ok(found) => found,
            Err(e) => {
                problems.push(unreadable(path, &e));
                continue;
            }
        };
        if found.is_empty() {
            problems.push(FileDiagnostics {
                path: path.display().to_string(),
                text: String::new(),
                diagnostics: vec![Diagnostic::error(
                    Code::NoCaseFiles,
                    Span::default(),
                    format!("`{}` holds no `.case` files", path.display()),
                )
                .with_help(
                    "case files end in `.case`; pass a file or a directory that holds some",
                )],
            });
        }
        for file in found {
            if !seen.insert(file.clone()) {
                continue;
            }
            match read_text(&file) {
                Ok(text) => files.push((file, text)),
                Err(problem) => problems.push(problem),
            }
        }
    }
    (files, problems)
}

fn run_cases(paths: &[PathBuf], options: &Options, test: bool) -> ExitCode {
    let (catalogue, mut other) = load_catalogue(options.rules.as_deref());
    let (files, problems) = read_cases(paths);
    other.extend(problems);
    let cases: Vec<CheckedCase> = files
        .iter()
        .map(|(file, text)| check_case(&catalogue, &file.display().to_string(), text))
        .collect();
    let mismatches: Vec<Vec<Diagnostic>> = if test {
        cases
            .iter()
            .map(|c| expect::check_expectations(&catalogue, c))
            .collect()
    } else {
        Vec::new()
    };
    let outcome = test.then(|| expect::outcome(&cases, &mismatches, &other));
    let run = Run {
        catalogue: &catalogue,
        cases: &cases,
        extra: &mismatches,
        other: &other,
        test: outcome.as_ref(),
    };
    let color = match options.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let view = run.view();
    print(&options.format.render(&view, color));
    let invalid = other.iter().any(|f| !f.diagnostics.is_empty())
        || cases.iter().any(CheckedCase::has_errors);
    let failed = match &outcome {
        Some(_) => mismatches.iter().any(|d| !d.is_empty()),
        None => view.findings > 0,
    };
    if invalid {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn format_files(paths: &[PathBuf], check: bool) -> ExitCode {
    let (files, mut problems) = read_cases(paths);
    let mut changed = Vec::new();
    for (file, text) in files {
        match normcheck::language::format::format_case(&text) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if !check {
                    if let Err(e) = write_atomically(&file, &formatted) {
                        problems.push(unreadable(&file, &format!("cannot write: {e}")));
                        continue;
                    }
                }
                changed.push(file);
            }
            Err(diagnostics) => problems.push(FileDiagnostics {
                path: file.display().to_string(),
                text,
                diagnostics,
            }),
        }
    }
    for file in &changed {
        println!(
            "{}{}",
            if check {
                "would reformat "
            } else {
                "reformatted "
            },
            file.display()
        );
    }
    if !problems.is_empty() {
        return report_problems(&problems);
    }
    if check && !changed.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`: a reader sees
/// the old file or the new one, never half of either, and a failed write leaves the old one.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.normcheck-fmt-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
