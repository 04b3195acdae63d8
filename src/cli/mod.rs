//! The commands of the command line, between the clap definitions (`main.rs`) and the library:
//! each reads what it needs (`files`), calls the pure core, prints the result and says the exit
//! code (0 nothing to report, 1 findings or failed expectations, 2 invalid input).

pub mod files;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use normcheck::diagnostic::Diagnostic;
use normcheck::report::{self, Format, Run};
use normcheck::rules::catalogue::{Catalogue, RuleSource};
use normcheck::rules::expect;
use normcheck::{check_case, CheckedCase, FileDiagnostics};

use files::{
    changed, collect_rules, read_all, read_text, replace_file, write_failed, NotReplaced, Problems,
};

/// How `check` and `test` report.
pub struct ReportOptions {
    pub format: Format,
    pub rules: Option<PathBuf>,
    pub color: bool,
}

/// Writes `text` to standard output and gives the exit code: `code` when it is written, or when
/// the reader has gone (`normcheck check | head`: the rest is not wanted, and nothing is said);
/// 2 with a message when it cannot be written (a full disk), so that CI never takes an empty
/// report for a clean one.
pub fn print(text: &str, code: ExitCode) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let d = Diagnostic::error(
                normcheck::diagnostic::Code::WriteFailed,
                normcheck::diagnostic::Span::default(),
                format!("cannot write the output: {e}"),
            )
            .with_help("check the free space where standard output goes");
            eprint(&report::render_diagnostic("<stdout>", "", &d, false));
            ExitCode::from(2)
        }
    }
}

/// Writes to standard error, where a failure has nowhere left to be reported.
pub fn eprint(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

pub fn load_catalogue(dir: Option<&Path>) -> (Catalogue, Problems) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    if let Some(dir) = dir {
        match collect_rules(dir) {
            Ok(found) => {
                problems.extend(found.skipped);
                for path in found.files {
                    match read_text(&path) {
                        Ok(text) => files.push((path.display().to_string(), text)),
                        Err(problem) => problems.push(problem),
                    }
                }
            }
            Err(problem) => problems.push(problem),
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

/// The catalogue with the rules of `--rules`, for the commands that print no report: problems
/// with the rule files are printed, and an error among them ends the command (exit code 2).
pub fn catalogue(rules: Option<&Path>) -> Result<Catalogue, ExitCode> {
    let (catalogue, problems) = load_catalogue(rules);
    if problems.is_empty() {
        return Ok(catalogue);
    }
    let code = report_problems(&problems);
    match problems.iter().any(FileDiagnostics::has_errors) {
        true => Err(code),
        false => Ok(catalogue),
    }
}

/// Prints the problems of files that are not cases; exit code 2 if any is an error.
pub fn report_problems(problems: &Problems) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for file in problems {
        let source = report::SourceFile::new(&file.path, &file.text);
        for d in &file.diagnostics {
            eprint(&source.render(d, color));
        }
    }
    if problems.iter().any(FileDiagnostics::has_errors) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads and checks one case file for a command that needs a valid case; on any problem, reports
/// it and gives the exit code to return.
pub fn check_one(catalogue: &Catalogue, path: &Path) -> Result<CheckedCase, ExitCode> {
    let text = files::read_one(path).map_err(|problem| report_problems(&vec![problem]))?;
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

pub fn run_cases(paths: &[PathBuf], options: &ReportOptions, test: bool) -> ExitCode {
    let (catalogue, mut other) = load_catalogue(options.rules.as_deref());
    let (files, problems) = read_all(paths, "case");
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
    let view = run.view();
    let invalid =
        other.iter().any(FileDiagnostics::has_errors) || cases.iter().any(CheckedCase::has_errors);
    let failed = match &outcome {
        Some(_) => mismatches.iter().any(|d| !d.is_empty()),
        None => view.findings > 0,
    };
    let code = if invalid {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    print(&options.format.render(&view, options.color), code)
}

pub fn format_files(paths: &[PathBuf], check: bool) -> ExitCode {
    let (files, mut problems) = read_all(paths, "case");
    let mut out = String::new();
    for (file, text) in files {
        match normcheck::language::format::format_case(&text) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if !check {
                    match replace_file(&file, &text, &formatted) {
                        Ok(()) => {}
                        Err(NotReplaced::Changed) => {
                            problems.push(changed(&file));
                            continue;
                        }
                        Err(NotReplaced::Failed(why)) => {
                            problems.push(write_failed(&file, &why));
                            continue;
                        }
                    }
                }
                let verb = if check {
                    "would reformat"
                } else {
                    "reformatted"
                };
                out.push_str(&format!("{verb} {}\n", file.display()));
            }
            Err(diagnostics) => problems.push(FileDiagnostics {
                path: file.display().to_string(),
                text,
                diagnostics,
            }),
        }
    }
    let code = if problems.iter().any(FileDiagnostics::has_errors) {
        ExitCode::from(2)
    } else if check && !out.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let code = print(&out, code);
    if !problems.is_empty() {
        report_problems(&problems);
    }
    code
}
