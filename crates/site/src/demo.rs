//! The demo class feed, dated around the build date so that "today" always
//! has homework (see web/demo/README.md).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use jianfu_core::{Date, Instant, TimeZone};
use serde_json::{Value, json};

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Today in school time (the demo school is in Asia/Shanghai).
pub fn school_today() -> Result<Date> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    Ok(TimeZone::SHANGHAI.date_of(Instant::from_unix(i64::try_from(secs)?, 0)))
}

/// Expands `web/demo/g4c2.template.json` into a feed covering
/// `from..=to` and checks it with jianfu-core.
pub fn expand(template: &Value, from: Date, to: Date) -> Result<Value> {
    let week = template
        .get("week")
        .and_then(Value::as_object)
        .context("template has no \"week\" object")?;
    let mut feed = template.clone();
    let obj = feed.as_object_mut().context("template is not an object")?;
    obj.remove("week");
    let mut days = Vec::new();
    let mut date = from;
    while date <= to {
        let name = WEEKDAYS[usize::from(date.weekday().index_from_monday())];
        let items: Vec<Value> = week
            .get(name)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|item| {
                        let mut item = item.clone();
                        let id = item["id"].as_str().unwrap_or("item").to_owned();
                        item["id"] = json!(format!("{date}-{id}"));
                        item["due"] = json!(date.add_days(1).to_string());
                        item
                    })
                    .collect()
            })
            .unwrap_or_default();
        days.push(json!({ "date": date.to_string(), "items": items }));
        date = date.add_days(1);
    }
    obj.insert("days".into(), Value::Array(days));
    obj.insert(
        "published_at".into(),
        json!(format!("{}T07:00:00+08:00", from.max(to.add_days(-7)))),
    );
    if let Err(problems) = jianfu_core::Feed::from_value(&feed) {
        bail!("the demo feed is invalid:\n{problems}");
    }
    Ok(feed)
}

/// The demo bureau's key file, made on first use. It lives in `.demo/`
/// (ignored by git): a demo key, never for real reports.
pub fn demo_key(root: &Path) -> Result<(PathBuf, String)> {
    let path = root.join(".demo/bureau-key.json");
    if !path.exists() {
        std::fs::create_dir_all(root.join(".demo"))?;
        let (sk, pk) =
            jianfu_core::envelope::generate_keypair(&mut rand_core::UnwrapErr(getrandom::SysRng));
        let body = json!({
            "format": "jianfu.key/1",
            "note": "Demo bureau key made by cargo xtask for the local demo. Never use it for real reports.",
            "public": pk.to_base64(),
            "private": sk.to_base64(),
        });
        create_once(&path, format!("{body:#}\n").as_bytes())?;
    }
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let public = v["public"]
        .as_str()
        .context("the demo key file has no public key")?
        .to_owned();
    Ok((path, public))
}

/// Writes a new owner-only file at `path` whole, unless one is there: the
/// first of several writers at once wins and the others keep its file.
/// (The bench starts two servers over one store at the same moment, and
/// both make the demo inbox's token: with a plain `create_new` the second
/// failed with "File exists", or read the file before it was written.)
/// The bytes go to a private temporary file first, which is then linked
/// into place: a link never replaces a file and never shows a half.
fn create_once(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(
        format!(
            "tmp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        )
        .replace(['(', ')'], ""),
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(&tmp)?, bytes)?;
    let linked = std::fs::hard_link(&tmp, path);
    std::fs::remove_file(&tmp)?;
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
            Err(e).with_context(|| format!("creating {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// The demo inbox's admin token (`DIR/admin-token`, mode 0600), made on
/// first use: what the tests and a bureau's export use to read the inbox.
pub fn admin_token(dir: &Path) -> Result<String> {
    let path = dir.join("admin-token");
    if !path.exists() {
        std::fs::create_dir_all(dir)?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        let token = jianfu_core::b64::encode(&bytes);
        create_once(&path, format!("{token}\n").as_bytes())?;
    }
    Ok(std::fs::read_to_string(&path)?.trim().to_owned())
}

/// The schools the demo bureau covers: the demo feeds' schools, by exact
/// id, so a demo directory built by mistake into a real deployment covers
/// no real school.
const DEMO_SCHOOLS: [&str; 2] = ["demo-exp-primary", "demo-no9-middle"];

/// The bureau directory the app is built with (formats.md §6): the
/// deployer's `web/bureaus.json` when there is one, else a demo directory
/// (`.demo/bureaus.json`, the demo bureau with the demo key and the demo
/// inbox's addresses). `crates/app/build.rs` compiles the same file in, in
/// that order; this writes the demo one so it is there, and checks
/// whichever is used with jianfu-core.
pub fn bureaus(root: &Path) -> Result<PathBuf> {
    let deployed = bureaus_path(root);
    if deployed.starts_with(root.join("web")) {
        let text = std::fs::read_to_string(&deployed)?;
        if let Err(p) = jianfu_core::Directory::parse(&text) {
            bail!("web/bureaus.json is invalid:\n{p}");
        }
        return Ok(deployed);
    }
    let (_, public) = demo_key(root)?;
    let directory = json!({
        "format": "jianfu.bureaus/1",
        "bureaus": [{
            "id": "demo-bureau",
            "name": {"zh-CN": "演示教育局（仅供测试）", "en": "Demo Education Bureau (testing only)"},
            "report_key": public,
            "report_url": "/inbox/reports",
            "report_page": "/#/report",
            "survey_url": "/inbox/responses",
            // Coverage is where a feed is published (formats.md §6): the
            // demo feeds, on the app's own origin.
            "feeds": ["/demo/feeds/"],
            "schools": DEMO_SCHOOLS,
            // The demo token survey's issuer key, pinned.
            "issuer_keys": [issuer_key(root)?.key_id().to_string()],
        }]
    });
    if let Err(p) = jianfu_core::Directory::from_value(&directory) {
        bail!("the demo bureau directory is invalid:\n{p}");
    }
    let path = deployed;
    let text = format!("{directory:#}\n");
    // Written only when it changes, so the app is not rebuilt for nothing.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text)?;
    }
    eprintln!(
        "xtask: no web/bureaus.json: the app is built with the DEMO bureau directory ({}); \
         a real deployment supplies its own (docs/deploy.md)",
        path.display()
    );
    Ok(path)
}

/// The directory file the app is built with: `web/bureaus.json` if the
/// deployer put one there, else the demo one in `.demo/`.
pub fn bureaus_path(root: &Path) -> PathBuf {
    let deployed = root.join("web/bureaus.json");
    if deployed.exists() {
        deployed
    } else {
        root.join(".demo/bureaus.json")
    }
}

/// Where the demo survey is written in the site.
pub const SURVEY: &str = "demo/surveys/2026-autumn.json";

/// Where the demo *token* survey is written: one answer per invited
/// family (issue #17). The demo feed does not list it (a bureau's survey
/// reaches families by printed invitations, not through every feed).
pub const INVITED_SURVEY: &str = "demo/surveys/2026-autumn-invited.json";

/// The demo issuer's key file, made on first use in `.demo/` (ignored by
/// git): `jianfu invite --key .demo/issuer-key.json` prints demo slips.
pub fn issuer_key_path(root: &Path) -> PathBuf {
    root.join(".demo/issuer-key.json")
}

/// The demo issuer's key, made once (RSA-3072, as `jianfu issuer-key new`).
pub fn issuer_key(root: &Path) -> Result<jianfu_inbox::issuer::IssuerKeyFile> {
    let path = issuer_key_path(root);
    if !path.exists() {
        std::fs::create_dir_all(root.join(".demo"))?;
        let key = jianfu_inbox::issuer::IssuerKeyFile::generate(INVITED_ID, 3072)
            .map_err(|e| anyhow::anyhow!("demo issuer key: {e}"))?;
        let text = key
            .to_json()
            .map_err(|e| anyhow::anyhow!("demo issuer key: {e}"))?;
        create_once(&path, format!("{text}\n").as_bytes())?;
    }
    jianfu_inbox::issuer::IssuerKeyFile::from_json(&std::fs::read_to_string(&path)?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// The demo token survey's id.
const INVITED_ID: &str = "2026-autumn-invited";

/// Writes the demo feed (pointing at the demo inbox and key) and the demo
/// survey (open from a month ago to a month ahead); returns the feed's path
/// relative to dist.
pub fn write_demo(root: &Path, dist: &Path) -> Result<String> {
    let template: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("web/demo/g4c2.template.json"))
            .context("reading web/demo/g4c2.template.json")?,
    )?;
    let today = school_today()?;
    let mut survey: Value = serde_json::from_str(&std::fs::read_to_string(
        root.join("web/demo/surveys/2026-autumn.template.json"),
    )?)?;
    survey["opens"] = json!(today.add_days(-30).to_string());
    survey["closes"] = json!(today.add_days(30).to_string());
    if let Err(p) = jianfu_core::Survey::from_value(&survey) {
        bail!("the demo survey is invalid:\n{p}");
    }
    std::fs::create_dir_all(dist.join("demo/surveys"))?;
    std::fs::write(dist.join(SURVEY), serde_json::to_vec_pretty(&survey)?)?;
    // The same questions as a token survey, with the demo issuer's key.
    let mut invited = survey.clone();
    invited["id"] = json!(INVITED_ID);
    invited["title"] = json!({
        "zh-CN": "受邀家长问卷（2026秋，凭邀请码）",
        "en": "Invited parents' survey (autumn 2026, by invitation code)"
    });
    if let (Some(o), Value::Object(extra)) = (
        invited.as_object_mut(),
        issuer_key(root)?.survey_fields("/inbox/issue"),
    ) {
        o.extend(extra);
    }
    if let Err(p) = jianfu_core::Survey::from_value(&invited) {
        bail!("the demo token survey is invalid:\n{p}");
    }
    std::fs::write(
        dist.join(INVITED_SURVEY),
        serde_json::to_vec_pretty(&invited)?,
    )?;
    let feed = expand(&template, today.add_days(-14), today.add_days(7))?;
    let rel = "demo/feeds/g4c2.json";
    std::fs::create_dir_all(dist.join("demo/feeds"))?;
    // Compact, as a school's server would send it: it is part of the first
    // visit's bytes (pretty-printed it was 140 bytes more gzip).
    std::fs::write(dist.join(rel), serde_json::to_vec(&feed)?)?;
    // A second class (grade 8) for the embed demo's second widget.
    let g8: Value = serde_json::from_str(&std::fs::read_to_string(
        root.join("web/demo/g8c3.template.json"),
    )?)?;
    let g8 = expand(&g8, today.add_days(-14), today.add_days(7))?;
    std::fs::write(
        dist.join("demo/feeds/g8c3.json"),
        serde_json::to_vec_pretty(&g8)?,
    )?;
    Ok(rel.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// Two bench servers (or any number) making the demo inbox's token at
    /// the same moment all get the same whole token.
    #[test]
    fn concurrent_makers_of_the_admin_token_agree() {
        let dir = std::env::temp_dir().join(format!("jianfu-token-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let start = std::sync::Arc::new(std::sync::Barrier::new(8));
        let makers: Vec<_> = (0..8)
            .map(|_| {
                let (dir, start) = (dir.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    super::admin_token(&dir)
                })
            })
            .collect();
        let tokens: Vec<String> = makers
            .into_iter()
            .map(|m| m.join().unwrap().unwrap())
            .collect();
        assert_eq!(tokens[0].len(), 43, "32 bytes, base64url");
        assert!(tokens.iter().all(|t| t == &tokens[0]), "{tokens:?}");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
