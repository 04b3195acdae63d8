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

use files::{collect, read_cases, read_text, unreadable, write_atomically, Problems};

/// How `check` and `test` report.
pub struct ReportOptions {
    pub format: Format,
    pub rules: Option<PathBuf>,
    pub color: bool,
}

pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`normcheck rules | head`) is not an error worth a panic.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

pub fn load_catalogue(dir: Option<&Path>) -> (Catalogue, Problems) {
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

pub fn report_problems(problems: &Problems) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for file in problems {
        let source = report::SourceFile::new(&file.path, &file.text);
        for d in &file.diagnostics {
            eprint!("{}", source.render(d, color));
        }
    }
    ExitCode::from(2)
}

/// Reads and checks one case file for a command that needs a valid case; on any problem, reports
/// it and gives the exit code to return.
pub fn check_one(catalogue: &Catalogue, path: &Path) -> Result<CheckedCase, ExitCode> {
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

pub fn run_cases(paths: &[PathBuf], options: &ReportOptions, test: bool) -> ExitCode {
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
    let view = run.view();
    print(&options.format.render(&view, options.color));
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

pub fn format_files(paths: &[PathBuf], check: bool) -> ExitCode {
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
