//! What the site's visitors download: per file, per first visit, per
//! returning parent and per front-end page, as stored and as sent
//! compressed.

use std::path::Path;

use anyhow::Result;

use crate::Site;
use crate::assets::walk;
use crate::compress::with_suffix;
use crate::pages::{AppFiles, FrontEnd};

/// Byte counts of a set of files: as stored, and as sent gzip- or
/// brotli-encoded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// Prints and returns what a first visit and a returning parent's page
/// download, and each front-end page's first visit (sizes matter only for
/// the bytes that ship). A first visit (no child yet) starts the welcome
/// build; a returning parent's page the app module. The demo feed counts in
/// both: a new parent's page asks for it once the child is added.
pub(crate) fn release_sizes(
    dist: &Path,
    app: AppFiles,
    feed: String,
    page_files: &[(FrontEnd, Vec<String>)],
) -> Result<Site> {
    let shared = ["index.html".to_owned(), app.css, app.boot, feed];
    let first_visit: Vec<String> = shared
        .iter()
        .cloned()
        .chain([app.welcome_js, app.welcome_wasm])
        .collect();
    let returning: Vec<String> = shared.into_iter().chain([app.js, app.wasm]).collect();
    print_sizes(dist, &first_visit)?;
    let sizes = (
        total_size(dist, &first_visit)?,
        total_size(dist, &returning)?,
    );
    print_total(
        "first visit total",
        sizes.0,
        "* downloaded by a first visit: the welcome build, and the feed it asks for once a child is added",
    );
    print_total(
        "returning parent total",
        sizes.1,
        "a returning parent's page: the app module instead of the welcome build",
    );
    let pages = page_files
        .iter()
        .map(|(page, files)| Ok((page.name, print_page_size(dist, *page, files)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Site {
        dir: dist.to_path_buf(),
        first_visit: sizes.0,
        returning: sizes.1,
        pages,
    })
}

#[allow(clippy::cast_precision_loss)] // byte counts far below 2^52
pub(crate) fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

/// What a first visit of a front-end page downloads, printed beside the
/// parent app's table (each page is its own module: the parent app's first
/// visit carries none of them).
pub(crate) fn print_page_size(dist: &Path, page: FrontEnd, files: &[String]) -> Result<Sizes> {
    let sizes = total_size(dist, files)?;
    eprintln!(
        "{} first visit (/{}/, its own module): {} raw, {} gzip, {} brotli",
        page.title,
        page.name,
        kb(sizes.raw),
        kb(sizes.gzip),
        kb(sizes.brotli)
    );
    Ok(sizes)
}

/// The summed sizes of `files` (relative to `dist/`).
pub(crate) fn total_size(dist: &Path, files: &[String]) -> Result<Sizes> {
    let mut total = Sizes::default();
    for f in files {
        total += sizes_of(&dist.join(f))?;
    }
    Ok(total)
}

/// The table of every file's sizes, `*` marking the first visit's.
pub(crate) fn print_sizes(dist: &Path, first_visit: &[String]) -> Result<()> {
    eprintln!(
        "\n{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for path in walk(dist)? {
        if path.extension().is_some_and(|e| e == "gz" || e == "br") {
            continue;
        }
        let rel = path.strip_prefix(dist)?.to_string_lossy().into_owned();
        let size = sizes_of(&path)?;
        let mark = if first_visit.contains(&rel) { "*" } else { " " };
        eprintln!(
            "{mark}{rel:<47} {:>10} {:>10} {:>10}",
            kb(size.raw),
            kb(size.gzip),
            kb(size.brotli)
        );
    }
    Ok(())
}

/// A total line under the table, and what it counts.
pub(crate) fn print_total(label: &str, total: Sizes, what: &str) {
    eprintln!(
        "{label:<48} {:>10} {:>10} {:>10}\n({what})\n",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
}

/// The sizes of `path` as stored and as sent compressed (from the copies
/// [`compress_all`] wrote; an incompressible file is sent as is).
pub fn sizes_of(path: &Path) -> Result<Sizes> {
    let raw = std::fs::metadata(path)?.len();
    let len = |suffix| std::fs::metadata(with_suffix(path, suffix)).map_or(raw, |m| m.len());
    Ok(Sizes {
        raw,
        gzip: len(".gz"),
        brotli: len(".br"),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{Sizes, sizes_of, total_size};

    #[test]
    fn a_file_is_counted_as_sent_and_an_uncompressed_one_as_stored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.js"), [0; 100]).unwrap();
        std::fs::write(dir.path().join("a.js.gz"), [0; 30]).unwrap();
        std::fs::write(dir.path().join("a.js.br"), [0; 20]).unwrap();
        std::fs::write(dir.path().join("i.png"), [0; 50]).unwrap();
        let a = sizes_of(&dir.path().join("a.js")).unwrap();
        assert_eq!((a.raw, a.gzip, a.brotli), (100, 30, 20));
        let total: Sizes =
            total_size(dir.path(), &["a.js".to_owned(), "i.png".to_owned()]).unwrap();
        assert_eq!((total.raw, total.gzip, total.brotli), (150, 80, 70));
        assert!(sizes_of(&dir.path().join("missing.js")).is_err());
    }
}
