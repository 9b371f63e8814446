//! `cargo xtask bench`: builds in release, generates benchmark data, runs
//! every benchmark and prints one table (also written as JSON to
//! `target/bench/results.json`). Timed figures are reported, never asserted.
//!
//! - `check-feed` over a district: 1,000 classes × 20 school days × 6 items;
//! - `monitor`, the bureau's monitoring report, over the same district;
//! - `tally` over 1,000,000 responses (1 % duplicate deliveries);
//! - the inbox under load and under floods (`inbox`, `flood`);
//! - the pages in Chromium on the emulated phone beside a Yew counter
//!   (`web`, `table`).
//!
//! `data` makes the generated inputs, each module its part of the table.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::{cargo, run_cmd};

mod data;

use data::{CLASSES, ITEMS, RESPONSES, SCHOOL_DAYS, district, write_responses};
use inbox::{LOAD_SECONDS, inbox_load};
use table::{print_web, web_bench};

mod flood;
mod inbox;
mod table;
pub(crate) mod web;

/// Median wall time of `runs` runs of `cmd` (stdout discarded), in seconds.
fn time_runs(runs: usize, mut cmd: impl FnMut() -> Command) -> Result<f64> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = cmd().stdout(Stdio::null()).stderr(Stdio::null()).status()?;
        times.push(t.elapsed().as_secs_f64());
        // check-feed exits 1 when some feeds break a rule: that is its answer, not a failure.
        if status.code().is_none_or(|c| c > 1) {
            bail!("benchmark command failed: {status}");
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// `only`: `Some("cli")` skips the browser runs (the CLI and the inbox
/// alone, in about a minute); `None` runs everything.
#[allow(clippy::cast_precision_loss)] // counts and byte sizes far below 2^52
#[allow(clippy::too_many_lines)] // one table of benchmarks, run and printed top to bottom
pub(crate) fn bench(root: &Path, only: Option<&str>) -> Result<()> {
    let web = if only == Some("cli") {
        serde_json::Value::Null
    } else {
        web_bench(root)?
    };
    run_cmd(cargo().args(["build", "--release", "--package", "jianfu-cli"]))?;
    let jianfu = root.join("target/release/jianfu");
    let data = root.join("target/bench/data");
    let feeds = district(&data.join("feeds"))?;
    let responses = data.join("responses.jsonl");
    if !responses.exists() {
        eprintln!("xtask bench: generating {RESPONSES} responses");
        write_responses(&responses)?;
    }
    let survey = root.join("testdata/surveys/2026-autumn.json");
    let feed_bytes: u64 = feeds
        .iter()
        .map(|f| f.metadata().map_or(0, |m| m.len()))
        .sum();

    let mut rows = Vec::new();
    let check = time_runs(3, || {
        let mut c = Command::new(&jianfu);
        c.arg("--json").arg("check-feed").args(&feeds);
        c
    })?;
    rows.push((
        "check-feed: 1,000 classes × 20 days × 6 items",
        check,
        format!(
            "{:.0} items/s, {:.1} MB",
            (CLASSES * SCHOOL_DAYS * ITEMS) as f64 / check,
            feed_bytes as f64 / 1e6
        ),
    ));
    progress(root, &web, &rows)?;
    // The bureau's monitoring report over the same district (issue: ≤ 1 s).
    let monitor = time_runs(3, || {
        let mut c = Command::new(&jianfu);
        c.arg("--json").arg("monitor").args(&feeds);
        c
    })?;
    rows.push((
        "monitor: 1,000 classes × 20 days",
        monitor,
        format!(
            "{:.0} class-days/s (goal: ≤ 1 s)",
            (CLASSES * SCHOOL_DAYS) as f64 / monitor
        ),
    ));
    progress(root, &web, &rows)?;
    let tally = time_runs(3, || {
        let mut c = Command::new(&jianfu);
        c.args([
            "--json",
            "tally",
            "--early",
            "--by",
            "grade_band",
            "--survey",
        ])
        .arg(&survey)
        .arg(&responses);
        c
    })?;
    rows.push((
        "tally: 1,000,000 responses by grade band",
        tally,
        format!("{:.0} responses/s", RESPONSES as f64 / tally),
    ));
    progress(root, &web, &rows)?;

    let load = inbox_load(&jianfu, &survey, &data)?;
    let mib = |k: Option<&u64>| k.map_or(0.0, |k| *k as f64 / 1024.0);
    let settled = load
        .rss_kib
        .get(5.min(load.rss_kib.len().saturating_sub(1)));
    rows.push((
        "inbox: POST /responses, 16 keep-alive connections",
        LOAD_SECONDS as f64,
        format!(
            "{:.0} accepted/s ({} stored, {} errors), p50 {:.1} ms, p99 {:.1} ms; \
             memory {:.1} MiB at 5 s, {:.1} MiB at the end, peak {:.1} MiB",
            load.rate,
            load.accepted,
            load.errors,
            load.p50,
            load.p99,
            mib(settled),
            mib(load.rss_kib.last()),
            mib(load.rss_kib.iter().max()),
        ),
    ));
    progress(root, &web, &rows)?;
    for row in flood::run(&jianfu, &survey, &data)? {
        rows.push(row);
        progress(root, &web, &rows)?;
    }
    println!(
        "\n{:<48} {:>10}  throughput",
        "benchmark (median of 3)", "seconds"
    );
    for (name, secs, extra) in &rows {
        println!("{name:<48} {secs:>10.3}  {extra}");
    }
    if !web.is_null() {
        print_web(&web);
    }
    let out = save(root, &web, &rows)?;
    println!("\nwritten to {}", out.display());
    Ok(())
}

/// Prints the row just measured and saves everything so far.
fn progress(root: &Path, web: &serde_json::Value, rows: &[(&str, f64, String)]) -> Result<()> {
    if let Some((name, secs, detail)) = rows.last() {
        eprintln!("xtask bench: {name}: {secs:.3} s, {detail}");
    }
    save(root, web, rows).map(|_| ())
}

/// Writes what has been measured so far to `target/bench/results.json`.
fn save(root: &Path, web: &serde_json::Value, rows: &[(&str, f64, String)]) -> Result<PathBuf> {
    let results = json!({
        "machine": {"cores": std::thread::available_parallelism().map_or(0, std::num::NonZero::get)},
        "web": web,
        "benchmarks": rows.iter().map(|(n, s, e)| json!({"name": n, "seconds": s, "detail": e})).collect::<Vec<_>>(),
    });
    let out = root.join("target/bench/results.json");
    std::fs::create_dir_all(root.join("target/bench"))?;
    std::fs::write(&out, serde_json::to_vec_pretty(&results)?).context("writing results")?;
    Ok(out)
}
