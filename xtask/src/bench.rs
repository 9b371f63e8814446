//! `cargo xtask bench`: builds in release, generates benchmark data, runs
//! every benchmark and prints one table (also written as JSON to
//! `target/bench/results.json`). Timed figures are reported, never asserted.
//!
//! - `check-feed` over a district: 1,000 classes × 20 school days × 6 items;
//! - `monitor`, the bureau's monitoring report, over the same district;
//! - `tally` over 1,000,000 responses (1 % duplicate deliveries).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use jianfu_core::Date;
use serde_json::json;

use crate::{cargo, run_cmd};

mod flood;

/// A small deterministic generator (xorshift64*): the same data every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CLASSES: usize = 1000;
const SCHOOL_DAYS: usize = 20;
const ITEMS: usize = 6;
const RESPONSES: usize = 1_000_000;

/// The generated district's feeds in `dir`, written once.
fn district(dir: &Path) -> Result<Vec<PathBuf>> {
    // The marker names the generator's version: feeds of an older one
    // (without after-school plans) are made again.
    if dir.join(DISTRICT_VERSION).exists() {
        Ok(crate::build::walk(dir)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect())
    } else {
        eprintln!("xtask bench: generating {CLASSES} feeds");
        write_district(dir)
    }
}

/// Written beside a generated district; see [`district`].
const DISTRICT_VERSION: &str = ".district-v2-after-school";

fn write_district(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let subjects = ["chinese", "math", "english", "science", "pe", "art"];
    let kinds = [
        "written", "written", "written", "reading", "oral", "physical",
    ];
    let first_monday = Date::parse("2026-11-02")?;
    let mut files = Vec::new();
    for class in 0..CLASSES {
        let grade = 1 + (class % 9);
        let mut days = Vec::new();
        let mut date = first_monday;
        while days.len() < SCHOOL_DAYS {
            if !date.weekday().is_weekend() {
                let items: Vec<_> = (0..ITEMS)
                    .map(|i| {
                        json!({
                            "id": format!("{date}-{i}"),
                            "subject": subjects[i],
                            "title": {"zh-CN": format!("第{i}项作业"), "en": format!("Task {i}")},
                            "kind": kinds[i],
                            "estimated_minutes": 5 + rng.below(30),
                            "tier": if rng.below(5) == 0 { "optional" } else { "core" },
                            "due": date.add_days(1).to_string(),
                        })
                    })
                    .collect();
                days.push(json!({"date": date.to_string(), "items": items}));
            }
            date = date.add_days(1);
        }
        let mut school = json!({"id": format!("school-{}", class / 30), "name": {"zh-CN": "区属学校"},
            "timezone": "Asia/Shanghai", "rules": "cn-national-2021", "system": "6-3"});
        // Issue #29: most schools publish their after-school service (one
        // in ten does not), some with an early finish on a random day.
        if (class / 30) % 10 != 9 {
            let early = first_monday.add_days(i32::try_from(rng.below(25))?);
            school["after_school"] = json!({
                "weekly": [{"weekdays": [1, 2, 3, 4, 5], "start": "15:40", "end": if class % 7 == 0 { "17:20" } else { "17:50" },
                    "sessions": [
                        {"kind": "sport", "start": "15:40", "end": "16:20", "title": {"zh-CN": "体育锻炼"}},
                        {"kind": "homework_help", "start": "16:20", "end": "17:10", "title": {"zh-CN": "作业辅导"}},
                        {"kind": "interest", "start": "17:10", "end": "17:20", "options": [{"zh-CN": "合唱"}, {"zh-CN": "编程"}]}]}],
                "changes": [{"date": early.to_string(), "end": "16:30", "note": {"zh-CN": "提前放学"}}],
                "extended_care_until": "18:30"
            });
        }
        let feed = json!({
            "format": "jianfu.feed/1",
            "school": school,
            "class": {"id": format!("c{class:04}"), "name": {"zh-CN": format!("{grade}年级")}, "grade": grade},
            "published_at": "2026-11-27T16:30:00+08:00",
            "days": days,
        });
        let path = dir.join(format!("class-{class:04}.json"));
        std::fs::write(&path, serde_json::to_vec(&feed)?)?;
        files.push(path);
    }
    std::fs::write(dir.join(DISTRICT_VERSION), "")?;
    Ok(files)
}

fn write_responses(path: &Path) -> Result<()> {
    let mut rng = Rng(0x5eed_0000_0000_0002);
    let bands = ["1-2", "3-6", "7-9"];
    let opts = ["a", "b", "c", "d"];
    let multi = ["hw", "sport", "art", "read", "sci"];
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut last_nonce = String::new();
    for i in 0..RESPONSES {
        // 1 % of lines repeat the previous response's nonce: retried deliveries.
        let nonce = if i > 0 && rng.below(100) == 0 {
            last_nonce.clone()
        } else {
            let bytes: Vec<u8> = (0..16).map(|_| (rng.next() & 0xff) as u8).collect();
            jianfu_core::b64::encode(&bytes)
        };
        let a = json!({
            "format": "jianfu.response/1",
            "survey": "2026-autumn-satisfaction",
            "submitted_on": "2026-11-23",
            "grade_band": bands[usize::try_from(rng.below(3))?],
            "answers": {
                "q1": 1 + rng.below(5),
                "q2": opts[usize::try_from(rng.below(4))?],
                "q3": [multi[usize::try_from(rng.below(5))?]],
                "q4": rng.below(300),
                "q5": "家长意见",
            },
            "nonce": nonce,
        });
        writeln!(out, "{a}")?;
        last_nonce = nonce;
    }
    out.flush()?;
    Ok(())
}

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

/// One keep-alive HTTP/1.1 connection: sends a POST, reads the answer.
struct Conn {
    stream: std::net::TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    fn post(&mut self, host: &str, path: &str, body: &str) -> Result<u16> {
        self.post_from(host, path, body, None)
    }

    fn open(addr: &str) -> Result<Self> {
        Ok(Self {
            stream: std::net::TcpStream::connect(addr)?,
            buf: Vec::new(),
        })
    }

    /// `post`, as the client at `from` behind a trusted proxy (the inbox
    /// runs with `--trust-proxy 127.0.0.1`, as behind a TLS proxy).
    fn post_from(&mut self, host: &str, path: &str, body: &str, from: Option<&str>) -> Result<u16> {
        let forwarded = from.map_or_else(String::new, |f| format!("X-Forwarded-For: {f}\r\n"));
        Ok(self.send(host, path, body, &forwarded)?.0)
    }

    /// Sends a POST with `headers` (each line ending in CRLF); the status
    /// and the answer's body.
    fn send(&mut self, host: &str, path: &str, body: &str, headers: &str) -> Result<(u16, String)> {
        use std::io::Read;
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.stream.write_all(req.as_bytes())?;
        self.buf.clear();
        let mut chunk = [0u8; 4096];
        loop {
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                bail!("connection closed");
            }
            self.buf.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&self.buf);
            if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if rest.len() >= len {
                    let status = head
                        .split(' ')
                        .nth(1)
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(0);
                    return Ok((status, rest.to_owned()));
                }
            }
        }
    }
}

/// The `p` quantile (0–1) of sorted latencies; 0 when there are none.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)] // an index from a count
fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

/// What the inbox did under load.
struct Load {
    /// Accepted (201) submissions per second.
    rate: f64,
    p50: f64,
    p99: f64,
    accepted: u64,
    /// Answers other than 201.
    errors: u64,
    /// The server's resident memory (KiB), sampled once a second.
    rss_kib: Vec<u64>,
}

/// How long the inbox is loaded: long enough to see memory settle or grow,
/// within issue 8's 60 s bound.
const LOAD_SECONDS: u64 = 30;

/// The resident set size of a process, from `/proc` (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the release inbox on loopback and loads it for a bounded
/// [`LOAD_SECONDS`], sampling its memory once a second.
#[allow(clippy::cast_precision_loss)] // a rate from counts
fn inbox_load(jianfu: &Path, survey: &Path, data: &Path) -> Result<Load> {
    // Capacity, as before the rate limits existed: limits lifted.
    let (mut server, addr) = start_inbox(
        jianfu,
        survey,
        data,
        "inbox-bench",
        &[
            "--rate",
            "1000000",
            "--conn-rate",
            "1000000",
            "--source-responses-per-minute",
            "100000000",
        ],
    )?;
    let duration = std::time::Duration::from_secs(LOAD_SECONDS);
    let t0 = Instant::now();
    let pid = server.id();
    let sampler = std::thread::spawn(move || {
        let mut samples = Vec::new();
        while t0.elapsed() < duration {
            samples.extend(rss_kib(pid));
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
        samples
    });
    let workers: Vec<_> = (0..16u32)
        .map(|w| {
            let addr = addr.clone();
            std::thread::spawn(move || -> Result<(u64, u64, Vec<f64>)> {
                let mut conn = Conn { stream: std::net::TcpStream::connect(&addr)?, buf: Vec::new() };
                conn.stream.set_nodelay(true)?;
                let (mut ok, mut bad, mut lat) = (0u64, 0u64, Vec::new());
                let mut i = 0u64;
                while t0.elapsed() < duration {
                    let mut nonce = [0u8; 16];
                    nonce[..4].copy_from_slice(&w.to_le_bytes());
                    nonce[4..12].copy_from_slice(&i.to_le_bytes());
                    let body = json!({"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction",
                        "submitted_on": "2026-11-23", "grade_band": "3-6",
                        "answers": {"q1": 4, "q2": "a", "q4": 40}, "nonce": jianfu_core::b64::encode(&nonce)})
                    .to_string();
                    let t = Instant::now();
                    let status = conn.post(&addr, "/responses", &body)?;
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    if status == 201 {
                        ok += 1;
                    } else {
                        bad += 1;
                    }
                    i += 1;
                }
                Ok((ok, bad, lat))
            })
        })
        .collect();
    let (mut accepted, mut errors) = (0, 0);
    let mut lat = Vec::new();
    for w in workers {
        let (ok, bad, l) = w
            .join()
            .map_err(|_| anyhow::anyhow!("load worker panicked"))??;
        accepted += ok;
        errors += bad;
        lat.extend(l);
    }
    let elapsed = t0.elapsed().as_secs_f64();
    let rss = sampler
        .join()
        .map_err(|_| anyhow::anyhow!("memory sampler panicked"))?;
    let _ = server.kill();
    let _ = server.wait();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| percentile(&lat, p);
    Ok(Load {
        rate: accepted as f64 / elapsed,
        p50: pct(0.5),
        p99: pct(0.99),
        accepted,
        errors,
        rss_kib: rss,
    })
}

/// Starts the release inbox on a free loopback port over a fresh store
/// `data/{name}.sqlite`, with the survey open around today (the inbox
/// dates answers by its own clock and refuses them outside opens–closes).
fn start_inbox(
    jianfu: &Path,
    survey: &Path,
    data: &Path,
    name: &str,
    extra: &[&str],
) -> Result<(std::process::Child, String)> {
    let db = data.join(format!("{name}.sqlite"));
    let mut open: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(survey)?)?;
    let today = crate::demo::school_today()?;
    open["opens"] = json!(today.add_days(-30).to_string());
    open["closes"] = json!(today.add_days(30).to_string());
    let survey = &data.join("survey-open-today.json");
    std::fs::write(survey, open.to_string())?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(jianfu)
        .args(["inbox", "--listen", &addr, "--db"])
        .arg(&db)
        .arg("--survey")
        .arg(survey)
        .args(extra)
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        if started.elapsed().as_secs() > 10 {
            let _ = server.kill();
            bail!("the inbox did not start");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Ok((server, addr))
}

/// Builds the app and the counter, serves both on loopback, and runs the
/// browser benchmarks and Lighthouse against each.
fn web_bench(root: &Path) -> Result<serde_json::Value> {
    let site = crate::build::build(root)?;
    let (counter_dir, counter_bytes) = crate::bench_web::counter_site(root, &site.dir)?;
    let data = root.join("target/bench/data");
    std::fs::create_dir_all(&data)?;
    let db = data.join("web-inbox.sqlite");
    let app = format!("http://{}/", crate::serve::spawn(&site.dir, 0, &db)?);
    let counter = format!("http://{}/", crate::serve::spawn(&counter_dir, 0, &db)?);
    let logs = crate::bench_web::year_logs(&data.join("logs"), crate::demo::school_today()?)?;
    eprintln!("xtask bench: browser runs (emulated phone, 5 runs each; a few minutes)");
    let feeds_dir = data.join("feeds");
    district(&feeds_dir)?;
    let browser = crate::bench_web::browser(root, &app, &counter, &logs, &feeds_dir)?;
    let bytes = |s: crate::build::Sizes| json!({"raw": s.raw, "gzip": s.gzip, "brotli": s.brotli});
    let mut web = json!({
        "first_visit_bytes": {"app": bytes(site.first_visit), "counter": bytes(counter_bytes)},
        "returning_bytes": {"app": bytes(site.returning)},
        "pages_first_visit_bytes": site.pages.iter().map(|(name, s)| ((*name).to_owned(), bytes(*s))).collect::<serde_json::Map<_, _>>(),
        "browser": browser,
    });
    // What exists is kept before the next stage: a failing Lighthouse once
    // ended a whole run with no figures at all.
    save(root, &web, &[])?;
    eprintln!("xtask bench: Lighthouse (mobile preset)");
    match (
        crate::bench_web::lighthouse(root, &app),
        crate::bench_web::lighthouse(root, &counter),
    ) {
        (Ok(a), Ok(c)) => web["lighthouse"] = json!({"app": a, "counter": c}),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("xtask bench: Lighthouse failed ({e:#}); the other figures stand");
            web["lighthouse"] = json!({"error": format!("{e:#}")});
        }
    }
    save(root, &web, &[])?;
    Ok(web)
}

/// One row of the web table: the app, the counter, their ratio, the goal.
fn web_row(name: &str, app: Option<f64>, counter: Option<f64>, unit: &str, goal: &str) {
    let show = |v: Option<f64>| match (v, unit) {
        (None, _) => "–".to_owned(),
        (Some(v), "KB") => format!("{:.1} KB", v / 1000.0),
        (Some(v), "MB") => format!("{:.1} MB", v / 1e6),
        (Some(v), "ms") => format!("{v:.0} ms"),
        (Some(v), _) => format!("{v:.3}"),
    };
    let ratio = match (app, counter) {
        (Some(a), Some(c)) if c > 0.0 => format!("{:.2}×", a / c),
        _ => "–".to_owned(),
    };
    println!(
        "{name:<46} {:>12} {:>12} {:>8}  {goal}",
        show(app),
        show(counter),
        ratio
    );
}

/// The web table: figure, the app's and the counter's JSON pointers into
/// the results, unit, goal.
const WEB_ROWS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "first-visit bytes, gzip",
        "/first_visit_bytes/app/gzip",
        "/first_visit_bytes/counter/gzip",
        "KB",
        "≤ 130 KB (ceiling 200)",
    ),
    (
        "first-visit bytes, brotli",
        "/first_visit_bytes/app/brotli",
        "/first_visit_bytes/counter/brotli",
        "KB",
        "",
    ),
    (
        "school studio, first-visit bytes, gzip (#27)",
        "/pages_first_visit_bytes/school/gzip",
        "",
        "KB",
        "≤ 200 KB",
    ),
    (
        "bureau desk, first-visit bytes, gzip (#27)",
        "/pages_first_visit_bytes/bureau/gzip",
        "",
        "KB",
        "≤ 200 KB",
    ),
    (
        "returning parent's page bytes, gzip",
        "/returning_bytes/app/gzip",
        "/first_visit_bytes/counter/gzip",
        "KB",
        "",
    ),
    (
        "first visit: FCP",
        "/browser/app/first_visit/fcp",
        "/browser/counter/first_visit/fcp",
        "ms",
        "≤ 1000 ms",
    ),
    (
        "first visit: LCP",
        "/browser/app/first_visit/lcp",
        "/browser/counter/first_visit/lcp",
        "ms",
        "≤ 1800 ms",
    ),
    (
        "first visit: total blocking time",
        "/browser/app/first_visit/tbt",
        "/browser/counter/first_visit/tbt",
        "ms",
        "≤ 50 ms",
    ),
    (
        "first visit: CLS",
        "/browser/app/first_visit/cls",
        "/browser/counter/first_visit/cls",
        "",
        "≤ 0.02",
    ),
    (
        "first visit: interactive (welcome form / counter)",
        "/browser/app/first_visit/ready",
        "/browser/counter/first_visit/ready",
        "ms",
        "",
    ),
    (
        "cold load, child set up: homework visible",
        "/browser/app/cold/ready",
        "",
        "ms",
        "",
    ),
    (
        "repeat visit offline (SW): FCP",
        "/browser/app/offline/fcp",
        "",
        "ms",
        "",
    ),
    (
        "repeat visit offline (SW): homework visible",
        "/browser/app/offline/ready",
        "",
        "ms",
        "≤ 800 ms",
    ),
    (
        "interaction, CPU 4×: start timer",
        "/browser/app/interactions/start_timer",
        "/browser/counter/interactions/click",
        "ms",
        "≤ 50 ms",
    ),
    (
        "interaction, CPU 4×: stop timer",
        "/browser/app/interactions/stop_timer",
        "/browser/counter/interactions/click",
        "ms",
        "≤ 50 ms",
    ),
    (
        "interaction, CPU 4×: week view",
        "/browser/app/interactions/week_view",
        "/browser/counter/interactions/click",
        "ms",
        "≤ 50 ms",
    ),
    (
        "  start timer: pointer down → timer shown",
        "/browser/app/interactions/start_timer_shown",
        "",
        "ms",
        "",
    ),
    (
        "  stop timer: pointer down → saved, timer gone",
        "/browser/app/interactions/stop_timer_shown",
        "",
        "ms",
        "",
    ),
    (
        "  week tab: pointer down → charts drawn",
        "/browser/app/interactions/week_view_shown",
        "",
        "ms",
        "",
    ),
    (
        "memory, no data (JS heap + wasm)",
        "/browser/app/memory/empty/total",
        "/browser/counter/memory/total",
        "MB",
        "",
    ),
    (
        "bureau desk, CPU 4×: 1,000 classes × 20 days read, computed, shown",
        "/browser/bureau/monitor_district/load_ms",
        "",
        "ms",
        "≤ 3000 ms",
    ),
    (
        "  then \"show all\": the other 800 class rows drawn",
        "/browser/bureau/monitor_district/show_all_ms",
        "",
        "ms",
        "",
    ),
    (
        "memory, a year × 3 children",
        "/browser/app/memory/loaded/total",
        "/browser/counter/memory/total",
        "MB",
        "≤ 16 MB",
    ),
    (
        "  of which wasm memory",
        "/browser/app/memory/loaded/wasm_memory",
        "/browser/counter/memory/wasm_memory",
        "MB",
        "",
    ),
    (
        "week view from a year of logs, CPU 4×",
        "/browser/app/memory/week_render_ms",
        "",
        "ms",
        "",
    ),
    (
        "month view from a year of logs, CPU 4×",
        "/browser/app/memory/month_render_ms",
        "",
        "ms",
        "",
    ),
    (
        "Lighthouse mobile: performance",
        "/lighthouse/app/performance",
        "/lighthouse/counter/performance",
        "",
        "100",
    ),
    (
        "Lighthouse mobile: accessibility",
        "/lighthouse/app/accessibility",
        "/lighthouse/counter/accessibility",
        "",
        "100",
    ),
    (
        "Lighthouse mobile: best practices",
        "/lighthouse/app/best_practices",
        "/lighthouse/counter/best_practices",
        "",
        "100",
    ),
    // Lighthouse simulates a slow phone on slow 4G from one trace: one
    // run, so its timings move by tens of percent from run to run (its
    // blocking time was seen at 15–263 ms for the same build).
    (
        "  Lighthouse: FCP",
        "/lighthouse/app/fcp_ms",
        "/lighthouse/counter/fcp_ms",
        "ms",
        "",
    ),
    (
        "  Lighthouse: LCP",
        "/lighthouse/app/lcp_ms",
        "/lighthouse/counter/lcp_ms",
        "ms",
        "≤ 1800 ms",
    ),
    (
        "  Lighthouse: time to interactive",
        "/lighthouse/app/tti_ms",
        "/lighthouse/counter/tti_ms",
        "ms",
        "",
    ),
    (
        "  Lighthouse: total blocking time",
        "/lighthouse/app/tbt_ms",
        "/lighthouse/counter/tbt_ms",
        "ms",
        "",
    ),
];

/// Prints the web figures as one table, app beside counter.
fn print_web(web: &serde_json::Value) {
    println!(
        "\n{:<46} {:>12} {:>12} {:>8}  goal",
        "web (median of runs; emulated phone)", "Jianfu", "counter", "ratio"
    );
    let get = |ptr: &str| web.pointer(ptr).and_then(serde_json::Value::as_f64);
    for (name, app, counter, unit, goal) in WEB_ROWS {
        web_row(name, get(app), get(counter), unit, goal);
    }
}
