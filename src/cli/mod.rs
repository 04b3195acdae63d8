//! The commands of the command line, between the clap definitions (`main.rs`) and the library:
//! each reads what it needs (`files`), calls the pure core, prints the result and says the exit
//! code (0 nothing to report, 1 findings or failed expectations, 2 invalid input).

pub mod config;
pub mod files;
mod pages;
mod pool;

pub use pages::report;
pub use pool::default_threads;

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use normcheck::baseline::{self, Baseline, Fingerprint};
use normcheck::diagnostic::Diagnostic;
use normcheck::language::model::Date;
use normcheck::report::{self, FailOn, Format, Report, Style, Totals};
use normcheck::rules::catalogue::{Catalogue, RuleSource};
use normcheck::rules::expect;
use normcheck::{
    check_case, check_case_on, check_found, CheckOptions, CheckedCase, FileDiagnostics,
};

use files::{
    changed, collect_rules, read_all, read_text, replace_file, write_failed, Entry, NotReplaced,
    Problems,
};

/// How `check` and `test` report.
pub struct ReportOptions {
    pub format: Format,
    /// Which findings make `check` exit with 1 (a test run fails on its expectations).
    pub fail_on: FailOn,
    /// Directories of extra rules.
    pub rules: Vec<PathBuf>,
    /// What the configuration's `exclude` passes over in directory walks.
    pub exclusions: Option<config::Exclusions>,
    /// Hide the findings this baseline file records, and say which of them no longer occur.
    pub baseline: Option<PathBuf>,
    /// Record every finding shown in this baseline file.
    pub write_baseline: Option<PathBuf>,
    pub color: bool,
    /// Human output: one line per finding.
    pub summary: bool,
    pub threads: std::num::NonZeroUsize,
}

/// `NO_COLOR` is set to something (no-color.org: an empty value does not count).
pub fn no_color() -> bool {
    disables_color(std::env::var_os("NO_COLOR").as_deref())
}

fn disables_color(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod color_tests {
    use super::disables_color;
    use std::ffi::OsStr;

    #[test]
    fn only_a_non_empty_no_color_disables_colour() {
        assert!(!disables_color(None));
        assert!(!disables_color(Some(OsStr::new(""))));
        assert!(disables_color(Some(OsStr::new("1"))));
    }
}

/// Writes `text` to standard output and gives the exit code: `code` when it is written, or when
/// the reader has gone (`normcheck check | head`: the rest is not wanted, and nothing is said);
/// 2 with a message when it cannot be written (a full disk), so that CI never takes an empty
/// report for a clean one.
pub fn print(text: &str, code: ExitCode) -> ExitCode {
    let mut stdout = Stdout::new();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(e) => write_error(&e),
    }
}

/// Writes to standard error, where a failure has nowhere left to be reported.
pub fn eprint(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

pub fn load_catalogue(dirs: &[PathBuf]) -> (Catalogue, Problems) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
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
pub fn catalogue(rules: &[PathBuf]) -> Result<Catalogue, ExitCode> {
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
    let color = std::io::stderr().is_terminal() && !no_color();
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

/// The day `suppress ... until DATE` lines are judged against: `NORMCHECK_TODAY`
/// (`YYYY-MM-DD`) if set, for runs that must give the same answer on any day, else today's date
/// in UTC.
pub fn today() -> Result<Date, String> {
    if let Some(value) = std::env::var_os("NORMCHECK_TODAY") {
        let value = value.to_string_lossy();
        return parse_day(&value)
            .ok_or_else(|| format!("NORMCHECK_TODAY is `{value}`, not a date YYYY-MM-DD"));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(Date::from_days((seconds / 86_400) as i64))
}

fn parse_day(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = Some(parts.next()?.parse().ok()?);
    let day = Some(parts.next()?.parse().ok()?);
    Date::from_raw(normcheck::language::syntax::RawDate { year, month, day })
}

/// The files `check` and `test` read: case files and policy documents.
const CHECKED: &[&str] = &["case", "policy", "md"];
/// The files `fmt` formats: those written wholly in the case language.
const FORMATTED: &[&str] = &["case", "policy"];

/// Checks a file `find_all` found: one a directory walk met (`walked`) may be a Markdown file
/// that is no policy document (`None`); one named on the command line is always checked.
fn check_entry(
    catalogue: &Catalogue,
    path: &str,
    text: String,
    walked: bool,
    options: CheckOptions,
) -> Option<CheckedCase> {
    match walked {
        true => check_found(catalogue, path, text, options),
        false => Some(check_case_on(catalogue, path, text, options)),
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

/// An id the case declares (`why-not --about a1`), or a plain error naming the nearest one.
pub fn case_id(
    checked: &CheckedCase,
    id: &str,
) -> Result<normcheck::language::model::Sym, ExitCode> {
    let case = &checked.scenario.case;
    if let Some(sym) = case
        .interner
        .get(id)
        .filter(|sym| case.entity(*sym).is_some())
    {
        return Ok(sym);
    }
    let ids = case.entities.iter().map(|e| case.name(e.id));
    let help = match normcheck::diagnostic::did_you_mean(id, ids) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "give the id of an act or event the case declares, e.g. `--about a1`".to_owned(),
    };
    eprint(&format!(
        "error: `{id}` is not declared in {}\n  help: {help}\n",
        checked.path
    ));
    Err(ExitCode::from(2))
}

/// `check` and `test`: every case found under `paths`, checked on `options.threads` threads
/// and reported as it comes, in file order.
pub fn run_cases(paths: &[PathBuf], options: &ReportOptions, test: bool) -> ExitCode {
    let today = match today() {
        Ok(today) => today,
        Err(message) => {
            let d = Diagnostic::error(
                normcheck::diagnostic::Code::InvalidDate,
                normcheck::diagnostic::Span::default(),
                message,
            )
            .with_help("set it to a day such as 2027-01-31, or unset it to use today's date");
            eprint(&report::render_diagnostic("NORMCHECK_TODAY", "", &d, false));
            return ExitCode::from(2);
        }
    };
    // A baseline not yet made is no obstacle to making it.
    let wanted = options
        .baseline
        .as_deref()
        .filter(|path| options.write_baseline.is_none() || path.exists());
    let baseline = match wanted.map(read_baseline).transpose() {
        Ok(baseline) => baseline,
        Err(problem) => return report_problems(&vec![problem]),
    };
    let writing = options.write_baseline.is_some();
    let (catalogue, mut other) = load_catalogue(&options.rules);
    let mut entries = files::find_all(paths, CHECKED);
    if let Some(exclusions) = &options.exclusions {
        // A file named on the command line is read whatever the patterns say.
        entries.retain(|e| match e {
            Entry::File(path, true) => !exclusions.excludes(path),
            Entry::File(_, false) => true,
            Entry::Problem(p) => !exclusions.excludes(Path::new(&p.path)),
        });
    }
    // The findings recorded for a new baseline; the fingerprints of the old one still found,
    // and the files checked, to tell which of its findings are fixed.
    let mut recorded: Vec<baseline::Entry> = Vec::new();
    let mut found: HashSet<Fingerprint> = HashSet::new();
    let mut checked: HashSet<String> = HashSet::new();
    let style = Style {
        format: options.format,
        color: options.color,
        test,
        summary: options.summary,
    };
    let out = Stdout::new();
    let written = (|| -> std::io::Result<(Stdout, Totals)> {
        let files: Vec<(&Path, bool)> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::File(path, walked) => Some((path.as_path(), *walked)),
                Entry::Problem(_) => None,
            })
            .collect();
        // Threads the files leave idle go to the parse of each, and to the rendering of a
        // large one's findings: all of them for one file.
        let check_options = CheckOptions {
            today: Some(today),
            threads: NonZeroUsize::new(options.threads.get() / files.len().max(1))
                .unwrap_or(NonZeroUsize::MIN),
        };
        let mut report = Report::start(style, &catalogue, out)?
            .with_spools(Box::new(Spool::new()), Box::new(Spool::new()))
            .with_threads(check_options.threads);
        let mut unread: Vec<Option<FileDiagnostics>> = Vec::new();
        unread.resize_with(files.len(), || None);
        pool::ordered(
            files.len(),
            options.threads,
            |i| {
                let (file, walked) = files[i];
                let text = read_text(file)?;
                let path = file.display().to_string();
                let Some(mut case) = check_entry(&catalogue, &path, text, walked, check_options)
                else {
                    return Ok(None);
                };
                let known = match (&baseline, writing) {
                    (None, false) => Vec::new(),
                    _ => baseline::apply(&catalogue, &mut case, |fingerprint| {
                        writing || baseline.as_ref().is_some_and(|b| b.knows(fingerprint))
                    }),
                };
                let mismatches = match test {
                    true => expect::check_expectations(&catalogue, &case),
                    false => Vec::new(),
                };
                // A file with errors is not assessed: it says nothing of what its findings were.
                let assessed = (!case.has_errors()).then(|| same_path(&case.path).to_owned());
                // Rendered here, on the worker, unless large: the main thread only writes.
                let prepared = report::prepare(style, &catalogue, case, mismatches);
                Ok(Some((prepared, assessed, known)))
            },
            |i, done: Result<_, FileDiagnostics>| match done {
                Ok(Some((prepared, assessed, known))) => {
                    if let Some(baseline) = &baseline {
                        let still = known.iter().map(|e| e.fingerprint);
                        found.extend(still.filter(|f| baseline.knows(*f)));
                        checked.extend(assessed);
                    }
                    if writing {
                        recorded.extend(known);
                    }
                    report.prepared(prepared?)
                }
                Ok(None) => Ok(()),
                Err(problem) => {
                    unread[i] = Some(problem);
                    Ok(())
                }
            },
        )?;
        drop(files);
        let mut unread = unread.into_iter().flatten();
        for entry in entries {
            other.extend(match entry {
                Entry::Problem(problem) => Some(problem),
                Entry::File(..) => unread.next(),
            });
        }
        for file in &other {
            report.other(file)?;
        }
        if let Some(baseline) = &baseline {
            // Fixed: no longer found in a file this run checked, or in a file that is gone.
            // A file outside the paths of the run says nothing of its findings.
            let fixed = baseline.entries.iter().filter(|e| {
                !found.contains(&e.fingerprint)
                    && (checked.contains(same_path(&e.path)) || !Path::new(&e.path).exists())
            });
            report.fixed(fixed.cloned().collect());
        }
        report.finish()
    })();
    match written {
        Ok((_, totals)) => {
            if let Some(path) = &options.write_baseline {
                if let Err(code) = write_baseline(path, recorded, &totals) {
                    return code;
                }
            }
            let failed = match test {
                true => totals.mismatched,
                false => options.fail_on.fails(&totals),
            };
            if totals.invalid {
                ExitCode::from(2)
            } else if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => write_error(&e),
    }
}

/// `./docs/a.md` and `docs/a.md` are the same file to a baseline.
fn same_path(path: &str) -> &str {
    let mut path = path;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path
}

/// Reads the baseline file of `--baseline`.
fn read_baseline(path: &Path) -> Result<Baseline, FileDiagnostics> {
    let text = files::read_one(path).map_err(|mut problem| {
        for d in &mut problem.diagnostics {
            d.help = Some(
                "a baseline is made by `normcheck check --write-baseline FILE`; check the path"
                    .to_owned(),
            );
        }
        problem
    })?;
    Baseline::parse(&text).map_err(|d| FileDiagnostics {
        path: path.display().to_string(),
        text,
        diagnostics: vec![*d],
    })
}

/// Writes the baseline of `--write-baseline` once the run is reported, unless some file had an
/// error (its findings are unknown, and a baseline without them would hide nothing of them).
fn write_baseline(
    path: &Path,
    recorded: Vec<baseline::Entry>,
    totals: &Totals,
) -> Result<(), ExitCode> {
    if totals.invalid {
        eprint(&format!(
            "normcheck: {} was not written: some files have errors (above), and their findings \
             are not known\n",
            path.display()
        ));
        return Err(ExitCode::from(2));
    }
    let n = recorded.len();
    match files::write_file(path, &Baseline::render(recorded)) {
        Ok(()) => {
            eprint(&format!(
                "normcheck: recorded {n} finding{} in {}\n",
                if n == 1 { "" } else { "s" },
                path.display()
            ));
            Ok(())
        }
        Err(why) => Err(report_problems(&vec![write_failed(path, &why)])),
    }
}

/// Says that standard output cannot be written (exit code 2), so that CI never takes a cut
/// report for a whole one.
fn write_error(e: &std::io::Error) -> ExitCode {
    let d = Diagnostic::error(
        normcheck::diagnostic::Code::WriteFailed,
        normcheck::diagnostic::Span::default(),
        format!("cannot write the output: {e}"),
    )
    .with_help("check the free space where standard output goes");
    eprint(&report::render_diagnostic("<stdout>", "", &d, false));
    ExitCode::from(2)
}

/// Standard output, buffered. Once the reader has gone (`normcheck check | head`), the rest of
/// the report is not wanted: writes succeed and are dropped, so the run still ends with the
/// exit code its findings give.
pub struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    gone: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            gone: false,
        }
    }

    fn quiet(&mut self, result: std::io::Result<()>) -> std::io::Result<()> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.gone {
            let result = self.out.write_all(buf);
            self.quiet(result)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let result = self.out.flush();
        self.quiet(result)
    }
}

/// Where the JSON report keeps the diagnostics and findings of all cases but the last until
/// their section: in memory up to `IN_MEMORY` bytes (1 MB), then in an anonymous temporary file, so
/// that a run over many files holds no more than one case's share of them.
struct Spool {
    memory: Vec<u8>,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Spool {
    const IN_MEMORY: usize = 1 << 20;

    fn new() -> Spool {
        Spool {
            memory: Vec::new(),
            file: None,
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.file.is_none() && self.memory.len() + buf.len() > Spool::IN_MEMORY {
            let mut file = std::io::BufWriter::new(tempfile::tempfile()?);
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write_all(buf)?,
            None => self.memory.extend_from_slice(buf),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl report::Spool for Spool {
    fn copy_to(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        use std::io::Seek as _;
        match self.file.take() {
            None => out.write_all(&self.memory),
            Some(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.seek(std::io::SeekFrom::Start(0))?;
                std::io::copy(&mut file, out)?;
                Ok(())
            }
        }
    }
}

/// The case `normcheck new` writes: every section, commented, passing `check` and `test`.
const NEW_CASE: &str = include_str!("../../templates/new.case");

/// `normcheck new FILE`: writes the template case, unless a file is there already.
pub fn new_case(path: &Path) -> ExitCode {
    match files::create_file(path, NEW_CASE) {
        Ok(()) => print(
            &format!(
                "wrote {p}: describe your incident in it, then run `normcheck check {p}`\n",
                p = path.display()
            ),
            ExitCode::SUCCESS,
        ),
        Err(why) => {
            let help = match why.as_str() {
                "it already exists" => "`normcheck new` never overwrites a file; give a new name",
                _ => "check that the directory exists and can be written to",
            };
            eprint(&format!(
                "error: cannot create {}: {why}\n  help: {help}\n",
                path.display()
            ));
            ExitCode::from(2)
        }
    }
}

pub fn format_files(paths: &[PathBuf], check: bool) -> ExitCode {
    let (files, mut problems) = read_all(paths, FORMATTED);
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

#[cfg(test)]
mod tests {
    use super::*;
    use normcheck::report::Spool as _;

    #[test]
    fn a_spool_past_its_memory_goes_to_a_file_and_comes_back_whole() {
        let mut spool = Spool::new();
        let mut expected = Vec::new();
        let mut n = 0u32;
        while expected.len() <= Spool::IN_MEMORY + (1 << 16) {
            let line = format!("entry {n}\n");
            spool.write_all(line.as_bytes()).unwrap();
            expected.extend_from_slice(line.as_bytes());
            n += 1;
        }
        assert!(spool.file.is_some(), "still in memory");
        assert!(spool.memory.is_empty());
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert!(
            out == expected,
            "{} bytes back of {}",
            out.len(),
            expected.len()
        );
    }
}
