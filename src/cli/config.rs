//! Finding and reading the project configuration (`normcheck.toml` or `normcheck.yaml`): in the
//! working directory or the nearest directory above it that has one, as other linters do, or
//! the file `--config` names. Its paths are relative to its directory; they are given to the
//! rest of the command line relative to the working directory, so reports name files as a
//! user in the repository would.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use normcheck::config::{Config, Glob, FILE_NAMES};
use normcheck::diagnostic::{Code, Diagnostic, Span};
use normcheck::FileDiagnostics;

use super::{files, report_problems};

/// A configuration read, with where it is.
pub struct Loaded {
    pub config: Config,
    /// The file's directory, relative to the working directory (`.`, `..`, `sub`) or absolute.
    pub dir: PathBuf,
}

impl Loaded {
    /// A path the file gives, as seen from the working directory.
    pub fn path(&self, written: &str) -> PathBuf {
        match self.dir == Path::new(".") {
            true => PathBuf::from(written),
            false => self.dir.join(written),
        }
    }

    /// What `exclude` passes over, if it says anything.
    pub fn exclusions(&self) -> Option<Exclusions> {
        if self.config.exclude.is_empty() {
            return None;
        }
        let cwd = std::env::current_dir().ok()?;
        Some(Exclusions {
            globs: self.config.exclude.clone(),
            root: normalize(&cwd.join(&self.dir)),
            cwd,
        })
    }
}

/// The `exclude` patterns, with what they are relative to.
pub struct Exclusions {
    globs: Vec<Glob>,
    root: PathBuf,
    cwd: PathBuf,
}

impl Exclusions {
    /// Whether a file a directory walk found (a path relative to the working directory, or
    /// absolute) is passed over.
    pub fn excludes(&self, path: &Path) -> bool {
        let full = normalize(&self.cwd.join(path));
        let Ok(relative) = full.strip_prefix(&self.root) else {
            return false;
        };
        let parts: Vec<&str> = relative
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .collect();
        self.globs.iter().any(|g| g.matches(&parts))
    }
}

/// `a/./b/../c` as `a/c`, without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The configuration of a command: the file `explicit` names, or the one found walking up
/// from the working directory, or none (`--no-config`, or no file found). A file that cannot
/// be read or says something wrong ends the command with exit code 2.
pub fn load(explicit: Option<&Path>, none: bool) -> Result<Option<Loaded>, ExitCode> {
    if none {
        return Ok(None);
    }
    let (path, dir) = match explicit {
        Some(path) => {
            let dir = match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                _ => PathBuf::from("."),
            };
            (path.to_path_buf(), dir)
        }
        None => match find()? {
            Some(found) => found,
            None => return Ok(None),
        },
    };
    let text = files::read_one(&path).map_err(|problem| report_problems(&vec![problem]))?;
    let name = path.display().to_string();
    match Config::parse(&name, &text) {
        Ok(config) => Ok(Some(Loaded { config, dir })),
        Err(diagnostics) => Err(report_problems(&vec![FileDiagnostics {
            path: name,
            text,
            diagnostics,
        }])),
    }
}

/// The nearest configuration file in the working directory or above, with its directory
/// relative to the working directory. Two in one directory is an error: which one holds is
/// not for normcheck to guess.
fn find() -> Result<Option<(PathBuf, PathBuf)>, ExitCode> {
    let Ok(cwd) = std::env::current_dir() else {
        return Ok(None);
    };
    let mut up = PathBuf::from(".");
    for dir in cwd.ancestors() {
        let present: Vec<&str> = FILE_NAMES
            .into_iter()
            .filter(|name| dir.join(name).is_file())
            .collect();
        match present[..] {
            [] => {}
            [name] if up == Path::new(".") => return Ok(Some((PathBuf::from(name), up))),
            [name] => return Ok(Some((up.join(name), up))),
            _ => {
                let d = Diagnostic::error(
                    Code::InvalidConfig,
                    Span::default(),
                    format!(
                        "`{}` has both {}: normcheck reads one",
                        dir.display(),
                        present.join(" and ")
                    ),
                )
                .with_help("keep one of them, or name one with `--config FILE`");
                return Err(report_problems(&vec![FileDiagnostics {
                    path: dir.display().to_string(),
                    text: String::new(),
                    diagnostics: vec![d],
                }]));
            }
        }
        up = match up == Path::new(".") {
            true => PathBuf::from(".."),
            false => up.join(".."),
        };
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(normalize(Path::new("/r/./a/../b")), Path::new("/r/b"));
        assert_eq!(normalize(Path::new("../x")), Path::new("../x"));
    }
}
