//! `cargo xtask fuzz --seconds N`: every cargo-fuzz target of `fuzz/` for N
//! seconds each, on the nightly toolchain (installed here; cargo-fuzz is
//! installed from crates.io when missing), starting from the seed corpus
//! in `fuzz/corpus/`. Prints executions per target and in total; any crash,
//! timeout or out-of-memory fails the command and leaves the input in
//! `fuzz/artifacts/`.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{cargo, run_cmd};

const TARGETS: [&str; 5] = [
    "feed",
    "log",
    "survey_response",
    "report_envelope",
    "bureaus",
];

fn have_cargo_fuzz() -> bool {
    Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

pub(crate) fn fuzz(root: &Path, seconds: u16) -> Result<()> {
    let toolchains = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .context("rustup")?;
    if !String::from_utf8_lossy(&toolchains.stdout).contains("nightly") {
        bail!("cargo fuzz needs the nightly toolchain: rustup toolchain install nightly");
    }
    if !have_cargo_fuzz() {
        let mut install = cargo();
        install.args(["install", "cargo-fuzz"]);
        run_cmd(&mut install)?;
    }
    let mut total = 0u64;
    let mut rows = Vec::new();
    for target in TARGETS {
        let corpus = root.join("fuzz/corpus").join(target);
        let out = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048",
                "-timeout=10",
                "-print_final_stats=1",
            ])
            .current_dir(root)
            .env_remove("CARGO")
            .output()
            .with_context(|| format!("running fuzz target {target}"))?;
        let log = String::from_utf8_lossy(&out.stderr);
        let runs: u64 = log
            .lines()
            .find_map(|l| l.strip_prefix("stat::number_of_executed_units:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        if !out.status.success() {
            eprintln!("{log}");
            bail!(
                "fuzz target {target} failed after {runs} executions (input saved under fuzz/artifacts/{target}/)"
            );
        }
        total += runs;
        rows.push((target, runs));
    }
    println!("\n{:<20} {:>14}", "fuzz target", "executions");
    for (t, n) in &rows {
        println!("{t:<20} {n:>14}");
    }
    println!(
        "{:<20} {total:>14}\n(no crashes, timeouts or out-of-memory)",
        "total"
    );
    Ok(())
}
