//! `cargo xtask test`: everything CI runs, in order, cheapest first:
//! formatting, clippy, the architecture invariants, host tests, the app's
//! in-browser tests (wasm-bindgen-test in headless Chromium), then the
//! end-to-end tests (Playwright driving Debian's Chromium against the built
//! site served on a free loopback port).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{build, cargo, run_cmd, run_cmd_within, serve, tools};

/// Crates jianfu-core must never depend on (ARCHITECTURE.md).
const NOT_IN_CORE: &[&str] = &[
    "yew",
    "web-sys",
    "js-sys",
    "gloo",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "tokio",
    "axum",
    "reqwest",
];

struct Steps(Vec<(&'static str, f64)>);

impl Steps {
    fn run(&mut self, name: &'static str, f: impl FnOnce() -> Result<()>) -> Result<()> {
        eprintln!("\n=== xtask test: {name}");
        let t = Instant::now();
        let r = f();
        self.0.push((name, t.elapsed().as_secs_f64()));
        r.map_err(|e| e.context(format!("step `{name}` failed")))
    }
}

pub(crate) fn test(root: &Path) -> Result<()> {
    let mut steps = Steps(Vec::new());
    let result = all(root, &mut steps);
    eprintln!("\nxtask test: step times");
    for (name, secs) in &steps.0 {
        eprintln!("  {name:<40} {secs:>7.1} s");
    }
    eprintln!(
        "xtask test: browser tests ran with {}",
        tools::chromium_version()
    );
    result
}

fn all(root: &Path, steps: &mut Steps) -> Result<()> {
    steps.run("install what is missing", || {
        tools::ensure_wasm_target()?;
        tools::wasm_bindgen(root)?;
        tools::ensure_chromium()?;
        eprintln!("xtask test: browser: {}", tools::chromium_version());
        tools::ensure_npm_packages(root)
    })?;
    steps.run("cargo fmt --check", || {
        run_cmd(cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    steps.run("clippy (host, all targets)", || {
        run_cmd(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    steps.run("clippy (front-ends for wasm32)", || {
        // The app, the components the pages share, and every page.
        let packages = ["jianfu-app", "jianfu-ui"]
            .into_iter()
            .chain(build::FRONT_ENDS.iter().map(|p| p.package))
            .flat_map(|p| ["--package", p]);
        run_cmd(
            cargo()
                .arg("clippy")
                .args(packages)
                .args(["--all-targets", "--target", "wasm32-unknown-unknown"])
                .args(["--", "-D", "warnings"]),
        )?;
        // The welcome build's own entry points (`stop`) exist only with its
        // feature.
        run_cmd(
            cargo()
                .args(["clippy", "--package", "jianfu-app", "--lib"])
                .args([
                    "--target",
                    "wasm32-unknown-unknown",
                    "--no-default-features",
                ])
                .args(["--features", "app,welcome", "--", "-D", "warnings"]),
        )
    })?;
    steps.run("architecture invariants", || {
        check_architecture()?;
        check_sources(root)
    })?;
    steps.run("npm lock files install (npm ci --dry-run)", || {
        check_npm_locks(root)
    })?;
    steps.run("host tests", || {
        run_cmd(cargo().args(["test", "--workspace"]))
    })?;
    steps.run("in-browser tests (wasm-bindgen-test, Chromium)", || {
        browser_unit_tests(root)
    })?;
    let site = build::build(root)?;
    steps.run("first-visit bytes within the ceiling", || {
        check_first_visit(site.first_visit, site.returning)
    })?;
    steps.run("end-to-end tests (Playwright, Chromium)", || {
        // A fresh inbox store per run, so tests can count what arrived.
        let db = root.join("target/e2e/inbox.sqlite");
        std::fs::create_dir_all(root.join("target/e2e"))?;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let addr = serve::spawn(&site.dir, 0, &db)?;
        run_cmd(cargo().args(["build", "--package", "jianfu-cli"]))?;
        // Each test has 4 minutes unless it says otherwise; the runner exits
        // when the tests are done even if one left a browser or a server
        // running; the whole run is stopped after 25 minutes.
        run_cmd_within(
            Command::new("node")
                .args([
                    "--test",
                    "--test-concurrency=1",
                    "--test-force-exit",
                    "--test-timeout=240000",
                    "e2e/",
                ])
                .current_dir(root.join("tests"))
                .env("JIANFU_BASE_URL", format!("http://{addr}/"))
                .env("JIANFU_ROOT", root)
                .env("JIANFU_INBOX_DB", &db)
                .env("JIANFU_DEMO_KEY", root.join(".demo/bureau-key.json"))
                .env("JIANFU_BIN", root.join("target/debug/jianfu")),
            std::time::Duration::from_mins(25),
        )
    })?;
    Ok(())
}

/// Every `package-lock.json` git tracks installs as it is: a lock out of
/// step with its `package.json` once stopped `cargo xtask bench` at
/// Lighthouse after five minutes of work, with no figures.
fn check_npm_locks(root: &Path) -> Result<()> {
    let out = Command::new("git")
        .args(["ls-files", "*package-lock.json"])
        .current_dir(root)
        .output()?;
    for lock in String::from_utf8_lossy(&out.stdout).lines() {
        let dir = root
            .join(lock)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        run_cmd(
            Command::new("npm")
                .args([
                    "ci",
                    "--dry-run",
                    "--ignore-scripts",
                    "--no-audit",
                    "--no-fund",
                ])
                .current_dir(&dir),
        )
        .with_context(|| {
            format!(
                "{lock} does not install: run npm install in {}",
                dir.display()
            )
        })?;
    }
    Ok(())
}

/// The invariants of ARCHITECTURE.md that tools can check.
fn check_architecture() -> Result<()> {
    let out = cargo()
        .args([
            "tree",
            "--package",
            "jianfu-core",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()?;
    if !out.status.success() {
        bail!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| NOT_IN_CORE.contains(name))
        .collect();
    if !found.is_empty() {
        bail!("jianfu-core must not depend on {found:?} (ARCHITECTURE.md)");
    }
    eprintln!(
        "jianfu-core depends on none of {NOT_IN_CORE:?} ({} crates in its tree)",
        tree.lines().count()
    );
    // Core must build for the browser as it is, with no feature switched.
    run_cmd(cargo().args([
        "check",
        "--package",
        "jianfu-core",
        "--target",
        "wasm32-unknown-unknown",
    ]))
}

/// Source-level invariants, over every crate: components (of any
/// front-end) reach the browser only through `platform` (jianfu-web), and
/// nothing sets `inner_html`.
fn check_sources(root: &Path) -> Result<()> {
    let mut bad = Vec::new();
    for path in build::walk(&root.join("crates"))? {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let rel = path.strip_prefix(root)?.display().to_string();
        if text.contains("set_inner_html") || text.contains("inner_html(") {
            bad.push(format!("{rel}: sets inner_html"));
        }
        if rel.contains("/components/") {
            for web in ["web_sys", "js_sys", "wasm_bindgen", "getrandom"] {
                if text.contains(web) {
                    bad.push(format!("{rel}: uses {web} (go through platform)"));
                }
            }
        }
    }
    if !bad.is_empty() {
        bail!("ARCHITECTURE.md invariants broken:\n{}", bad.join("\n"));
    }
    Ok(())
}

fn browser_unit_tests(root: &Path) -> Result<()> {
    let runner = tools::wasm_bindgen_test_runner(root)?;
    run_cmd(
        cargo()
            .args([
                "test",
                "--package",
                "jianfu-app",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // webdriver.json beside the crate gives Chromium the flags above.
            .current_dir(root.join("crates/app")),
    )
}

/// Issue 7's enforced ceiling for the first visit, gzip: 200 KB (its goal
/// is 130 KB).
const FIRST_VISIT_CEILING: u64 = 200_000;

/// Where the first visit stands today: a ratchet, lowered with every size
/// reduction and never raised past the ceiling. Issue 13 split the first
/// visit (a parent with no child yet) off the app module: it starts the
/// welcome build (`jianfu_app::WELCOME`), [`FIRST_VISIT_BYTES`]. It leaves ~400
/// bytes because the demo feed in the count is generated for the current
/// dates, so the total moves by tens of bytes from day to day and clone to
/// clone.
const FIRST_VISIT_RATCHET: u64 = FIRST_VISIT_BYTES + 400;

/// The first visit when the ratchet was last set: 131,230, raised by 1,340
/// (measured growth 894, then 940 at the last run) for issue #29, whose
/// welcome build validates the after-school service of the feed it is
/// given and whose stylesheet draws the service card.
const FIRST_VISIT_BYTES: u64 = 131_230 + 1_340;

/// A returning parent's page (the app module instead of the welcome
/// build): before the split this was the first visit, whose ratchet rose
/// once, from 181,900 to 182,600, for the pre-rendered welcome screen of
/// issue 13. Lowered to what the split left (181,860: the app module
/// smaller by `wasm-opt --converge`, the HTML and boot script a little
/// larger for choosing between the two modules), with the same margin. Any
/// growth of the app module must be paid for. Raised once more, by 700
/// bytes (measured growth 665), for fetching the feed again every 20 s
/// while the school cannot be reached: Chromium 148+ gives a page no
/// `online` event when a real network comes back, and the offline line
/// stayed for good (issue #27); #28's split of the app is to pay it back.
/// Raised by 14,800 bytes (measured growth 14,306, then 14,347 at the last
/// run; the rest is the 400-byte margin for the demo feed's dates) for issue #29: the day's
/// after-school service card, its attendance setting, school and home
/// minutes and the week's service line, and core's `after_school` reader
/// in the app module, with the shared `Lang` and limit bar of #27. Not yet
/// looked into with twiggy: #28 (which budgets a returning parent at
/// 160 KB) is to find and pay it back.
const RETURNING_RATCHET: u64 = 181_860 + 400 + 700 + 14_800;

/// Fails when the first visit (HTML, CSS, boot script, glue, wasm, feed;
/// gzip, as `build` counts it) is over issue 7's ceiling or has grown past
/// the ratchet, or a returning parent's page past its own. Bytes are
/// deterministic, so this is a test; timings are benchmarks.
fn check_first_visit(sizes: build::Sizes, returning: build::Sizes) -> Result<()> {
    eprintln!(
        "xtask test: first visit {} bytes gzip, {} brotli (ceiling {FIRST_VISIT_CEILING}, \
         ratchet {FIRST_VISIT_RATCHET}); a returning parent's page {} bytes gzip (ratchet \
         {RETURNING_RATCHET})",
        sizes.gzip, sizes.brotli, returning.gzip
    );
    if sizes.gzip > FIRST_VISIT_CEILING {
        bail!(
            "the first visit is {} bytes gzip, over issue 7's ceiling of {FIRST_VISIT_CEILING}",
            sizes.gzip
        );
    }
    if sizes.gzip > FIRST_VISIT_RATCHET {
        bail!(
            "the first visit grew to {} bytes gzip, over the ratchet of {FIRST_VISIT_RATCHET}",
            sizes.gzip
        );
    }
    if returning.gzip > RETURNING_RATCHET {
        bail!(
            "a returning parent's page grew to {} bytes gzip, over the ratchet of \
             {RETURNING_RATCHET}",
            returning.gzip
        );
    }
    Ok(())
}
