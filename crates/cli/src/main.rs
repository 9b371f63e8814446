//! The `jianfu` command-line tool (interfaces.md): schools check their feeds,
//! bureaus open sealed reports and tally anonymous surveys. Arguments are
//! clap's; every rule and format is jianfu-core's; this crate reads files
//! and prints.
//!
//! Exit status: 0 all good; 1 valid input that breaks a rule, or some inputs
//! of a batch failed; 2 invalid input or usage (stderr names the file, the
//! JSON path and what was expected).

mod check_feed;
mod evaluate;
mod input;
mod invite;
mod keys;
mod monitor;
mod officer;
mod output;
mod tally;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use jianfu_core::{Date, Instant, TimeZone};

use output::Lang;

/// The outcome of a command, ordered so that the worst one wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Exit 0.
    Ok,
    /// Exit 1.
    RuleBroken,
    /// Exit 2.
    Invalid,
}

/// Check homework feeds, evaluate parents' logs, seal and open tip-off
/// reports, tally anonymous surveys.
#[derive(Parser)]
#[command(name = "jianfu", version, about)]
struct Cli {
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    json: bool,
    /// Language of human output: zh-CN or en (default: from LANG).
    #[arg(long, global = true, value_parser = output::parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

// Doc comments here are `--help` text, where backticks would print as is.
#[allow(clippy::doc_markdown)]
#[derive(Subcommand)]
enum Command {
    /// Validate feeds; report written minutes per class and date against the limits.
    CheckFeed {
        /// Feed files (jianfu.feed/1).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The app's bureau directory (jianfu.bureaus/1): also report which
        /// bureau covers the feed's address, a school id it does not list,
        /// or a feed naming another receiver.
        #[arg(long)]
        bureaus: Option<PathBuf>,
        /// The address the feed is published under (with one file): a
        /// bureau covers the feeds published under its `feeds` prefixes,
        /// never a feed by the school id it declares. Without it, no
        /// bureau covers the file.
        #[arg(long, requires = "bureaus")]
        url: Option<String>,
    },
    /// Evaluate a parent's log per day, night and ISO week.
    Evaluate {
        /// A jianfu.log/1 file.
        log: PathBuf,
    },
    /// Create a bureau key pair; prints the public key for feeds' report_key.
    Keygen {
        /// Where to write the private key file (mode 0600; never overwritten).
        #[arg(long)]
        out: PathBuf,
    },
    /// Seal a jianfu.report/1 into a jianfu.envelope/1.
    Seal {
        /// The bureau's public key (base64url) or its key file. A key may
        /// start with `-` (one in 64 does), so any value is taken.
        #[arg(long, allow_hyphen_values = true)]
        to: String,
        /// The report file.
        report: PathBuf,
    },
    /// Open envelopes (files, directories, JSON-lines, or the inbox's store) and print the reports as JSON lines.
    Open {
        /// The bureau's private key file.
        #[arg(long)]
        key: PathBuf,
        /// The inbox's SQLite store.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Envelope files, JSON-lines files or directories.
        #[arg(required_unless_present = "db")]
        inputs: Vec<PathBuf>,
    },
    /// Aggregate survey responses, suppressing small groups.
    Tally {
        /// The survey definition (jianfu.survey/1).
        #[arg(long)]
        survey: PathBuf,
        /// Break down by a field.
        #[arg(long, value_enum)]
        by: Option<By>,
        /// Smallest group shown (default: the survey's min_group).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        min_group: Option<u32>,
        /// Tally before the survey closes.
        #[arg(long)]
        early: bool,
        /// The inbox's SQLite store.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Response files (JSON-lines) or directories.
        #[arg(required_unless_present = "db")]
        responses: Vec<PathBuf>,
    },
    /// The homework monitoring report over many class feeds: per class, per
    /// school and in total, school days published, over the limit and
    /// missing, and the share within the limit against the 90 % target.
    Monitor {
        /// Feed files, or directories of them.
        #[arg(required = true)]
        feeds: Vec<PathBuf>,
        /// First day (default: the first date any feed has).
        #[arg(long)]
        from: Option<String>,
        /// Last day (default: the last date any feed has).
        #[arg(long)]
        to: Option<String>,
    },
    /// Run the reference inbox: accepts responses and sealed reports over HTTP.
    Inbox {
        /// Address to listen on, e.g. 127.0.0.1:8090.
        #[arg(long)]
        listen: std::net::SocketAddr,
        /// The SQLite store (created if missing).
        #[arg(long)]
        db: PathBuf,
        /// Survey definitions responses may answer.
        #[arg(long)]
        survey: Vec<PathBuf>,
        /// Origins allowed to submit from a browser (repeatable).
        #[arg(long)]
        allow_origin: Vec<String>,
        /// A file holding the admin token: adds GET /export/reports and
        /// /export/responses, answered only with `Authorization: Bearer <token>`.
        #[arg(long)]
        admin_token_file: Option<PathBuf>,
        /// Open connections at most; beyond it the longest-idle one is closed.
        #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
        max_connections: u32,
        /// Seconds a connection may stay open with no request in progress.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        idle_timeout: u64,
        /// Issue survey tokens (POST /issue) with this issuer key
        /// (repeatable, one per token survey; needs --issuer-db).
        #[arg(long, requires = "issuer_db")]
        issuer_key: Vec<PathBuf>,
        /// The issuer's SQLite store of invitation codes (another file than --db).
        #[arg(long)]
        issuer_db: Option<PathBuf>,
        /// Survey responses, and token redemptions, per second, all clients
        /// together, each route its own budget (429 beyond).
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
        rate: u32,
        /// Requests per second on one connection (429 beyond).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        conn_rate: u32,
        /// Sealed reports per minute, all clients together (429 beyond).
        #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
        reports_per_minute: u32,
        /// Valid sealed reports per minute from one client address (an IPv4
        /// address, an IPv6 /64), known only by a keyed hash in memory.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
        source_reports_per_minute: u32,
        /// Valid survey responses per minute from one client address.
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
        source_responses_per_minute: u32,
        /// Token redemptions per minute from one client address.
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
        source_issue_per_minute: u32,
        /// Refused (malformed) requests per minute from one client address;
        /// beyond, its requests are answered 429 unread.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
        source_malformed_per_minute: u32,
        /// A reverse proxy (address or CIDR range, repeatable) whose
        /// X-Forwarded-For names the client; from any other peer the header
        /// is ignored.
        #[arg(long)]
        trust_proxy: Vec<jianfu_inbox::limit::Cidr>,
    },
    /// A token survey's issuer key: writes it (owner-only) and prints the
    /// "tokens" and "issuer" fields to put in the survey definition.
    IssuerKey {
        #[command(subcommand)]
        action: IssuerKeyAction,
    },
    /// One-time invitation codes for a token survey: writes them to a CSV
    /// (code, link) and optionally a printable page of slips with QR codes;
    /// the issuer's store keeps only their keyed hashes.
    Invite {
        /// The survey definition (with "tokens": true and its issuer).
        #[arg(long)]
        survey: PathBuf,
        /// The survey's issuer key file.
        #[arg(long)]
        key: PathBuf,
        /// The issuer's SQLite store (created if missing).
        #[arg(long)]
        issuer_db: PathBuf,
        /// How many codes (one per family).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        count: u32,
        /// The CSV to write (never over an existing file).
        #[arg(long)]
        out: PathBuf,
        /// The parent app's address (with ?feed=…): each code gets a link
        /// that opens the app at the survey with the code filled in.
        #[arg(long, requires = "survey_url")]
        app: Option<String>,
        /// Where the survey definition is published (absolute, or relative
        /// to the app), for the links.
        #[arg(long, requires = "app")]
        survey_url: Option<String>,
        /// A printable HTML page of slips, one per code, with its QR code.
        #[arg(long, requires = "app")]
        slips: Option<PathBuf>,
    },
    /// The bureau's officers, whose tokens change cases in the inbox
    /// (`GET/POST /cases`); each change is kept in the case's history
    /// under their name.
    Officer {
        #[command(subcommand)]
        action: OfficerAction,
    },
}

#[derive(Subcommand)]
enum OfficerAction {
    /// Add an officer and write their token to a new file (owner-only).
    Add {
        /// Their name as the history shows it (1–40 characters, unique).
        name: String,
        /// The inbox's store.
        #[arg(long)]
        db: PathBuf,
        /// Where to write the token (never over an existing file).
        #[arg(long)]
        out: PathBuf,
    },
    /// List the officers, with the days they were added and removed.
    List {
        /// The inbox's store.
        #[arg(long)]
        db: PathBuf,
    },
    /// Remove an officer: their token stops working; the history keeps
    /// their name.
    Remove {
        /// Their name.
        name: String,
        /// The inbox's store.
        #[arg(long)]
        db: PathBuf,
    },
}

#[derive(Subcommand)]
enum IssuerKeyAction {
    /// Make a new key for one survey run.
    New {
        /// The survey id.
        #[arg(long)]
        survey: String,
        /// Where to write the key (never over an existing file).
        #[arg(long)]
        out: PathBuf,
        /// RSA modulus size: 2048, 3072 or 4096.
        #[arg(long, default_value_t = 3072)]
        bits: usize,
        /// Where the app redeems codes: the issuer's POST /issue address.
        #[arg(long, default_value = "/inbox/issue")]
        issue_url: String,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    /// By grade band (1-2, 3-6, 7-9, 10-12).
    #[value(name = "grade_band")]
    GradeBand,
}

/// Today in school time (Asia/Shanghai): the CLI's one reading of the clock.
fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    TimeZone::SHANGHAI.date_of(Instant::from_unix(i64::try_from(secs).unwrap_or(0), 0))
}

/// Everything `jianfu inbox` was given.
struct InboxArgs<'a> {
    listen: std::net::SocketAddr,
    db: &'a std::path::Path,
    surveys: &'a [PathBuf],
    allow_origins: &'a [String],
    admin_token_file: Option<&'a std::path::Path>,
    limits: jianfu_inbox::conn::Limits,
    issuer_keys: &'a [PathBuf],
    issuer_db: Option<&'a std::path::Path>,
    rates: jianfu_inbox::limit::Rates,
    trust_proxy: &'a [jianfu_inbox::limit::Cidr],
}

/// Reads the admin token: the file's first line, at least 32 characters
/// (refused, like private keys, when others may read the file).
fn read_admin_token(path: &std::path::Path) -> Result<String, String> {
    input::refuse_if_shared(path, "the admin token file")?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the admin token: {e}", path.display()))?;
    let token = text.lines().next().unwrap_or("").trim().to_owned();
    if token.chars().count() < 32 || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{}: the admin token must be one line of at least 32 characters without spaces",
            path.display()
        ));
    }
    Ok(token)
}

fn run_inbox(args: &InboxArgs<'_>) -> Status {
    let InboxArgs {
        listen,
        db,
        surveys,
        allow_origins,
        admin_token_file,
        limits,
        issuer_keys,
        issuer_db,
        rates,
        trust_proxy,
    } = *args;
    let admin_token = match admin_token_file.map(read_admin_token) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let mut defs = Vec::new();
    for path in surveys {
        match input::read_survey(path) {
            Ok(s) => defs.push(s),
            Err(e) => {
                eprintln!("{e}");
                return Status::Invalid;
            }
        }
    }
    let mut keys = Vec::new();
    for path in issuer_keys {
        match invite::read_key(path) {
            Ok(k) => keys.push(k),
            Err(e) => {
                eprintln!("{e}");
                return Status::Invalid;
            }
        }
    }
    let config = jianfu_inbox::server::Config {
        db: db.to_path_buf(),
        surveys: defs,
        allow_origins: allow_origins.to_vec(),
        admin_token,
        issuer: issuer_db.map(|db| jianfu_inbox::server::IssuerConfig {
            keys,
            db: db.to_path_buf(),
        }),
        rates,
        trust_proxy: trust_proxy.to_vec(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return Status::Invalid;
        }
    };
    match runtime.block_on(jianfu_inbox::server::serve(listen, config, limits)) {
        Ok(()) => Status::Ok,
        Err(e) => {
            eprintln!("jianfu inbox: {e}");
            Status::Invalid
        }
    }
}

/// `officer`: the bureau's officers.
fn officers(action: &OfficerAction) -> Status {
    match action {
        OfficerAction::Add { name, db, out } => officer::add(db, name, out, today()),
        OfficerAction::List { db } => officer::list(db),
        OfficerAction::Remove { name, db } => officer::remove(db, name, today()),
    }
}

/// `issuer-key`, `invite` and `officer`: a token survey's key and its
/// invitations, and the officers' tokens.
fn tokens(command: &Command) -> Status {
    match command {
        Command::IssuerKey {
            action:
                IssuerKeyAction::New {
                    survey,
                    out,
                    bits,
                    issue_url,
                },
        } => invite::new_key(survey, out, *bits, issue_url),
        Command::Invite {
            survey,
            key,
            issuer_db,
            count,
            out,
            app,
            survey_url,
            slips,
        } => invite::run(&invite::Args {
            survey,
            key,
            issuer_db,
            count: usize::try_from(*count).unwrap_or(usize::MAX),
            out,
            app: app.as_deref(),
            survey_url: survey_url.as_deref(),
            slips: slips.as_deref(),
        }),
        Command::Officer { action } => officers(action),
        _ => Status::Invalid,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(output::lang_from_env);
    let status = match &cli.command {
        Command::CheckFeed {
            files,
            bureaus,
            url,
        } => {
            if url.is_some() && files.len() > 1 {
                eprintln!("--url: give one feed file with the address it is published under");
                Status::Invalid
            } else {
                match bureaus.as_deref().map(check_feed::read_directory) {
                    Some(Err(())) => Status::Invalid,
                    Some(Ok(d)) => {
                        check_feed::run(files, Some((&d, url.as_deref())), cli.json, lang)
                    }
                    None => check_feed::run(files, None, cli.json, lang),
                }
            }
        }
        Command::Evaluate { log } => evaluate::run(log, cli.json, lang),
        Command::Monitor { feeds, from, to } => monitor::run(&monitor::Args {
            feeds,
            from: from.as_deref(),
            to: to.as_deref(),
            as_json: cli.json,
            lang,
        }),
        Command::Keygen { out } => keys::keygen(out, cli.json),
        Command::Seal { to, report } => keys::seal(to, report),
        Command::Open { key, db, inputs } => keys::open(key, db.as_deref(), inputs),
        Command::Inbox {
            listen,
            db,
            survey,
            allow_origin,
            admin_token_file,
            max_connections,
            idle_timeout,
            issuer_key,
            issuer_db,
            rate,
            conn_rate,
            reports_per_minute,
            source_reports_per_minute,
            source_responses_per_minute,
            source_issue_per_minute,
            source_malformed_per_minute,
            trust_proxy,
        } => run_inbox(&InboxArgs {
            listen: *listen,
            db,
            surveys: survey,
            allow_origins: allow_origin,
            admin_token_file: admin_token_file.as_deref(),
            limits: jianfu_inbox::conn::Limits {
                max_connections: usize::try_from(*max_connections).unwrap_or(usize::MAX),
                idle_timeout: std::time::Duration::from_secs(*idle_timeout),
                per_connection: f64::from(*conn_rate),
            },
            issuer_keys: issuer_key,
            issuer_db: issuer_db.as_deref(),
            rates: jianfu_inbox::limit::Rates {
                global: f64::from(*rate),
                reports_per_minute: f64::from(*reports_per_minute),
                per_source: jianfu_inbox::limit::SourceRates {
                    reports_per_minute: f64::from(*source_reports_per_minute),
                    responses_per_minute: f64::from(*source_responses_per_minute),
                    issue_per_minute: f64::from(*source_issue_per_minute),
                    malformed_per_minute: f64::from(*source_malformed_per_minute),
                },
            },
            trust_proxy,
        }),
        Command::Tally {
            survey,
            by,
            min_group,
            early,
            db,
            responses,
        } => tally::run(&tally::Args {
            survey,
            db: db.as_deref(),
            responses,
            by_grade_band: by.is_some(),
            min_group: *min_group,
            early: *early,
            today: today(),
            as_json: cli.json,
            lang,
        }),
        // issuer-key, invite, officer: the tokens' commands.
        _ => tokens(&cli.command),
    };
    ExitCode::from(match status {
        Status::Ok => 0,
        Status::RuleBroken => 1,
        Status::Invalid => 2,
    })
}
