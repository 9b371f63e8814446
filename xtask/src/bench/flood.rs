//! The inbox under attack (issue #26): the hold-out (one host floods
//! while real clients send) and a flood from many addresses that pays the
//! proof of work reports are asked for under load.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde_json::json;

use super::data::Rng;
use super::inbox::{Conn, percentile, start_inbox};

/// Runs both scenarios; their rows for the bench's table.
pub(super) fn run(
    jianfu: &Path,
    survey: &Path,
    data: &Path,
) -> Result<Vec<(&'static str, f64, String)>> {
    let flood = inbox_flood(jianfu, survey, data)?;
    #[allow(clippy::cast_precision_loss)] // counts for people
    let per_stored = flood.flooder_sent as f64 / (flood.flooder_stored.max(1)) as f64;
    let mut rows = vec![(
        "inbox: one host floods (8 conns), 20 real sources",
        Duration::from_secs(FLOOD_SECONDS).as_secs_f64(),
        format!(
            "real: {}/{} accepted within the retry schedule, first-try p50 {:.1} ms, p99 {:.1} ms; \
             flood: {} sent, {} answered 429, {} junk reports stored ({per_stored:.0} requests per stored junk report)",
            flood.real_ok,
            flood.real_total,
            flood.p50,
            flood.p99,
            flood.flooder_sent,
            flood.flooder_limited,
            flood.flooder_stored,
        ),
    )];
    let b = inbox_botnet(jianfu, survey, data)?;
    #[allow(clippy::cast_precision_loss)] // counts for people
    let (per_report, rate) = (
        b.flood_hashes as f64 / (b.flood_stored.max(1)) as f64,
        b.flood_stored as f64 / Duration::from_secs(BOTNET_SECONDS).as_secs_f64(),
    );
    rows.push((
        "inbox: many addresses flood reports, paying the proof of work",
        Duration::from_secs(BOTNET_SECONDS).as_secs_f64(),
        format!(
            "real reports: {}/{} accepted within the retry schedule, p50 {:.1} ms, p99 {:.1} ms (solving included), \
             hardest challenge {}; flood: {} reports stored ({rate:.1}/s against a budget of {:.1}/s), \
             {per_report:.0} hashes per stored junk report, {} asked for a proof",
            b.real_ok, b.real_total, b.p50, b.p99, b.hardest, b.flood_stored,
            REPORTS_PER_MINUTE / 60.0, b.flood_challenged,
        ),
    ));
    Ok(rows)
}

/// What one real client saw.
struct Real {
    /// Accepted within the app's retry schedule, of all it sent.
    ok: u64,
    total: u64,
    /// The hardest proof of work it was asked for (0: none).
    hardest: u8,
    /// Each try's latency (ms), solving included.
    lat: Vec<f64>,
}

/// A real client `w` with its own address: until `end`, a report (or, if
/// not `reports`, a survey answer) every 3 s, retried on the app's
/// schedule, a report's proof of work solved when asked.
fn real_client(
    addr: &str,
    w: u32,
    reports: bool,
    end: Instant,
) -> std::thread::JoinHandle<Result<Real>> {
    let addr = addr.to_owned();
    std::thread::spawn(move || -> Result<Real> {
        let from = format!("198.51.100.{}", w + 1);
        let mut rng = Rng(u64::from(w) + 1000);
        let mut r = Real {
            ok: 0,
            total: 0,
            hardest: 0,
            lat: Vec::new(),
        };
        while Instant::now() < end {
            let text = if reports {
                random_envelope(&mut rng)
            } else {
                response_body(w, r.total)
            };
            r.total += 1;
            let mut waits = RETRY_WAITS.iter();
            loop {
                let t = Instant::now();
                let mut conn = Conn::open(&addr)?;
                let (status, d) = if reports {
                    post_report(&mut conn, &addr, &text, &from).map_or((0, 0), |r| (r.0, r.2))
                } else {
                    (
                        conn.post_from(&addr, "/responses", &text, Some(&from))
                            .unwrap_or(0),
                        0,
                    )
                };
                r.lat.push(t.elapsed().as_secs_f64() * 1000.0);
                r.hardest = r.hardest.max(d);
                if status == 201 || status == 200 {
                    r.ok += 1;
                    break;
                }
                let Some(wait) = waits.next() else { break };
                std::thread::sleep(Duration::from_secs(*wait));
            }
            std::thread::sleep(Duration::from_secs(3));
        }
        Ok(r)
    })
}

/// A survey answer from client `who`, its `i`th (a distinct nonce).
fn response_body(who: u32, i: u64) -> String {
    let mut nonce = [0u8; 16];
    nonce[..4].copy_from_slice(&who.to_le_bytes());
    nonce[4..12].copy_from_slice(&i.to_le_bytes());
    json!({"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction",
        "submitted_on": "2026-11-23", "grade_band": "3-6",
        "answers": {"q1": 4, "q2": "a", "q4": 40}, "nonce": jianfu_core::b64::encode(&nonce)})
    .to_string()
}

/// The results of the scenario's threads, in order.
fn joined<T>(threads: Vec<std::thread::JoinHandle<Result<T>>>) -> Result<Vec<T>> {
    threads
        .into_iter()
        .map(|t| {
            t.join()
                .map_err(|_| anyhow::anyhow!("a client thread panicked"))?
        })
        .collect()
}

/// What a many-address flood that solves the challenges cost and got.
struct Botnet {
    flood_stored: u64,
    flood_hashes: u64,
    flood_challenged: u64,
    real_ok: u64,
    real_total: u64,
    hardest: u8,
    p50: f64,
    p99: f64,
}

/// How long the many-address flood runs: long enough to empty the reports
/// budget (a minute's worth) and hold the difficulty at its cap.
const BOTNET_SECONDS: u64 = 90;
/// The inbox's default budget for reports, all sources together.
const REPORTS_PER_MINUTE: f64 = 600.0;

/// Posts a report as the app does: once, and again with a proof of work
/// when a busy inbox asks for one (428). The status, the hashes it took
/// and the difficulty asked (0 if none).
fn post_report(conn: &mut Conn, addr: &str, body: &str, from: &str) -> Result<(u16, u64, u8)> {
    let (status, text) = conn.send(
        addr,
        "/reports",
        body,
        &format!("X-Forwarded-For: {from}\r\n"),
    )?;
    if status != 428 {
        return Ok((status, 0, 0));
    }
    let Some(challenge) = jianfu_core::pow::Challenge::from_answer(&text) else {
        return Ok((status, 0, 0));
    };
    let id = serde_json::from_str::<serde_json::Value>(body)?["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let nonce = challenge.solve_in(&id, 0, u64::MAX).unwrap_or(0);
    let proof = jianfu_core::pow::Proof {
        seed: challenge.seed.clone(),
        nonce,
    }
    .to_header();
    let (status, _) = conn.send(
        addr,
        "/reports",
        body,
        &format!(
            "X-Forwarded-For: {from}\r\n{}: {proof}\r\n",
            jianfu_core::pow::HEADER
        ),
    )?;
    Ok((status, nonce + 1, challenge.difficulty))
}

/// A flood from ever new addresses (as a botnet or a school with many
/// would send, behind the trusted proxy), every report valid-looking and
/// every challenge solved natively on this machine's cores, while 10 real
/// parents send a report every few seconds, solving as the app does.
#[allow(clippy::too_many_lines)] // one scenario, read top to bottom
fn inbox_botnet(jianfu: &Path, survey: &Path, data: &Path) -> Result<Botnet> {
    let (mut server, addr) = start_inbox(
        jianfu,
        survey,
        data,
        "inbox-botnet",
        &["--trust-proxy", "127.0.0.1"],
    )?;
    let duration = std::time::Duration::from_secs(BOTNET_SECONDS);
    let t0 = Instant::now();
    let flooders: Vec<_> = (0..8u32)
        .map(|w| {
            let addr = addr.clone();
            std::thread::spawn(move || -> Result<(u64, u64, u64)> {
                let mut rng = Rng(u64::from(w) + 77);
                let (mut stored, mut hashes, mut challenged) = (0u64, 0u64, 0u64);
                let mut conn = Conn::open(&addr)?;
                while t0.elapsed() < duration {
                    let from = format!("10.{}.{}.{}", w, rng.below(256), rng.below(256));
                    match post_report(&mut conn, &addr, &random_envelope(&mut rng), &from) {
                        Ok((status, h, d)) => {
                            stored += u64::from(status == 201);
                            hashes += h;
                            challenged += u64::from(d > 0);
                        }
                        Err(_) => conn = Conn::open(&addr)?,
                    }
                }
                Ok((stored, hashes, challenged))
            })
        })
        .collect();
    let real: Vec<_> = (0..10u32)
        .map(|w| real_client(&addr, w, true, t0 + duration))
        .collect();
    let (mut flood_stored, mut flood_hashes, mut flood_challenged) = (0, 0, 0);
    for (s, h, c) in joined(flooders)? {
        flood_stored += s;
        flood_hashes += h;
        flood_challenged += c;
    }
    let (mut real_ok, mut real_total, mut hardest, mut lat) = (0, 0, 0, Vec::new());
    for Real {
        ok: o,
        total: t,
        hardest: d,
        lat: l,
    } in joined(real)?
    {
        real_ok += o;
        real_total += t;
        hardest = hardest.max(d);
        lat.extend(l);
    }
    let _ = server.kill();
    let _ = server.wait();
    lat.sort_by(f64::total_cmp);
    Ok(Botnet {
        flood_stored,
        flood_hashes,
        flood_challenged,
        real_ok,
        real_total,
        hardest,
        p50: percentile(&lat, 0.5),
        p99: percentile(&lat, 0.99),
    })
}

/// What real clients saw while one host flooded.
pub(super) struct Flood {
    /// The flooder's requests, how many were answered 429, and how many of
    /// its valid-looking reports were stored.
    flooder_sent: u64,
    flooder_limited: u64,
    flooder_stored: u64,
    /// Real submissions: accepted within the app's retry schedule, given up
    /// (none, if the limits do their work), and first-try latencies (ms).
    real_ok: u64,
    real_total: u64,
    p50: f64,
    p99: f64,
}

/// How long the flood runs (issue #26: 60 s).
const FLOOD_SECONDS: u64 = 60;

/// The app's retry schedule: 15 s after a 429 or a failure, then 30 s…
/// (`actions::backoff`); a submission counts as accepted if it gets
/// through before the flood ends plus its last wait.
const RETRY_WAITS: [u64; 3] = [15, 30, 60];

/// A sealed report as the inbox sees one: a fresh id, key and ciphertext
/// of a real report's size. Neither the inbox nor a flooder can tell it
/// from a parent's.
fn random_envelope(rng: &mut Rng) -> String {
    let mut bytes = |n: usize| -> String {
        let b: Vec<u8> = (0..n).map(|_| rng.next().to_le_bytes()[0]).collect();
        jianfu_core::b64::encode(&b)
    };
    json!({"format": "jianfu.envelope/1",
           "suite": "HPKE-Base-X25519-HKDF-SHA256-ChaCha20Poly1305",
           "id": bytes(16), "enc": bytes(32), "ct": bytes(317)})
    .to_string()
}

/// The hold-out of issue #26 over the release inbox with its default
/// limits, behind a trusted proxy (loopback, `X-Forwarded-For`): one host
/// floods on 8 keep-alive connections as fast as it can with junk (`{}`),
/// valid-looking random envelopes and survey answers, while 20 real
/// clients, each from its own address, send a report or an answer every
/// few seconds and retry on the app's schedule.
#[allow(clippy::too_many_lines)] // one scenario, read top to bottom
pub(super) fn inbox_flood(jianfu: &Path, survey: &Path, data: &Path) -> Result<Flood> {
    let (mut server, addr) = start_inbox(
        jianfu,
        survey,
        data,
        "inbox-flood",
        &["--trust-proxy", "127.0.0.1"],
    )?;
    let duration = std::time::Duration::from_secs(FLOOD_SECONDS);
    let t0 = Instant::now();
    let flooders: Vec<_> = (0..8u32)
        .map(|w| {
            let addr = addr.clone();
            std::thread::spawn(move || -> Result<(u64, u64, u64)> {
                let connect = || Conn::open(&addr);
                let mut conn = connect()?;
                let mut rng = Rng(u64::from(w) + 7);
                let (mut sent, mut limited, mut stored) = (0u64, 0u64, 0u64);
                while t0.elapsed() < duration {
                    let (path, text, report) = match sent % 3 {
                        0 => ("/reports", "{}".to_owned(), false),
                        1 => ("/reports", random_envelope(&mut rng), true),
                        _ => ("/responses", response_body(1000 + w, sent), false),
                    };
                    match conn.post_from(&addr, path, &text, Some("203.0.113.66")) {
                        Ok(429) => limited += 1,
                        Ok(201) if report => stored += 1,
                        Ok(_) => {}
                        Err(_) => conn = connect()?,
                    }
                    sent += 1;
                }
                Ok((sent, limited, stored))
            })
        })
        .collect();
    // Each sends something every 3 s; reports from half of them.
    let real: Vec<_> = (0..20u32)
        .map(|w| real_client(&addr, w, w % 2 == 0, t0 + duration))
        .collect();
    let (mut flooder_sent, mut flooder_limited, mut flooder_stored) = (0, 0, 0);
    for (s, l, st) in joined(flooders)? {
        flooder_sent += s;
        flooder_limited += l;
        flooder_stored += st;
    }
    let (mut real_ok, mut real_total, mut lat) = (0, 0, Vec::new());
    for Real {
        ok: o,
        total: t,
        lat: l,
        ..
    } in joined(real)?
    {
        real_ok += o;
        real_total += t;
        lat.extend(l);
    }
    let _ = server.kill();
    let _ = server.wait();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| percentile(&lat, p);
    Ok(Flood {
        flooder_sent,
        flooder_limited,
        flooder_stored,
        real_ok,
        real_total,
        p50: pct(0.5),
        p99: pct(0.99),
    })
}
