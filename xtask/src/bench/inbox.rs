//! The inbox under load: a release `jianfu inbox` on loopback, many
//! keep-alive connections posting responses for a fixed time.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Result, bail};
use serde_json::json;

/// One keep-alive HTTP/1.1 connection: sends a POST, reads the answer.
pub(crate) struct Conn {
    stream: std::net::TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub(crate) fn post(&mut self, host: &str, path: &str, body: &str) -> Result<u16> {
        self.post_from(host, path, body, None)
    }

    pub(crate) fn open(addr: &str) -> Result<Self> {
        Ok(Self {
            stream: std::net::TcpStream::connect(addr)?,
            buf: Vec::new(),
        })
    }

    /// `post`, as the client at `from` behind a trusted proxy (the inbox
    /// runs with `--trust-proxy 127.0.0.1`, as behind a TLS proxy).
    pub(crate) fn post_from(
        &mut self,
        host: &str,
        path: &str,
        body: &str,
        from: Option<&str>,
    ) -> Result<u16> {
        let forwarded = from.map_or_else(String::new, |f| format!("X-Forwarded-For: {f}\r\n"));
        Ok(self.send(host, path, body, &forwarded)?.0)
    }

    /// Sends a POST with `headers` (each line ending in CRLF); the status
    /// and the answer's body.
    pub(crate) fn send(
        &mut self,
        host: &str,
        path: &str,
        body: &str,
        headers: &str,
    ) -> Result<(u16, String)> {
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
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

/// What the inbox did under load.
pub(crate) struct Load {
    /// Accepted (201) submissions per second.
    pub(crate) rate: f64,
    pub(crate) p50: f64,
    pub(crate) p99: f64,
    pub(crate) accepted: u64,
    /// Answers other than 201.
    pub(crate) errors: u64,
    /// The server's resident memory (KiB), sampled once a second.
    pub(crate) rss_kib: Vec<u64>,
}

/// How long the inbox is loaded: long enough to see memory settle or grow,
/// within issue 8's 60 s bound.
pub(crate) const LOAD_SECONDS: u64 = 30;

/// The resident set size of a process, from `/proc` (Linux).
pub(crate) fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the release inbox on loopback and loads it for a bounded
/// [`LOAD_SECONDS`], sampling its memory once a second.
#[allow(clippy::cast_precision_loss)] // a rate from counts
pub(crate) fn inbox_load(jianfu: &Path, survey: &Path, data: &Path) -> Result<Load> {
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
pub(crate) fn start_inbox(
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

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_read_from_the_sorted_samples() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert!((percentile(&samples, 0.5) - 50.0).abs() <= 1.0);
        assert!((percentile(&samples, 0.99) - 99.0).abs() <= 1.0);
        assert!((percentile(&[7.0], 0.99) - 7.0).abs() < f64::EPSILON);
        assert!(percentile(&[], 0.5).abs() < f64::EPSILON, "no samples: 0");
    }
}
