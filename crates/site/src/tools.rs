//! The tools the build and the tests need, installed on demand where this
//! machine allows (Debian as root, crates.io, npm) and named clearly where it
//! does not. Nothing here downloads a prebuilt binary or browser from a
//! vendor site: Chromium comes from Debian, wasm-bindgen is compiled from
//! crates.io, wasm-opt is npm's `binaryen` (which runs under Node).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{cargo, run_cmd};

/// Adds the wasm32 target when missing: rustup does not install the targets
/// of `rust-toolchain.toml` by itself here (`RUSTUP_AUTO_INSTALL=0`).
pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32-unknown-unknown target")?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The nightly the browser build is pinned to (its date): the first-visit
/// ratchet of `cargo xtask test` was measured with it. Stable Rust cannot
/// rebuild the standard library, and the prebuilt one carries panic
/// messages, their formatting machinery and code tuned for speed:
/// rebuilding it with `panic = immediate-abort` and `optimize_for_size`
/// takes ~11 % off the gzipped wasm (measured: 319 → 285 KB for the app).
/// Everything else (tests, clippy, the CLI) stays on the stable toolchain.
pub const PINNED_NIGHTLY: &str = "2026-05-19";

/// The toolchain the browser build runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeToolchain {
    /// A nightly (its rustup name) with `rust-src`: the size build.
    Nightly(String),
    /// No nightly here: stable, with the prebuilt standard library.
    Stable,
}

/// Picks the browser build's toolchain, once per run: `nightly-DATE` when
/// installed, else `nightly` when it is that date, else `nightly` of
/// another date (said: sizes may differ from CI's), else stable (said:
/// the wasm is ~11 % larger), so a machine without nightly still builds.
pub fn size_toolchain() -> Result<SizeToolchain> {
    static PICKED: std::sync::OnceLock<SizeToolchain> = std::sync::OnceLock::new();
    if let Some(t) = PICKED.get() {
        return Ok(t.clone());
    }
    let list = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .context("rustup is needed for the browser build")?;
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let installed = |prefix: &str| list.lines().any(|l| l.starts_with(&format!("{prefix}-")));
    let dated = format!("nightly-{PINNED_NIGHTLY}");
    let picked = if installed(&dated) {
        SizeToolchain::Nightly(dated)
    } else if installed("nightly") {
        let version = Command::new("rustup")
            .args(["run", "nightly", "rustc", "-V"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        if !version.contains(PINNED_NIGHTLY) {
            eprintln!(
                "xtask: warning: the browser build is pinned to nightly {PINNED_NIGHTLY}; using {} instead: \
                 the wasm's size may differ from what CI measures",
                version.trim()
            );
        }
        SizeToolchain::Nightly("nightly".to_owned())
    } else {
        eprintln!(
            "xtask: warning: no nightly toolchain: building the browser wasm with stable, about 11 % \
             larger (rustup toolchain install nightly-{PINNED_NIGHTLY} --profile minimal --component rust-src)"
        );
        SizeToolchain::Stable
    };
    if let SizeToolchain::Nightly(name) = &picked {
        ensure_rust_src(name)?;
    }
    Ok(PICKED.get_or_init(|| picked).clone())
}

/// Makes sure the nightly toolchain has `rust-src` (needed by
/// `-Zbuild-std`), adding it when missing, as for the wasm target.
fn ensure_rust_src(toolchain: &str) -> Result<()> {
    let out = Command::new("rustup")
        .args(["component", "list", "--installed", "--toolchain", toolchain])
        .output()
        .context("rustup is needed for the browser build")?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "rust-src")
    {
        return Ok(());
    }
    run_cmd(Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", toolchain]))
}

/// The exact wasm-bindgen version the app links, read from Cargo.lock.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

/// Where versioned tools are installed: under cargo's home, so that every
/// clone on the machine (and CI's fresh clone) shares one install.
fn tools_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("target"))
        .join("jianfu-tools")
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner` at exactly the crate's
/// version, installed from crates.io into `$CARGO_HOME/jianfu-tools/` on
/// first use (about 3 minutes, once per machine).
pub fn wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let version = wasm_bindgen_version(root)?;
    let prefix = tools_dir().join(format!("wasm-bindgen-{version}"));
    let bin = prefix.join("bin/wasm-bindgen");
    if bin.exists() {
        return Ok(bin);
    }
    eprintln!("xtask: installing wasm-bindgen-cli {version} (once per machine)");
    let install = |locked: bool| {
        let mut cmd = cargo();
        cmd.args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
        ])
        .arg(&prefix);
        if locked {
            cmd.arg("--locked");
        }
        run_cmd(&mut cmd)
    };
    // --locked can fail when the local crates index lags the lock file of the CLI.
    install(true).or_else(|_| install(false))?;
    Ok(bin)
}

/// The test runner that ships with [`wasm_bindgen`].
pub fn wasm_bindgen_test_runner(root: &Path) -> Result<PathBuf> {
    Ok(wasm_bindgen(root)?.with_file_name("wasm-bindgen-test-runner"))
}

/// Installs the npm packages of `tests/` (Playwright's library without its
/// browser download, axe-core, binaryen) when they are missing or stale.
pub fn ensure_npm_packages(root: &Path) -> Result<()> {
    let dir = root.join("tests");
    let marker = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (marker.metadata(), lock.metadata()) {
        (Ok(m), Ok(l)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        bail!("npm is needed for the browser tests and wasm-opt: install Node.js with npm");
    }
    run_cmd(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )
}

/// npm's binaryen `wasm-opt`, if installed (see [`ensure_npm_packages`]).
/// Debian's binaryen is deliberately not used: its 108 breaks today's wasm.
pub fn wasm_opt(root: &Path) -> Option<PathBuf> {
    let bin = root.join("tests/node_modules/.bin/wasm-opt");
    bin.exists().then_some(bin)
}

/// npm's `terser`, if installed: minifies wasm-bindgen's glue (52 → ~25 KB
/// raw). Run by Node, like wasm-opt.
pub fn terser(root: &Path) -> Option<PathBuf> {
    let bin = root.join("tests/node_modules/terser/bin/terser");
    bin.exists().then_some(bin)
}

/// Chromium and `ChromeDriver` from Debian, installed with apt-get when
/// running as root, with a small CJK font so screenshots show Chinese text.
/// What `chromium --version` says ("Chromium 156.0.8078.129 built on
/// Debian …"): the browser tests' results are this browser's, and Debian
/// updates it under the project (148 stopped routing a service worker's
/// fetches through Playwright's offline emulation).
pub fn chromium_version() -> String {
    Command::new("/usr/bin/chromium")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "Chromium (its version unknown)".to_owned(),
            |o| String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        )
}

pub fn ensure_chromium() -> Result<()> {
    let have = |p: &str| Path::new(p).exists();
    if have("/usr/bin/chromium")
        && have("/usr/bin/chromedriver")
        && have("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    {
        return Ok(());
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root {
        bail!(
            "Chromium is needed for the browser tests: run `sudo apt-get install -y chromium chromium-driver`"
        );
    }
    run_cmd(Command::new("apt-get").arg("update").arg("-q"))?;
    run_cmd(
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-q",
                "chromium",
                "chromium-driver",
                "fonts-wqy-microhei",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
