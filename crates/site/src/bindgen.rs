//! wasm-bindgen at exactly the crate's version, then wasm-opt and the glue
//! rewrite, skipped when the wasm from cargo has not changed since the
//! last build (the output is kept under `target/site-build/`).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::assets::content_hash;
use crate::cmd::run_cmd;
use crate::glue::{minify_module, shorten_names};
use crate::tools;

/// wasm-bindgen alone.
pub(crate) fn bind(root: &Path, raw_wasm: &Path) -> Result<(Vec<u8>, Vec<u8>)> {
    let out = root.join("target/dev/bound");
    run_bindgen(root, raw_wasm, &out)?;
    let stem = raw_wasm
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the wasm file has no name")?;
    Ok((
        std::fs::read(out.join(format!("{stem}.js")))?,
        std::fs::read(out.join(format!("{stem}_bg.wasm")))?,
    ))
}

/// wasm-bindgen at the app's exact version, `--target web`, into a fresh `out`.
pub(crate) fn run_bindgen(root: &Path, raw_wasm: &Path, out: &Path) -> Result<()> {
    let bindgen = tools::wasm_bindgen(root)?;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    run_cmd(
        Command::new(&bindgen)
            .arg(raw_wasm)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(out),
    )
}

/// The features rustc's wasm32 target enables by default, for wasm-opt.
pub(crate) const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// How hard wasm-opt works on a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// `-Oz` once.
    Once,
    /// `-Oz --converge`: again until it stops shrinking. For the modules a
    /// page starts with (the app's and its welcome build): measured on the
    /// app module, −770 bytes gzip for +11 s of wasm-opt.
    Converge,
}

/// Runs wasm-bindgen and wasm-opt, or reuses their output for an unchanged input.
pub fn bindgen_and_optimize(
    root: &Path,
    raw_wasm: &Path,
    effort: Effort,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let stem = raw_wasm
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the wasm file has no name")?;
    let input =
        std::fs::read(raw_wasm).with_context(|| format!("reading {}", raw_wasm.display()))?;
    let wasm_opt = tools::wasm_opt(root);
    let key = format!(
        "{}-{}",
        content_hash(&input),
        if wasm_opt.is_some() { "opt" } else { "noopt" }
    );
    let terser = tools::terser(root);
    let key = format!("{key}-{}", if terser.is_some() { "min" } else { "nomin" });
    // Bumped when what happens to the output changes (v4: short names).
    let key = format!(
        "{key}-v4{}",
        if effort == Effort::Converge { "-c" } else { "" }
    );
    let cache = root.join("target/site-build").join(&key);
    let (glue_path, wasm_path) = (
        cache.join(format!("{stem}.js")),
        cache.join(format!("{stem}_bg.wasm")),
    );
    if glue_path.exists() && wasm_path.exists() {
        eprintln!("xtask: wasm unchanged, reusing bindgen/wasm-opt output ({key})");
        return Ok((std::fs::read(glue_path)?, std::fs::read(wasm_path)?));
    }
    let tmp = root.join("target/site-build/tmp");
    run_bindgen(root, raw_wasm, &tmp)?;
    let bg = tmp.join(format!("{stem}_bg.wasm"));
    if let Some(opt) = wasm_opt {
        let before = std::fs::metadata(&bg)?.len();
        run_cmd(
            Command::new(&opt)
                .arg(&bg)
                .args(["-Oz", "--strip-debug", "--strip-producers"])
                .args((effort == Effort::Converge).then_some("--converge"))
                .args(WASM_FEATURES)
                .arg("-o")
                .arg(&bg),
        )?;
        eprintln!(
            "xtask: wasm-opt -Oz: {} → {} bytes",
            before,
            std::fs::metadata(&bg)?.len()
        );
        shorten_names(&opt, &bg, &tmp.join(format!("{stem}.js")))?;
    } else {
        eprintln!(
            "xtask: wasm-opt not available (npm's binaryen in tests/node_modules): the wasm is not size-optimized; \
             run `npm ci` in tests/ or `cargo xtask test` once"
        );
    }
    let glue = tmp.join(format!("{stem}.js"));
    if let Some(terser) = terser {
        minify_module(&terser, &glue)?;
    }
    std::fs::create_dir_all(&cache)?;
    std::fs::rename(&glue, &glue_path)?;
    std::fs::rename(&bg, &wasm_path)?;
    Ok((std::fs::read(glue_path)?, std::fs::read(wasm_path)?))
}
