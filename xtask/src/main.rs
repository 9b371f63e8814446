//! `cargo xtask …`: Jianfu's build, serve and test automation, in Rust so that
//! it runs wherever cargo does (matklad's cargo-xtask pattern).
//!
//! - `build`: the site into `dist/` (wasm, glue, web/, demo data), sizes printed;
//! - `serve [--port N] [--dev]`: `build`, then serve `dist/` on 127.0.0.1 until
//!   stopped; `--dev` builds fast and unoptimized, and rebuilds on each edit;
//! - `test`: everything CI runs, installing what it can first;
//! - `bench`: release builds, generated data, one table of timings;
//! - `fuzz [--seconds N]`: every cargo-fuzz target for N seconds.

mod bench;
mod bench_web;
mod build;
mod demo;
mod fuzz;
mod serve;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask <build | serve [--port N] [--dev] | test | bench [--only cli] | fuzz [--seconds N]>";

fn run(args: &[String]) -> Result<()> {
    let root = project_root();
    std::env::set_current_dir(&root)?;
    // The app compiles the bureau directory in (crates/app/build.rs): make
    // sure the file it reads is there before anything builds the app.
    if matches!(
        args.first().map(String::as_str),
        Some("build" | "serve" | "test" | "bench")
    ) {
        demo::bureaus(&root)?;
    }
    // Every command that builds the site installs what the build needs,
    // exactly as `test` does, so `serve` and `build` ship the same optimized
    // bytes CI measures (a fresh clone's first `serve` once served
    // unoptimized wasm: wasm-opt and terser come with tests/'s npm packages).
    if matches!(
        args.first().map(String::as_str),
        Some("build" | "serve" | "bench")
    ) {
        tools::ensure_wasm_target()?;
        tools::wasm_bindgen(&root)?;
        tools::ensure_npm_packages(&root)?;
    }
    match args.first().map(String::as_str) {
        Some("build") => build::build(&root).map(|_| ()),
        Some("serve") => {
            let port = flag_value(args, "--port")?.unwrap_or(8080);
            if args.iter().any(|a| a == "--dev") {
                return serve::serve_dev(&root, port);
            }
            serve::serve_forever(&root, port)
        }
        Some("test") => test::test(&root),
        Some("bench") => bench::bench(
            &root,
            args.iter()
                .position(|a| a == "--only")
                .and_then(|i| args.get(i + 1))
                .map(String::as_str),
        ),
        Some("fuzz") => fuzz::fuzz(&root, flag_value(args, "--seconds")?.unwrap_or(60)),
        _ => bail!("{USAGE}"),
    }
}

fn flag_value(args: &[String], flag: &str) -> Result<Option<u16>> {
    let Some(i) = args.iter().position(|a| a == flag) else {
        return Ok(None);
    };
    let v = args
        .get(i + 1)
        .with_context(|| format!("{flag} needs a value"))?;
    Ok(Some(v.parse().with_context(|| {
        format!("{flag}: not a port number: {v}")
    })?))
}

/// Standard base64 with padding (CSP hashes), from core's base64url.
#[cfg(test)]
fn b64_std(bytes: &[u8]) -> String {
    let mut s = jianfu_core::b64::encode(bytes)
        .replace('-', "+")
        .replace('_', "/");
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

/// The workspace root (xtask lives one level below it).
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs `cmd`, echoing it, and fails with its exit status.
fn run_cmd(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("could not start {}", show(cmd)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", show(cmd));
    }
    Ok(())
}

/// Like [`run_cmd`], but killed when it runs longer than `limit`: a test
/// that leaves a child process alive once kept CI waiting until its
/// 90-minute limit, with nothing printed after the failure.
fn run_cmd_within(cmd: &mut Command, limit: std::time::Duration) -> Result<()> {
    eprintln!("$ {}   (at most {} s)", show(cmd), limit.as_secs());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("could not start {}", show(cmd)))?;
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("`{}` failed ({status})", show(cmd));
            }
            return Ok(());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "`{}` was still running after {} s and was stopped",
                show(cmd),
                limit.as_secs()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// `cargo` as invoked by whoever ran us (respects rustup's toolchain file),
/// with the bureau directory the app compiles in (crates/app/build.rs).
fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env("JIANFU_BUREAUS", demo::bureaus_path(&project_root()));
    cmd
}

/// Wall times of consecutive stages, printed as a table at the end.
pub(crate) struct Laps {
    since: std::time::Instant,
    done: Vec<(std::borrow::Cow<'static, str>, f64)>,
}

impl Laps {
    pub(crate) fn new() -> Self {
        Self {
            since: std::time::Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends the stage called `name`; the next one starts now.
    pub(crate) fn lap(&mut self, name: impl Into<std::borrow::Cow<'static, str>>) {
        self.done
            .push((name.into(), self.since.elapsed().as_secs_f64()));
        self.since = std::time::Instant::now();
    }

    pub(crate) fn print(&self, title: &str) {
        eprintln!("\nxtask: {title}");
        for (name, secs) in &self.done {
            eprintln!("  {name:<46} {secs:>7.1} s");
        }
    }
}
