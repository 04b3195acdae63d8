//! The file system, for the command line: finding case and rule files under the paths given,
//! reading them as UTF-8 text, and replacing a formatted file safely.
//!
//! **Read only what was asked.** A path named on the command line is read as given (through a
//! link, from a FIFO such as `<(generate)`), but not a device. Inside a directory walk, a link
//! is followed only to a regular file inside the tree given; links leading out of it, FIFOs,
//! devices and entries that cannot be listed are passed over with a `skipped-path` warning, so
//! that a planted `x.case -> /proc/self/environ` cannot put the environment into a report.
//!
//! **Write only what was meant.** `fmt` writes an exclusive temporary file with an
//! unpredictable name beside the file (through a link: beside its target), gives it the
//! file's permissions, checks that the file still holds what was read, and renames the
//! temporary file over it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use normcheck::diagnostic::{Code, Diagnostic, Span};
use normcheck::FileDiagnostics;

/// Files that could not be read, or hold no cases, with their diagnostics.
pub type Problems = Vec<FileDiagnostics>;

/// The largest file read: far above any case written by hand or generated for a benchmark,
/// and a bound on what a FIFO named on the command line can make normcheck hold.
const MAX_FILE: u64 = 1 << 30;

fn problem(path: &Path, d: Diagnostic) -> FileDiagnostics {
    FileDiagnostics {
        path: path.display().to_string(),
        text: String::new(),
        diagnostics: vec![d],
    }
}

pub fn unreadable(path: &Path, why: &str, help: &str) -> FileDiagnostics {
    problem(
        path,
        Diagnostic::error(
            Code::UnreadableFile,
            Span::default(),
            format!("cannot read `{}`: {why}", path.display()),
        )
        .with_help(help),
    )
}

fn skipped(path: &Path, why: &str) -> FileDiagnostics {
    problem(
        path,
        Diagnostic::warning(
            Code::SkippedPath,
            Span::default(),
            format!("skipped `{}`: {why}", path.display()),
        )
        .with_help("name the file on the command line to read it as it is"),
    )
}

pub fn changed(path: &Path) -> FileDiagnostics {
    problem(
        path,
        Diagnostic::error(
            Code::FileChanged,
            Span::default(),
            format!(
                "`{}` changed while it was being formatted; it is left as it is now",
                path.display()
            ),
        )
        .with_help("run `normcheck fmt` again once the file is saved"),
    )
}

pub fn write_failed(path: &Path, why: &str) -> FileDiagnostics {
    problem(
        path,
        Diagnostic::error(
            Code::WriteFailed,
            Span::default(),
            format!("cannot write `{}`: {why}", path.display()),
        )
        .with_help("check the permissions of the file and its directory, and the free space"),
    )
}

const PATH_HELP: &str = "check the path and its permissions";

/// What a search of the paths given found: the files to read, and what it passed over.
#[derive(Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    /// Warnings about entries of a walk that were not read.
    pub skipped: Problems,
}

/// Files under `path` with one of the extensions `exts`, recursively, sorted; a path that is
/// not a directory is taken as is, unless it is a device.
pub fn collect(path: &Path, exts: &[&str]) -> Result<Found, FileDiagnostics> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e.to_string(), PATH_HELP))?;
    if meta.is_dir() {
        return walk(path, exts);
    }
    if is_device(&meta) {
        return Err(device(path));
    }
    Ok(Found {
        files: vec![path.to_path_buf()],
        skipped: Vec::new(),
    })
}

fn device(path: &Path) -> FileDiagnostics {
    unreadable(
        path,
        "it is a device, not a file or a directory",
        "pass a case file, or a directory that holds some",
    )
}

/// The text of the one case file a command takes (`why-not`, `graph`): read as given, but not
/// a directory or a device.
pub fn read_one(path: &Path) -> Result<String, FileDiagnostics> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e.to_string(), PATH_HELP))?;
    if meta.is_dir() {
        return Err(unreadable(
            path,
            "it is a directory, and this command takes one case file",
            "name one `.case` file",
        ));
    }
    if is_device(&meta) {
        return Err(device(path));
    }
    read_text(path)
}

/// The `*.yaml` files of a `--rules` directory.
pub fn collect_rules(dir: &Path) -> Result<Found, FileDiagnostics> {
    let meta = std::fs::metadata(dir).map_err(|e| unreadable(dir, &e.to_string(), PATH_HELP))?;
    if !meta.is_dir() {
        return Err(unreadable(
            dir,
            "`--rules` takes a directory, and this is not one",
            "pass a directory of `*.yaml` rule files",
        ));
    }
    walk(dir, &["yaml"])
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_block_device() || meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::Metadata) -> bool {
    false
}

/// Walks a directory without following links to directories (so a link cycle cannot loop),
/// following a link to a file only when its target is inside the tree.
fn walk(root: &Path, exts: &[&str]) -> Result<Found, FileDiagnostics> {
    let inside =
        std::fs::canonicalize(root).map_err(|e| unreadable(root, &e.to_string(), PATH_HELP))?;
    let mut found = Found::default();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if dir == root => return Err(unreadable(root, &e.to_string(), PATH_HELP)),
            Err(e) => {
                found
                    .skipped
                    .push(skipped(&dir, &format!("cannot list it: {e}")));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found
                        .skipped
                        .push(skipped(&dir, &format!("cannot list it: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    found.skipped.push(skipped(&path, &e.to_string()));
                    continue;
                }
            };
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            if path
                .extension()
                .is_none_or(|x| !exts.iter().any(|ext| x == *ext))
            {
                continue;
            }
            if kind.is_file() {
                found.files.push(path);
            } else if kind.is_symlink() {
                match linked_file(&path, &inside) {
                    Ok(target) => found.files.push(root.join(target)),
                    Err(why) => found.skipped.push(skipped(&path, &why)),
                }
            } else {
                found.skipped.push(skipped(
                    &path,
                    "it is not a regular file (a FIFO, socket or device)",
                ));
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    // Directories list their entries in no fixed order; the report's order is fixed.
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Where a link inside the tree leads, relative to the tree, if it is a regular file inside it.
fn linked_file(link: &Path, inside: &Path) -> Result<PathBuf, String> {
    let target = std::fs::canonicalize(link).map_err(|e| format!("a broken link ({e})"))?;
    let Ok(relative) = target.strip_prefix(inside) else {
        return Err(format!(
            "it links out of the directory given (to `{}`); links are followed only inside it",
            target.display()
        ));
    };
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Ok(relative.to_path_buf()),
        Ok(_) => Err("it links to something that is not a regular file".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads a file as UTF-8 text, refusing one larger than `MAX_FILE`.
pub fn read_text(path: &Path) -> Result<String, FileDiagnostics> {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        std::fs::File::open(path)?
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    match read() {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE => Err(unreadable(
            path,
            "it is larger than 1 GiB",
            "split the case; no case written by hand comes near this size",
        )),
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_and_column(&e.as_bytes()[..at]);
            unreadable(
                path,
                &format!(
                    "it is not UTF-8 text: the first byte that is not is at line {line}, column {column} (byte {at})"
                ),
                "case and rule files are UTF-8 text; convert it, e.g. with `iconv -t UTF-8`",
            )
        }),
        Err(e) => Err(unreadable(path, &e.to_string(), PATH_HELP)),
    }
}

/// The line and column (from 1) just after `valid`, UTF-8 text that ends where a bad byte
/// begins: lines and columns as every diagnostic counts them.
fn line_and_column(valid: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(valid).unwrap_or_default();
    normcheck::diagnostic::LineIndex::new(text).line_col(text, text.len())
}

/// What the paths of a command name, in order: files to read, and problems met finding them.
pub enum Entry {
    /// A file, and whether a directory walk found it (rather than a path naming it): a
    /// Markdown document found by a walk is checked only if it holds statements.
    File(PathBuf, bool),
    Problem(FileDiagnostics),
}

/// Every file with one of the extensions `exts` named by `paths` (directories searched
/// recursively), each once, in order; paths that cannot be read, directories without any, and
/// entries a walk passed over, as problems in their place. Nothing is read yet.
pub fn find_all(paths: &[PathBuf], exts: &[&str]) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut seen_skipped = std::collections::BTreeSet::new();
    for path in paths {
        let walked = path.is_dir();
        let found = match collect(path, exts) {
            Ok(found) => found,
            Err(problem) => {
                entries.push(Entry::Problem(problem));
                continue;
            }
        };
        if found.files.is_empty() {
            entries.push(Entry::Problem(problem(
                path,
                Diagnostic::error(
                    Code::NoCaseFiles,
                    Span::default(),
                    format!("`{}` holds no {} files", path.display(), extensions(exts)),
                )
                .with_help(
                    "case files end in `.case`, policy documents in `.policy` or `.md`; pass a \
                     file or a directory that holds some",
                ),
            )));
        }
        for warning in found.skipped {
            if seen_skipped.insert(warning.path.clone()) {
                entries.push(Entry::Problem(warning));
            }
        }
        for file in found.files {
            if seen.insert(file.clone()) {
                entries.push(Entry::File(file, walked));
            }
        }
    }
    entries
}

/// Every file `find_all` finds, with its text; the problems, those met reading included, in
/// their order.
pub fn read_all(paths: &[PathBuf], exts: &[&str]) -> (Vec<(PathBuf, String)>, Problems) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in find_all(paths, exts) {
        match entry {
            Entry::Problem(problem) => problems.push(problem),
            Entry::File(file, _) => match read_text(&file) {
                Ok(text) => files.push((file, text)),
                Err(problem) => problems.push(problem),
            },
        }
    }
    (files, problems)
}

/// `exts` in words: "`.case`", "`.case`, `.policy` or `.md`".
fn extensions(exts: &[&str]) -> String {
    let words: Vec<String> = exts.iter().map(|e| format!("`.{e}`")).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

/// Why a formatted file was not written.
pub enum NotReplaced {
    /// The file no longer holds what was read: someone edited it meanwhile.
    Changed,
    Failed(String),
}

/// Replaces the file at `path` (the target, when it is a link) with `text`, if it still holds
/// `original`. The new text goes to an exclusive temporary file with an unpredictable name in
/// the same directory, with the file's permissions, and is renamed over the file: a reader sees
/// the old text or the new, and an edit made while formatting is never silently lost.
pub fn replace_file(path: &Path, original: &str, text: &str) -> Result<(), NotReplaced> {
    let failed = |e: std::io::Error| NotReplaced::Failed(e.to_string());
    let target = std::fs::canonicalize(path).map_err(failed)?;
    let meta = std::fs::metadata(&target).map_err(failed)?;
    if !meta.is_file() {
        return Err(NotReplaced::Failed(
            "it is not a regular file; `fmt` rewrites regular files only".to_owned(),
        ));
    }
    let mut tmp = temporary_beside(&target, ".normcheck-fmt").map_err(failed)?;
    tmp.write_all(text.as_bytes()).map_err(failed)?;
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    let now = std::fs::read(&target).map_err(failed)?;
    if now != original.as_bytes() {
        return Err(NotReplaced::Changed);
    }
    tmp.persist(&target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// An exclusive temporary file with an unpredictable name in the directory of `target`
/// (`.NAME.XXXXXX.SUFFIX`), readable by its owner only until it is given other permissions.
fn temporary_beside(target: &Path, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(suffix)
        .tempfile_in(dir)
}

/// Writes `text` to `path` (the target, when it is a link), creating it or replacing it whole:
/// an exclusive temporary file beside it, renamed over it, so that a reader never sees half a
/// file and a failed write leaves the old one as it was.
pub fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut tmp = temporary_beside(&target, ".normcheck").map_err(|e| e.to_string())?;
    tmp.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    // The file's permissions if it is there; else those of a file a project commits (the
    // temporary file is made readable by its owner alone).
    let permissions = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta.permissions()),
        #[cfg(unix)]
        Err(_) => Some(std::os::unix::fs::PermissionsExt::from_mode(0o644)),
        #[cfg(not(unix))]
        Err(_) => None,
    };
    if let Some(permissions) = permissions {
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(|e| e.to_string())?;
    }
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    tmp.persist(&target).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// Writes `text` at `path` itself, never through a link: an exclusive temporary file beside it
/// (in `path`'s directory), renamed onto the name, so that a reader never sees half a file. A
/// link at `path` is replaced, not followed; the caller decides whether the name is its to
/// write.
pub fn write_entry(path: &Path, text: &str) -> Result<(), String> {
    let tmp = new_file_beside(path, text).map_err(|e| e.to_string())?;
    tmp.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// A temporary file beside `path` holding `text`, on disk, with the permissions of a file a
/// project commits, ready to take the name.
fn new_file_beside(path: &Path, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = temporary_beside(path, ".normcheck")?;
    tmp.write_all(text.as_bytes())?;
    #[cfg(unix)]
    tmp.as_file()
        .set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644))?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Creates a file at `path` holding `text`, never replacing one that is there: the text goes to
/// a temporary file beside it, which takes the name only if nothing has it by then.
pub fn create_file(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err("it already exists".to_owned());
    }
    let tmp = new_file_beside(path, text).map_err(|e| match e.kind() {
        // The directory is not there: said as its kind, as `new` has always said it.
        std::io::ErrorKind::NotFound => e.kind().to_string(),
        _ => e.to_string(),
    })?;
    tmp.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => "it already exists".to_owned(),
            _ => e.error.to_string(),
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_file_edited_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.case");
        std::fs::write(&path, "state XA\nstate XB\n").unwrap();
        // What fmt read before another program appended a line.
        let read_before = "state XA\n";
        let result = replace_file(&path, read_before, "state XA\n");
        assert!(matches!(result, Err(NotReplaced::Changed)));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "state XA\nstate XB\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let result = replace_file(&path, "state XA\nstate XB\n", "state XB\n");
        assert!(result.is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "state XB\n");
    }
}
