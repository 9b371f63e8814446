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
mod fuzz;
mod serve;
mod test;

// The build pipeline is a library (crates/site); these names keep the
// commands reading as before.
use jianfu_site as build;
use jianfu_site::cmd::{cargo, run_cmd, run_cmd_within};
use jianfu_site::{demo, tools};

use std::path::PathBuf;

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

/// The workspace root.
pub(crate) fn project_root() -> PathBuf {
    jianfu_site::root()
}
