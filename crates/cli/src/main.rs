//! The `jianfu` command-line tool (interfaces.md): schools check their feeds,
//! bureaus open reports and tally surveys. Parsing is clap's; every rule and
//! format is jianfu-core's; this file only reads files and prints.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Check homework feeds, open sealed reports and tally anonymous surveys.
#[derive(Parser)]
#[command(name = "jianfu", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate feeds and report written minutes against the limits.
    CheckFeed {
        /// Feed files (jianfu.feed/1).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::CheckFeed { files } => {
            let mut worst = 0u8;
            for file in files {
                let text = match std::fs::read_to_string(&file) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("{}: cannot read: {e}", file.display());
                        worst = 2;
                        continue;
                    }
                };
                match jianfu_core::Feed::parse(&text) {
                    Ok(feed) => {
                        let v = feed.violations();
                        for x in &v {
                            println!(
                                "{}: {} {} {} > {}",
                                file.display(),
                                x.date,
                                x.rule.as_str(),
                                x.actual,
                                x.limit
                            );
                        }
                        if !v.is_empty() {
                            worst = worst.max(1);
                        }
                    }
                    Err(problems) => {
                        for p in problems.as_slice() {
                            eprintln!("{}: {p}", file.display());
                        }
                        worst = 2;
                    }
                }
            }
            ExitCode::from(worst)
        }
    }
}
