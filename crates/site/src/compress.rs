//! Zopfli gzip and brotli-11 copies beside every compressible file,
//! cached by content in the user's cache (shared by every clone), written
//! aside and renamed so a server reading the folder never sends half a file.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::assets::walk;

pub(crate) fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "css" | "wasm" | "json" | "svg" | "webmanifest" | "txt")
    )
}

/// `compress(bytes)`, remembered by content (SHA-256 and length) in
/// [`compress_cache`]: the strongest settings take seconds per file, and
/// most files do not change between builds or between clones.
pub(crate) fn cached(
    kind: &str,
    bytes: &[u8],
    compress: impl FnOnce(&[u8]) -> std::io::Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    use sha2::Digest;
    let key: String = sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        });
    let cache = compress_cache()
        .join(kind)
        .join(format!("{key}-{}", bytes.len()));
    if let Ok(hit) = std::fs::read(&cache) {
        return Ok(hit);
    }
    let out = compress(bytes)?;
    if let Some(dir) = cache.parent() {
        std::fs::create_dir_all(dir)?;
        // Another build (another clone) may read the same entry meanwhile:
        // write aside, then rename into place, so no one reads half a file.
        let tmp = dir.join(format!(".{key}.{}", std::process::id()));
        std::fs::write(&tmp, &out)?;
        std::fs::rename(&tmp, &cache)?;
    }
    Ok(out)
}

/// Where compressed files are kept by content: the user's cache
/// (`$XDG_CACHE_HOME` or `~/.cache`, `jianfu/compressed`), shared by every
/// clone on the machine, so Zopfli and brotli-11 run once per distinct file
/// rather than once per clone; `target/` when there is no home.
pub(crate) fn compress_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map_or_else(
            || crate::root().join("target/site-build"),
            |c| c.join("jianfu/compressed"),
        )
}

pub(crate) fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    cached("gz", bytes, |b| {
        let mut out = Vec::new();
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            b,
            &mut out,
        )?;
        Ok(out)
    })
}

/// Brotli at its strongest setting (quality 11, 4 MiB window).
pub(crate) fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    cached("br", bytes, |b| {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &b[..], &mut out, &params)?;
        Ok(out)
    })
}

/// Writes `bytes` beside `path` and renames them into place: `serve` may
/// be answering from the folder meanwhile and must never send half a file.
pub(crate) fn write_aside(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = with_suffix(path, ".part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// `path` with `suffix` appended (`app.js` → `app.js.gz`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Writes `<file>.gz` and `<file>.br` beside every compressible file in
/// `dir`, served by `serve` with the matching `Content-Encoding` to browsers
/// that accept it (brotli is ~10–15 % smaller than gzip for the wasm).
pub fn compress_all(dir: &Path) -> Result<()> {
    // Largest first, one file at a time per core: Zopfli is single-threaded.
    let mut files: Vec<PathBuf> = walk(dir)?.into_iter().filter(|p| compressible(p)).collect();
    files.sort_by_key(|p| std::cmp::Reverse(p.metadata().map_or(0, |m| m.len())));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let Some(path) = files.get(i) else {
                            return Ok(());
                        };
                        let bytes = std::fs::read(path)?;
                        write_aside(&with_suffix(path, ".gz"), &gzip(&bytes)?)?;
                        write_aside(&with_suffix(path, ".br"), &brotli(&bytes)?)?;
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| anyhow::anyhow!("a compression thread panicked"))?
        })
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{compress_all, compressible, with_suffix, write_aside};
    use std::path::Path;

    #[test]
    fn text_and_wasm_are_compressed_images_are_not() {
        for yes in [
            "a.html",
            "a.js",
            "a.css",
            "a.wasm",
            "a.json",
            "a.svg",
            "a.webmanifest",
            "a.txt",
        ] {
            assert!(compressible(Path::new(yes)), "{yes}");
        }
        for no in ["a.png", "a.br", "a.gz", "a"] {
            assert!(!compressible(Path::new(no)), "{no}");
        }
        assert_eq!(
            with_suffix(Path::new("d/app.js"), ".gz"),
            Path::new("d/app.js.gz")
        );
    }

    #[test]
    fn a_file_is_written_aside_and_renamed_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.js.br");
        write_aside(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!with_suffix(&path, ".part").exists(), "nothing left aside");
    }

    #[test]
    fn every_compressible_file_gets_a_gzip_and_a_brotli_copy_that_decode_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let text = "作业公示 ".repeat(500);
        std::fs::write(dir.path().join("a.json"), &text).unwrap();
        std::fs::write(dir.path().join("icon.png"), [0x89, b'P', b'N', b'G']).unwrap();
        compress_all(dir.path()).unwrap();
        assert!(!dir.path().join("icon.png.gz").exists());

        let gz = std::fs::read(dir.path().join("a.json.gz")).unwrap();
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
        let size = u32::from_le_bytes(gz[gz.len() - 4..].try_into().unwrap());
        assert_eq!(
            size as usize,
            text.len(),
            "its trailer names the text's length"
        );
        assert!(gz.len() < text.len() / 10);

        let br = std::fs::read(dir.path().join("a.json.br")).unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap();
        assert_eq!(decoded, text.as_bytes());
    }
}
