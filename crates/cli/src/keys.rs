//! `keygen`, `seal` and `open`: the bureau's key pair and sealed reports,
//! with the same jianfu-core code the app runs in the browser.

use std::path::{Path, PathBuf};

use jianfu_core::envelope::generate_keypair;
use jianfu_core::{Envelope, KeyError, PrivateKey, PublicKey, Report};
use rand_core::UnwrapErr;
use serde_json::{Value, json};

use crate::Status;
use crate::input;

/// The operating system's CSPRNG.
fn os_rng() -> UnwrapErr<getrandom::SysRng> {
    UnwrapErr(getrandom::SysRng)
}

/// Writes a new key pair to `out` (mode 0600, never over an existing file)
/// and prints the public key for feeds' `report_key`.
pub(crate) fn keygen(out: &Path, as_json: bool) -> Status {
    let (sk, pk) = generate_keypair(&mut os_rng());
    let body = json!({
        "format": "jianfu.key/1",
        "note": "Bureau private key for jianfu open. Keep it secret; feeds publish only the public key.",
        "public": pk.to_base64(),
        "private": sk.to_base64(),
    });
    if let Err(e) = write_private(out, &format!("{body:#}\n")) {
        eprintln!("{}: cannot write the key: {e}", out.display());
        return Status::Invalid;
    }
    if as_json {
        println!(
            "{}",
            json!({"file": out.display().to_string(), "public": pk.to_base64()})
        );
    } else {
        println!("{}", pk.to_base64());
    }
    Status::Ok
}

pub(crate) fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Reads the private key from a key file (`{"private": "…"}`, as keygen writes).
pub(crate) fn read_private(path: &Path) -> Result<PrivateKey, String> {
    input::refuse_if_shared(path, "the private key file")?;
    let text = input::read_file(path).map_err(|e| e.to_string())?;
    PrivateKey::from_key_file(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `--to`: a base64url public key, or a key file with `public`; a
/// low-order key is refused either way.
fn read_public(to: &str) -> Result<PublicKey, String> {
    match PublicKey::from_base64(to) {
        Ok(pk) => return Ok(pk),
        Err(KeyError::LowOrder) => return Err(format!("--to: {}", KeyError::LowOrder)),
        Err(_) => {}
    }
    let path = Path::new(to);
    if path.exists() {
        let text = input::read_file(path).map_err(|e| e.to_string())?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{to}: not JSON: {e}"))?;
        let public = v.get("public").and_then(Value::as_str).ok_or_else(|| {
            format!("{to}: public: expected a base64url X25519 public key (32 bytes)")
        })?;
        return PublicKey::from_base64(public).map_err(|e| format!("{to}: public: {e}"));
    }
    Err(format!(
        "--to: expected a base64url X25519 public key (32 bytes) or a key file, found \"{to}\""
    ))
}

/// Seals a report file to a public key and prints the envelope.
pub(crate) fn seal(to: &str, report: &Path) -> Status {
    let pk = match read_public(to) {
        Ok(pk) => pk,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let text = match input::read_file(report) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    match Report::parse(&text) {
        Ok(r) => {
            println!("{}", Envelope::seal(&r, &pk, &mut os_rng()).to_value());
            Status::Ok
        }
        Err(problems) => {
            for p in problems.as_slice() {
                eprintln!("{}: {p}", report.display());
            }
            Status::Invalid
        }
    }
}

/// Opens envelopes from files, JSON-lines and directories; prints one
/// report per line; a bad envelope is reported and the rest still open.
pub(crate) fn open(key: &Path, db: Option<&Path>, inputs: &[PathBuf]) -> Status {
    let sk = match read_private(key) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let files = match input::expand(inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let (mut opened, mut failed) = (0u64, 0u64);
    let mut status = Status::Ok;
    if let Some(db) = db {
        match jianfu_inbox::store::bodies(db, jianfu_inbox::store::Kind::Report) {
            Err(e) => {
                eprintln!("{}: {e}", db.display());
                return Status::Invalid;
            }
            Ok(rows) => {
                for (id, body) in rows {
                    match open_one(&sk, &body) {
                        Ok(line) => {
                            opened += 1;
                            println!("{line}");
                        }
                        Err(why) => {
                            failed += 1;
                            eprintln!("{}: report {id}: {why}", db.display());
                        }
                    }
                }
            }
        }
    }
    for file in &files {
        let read = input::for_each_document(file, |origin, text| match open_one(&sk, text) {
            Ok(line) => {
                opened += 1;
                println!("{line}");
            }
            Err(why) => {
                failed += 1;
                eprintln!("{origin}: {why}");
            }
        });
        if let Err(e) = read {
            failed += 1;
            eprintln!("{e}");
        }
    }
    if failed > 0 {
        status = Status::RuleBroken;
    }
    eprintln!("opened {opened}, failed {failed}");
    status
}

fn open_one(sk: &PrivateKey, text: &str) -> Result<Value, String> {
    let envelope = Envelope::parse(text).map_err(|p| p.to_string().replace('\n', "; "))?;
    let (report, unknown) = envelope.open_for_reading(sk).map_err(|e| e.to_string())?;
    let mut v = report.to_value();
    if let Some(code) = unknown {
        // A newer app's category: shown with its code, never refused.
        v["category"] = json!(code);
        v["category_known"] = json!(false);
    }
    v["envelope_id"] = json!(envelope.id_base64());
    Ok(v)
}
