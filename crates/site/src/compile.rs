//! Compiling a module for wasm32: the size-tuned release (the pinned
//! nightly's `build-std`) or the dev loop's incremental build, skipped when
//! nothing it is compiled from changed (keyed by a hash of the sources,
//! manifests, toolchain and flags; the wasm kept under
//! `target/site-build/raw/`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::assets::walk;
use crate::cmd::{cargo, run_cmd, show};
use crate::{demo, tools};

/// One module in the `wasm-dev` profile on the default toolchain: the
/// app's `module` feature, or the whole of another package.
pub(crate) fn build_dev_wasm(root: &Path, package: &str, module: &str) -> Result<PathBuf> {
    let target_dir = root.join("target/dev").join(module.replace(',', "+"));
    let mut cmd = cargo();
    cmd.args(["build", "--quiet", "--package", package, "--lib"])
        .args([
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-dev",
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root);
    if package == "jianfu-app" {
        cmd.args(["--no-default-features", "--features", module]);
    }
    run_cmd(&mut cmd)?;
    Ok(target_dir.join(format!(
        "wasm32-unknown-unknown/wasm-dev/{}.wasm",
        package.replace('-', "_")
    )))
}

/// Compiles `package` for the browser in `profile` (`wasm-release` or one
/// inheriting it) with
/// the standard library rebuilt for size (see [`tools::PINNED_NIGHTLY`]; on
/// stable without it when no nightly is installed),
/// into its own target directory so stable and nightly artefacts never mix.
/// With `feature`, only that feature of the package's is on. Returns the
/// raw wasm.
pub fn build_wasm(
    root: &Path,
    package: &str,
    feature: Option<&str>,
    profile: &str,
) -> Result<std::path::PathBuf> {
    let toolchain = tools::size_toolchain()?;
    // Nightly and stable artefacts never share a target directory.
    let target_dir = root.join(match toolchain {
        tools::SizeToolchain::Nightly(_) => "target/size",
        tools::SizeToolchain::Stable => "target/size-stable",
    });
    let name = match &toolchain {
        tools::SizeToolchain::Nightly(n) => n.as_str(),
        tools::SizeToolchain::Stable => "stable",
    };
    let mut cmd = Command::new("rustup");
    cmd.args(["run", name, "cargo", "build", "--package", package, "--lib"])
        .args(["--target", "wasm32-unknown-unknown", "--profile", profile])
        .args(
            feature
                .map(|f| vec!["--no-default-features", "--features", f])
                .unwrap_or_default(),
        )
        .arg("--target-dir")
        .arg(&target_dir);
    // RUSTFLAGS replaces `.cargo/config.toml`'s target flags, so the
    // getrandom backend is repeated here.
    match toolchain {
        tools::SizeToolchain::Nightly(_) => {
            cmd.args([
                "-Zbuild-std=std,panic_abort",
                "-Zbuild-std-features=optimize_for_size",
            ])
            .env(
                "RUSTFLAGS",
                "--cfg getrandom_backend=\"wasm_js\" -Zunstable-options -Cpanic=immediate-abort \
                 -Zlocation-detail=none",
            );
        }
        tools::SizeToolchain::Stable => {
            cmd.env("RUSTFLAGS", "--cfg getrandom_backend=\"wasm_js\"");
        }
    }
    cmd.env("JIANFU_BUREAUS", demo::bureaus_path(root))
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .current_dir(root);
    // The app's modules are one crate with four feature sets, and a
    // cdylib's output has no hash in its name: each build overwrites the
    // last and cargo links the crate again every time (12 s each here),
    // even when nothing changed. So each module's wasm is kept under a
    // key of everything the compile reads, and an unchanged module is not
    // compiled at all.
    let key = compile_key(root, &cmd, name)?;
    let kept = root
        .join("target/site-build/raw")
        .join(format!("{package}-{}-{key}.wasm", feature.unwrap_or("all")));
    if kept.exists() {
        eprintln!(
            "xtask: {package} ({}) unchanged since it was compiled, reusing its wasm",
            feature.unwrap_or("all features")
        );
        return Ok(kept);
    }
    run_cmd(&mut cmd)?;
    let built = target_dir.join(format!(
        "wasm32-unknown-unknown/{profile}/{}.wasm",
        package.replace('-', "_")
    ));
    // Kept only if no source changed while it compiled (else the key
    // would name bytes made from other sources).
    if compile_key(root, &cmd, name)? != key {
        return Ok(built);
    }
    std::fs::create_dir_all(root.join("target/site-build/raw"))?;
    std::fs::copy(&built, &kept)?;
    Ok(kept)
}

/// `rustc -Vv` of `toolchain`, asked once per run: every module's key
/// (before and after its compile) needs it, and each ask is a process.
pub(crate) fn compiler_version(toolchain: &str) -> Result<Vec<u8>> {
    static ASKED: std::sync::Mutex<Vec<(String, Vec<u8>)>> = std::sync::Mutex::new(Vec::new());
    let mut asked = ASKED
        .lock()
        .map_err(|_| anyhow::anyhow!("a build thread panicked"))?;
    if let Some((_, v)) = asked.iter().find(|(t, _)| t == toolchain) {
        return Ok(v.clone());
    }
    let version = Command::new("rustup")
        .args(["run", toolchain, "rustc", "-Vv"])
        .output()
        .context("asking the compiler its version")?
        .stdout;
    asked.push((toolchain.to_owned(), version.clone()));
    Ok(version)
}

/// A SHA-256 over what a browser compile reads: the command (toolchain,
/// profile, features, flags) and its environment, the compiler's own
/// version, the bureau directory compiled in, and every file of the
/// workspace's crates, manifests, lock file and cargo config.
pub(crate) fn compile_key(root: &Path, cmd: &Command, toolchain: &str) -> Result<String> {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(show(cmd).as_bytes());
    for (k, v) in cmd.get_envs() {
        field(k.as_encoded_bytes());
        field(v.map_or(&b""[..], |v| v.as_encoded_bytes()));
    }
    field(
        std::env::var("JIANFU_APP_URL")
            .unwrap_or_default()
            .as_bytes(),
    );
    field(&compiler_version(toolchain)?);
    field(&std::fs::read(demo::bureaus_path(root)).unwrap_or_default());
    let mut files = vec![
        root.join("Cargo.toml"),
        root.join("Cargo.lock"),
        root.join(".cargo/config.toml"),
    ];
    for dir in ["crates", "bench/counter"] {
        files.extend(walk(&root.join(dir))?);
    }
    for path in files {
        field(
            path.strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .as_bytes(),
        );
        field(&std::fs::read(&path).unwrap_or_default());
    }
    Ok(h.finalize()
        .iter()
        .take(12)
        .fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::compile_key;
    use std::process::Command;

    /// The key follows what a compile reads: the command, and every file
    /// of the crates; an unrelated file does not change it.
    #[test]
    fn the_compile_key_changes_with_the_sources_and_the_command_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("crates/a/src")).unwrap();
        std::fs::create_dir_all(root.join("bench/counter")).unwrap();
        std::fs::write(root.join("Cargo.toml"), "[workspace]").unwrap();
        std::fs::write(root.join("crates/a/src/lib.rs"), "pub fn a() {}").unwrap();
        let cmd = || {
            let mut c = Command::new("cargo");
            c.args(["build", "--package", "a", "--profile", "wasm-release"]);
            c
        };
        let key = compile_key(root, &cmd(), "stable").unwrap();
        assert_eq!(key.len(), 24);
        assert_eq!(
            key,
            compile_key(root, &cmd(), "stable").unwrap(),
            "nothing changed"
        );

        std::fs::write(root.join("notes.txt"), "not compiled").unwrap();
        assert_eq!(
            key,
            compile_key(root, &cmd(), "stable").unwrap(),
            "an unrelated file"
        );

        std::fs::write(root.join("crates/a/src/lib.rs"), "pub fn a() { }").unwrap();
        let edited = compile_key(root, &cmd(), "stable").unwrap();
        assert_ne!(key, edited, "a source edited");

        let mut featured = cmd();
        featured.args(["--features", "welcome"]);
        assert_ne!(
            edited,
            compile_key(root, &featured, "stable").unwrap(),
            "another feature"
        );
    }
}
