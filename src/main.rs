//! The `normcheck` command line: reads files, picks formats, sets exit codes. Everything else
//! is in the library, which does no I/O.

// The binary is the edge where files are read; the library denies these calls.
#![allow(clippy::disallowed_methods)]

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use normcheck::diagnostic::Code;
use normcheck::generate;
use normcheck::report::{self, FailOn, Format};
use normcheck::rules::engine;

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
        /// Which findings make the exit code 1: those of this status or a stronger one.
        #[arg(long, value_name = "STATUS", default_value = "if-alleged", value_parser = fail_on_parser())]
        fail_on: FailOn,
        /// Hide the findings this baseline file records; say which of them no longer occur.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every finding shown in this baseline file (created or replaced), then report
        /// them as recorded: from then on `--baseline FILE` shows only new findings.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
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
    /// Threads checking files [default: one per core]. The report is the same at any number.
    #[arg(long, value_name = "N")]
    threads: Option<std::num::NonZeroUsize>,
}

/// `--format`: the names of the report's formats, each with its line of help.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let values = Format::ALL
        .iter()
        .map(|f| PossibleValue::new(f.name()).help(f.about()));
    PossibleValuesParser::new(values).map(|name| Format::from_name(&name).unwrap_or(Format::Human))
}

/// `--fail-on`: the levels, each with its line of help.
fn fail_on_parser() -> impl clap::builder::TypedValueParser<Value = FailOn> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let values = FailOn::ALL
        .iter()
        .map(|f| PossibleValue::new(f.name()).help(f.about()));
    PossibleValuesParser::new(values).map(|name| FailOn::from_name(&name).unwrap_or_default())
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
        Command::Check {
            paths,
            fail_on,
            baseline,
            write_baseline,
            options,
        } => {
            let options = cli::ReportOptions {
                baseline,
                write_baseline,
                ..options.resolve(fail_on)
            };
            cli::run_cases(&paths, &options, false)
        }
        Command::Test { paths, options } => {
            cli::run_cases(&paths, &options.resolve(FailOn::default()), true)
        }
        Command::Rules {
            relations,
            docs,
            rules,
        } => {
            let catalogue = match cli::catalogue(rules.as_deref()) {
                Ok(catalogue) => catalogue,
                Err(code) => return code,
            };
            let text = if relations {
                report::docs::relations_list()
            } else if docs {
                report::docs::rules_markdown(&catalogue)
            } else {
                report::docs::rules_list(&catalogue)
            };
            cli::print(&text, ExitCode::SUCCESS)
        }
        Command::Explain { what, rules } => {
            let catalogue = match cli::catalogue(rules.as_deref()) {
                Ok(catalogue) => catalogue,
                Err(code) => return code,
            };
            if let Some(code) = Code::ALL.iter().find(|c| c.as_str() == what) {
                return cli::print(
                    &format!(
                        "{code}: {}\n\nExamples and what to do: docs/diagnostics.md\n",
                        code.summary()
                    ),
                    ExitCode::SUCCESS,
                );
            }
            if let Some(rule) = catalogue.rule(&what) {
                return cli::print(
                    &report::docs::explain_rule(&catalogue, rule),
                    ExitCode::SUCCESS,
                );
            }
            match catalogue.corpus.cite(&what) {
                Ok(citation) => cli::print(
                    &report::docs::explain_citation(&catalogue, &citation),
                    ExitCode::SUCCESS,
                ),
                Err(e) => {
                    let hint = catalogue
                        .lookup(&what)
                        .err()
                        .map(|unknown| unknown.help())
                        .unwrap_or_default();
                    cli::eprint(&format!("error: `{what}` is neither a rule id nor a paragraph in the corpus\n  as a citation: {e}\n  as a rule: {hint}\n"));
                    ExitCode::from(2)
                }
            }
        }
        Command::Fmt { paths, check } => cli::format_files(&paths, check),
        Command::WhyNot { rule, path, rules } => {
            let catalogue = match cli::catalogue(rules.as_deref()) {
                Ok(catalogue) => catalogue,
                Err(code) => return code,
            };
            let index = match catalogue.lookup(&rule) {
                Ok(index) => index,
                Err(unknown) => {
                    cli::eprint(&format!(
                        "error: `{rule}` is not a rule in the catalogue\n  help: {}\n",
                        unknown.help()
                    ));
                    return ExitCode::from(2);
                }
            };
            let checked = match cli::check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            cli::print(
                &report::why_not(&engine::why_not_by_state(
                    &checked.path,
                    &checked.scenario,
                    &checked.findings,
                    &catalogue,
                    index,
                )),
                ExitCode::SUCCESS,
            )
        }
        Command::Graph { path } => {
            let (catalogue, _) = cli::load_catalogue(None);
            let checked = match cli::check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            cli::print(&report::dot::render(&checked.scenario), ExitCode::SUCCESS)
        }
        Command::Generate { facts } => {
            cli::print(&generate::case_with_facts(facts), ExitCode::SUCCESS)
        }
    }
}

impl Options {
    fn resolve(&self, fail_on: FailOn) -> cli::ReportOptions {
        let color = match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        cli::ReportOptions {
            format: self.format,
            fail_on,
            rules: self.rules.clone(),
            baseline: None,
            write_baseline: None,
            color,
            threads: self.threads.unwrap_or_else(cli::default_threads),
        }
    }
}
