//! Running the build's commands: echoed, failing with their status, some
//! with a time limit; `cargo` as the caller invoked it; and the stage
//! timer whose table every build prints.

use std::process::Command;

use anyhow::{Context, Result, bail};

/// Runs `cmd`, echoing it, and fails with its exit status.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
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
pub fn run_cmd_within(cmd: &mut Command, limit: std::time::Duration) -> Result<()> {
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

pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// `cargo` as invoked by whoever ran us (respects rustup's toolchain file),
/// with the bureau directory the app compiles in (crates/app/build.rs).
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env("JIANFU_BUREAUS", crate::demo::bureaus_path(&crate::root()));
    cmd
}

/// Wall times of consecutive stages, printed as a table at the end.
pub struct Laps {
    since: std::time::Instant,
    done: Vec<(std::borrow::Cow<'static, str>, f64)>,
}

impl Laps {
    /// Starts the first stage now.
    #[allow(clippy::new_without_default)] // a timer starts when asked
    pub fn new() -> Self {
        Self {
            since: std::time::Instant::now(),
            done: Vec::new(),
        }
    }

    /// Ends the stage called `name`; the next one starts now.
    pub fn lap(&mut self, name: impl Into<std::borrow::Cow<'static, str>>) {
        self.done
            .push((name.into(), self.since.elapsed().as_secs_f64()));
        self.since = std::time::Instant::now();
    }

    /// Prints the table of stages under `title`.
    pub fn print(&self, title: &str) {
        eprintln!("\nxtask: {title}");
        for (name, secs) in &self.done {
            eprintln!("  {name:<46} {secs:>7.1} s");
        }
    }
}
