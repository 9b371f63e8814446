//! The pages' figures: the site and the counter served, the browser runs
//! and Lighthouse, and their rows of the table beside the counter's.

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::data::district;
use super::save;

/// Builds the app and the counter, serves both on loopback, and runs the
/// browser benchmarks and Lighthouse against each.
pub(crate) fn web_bench(root: &Path) -> Result<serde_json::Value> {
    let site = crate::build::build(root)?;
    let (counter_dir, counter_bytes) = super::web::counter_site(root, &site.dir)?;
    let data = root.join("target/bench/data");
    std::fs::create_dir_all(&data)?;
    let db = data.join("web-inbox.sqlite");
    let app = format!("http://{}/", crate::serve::spawn(&site.dir, 0, &db)?);
    let counter = format!("http://{}/", crate::serve::spawn(&counter_dir, 0, &db)?);
    let logs = super::web::year_logs(&data.join("logs"), crate::demo::school_today()?)?;
    eprintln!("xtask bench: browser runs (emulated phone, 5 runs each; a few minutes)");
    let feeds_dir = data.join("feeds");
    district(&feeds_dir)?;
    let browser = super::web::browser(root, &app, &counter, &logs, &feeds_dir)?;
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
        super::web::lighthouse(root, &app),
        super::web::lighthouse(root, &counter),
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
pub(crate) fn web_row(name: &str, app: Option<f64>, counter: Option<f64>, unit: &str, goal: &str) {
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
pub(crate) const WEB_ROWS: &[(&str, &str, &str, &str, &str)] = &[
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
pub(crate) fn print_web(web: &serde_json::Value) {
    println!(
        "\n{:<46} {:>12} {:>12} {:>8}  goal",
        "web (median of runs; emulated phone)", "Jianfu", "counter", "ratio"
    );
    let get = |ptr: &str| web.pointer(ptr).and_then(serde_json::Value::as_f64);
    for (name, app, counter, unit, goal) in WEB_ROWS {
        web_row(name, get(app), get(counter), unit, goal);
    }
}
