//! The demo class feed, dated around the build date so that "today" always
//! has homework (see web/demo/README.md).

use std::path::Path;
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
pub(crate) fn school_today() -> Result<Date> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    Ok(TimeZone::SHANGHAI.date_of(Instant::from_unix(i64::try_from(secs)?, 0)))
}

/// Expands `web/demo/g4c2.template.json` into a feed covering
/// `from..=to` and checks it with jianfu-core.
pub(crate) fn expand(template: &Value, from: Date, to: Date) -> Result<Value> {
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

/// Writes `dist/demo/feeds/g4c2.json`; returns its path relative to dist.
pub(crate) fn write_demo(root: &Path, dist: &Path) -> Result<String> {
    let template: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("web/demo/g4c2.template.json"))
            .context("reading web/demo/g4c2.template.json")?,
    )?;
    let today = school_today()?;
    let feed = expand(&template, today.add_days(-14), today.add_days(7))?;
    let rel = "demo/feeds/g4c2.json";
    std::fs::create_dir_all(dist.join("demo/feeds"))?;
    std::fs::write(dist.join(rel), serde_json::to_vec_pretty(&feed)?)?;
    Ok(rel.to_owned())
}
