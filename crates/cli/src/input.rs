//! Reading the CLI's inputs: whole files, JSON-lines files and directories,
//! each document tagged with where it came from so errors can say so.

use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Where a document came from: `reports/a.json` or `inbox.jsonl:12`.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub(crate) path: PathBuf,
    pub(crate) line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// Why an input could not be read at all.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub(crate) path: PathBuf,
    pub(crate) error: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: cannot read: {}", self.path.display(), self.error)
    }
}

/// Refuses a secret file (a private key, an issuer key, the admin token)
/// that its group or others can read, saying the `chmod` that fixes it: a
/// warning scrolled by unseen while the bureau's key stayed readable to
/// every account on the machine (issue #26).
pub(crate) fn refuse_if_shared(path: &Path, what: &str) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(format!(
                    "{}: {what} can be read by other accounts (mode {mode:04o}); run `chmod 600 {}` and try again",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
    Ok(())
}

/// Reads a whole file as UTF-8.
pub(crate) fn read_file(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|error| ReadError {
        path: path.to_path_buf(),
        error,
    })
}

/// Expands directories into the `.json` and `.jsonl` files in them (sorted).
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|error| ReadError {
                    path: p.clone(),
                    error,
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|e| e == "json" || e == "jsonl"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Calls `each` with every document in `path`: one per non-empty line for
/// JSON-lines (`.jsonl`, or a file whose first line is a complete object),
/// else the whole file. Streams, so a million responses are never all held.
pub(crate) fn for_each_document(
    path: &Path,
    mut each: impl FnMut(Origin, &str),
) -> Result<(), ReadError> {
    let err = |error| ReadError {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(err)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let jsonl = path.extension().is_some_and(|e| e == "jsonl");
    if !jsonl {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut reader, &mut text).map_err(err)?;
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let one_per_line = text.lines().filter(|l| !l.trim().is_empty()).count() > 1
            && serde_json::from_str::<serde_json::Value>(first).is_ok();
        if one_per_line {
            for (i, line) in text.lines().enumerate() {
                if !line.trim().is_empty() {
                    each(
                        Origin {
                            path: path.to_path_buf(),
                            line: Some(i + 1),
                        },
                        line,
                    );
                }
            }
        } else {
            each(
                Origin {
                    path: path.to_path_buf(),
                    line: None,
                },
                &text,
            );
        }
        return Ok(());
    }
    let mut line = String::new();
    let mut n = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(err)? == 0 {
            return Ok(());
        }
        n += 1;
        if !line.trim().is_empty() {
            each(
                Origin {
                    path: path.to_path_buf(),
                    line: Some(n),
                },
                &line,
            );
        }
    }
}

/// Reads and validates a survey definition; the error names the file and
/// every problem with its JSON path, one per line.
pub(crate) fn read_survey(path: &Path) -> Result<jianfu_core::Survey, String> {
    let text = read_file(path).map_err(|e| e.to_string())?;
    jianfu_core::Survey::parse(&text).map_err(|problems| {
        problems
            .as_slice()
            .iter()
            .map(|p| format!("{}: {p}", path.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}
