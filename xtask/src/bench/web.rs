//! The browser half of `cargo xtask bench`: the minimal Yew counter built
//! exactly like the app, a year of logs for three children, the emulated
//! phone runs (`tests/bench/browser.mjs`) and Lighthouse, for the app and
//! the counter side by side.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use jianfu_core::Date;
use serde_json::{Value, json};

use crate::build::{self, Sizes};
use crate::run_cmd;

/// Builds the counter (`bench/counter`) with the app's toolchain, profile,
/// wasm-bindgen, wasm-opt, minifier and compression, into a site of its own
/// (`target/bench/counter-site/`), and returns the site and what its first
/// visit downloads.
pub(crate) fn counter_site(root: &Path, app_site: &Path) -> Result<(PathBuf, Sizes)> {
    let raw = build::build_wasm(root, "jianfu-bench-counter", None, "wasm-release")?;
    let (glue, wasm) = build::bindgen_and_optimize(root, &raw, build::Effort::Converge)?;
    let site = root.join("target/bench/counter-site");
    if site.exists() {
        std::fs::remove_dir_all(&site)?;
    }
    std::fs::create_dir_all(site.join("app"))?;
    std::fs::write(site.join("app/counter.js"), glue)?;
    std::fs::write(site.join("app/counter_bg.wasm"), wasm)?;
    std::fs::write(
        site.join("app/boot.js"),
        "import init from \"/app/counter.js\";\ninit({ module_or_path: \"/app/counter_bg.wasm\" });\n",
    )?;
    // The same head as the app's: preload the glue and the wasm, module boot.
    std::fs::write(
        site.join("index.html"),
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Counter</title>\
         <link rel=\"modulepreload\" href=\"/app/counter.js\">\
         <link rel=\"preload\" href=\"/app/counter_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\" src=\"/app/boot.js\"></script></head><body></body></html>\n",
    )?;
    // The server mounts the demo inbox, which reads the demo surveys.
    for rel in [crate::demo::SURVEY, crate::demo::INVITED_SURVEY] {
        let survey = site.join(rel);
        std::fs::create_dir_all(survey.parent().context("survey path")?)?;
        std::fs::copy(app_site.join(rel), &survey)?;
    }
    build::compress_all(&site)?;
    let mut total = Sizes::default();
    for f in [
        "index.html",
        "app/boot.js",
        "app/counter.js",
        "app/counter_bg.wasm",
    ] {
        total += build::sizes_of(&site.join(f))?;
    }
    Ok((site, total))
}

/// Writes a year of logs (every day up to yesterday: homework on school
/// days, every night's sleep) for three children, as `jianfu.log/1` files.
pub(crate) fn year_logs(dir: &Path, today: Date) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let subjects = ["chinese", "math", "english"];
    let mut files = Vec::new();
    for (n, name) in ["甲", "乙", "丙"].iter().enumerate() {
        let (mut homework, mut sleep) = (Vec::new(), Vec::new());
        let mut day = today.add_days(-365);
        let mut i = 0_u32;
        while day < today {
            if !day.weekday().is_weekend() {
                for (s, subject) in subjects.iter().enumerate() {
                    let minutes = 15 + (i * 7 + u32::try_from(s * 11 + n * 5)?) % 30;
                    homework.push(json!({"date": day.to_string(), "subject": subject,
                        "kind": "written", "minutes": minutes, "finished": true}));
                }
            }
            sleep.push(json!({"night_of": day.to_string(),
                "bedtime": format!("21:{:02}", (i * 13) % 60), "wake": "06:50"}));
            day = day.add_days(1);
            i += 1;
        }
        let log = json!({"format": "jianfu.log/1",
            "child": {"nickname": format!("孩子{name}"), "grade": 4, "rules": "cn-national-2021"},
            "homework": homework, "sleep": sleep});
        let path = dir.join(format!("year-{}.json", n + 1));
        std::fs::write(&path, serde_json::to_vec(&log)?)?;
        files.push(path);
    }
    Ok(files)
}

/// Runs `tests/bench/browser.mjs` and returns its JSON.
pub(crate) fn browser(
    root: &Path,
    app: &str,
    counter: &str,
    logs: &[PathBuf],
    district: &Path,
) -> Result<Value> {
    let logs = logs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(",");
    let out = Command::new("node")
        .arg("bench/browser.mjs")
        .args(["--app", app, "--counter", counter, "--logs", &logs])
        .arg("--bureau")
        .arg(format!("{app}bureau/#/monitor"))
        .arg("--district")
        .arg(district)
        .current_dir(root.join("tests"))
        .stderr(Stdio::inherit())
        .output()
        .context("running node tests/bench/browser.mjs")?;
    if !out.status.success() {
        bail!("the browser benchmark failed ({})", out.status);
    }
    serde_json::from_slice(&out.stdout).context("the browser benchmark's JSON")
}

/// Installs Lighthouse into `tests/bench/` when missing (kept out of the
/// test run's packages: it is large and only the bench needs it).
fn ensure_lighthouse(root: &Path) -> Result<PathBuf> {
    let dir = root.join("tests/bench");
    let cli = dir.join("node_modules/lighthouse/cli/index.js");
    if !cli.exists() {
        run_cmd(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    Ok(cli)
}

/// Lighthouse's mobile preset (its default: a Moto G Power on slow 4G,
/// simulated) against `url` with Debian's Chromium: the performance and
/// accessibility scores (0–100) and its metrics.
pub(crate) fn lighthouse(root: &Path, url: &str) -> Result<Value> {
    let cli = ensure_lighthouse(root)?;
    let out = Command::new("node")
        .arg(cli)
        .arg(url)
        .args([
            "--output=json",
            "--output-path=stdout",
            "--only-categories=performance,accessibility,best-practices",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
             --disable-background-networking --disable-component-update --no-first-run --disable-sync",
        ])
        .env("CHROME_PATH", "/usr/bin/chromium")
        .stderr(Stdio::null())
        .output()
        .context("running lighthouse")?;
    if !out.status.success() {
        bail!("lighthouse failed on {url} ({})", out.status);
    }
    let report: Value = serde_json::from_slice(&out.stdout).context("lighthouse's JSON")?;
    let score = |c: &str| {
        report["categories"][c]["score"]
            .as_f64()
            .map(|s| (s * 100.0).round())
    };
    let metric = |a: &str| report["audits"][a]["numericValue"].as_f64();
    Ok(json!({
        "performance": score("performance"),
        "accessibility": score("accessibility"),
        "best_practices": score("best-practices"),
        "fcp_ms": metric("first-contentful-paint"),
        "lcp_ms": metric("largest-contentful-paint"),
        "tbt_ms": metric("total-blocking-time"),
        "tti_ms": metric("interactive"),
        "cls": metric("cumulative-layout-shift"),
    }))
}
