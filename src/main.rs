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
        /// Case files, policy documents, or directories searched recursively for `*.case`,
        /// `*.policy` and `*.md` files [default: the configuration's `paths`].
        paths: Vec<PathBuf>,
        /// Which findings make the exit code 1: those of this status or a stronger one
        /// [default: the configuration's `fail-on`, else if-alleged].
        #[arg(long, value_name = "STATUS", value_parser = fail_on_parser())]
        fail_on: Option<FailOn>,
        /// Hide the findings this baseline file records; say which of them no longer occur
        /// [default: the configuration's `baseline`].
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
        /// Worked cases, or directories of them [default: the configuration's `paths`].
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
    /// Show a rule's documentation, the text of a paragraph (`"A/76/135 ¶30"`, or loosely:
    /// `13f`, `"2021 30"`, `"para 42"`), or what a diagnostic code means.
    Explain {
        /// A rule id, a paragraph ("A/70/174 ¶13(f)"; loose forms such as 13f, 13(f),
        /// "A/76/135 42", "2021 ¶30" or "para 42" are understood), or a diagnostic code.
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
        /// Ask about one act or event (an id of the case), e.g. `--about a1`.
        #[arg(long, value_name = "ID")]
        about: Option<String>,
        /// Also print each element as the rule file writes it (for rule authors).
        #[arg(long)]
        patterns: bool,
        /// Add the rules in this directory to the catalogue.
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
    /// Say what would change a case's findings: for each finding implicated if alleged, the
    /// facts to establish; for each that cannot be assessed, the facts to decide; for each an
    /// `unless` entry may set aside, its facts; and for each near miss (a rule one element short
    /// for a State), what to add.
    Whatif {
        /// One case file.
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = WhatifFormat::Human)]
        format: WhatifFormat,
        /// Add the rules in this directory to the catalogue.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Write a commented template case to start from: every section, with a finding or two;
    /// it passes `check` and `test` as it is. An existing file is never overwritten.
    New {
        /// The file to create, e.g. `cases/my-incident.case`.
        path: PathBuf,
    },
    /// Write a page per case and an index page into a directory: findings by strength with
    /// their texts, evidence, cautions and what would change them, beside a drawing of the
    /// scenario that highlights what the selected finding rests on. Self-contained HTML: no
    /// request leaves the pages.
    Report {
        /// Case files, policy documents, or directories searched recursively for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The directory to write into: new, empty, or one `report` wrote before (only the
        /// pages it wrote are replaced).
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// Add the rules in this directory to the catalogue.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Print a case's scenario graph in Graphviz DOT, or draw it as SVG (dashed: alleged,
    /// disputed or unknown).
    Graph {
        /// One case file.
        path: PathBuf,
        /// `dot` (Graphviz DOT) or `svg` (a drawing, made without Graphviz).
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
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
    /// Output format [default: the configuration's `format`, else human].
    #[arg(long, value_parser = format_parser())]
    format: Option<Format>,
    /// Add rules from a directory of `*.yaml` files (a rule with a shipped id replaces it)
    /// [default: the configuration's `rules`].
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Read this configuration file instead of the `normcheck.toml` or `normcheck.yaml` found
    /// in the working directory or above.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
    /// Colour in human output: status words and strengths, and diagnostics (auto: on a
    /// terminal, unless `NO_COLOR` is set to a non-empty value).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Human output: one line per finding (`file:line:column: status rule for STATE about
    /// ID (citation)`) instead of its whole account.
    #[arg(long)]
    summary: bool,
    /// Threads checking files, and parsing a large file and rendering its findings [default:
    /// one per core]. The report is the same at any number.
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Svg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WhatifFormat {
    Human,
    Json,
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
            let run = Run {
                paths,
                fail_on,
                baseline,
                write_baseline,
            };
            match options.resolve(run, false) {
                Ok((paths, options)) => cli::run_cases(&paths, &options, false),
                Err(code) => code,
            }
        }
        Command::Test { paths, options } => {
            let run = Run {
                paths,
                fail_on: None,
                baseline: None,
                write_baseline: None,
            };
            match options.resolve(run, true) {
                Ok((paths, options)) => cli::run_cases(&paths, &options, true),
                Err(code) => code,
            }
        }
        Command::Rules {
            relations,
            docs,
            rules,
        } => {
            let catalogue = match cli::catalogue(rules.as_slice()) {
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
            let catalogue = match cli::catalogue(rules.as_slice()) {
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
            let loose = catalogue.corpus.lookup_loose(&what);
            match loose.exact.as_slice() {
                [citation] => cli::print(
                    &report::docs::explain_citation(&catalogue, citation),
                    ExitCode::SUCCESS,
                ),
                [] => {
                    let as_citation = match catalogue.corpus.cite(&what) {
                        Err(e) => e.to_string(),
                        Ok(_) => String::new(),
                    };
                    let near: Vec<String> = loose.near.iter().map(|c| format!("`{c}`")).collect();
                    let did_you_mean = match near.as_slice() {
                        [] => String::new(),
                        near => format!("  did you mean {}?\n", near.join(" or ")),
                    };
                    let hint = catalogue
                        .lookup(&what)
                        .err()
                        .map(|unknown| unknown.help())
                        .unwrap_or_default();
                    cli::eprint(&format!("error: `{what}` is neither a rule id nor a paragraph in the corpus\n{did_you_mean}  as a citation: {as_citation}\n  as a rule: {hint}\n"));
                    ExitCode::from(2)
                }
                several => {
                    let names: Vec<String> = several.iter().map(|c| format!("`{c}`")).collect();
                    let mut text = format!(
                        "`{what}` names a paragraph of each report: {}; both follow.\n\n",
                        names.join(" and ")
                    );
                    for citation in several {
                        text.push_str(&report::docs::explain_citation(&catalogue, citation));
                        text.push('\n');
                    }
                    cli::print(&text, ExitCode::SUCCESS)
                }
            }
        }
        Command::Fmt { paths, check } => cli::format_files(&paths, check),
        Command::New { path } => cli::new_case(&path),
        Command::Whatif {
            path,
            format,
            rules,
        } => {
            let catalogue = match cli::catalogue(rules.as_slice()) {
                Ok(catalogue) => catalogue,
                Err(code) => return code,
            };
            let checked = match cli::check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            let levers =
                normcheck::rules::whatif::whatif(&catalogue, &checked.scenario, &checked.findings);
            let view = report::view::CaseView::new(&catalogue, &checked, &[]);
            let text = match format {
                WhatifFormat::Human => report::whatif::human(&view, &levers),
                WhatifFormat::Json => report::whatif::json(&view, &levers),
            };
            cli::print(&text, ExitCode::SUCCESS)
        }
        Command::WhyNot {
            rule,
            path,
            about,
            patterns,
            rules,
        } => {
            let catalogue = match cli::catalogue(rules.as_slice()) {
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
            let focus = match about.as_deref().map(|id| cli::case_id(&checked, id)) {
                None => None,
                Some(Ok(sym)) => Some(sym),
                Some(Err(code)) => return code,
            };
            cli::print(
                &report::why_not(
                    &engine::why_not_by_state(
                        &checked.path,
                        &checked.text,
                        &checked.scenario,
                        &checked.findings,
                        &catalogue,
                        index,
                        focus,
                    ),
                    patterns,
                ),
                ExitCode::SUCCESS,
            )
        }
        Command::Graph { path, format } => {
            let (catalogue, _) = cli::load_catalogue(&[]);
            let checked = match cli::check_one(&catalogue, &path) {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            match format {
                GraphFormat::Dot => {
                    cli::print(&report::dot::render(&checked.scenario), ExitCode::SUCCESS)
                }
                GraphFormat::Svg => match report::drawing::svg(&checked.scenario, true) {
                    Ok(svg) => cli::print(&svg, ExitCode::SUCCESS),
                    Err(why) => {
                        cli::eprint(&format!("error: cannot draw {}: {why}\n", path.display()));
                        ExitCode::from(2)
                    }
                },
            }
        }
        Command::Report { paths, out, rules } => cli::report(&paths, &out, rules.as_slice()),
        Command::Generate { facts } => {
            cli::print(&generate::case_with_facts(facts), ExitCode::SUCCESS)
        }
    }
}

/// What `check` or `test` was asked for besides the shared options.
struct Run {
    paths: Vec<PathBuf>,
    fail_on: Option<FailOn>,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
}

impl Options {
    /// The paths and options of a run: the command line's, else the configuration file's, else
    /// the defaults. A `test` run takes no fail-on level or baseline from the file: it fails
    /// on its expectations, and every finding must be expected.
    fn resolve(self, run: Run, test: bool) -> Result<(Vec<PathBuf>, cli::ReportOptions), ExitCode> {
        let color = match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && !cli::no_color(),
        };
        let loaded = cli::config::load(self.config.as_deref(), self.no_config)?;
        let config = loaded.as_ref().map(|l| (l, &l.config));
        let mut paths = run.paths;
        if paths.is_empty() {
            if let Some((l, c)) = config {
                paths = c.paths.iter().map(|p| l.path(p)).collect();
            }
        }
        if paths.is_empty() {
            cli::eprint(
                "error: no paths to check\n  help: name files or directories, or set `paths` \
                 in a normcheck.toml at the root of the repository\n",
            );
            return Err(ExitCode::from(2));
        }
        let rules = match (self.rules, config) {
            (Some(dir), _) => vec![dir],
            (None, Some((l, c))) => c.rules.iter().map(|p| l.path(p)).collect(),
            (None, None) => Vec::new(),
        };
        let baseline = match (run.baseline, config) {
            (Some(file), _) => Some(file),
            (None, Some((l, c))) if !test => c.baseline.as_deref().map(|p| l.path(p)),
            _ => None,
        };
        let fail_on = match test {
            true => FailOn::default(),
            false => run
                .fail_on
                .or(config.and_then(|(_, c)| c.fail_on))
                .unwrap_or_default(),
        };
        let options = cli::ReportOptions {
            format: self
                .format
                .or(config.and_then(|(_, c)| c.format))
                .unwrap_or(Format::Human),
            fail_on,
            rules,
            exclusions: loaded.as_ref().and_then(cli::config::Loaded::exclusions),
            baseline,
            write_baseline: run.write_baseline,
            color,
            summary: self.summary,
            threads: self.threads.unwrap_or_else(cli::default_threads),
        };
        Ok((paths, options))
    }
}
