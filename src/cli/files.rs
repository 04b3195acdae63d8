//! The file system, for the command line: finding case and rule files under the paths given,
//! reading them as UTF-8 text, and writing a formatted file atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use normcheck::diagnostic::{Code, Diagnostic, Span};
use normcheck::FileDiagnostics;

/// Files that could not be read, or hold no cases, with their diagnostics.
pub type Problems = Vec<FileDiagnostics>;

pub fn unreadable(path: &Path, why: &str) -> FileDiagnostics {
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
pub fn collect(path: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
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

/// Reads a case file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, FileDiagnostics> {
    match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => Err(unreadable(path, "not UTF-8 text")),
        Err(e) => Err(unreadable(path, &e.to_string())),
    }
}

/// Every case file named by `paths` (directories searched recursively), each once, with its
/// text; paths that cannot be read, and directories without cases, as problems.
pub fn read_cases(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Problems) {
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

/// Writes `text` to a temporary file beside `path`, then renames it over `path`: a reader sees
/// the old file or the new one, never half of either, and a failed write leaves the old one.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
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
