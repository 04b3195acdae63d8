//! `normcheck report PATH... -o DIR`: a page per case and an index, written into a directory
//! that is new, empty, or one `report` wrote before. Nothing else in it is touched: the pages
//! a report writes are listed in its `.normcheck-report` file, and only those are replaced or,
//! when a later run no longer writes them, removed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use normcheck::report::drawing;
use normcheck::report::html::{self, index};
use normcheck::report::view::CaseView;
use normcheck::rules::whatif::whatif;
use normcheck::{CheckOptions, FileDiagnostics};

use super::files::{self, read_text, Entry};
use super::{catalogue, check_entry, eprint, print, report_problems, today, CHECKED};

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
    let mut out = match Output::open(dir) {
        Ok(out) => out,
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
    // A file named twice (`x.case ./x.case`) is reported once.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for entry in files::find_all(paths, CHECKED) {
        let (file, walked) = match entry {
            Entry::File(file, walked) => (file, walked),
            Entry::Problem(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if !seen.insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())) {
            continue;
        }
        let text = match read_text(&file) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let path = file.display().to_string();
        let Some(case) = check_entry(&catalogue, &path, text, walked, options) else {
            continue;
        };
        let (levers, drawn) = match case.has_errors() {
            true => (Vec::new(), Err("the file has errors".to_owned())),
            false => (
                whatif(&catalogue, &case.scenario, &case.findings),
                drawing::svg(&case.scenario, false),
            ),
        };
        let view = CaseView::new(&catalogue, &case, &[]);
        let text = html::case_page(&view, &levers, drawn.as_deref().map_err(String::as_str));
        let page = match out.write_page(&file, &text) {
            Ok(page) => page,
            Err(why) => {
                eprint(&why);
                return ExitCode::from(2);
            }
        };
        rows.push(index::row(&view, &page));
        if !case.diagnostics.is_empty() {
            let file = FileDiagnostics {
                path: case.path.clone(),
                text: case.text.clone(),
                diagnostics: case.diagnostics.clone(),
            };
            invalid |= report_problems(&vec![file]) != ExitCode::SUCCESS;
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
    if let Err(why) = out.finish(&index::page(&catalogue, &rows)) {
        eprint(&why);
        return ExitCode::from(2);
    }
    invalid |= report_problems(&problems) != ExitCode::SUCCESS;
    let code = match invalid {
        true => ExitCode::from(2),
        false => ExitCode::SUCCESS,
    };
    print(
        &format!(
            "wrote {} case page{} and {}: open it in a browser\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            dir.join(INDEX).display()
        ),
        code,
    )
}

const INDEX: &str = "index.html";

/// The marker's first line.
const HEADER: &str =
    "# Written by `normcheck report`: the pages below are replaced on its next run here.\n";

/// The file that keeps two reports from writing into one directory at once.
const LOCK: &str = ".normcheck-report.lock";

/// A page's name is cut to this many bytes before `.html`, with room left for a `-2` and for
/// the temporary name it is written under.
const MAX_STEM: usize = 100;

/// The directory a report is written into, and what may be written there. It is made when the
/// first page is written, not before. A name is written only if nothing has it, or if it is a
/// plain file an earlier report listed as its own: nothing else there (a file of the user's, a
/// link) is ever replaced or written through, however the cases are named. The marker lists
/// every page before the page is written, so that a run stopped part-way leaves no page the
/// next run does not own; and a lock keeps a second run out until this one is done.
struct Output {
    dir: PathBuf,
    /// The pages the earlier report here listed, by their name in lower case.
    ours: HashMap<String, String>,
    /// The names written by this run.
    written: Vec<String>,
    /// Names given this run, in lower case (as on a disk that ignores case).
    taken: HashSet<String>,
    made: bool,
    locked: bool,
    /// The marker, open for adding pages to, once this run has written one.
    marker: Option<std::fs::File>,
}

impl Output {
    /// Checks `dir`: it is not there yet, or it is a directory that is empty or holds a
    /// report's marker. Takes the lock of a directory that is there (of one that is not, when
    /// it is made).
    fn open(dir: &Path) -> Result<Output, String> {
        let shown = dir.display();
        let mut out = Output {
            dir: dir.to_path_buf(),
            ours: HashMap::new(),
            written: Vec::new(),
            taken: HashSet::from([INDEX.to_owned()]),
            made: false,
            locked: false,
            marker: None,
        };
        // A link to a directory is the directory.
        match std::fs::metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(format!("error: cannot read {shown}: {e}\n")),
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "error: {shown} is not a directory\n  help: `-o` names the directory the pages go in, e.g. `-o report`\n"
                ));
            }
            Ok(_) => out.made = true,
        }
        // Taken first, so that the marker read is the one this run will keep; dropping `out`
        // on an error below gives it back.
        out.lock()?;
        let marker = dir.join(MARKER);
        if std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
            let listed = std::fs::read_to_string(&marker)
                .map_err(|e| format!("error: cannot read {}: {e}\n", marker.display()))?;
            out.ours = listed
                .lines()
                .filter(|l| is_page_name(l))
                .map(|l| (l.to_lowercase(), l.to_owned()))
                .collect();
            if !out.free(INDEX)? {
                return Err(format!(
                    "error: {} is not a page of normcheck's\n  help: move it away, or write the report into a new directory\n",
                    dir.join(INDEX).display()
                ));
            }
            return Ok(out);
        }
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("error: cannot read {shown}: {e}\n"))?;
        let others = entries
            .filter_map(Result::ok)
            .any(|e| e.file_name() != std::ffi::OsStr::new(LOCK));
        if others {
            return Err(format!(
                "error: {shown} is not empty, and no report of normcheck's is in it\n  help: name a new or empty directory; `normcheck report` replaces only the pages it wrote itself\n"
            ));
        }
        Ok(out)
    }

    fn lock(&mut self) -> Result<(), String> {
        let lock = self.dir.join(LOCK);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(_) => {
                self.locked = true;
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(format!(
                "error: another report is being written into {}\n  help: wait for it to finish; if none is (a run was stopped), remove {}\n",
                self.dir.display(),
                lock.display()
            )),
            Err(e) => Err(format!("error: cannot write {}: {e}\n", lock.display())),
        }
    }

    fn unlock(&mut self) {
        if self.locked {
            let _ = std::fs::remove_file(self.dir.join(LOCK));
            self.locked = false;
        }
    }

    /// Whether `name` may be written: nothing has it, or it is a plain file the earlier report
    /// listed.
    fn free(&self, name: &str) -> Result<bool, String> {
        let path = self.dir.join(name);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
            Err(e) => Err(format!("error: cannot use {}: {e}\n", path.display())),
            Ok(meta) => Ok(meta.is_file() && self.ours.contains_key(&name.to_lowercase())),
        }
    }

    /// Adds a page to the marker before it is written: the marker then lists the earlier
    /// report's pages and every page of this run so far, whatever stops the run.
    fn claim(&mut self, name: &str) -> Result<(), String> {
        use std::io::Write as _;
        let marker = self.dir.join(MARKER);
        let failed = |e: std::io::Error| format!("error: cannot write {}: {e}\n", marker.display());
        if self.marker.is_none() {
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(&marker)
                .map_err(failed)?;
            if self.ours.is_empty() {
                file.write_all(HEADER.as_bytes()).map_err(failed)?;
            }
            self.marker = Some(file);
        }
        if let Some(file) = &mut self.marker {
            writeln!(file, "{name}").map_err(failed)?;
            file.sync_data().map_err(failed)?;
        }
        Ok(())
    }

    fn write(&mut self, name: &str, text: &str) -> Result<(), String> {
        if !self.made {
            std::fs::create_dir_all(&self.dir).map_err(|e| {
                format!(
                    "error: cannot create the directory {}: {e}\n  help: check that its parent exists and can be written to\n",
                    self.dir.display()
                )
            })?;
            self.made = true;
            self.lock()?;
        }
        // Listed before it is written: a run stopped now leaves nothing the next one does not
        // own.
        self.claim(name)?;
        let path = self.dir.join(name);
        files::write_entry(&path, text)
            .map_err(|why| format!("error: cannot write {}: {why}\n", path.display()))?;
        self.written.push(name.to_owned());
        Ok(())
    }

    /// Writes a case's page under a name made from its file's (`NotPetya 2017.case` gives
    /// `notpetya-2017.html`; then `-2`, `-3`... for a name taken); gives the name.
    fn write_page(&mut self, file: &Path, text: &str) -> Result<String, String> {
        let stem = file
            .file_stem()
            .map(|s| page_stem(&s.to_string_lossy()))
            .unwrap_or_default();
        let stem = if stem.is_empty() {
            "case".to_owned()
        } else {
            stem
        };
        let mut name = format!("{stem}.html");
        let mut n = 2;
        // Ends: every name this loop passes over is a distinct entry of the directory.
        while self.taken.contains(&name) || !self.free(&name)? {
            name = format!("{stem}-{n}.html");
            n += 1;
        }
        self.taken.insert(name.clone());
        self.write(&name, text)?;
        Ok(name)
    }

    /// Writes the index and the marker listing this run's pages, then removes the pages the
    /// earlier report listed that this one did not write (their cases are no longer in the
    /// run), and lets the next run in.
    fn finish(mut self, index: &str) -> Result<(), String> {
        self.write(INDEX, index)?;
        // The marker now lists this run's pages alone.
        self.marker = None;
        let mut listed = String::from(HEADER);
        for page in &self.written {
            listed.push_str(page);
            listed.push('\n');
        }
        let marker = self.dir.join(MARKER);
        files::write_entry(&marker, &listed)
            .map_err(|why| format!("error: cannot write {}: {why}\n", marker.display()))?;
        let written: HashSet<String> = self.written.iter().map(|n| n.to_lowercase()).collect();
        for (lower, old) in &self.ours {
            if written.contains(lower) {
                continue;
            }
            let stale = self.dir.join(old);
            if std::fs::symlink_metadata(&stale).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(stale);
            }
        }
        self.unlock();
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        self.unlock();
    }
}

/// A page's name as a marker lists it: a `*.html` name of a file beside the marker.
fn is_page_name(line: &str) -> bool {
    line.len() > ".html".len()
        && line.to_lowercase().ends_with(".html")
        && !line.starts_with('.')
        && !line.contains(['/', '\\', ':'])
}

/// A file name's stem as a page's: lower-case ASCII letters, digits, `-` and `_`, every other
/// run of characters one `-`, cut to `MAX_STEM` bytes, so that it is the same link on every
/// system and never two names on a disk that ignores case. A name Windows reserves for a
/// device (`con`, `nul`, `com1`...) gets `-case` after it.
fn page_stem(stem: &str) -> String {
    let mut out = String::with_capacity(stem.len().min(MAX_STEM));
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_STEM {
            break;
        }
    }
    let out = out.trim_matches('-').to_owned();
    let reserved = matches!(out.as_str(), "con" | "prn" | "aux" | "nul")
        || ((out.starts_with("com") || out.starts_with("lpt"))
            && out.len() == 4
            && out.ends_with(|c: char| c.is_ascii_digit()));
    match reserved {
        true => format!("{out}-case"),
        false => out,
    }
}
