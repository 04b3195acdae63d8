//! `normcheck report PATH... -o DIR`: a page per case and an index, written into a directory
//! that is new, empty, or one `report` wrote before. Nothing else in it is touched: the pages
//! a report writes are listed in its `.normcheck-report` file, and only those are replaced or,
//! when a later run no longer writes them, removed.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use normcheck::report::html::{self, index};
use normcheck::report::view::CaseView;
use normcheck::report::{drawing, SourceFile};
use normcheck::rules::whatif::whatif;
use normcheck::{check_case_on, check_found, CheckOptions, FileDiagnostics};

use super::files::{self, read_text, Entry};
use super::{catalogue, eprint, no_color, print, report_problems, today, CHECKED};

/// The file that marks a directory as a report's, listing the pages it wrote.
const MARKER: &str = ".normcheck-report";

pub fn report(paths: &[PathBuf], dir: &Path, rules: &[PathBuf]) -> ExitCode {
    let today = match today() {
        Ok(today) => today,
        Err(message) => {
            eprint(&format!("error: NORMCHECK_TODAY: {message}\n"));
            return ExitCode::from(2);
        }
    };
    let catalogue = match catalogue(rules) {
        Ok(catalogue) => catalogue,
        Err(code) => return code,
    };
    let before = match prepare(dir) {
        Ok(before) => before,
        Err(why) => {
            eprint(&why);
            return ExitCode::from(2);
        }
    };
    let options = CheckOptions {
        today: Some(today),
        threads: std::num::NonZeroUsize::MIN,
    };
    let mut problems: Vec<FileDiagnostics> = Vec::new();
    // Some file could not be read or has errors: its page says it was not assessed.
    let mut invalid = false;
    let mut rows = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::from(["index.html".to_owned()]);
    for entry in files::find_all(paths, CHECKED) {
        let (file, walked) = match entry {
            Entry::File(file, walked) => (file, walked),
            Entry::Problem(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let text = match read_text(&file) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let path = file.display().to_string();
        let case = match walked {
            true => match check_found(&catalogue, &path, text, options) {
                Some(case) => case,
                None => continue,
            },
            false => check_case_on(&catalogue, &path, text, options),
        };
        let page = page_name(&file, &mut taken);
        let (levers, drawn) = match case.has_errors() {
            true => (Vec::new(), Err("the file has errors".to_owned())),
            false => (
                whatif(&catalogue, &case.scenario, &case.findings),
                drawing::svg(&case.scenario, false),
            ),
        };
        let view = CaseView::new(&catalogue, &case, &[]);
        let text = html::case_page(&view, &levers, drawn.as_deref().map_err(String::as_str));
        if let Err(why) = files::write_file(&dir.join(&page), &text) {
            return write_error(dir, &page, &why);
        }
        rows.push(index::row(&view, &page));
        pages.push(page);
        if !case.diagnostics.is_empty() {
            let color = std::io::stderr().is_terminal() && !no_color();
            let source = SourceFile::new(&case.path, &case.text);
            for d in &case.diagnostics {
                eprint(&source.render(d, color));
            }
            invalid |= case.has_errors();
        }
    }
    if rows.is_empty() {
        let code = report_problems(&problems);
        eprint("error: no case to report on; nothing was written\n");
        return match code {
            ExitCode::SUCCESS => ExitCode::from(2),
            code => code,
        };
    }
    let index_page = index::page(&catalogue, &rows);
    if let Err(why) = files::write_file(&dir.join("index.html"), &index_page) {
        return write_error(dir, "index.html", &why);
    }
    let mut listed = String::from(
        "# Written by `normcheck report`: the pages below are replaced on its next run here.\nindex.html\n",
    );
    for page in &pages {
        listed.push_str(page);
        listed.push('\n');
    }
    if let Err(why) = files::write_file(&dir.join(MARKER), &listed) {
        return write_error(dir, MARKER, &why);
    }
    // Pages an earlier run wrote that this one did not: their cases are gone from the run.
    for old in before.iter().filter(|p| !taken.contains(p.as_str())) {
        let stale = dir.join(old);
        if stale.is_file() {
            let _ = std::fs::remove_file(stale);
        }
    }
    invalid |= report_problems(&problems) != ExitCode::SUCCESS;
    let code = match invalid {
        true => ExitCode::from(2),
        false => ExitCode::SUCCESS,
    };
    print(
        &format!(
            "wrote {} case page{} and {}: open it in a browser\n",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" },
            dir.join("index.html").display()
        ),
        code,
    )
}

/// A page name for a case file, not yet taken: its file name's stem, then `-2`, `-3`...
fn page_name(file: &Path, taken: &mut HashSet<String>) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".to_owned());
    let mut name = format!("{stem}.html");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}.html");
        n += 1;
    }
    name
}

/// Makes `dir` ready for a report: created if it is not there, used if it is empty or holds a
/// report's marker. Gives the pages the earlier report listed.
fn prepare(dir: &Path) -> Result<Vec<String>, String> {
    let shown = dir.display();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| {
                format!("error: cannot create the directory {shown}: {e}\n  help: check that its parent exists and can be written to\n")
            })?;
            return Ok(Vec::new());
        }
        Err(e) => return Err(format!("error: cannot read {shown}: {e}\n")),
        Ok(meta) if !meta.is_dir() => {
            return Err(format!(
                "error: {shown} is not a directory\n  help: `-o` names the directory the pages go in, e.g. `-o report`\n"
            ));
        }
        Ok(_) => {}
    }
    let marker = dir.join(MARKER);
    if marker.is_file() {
        let listed = std::fs::read_to_string(&marker)
            .map_err(|e| format!("error: cannot read {}: {e}\n", marker.display()))?;
        return Ok(listed
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            // Only names of pages beside the marker: nothing else is ever removed.
            .filter(|l| l.ends_with(".html") && !l.contains(['/', '\\']) && *l != "..")
            .map(str::to_owned)
            .collect());
    }
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| format!("error: cannot read {shown}: {e}\n"))?;
    if entries.next().is_some() {
        return Err(format!(
            "error: {shown} is not empty, and no report of normcheck's is in it\n  help: name a new or empty directory; `normcheck report` replaces only the pages it wrote itself\n"
        ));
    }
    Ok(Vec::new())
}

fn write_error(dir: &Path, page: &str, why: &str) -> ExitCode {
    eprint(&format!(
        "error: cannot write {}: {why}\n",
        dir.join(page).display()
    ));
    ExitCode::from(2)
}
