//! `cargo xtask serve`: serves `dist/` on loopback with correct MIME types
//! (`application/wasm`), precompressed files, cache headers that suit the
//! content-hashed names, and the security headers of the production site.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::ServeDir;

/// The Content-Security-Policy of every page: scripts only from this origin
/// (wasm compilation allowed) and the one inline script of the app's page
/// by its hash (a test below checks it is that script's), no inline style, no plugins, no
/// framing. Feeds may live on a school's HTTPS portal, hence `connect-src`.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
     'sha256-mbWStZb7VwJGe3EDMqq5+Xo6yMd64kA4L1cqZXeUy8I='; \
     style-src 'self'; img-src 'self' data:; connect-src 'self' https:; object-src 'none'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The bureau desk's: the same, but it connects to its own origin only (its
/// inbox, the feeds the bureau mirrors there). The desk holds the bureau's
/// private key in memory; a script that got in must have nowhere to send
/// it (issue #26). A bureau that reads feeds from schools' hosts adds
/// exactly those hosts (docs/deploy.md).
pub(crate) const DESK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The policy of the page or file at `path`.
fn csp_for(path: &str) -> &'static str {
    if path == "/bureau" || path.starts_with("/bureau/") {
        DESK_CSP
    } else {
        CSP
    }
}

async fn headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, header::CONTENT_SECURITY_POLICY, csp_for(&path));
    // What a production origin sends (browsers ignore HSTS over plain http,
    // so the loopback demo is unaffected): https only for a year, and no
    // other window keeps a handle on the app's (a report being written).
    set(
        h,
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=31536000; includeSubDomains",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    );
    // Files under /app/ and each front-end page's /<name>/app/ carry a
    // content hash in their name: cache for ever.
    // Everything else (index.html, feeds) must be revalidated.
    let hashed = path.starts_with("/app/")
        || crate::build::FRONT_ENDS
            .iter()
            .any(|p| path.starts_with(&format!("/{}/app/", p.name)));
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    // What a response says of itself stands: the inbox's exports are
    // `no-store` (survey answers must not stay in the desk's disk cache);
    // this layer once rewrote that into `no-cache`.
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, cache);
    }
    // Static files come as brotli, gzip or identity by Accept-Encoding;
    // caches between must keep them apart.
    if !path.starts_with("/inbox/") {
        set(h, header::VARY, "accept-encoding");
    }
    res
}

fn router(site: &Path, inbox: Router) -> Router {
    let files = ServeDir::new(site)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    Router::new()
        .nest("/inbox", inbox)
        .fallback_service(files)
        .layer(middleware::from_fn(headers))
}

/// The demo inbox: the same server as `jianfu inbox`, with the demo
/// surveys, storing into `db`, its export routes behind the demo admin
/// token (`.demo/admin-token` beside the store, made on first use), and
/// issuing the demo token survey's tokens (`POST /inbox/issue`) from the
/// demo issuer key into `issuer.sqlite` beside the store.
pub(crate) fn demo_inbox(site: &Path, db: &Path) -> Result<Router> {
    let read = |rel: &str| -> Result<jianfu_core::Survey> {
        jianfu_core::Survey::parse(&std::fs::read_to_string(site.join(rel))?)
            .map_err(|p| anyhow::anyhow!("demo survey {rel}: {p}"))
    };
    let surveys = vec![
        read(crate::demo::SURVEY)?,
        read(crate::demo::INVITED_SURVEY)?,
    ];
    let dir = db.parent().unwrap_or(Path::new("."));
    let token = crate::demo::admin_token(dir)?;
    let key = crate::demo::issuer_key(&crate::project_root())?;
    jianfu_inbox::server::router(jianfu_inbox::server::Config {
        db: db.to_path_buf(),
        surveys,
        allow_origins: Vec::new(),
        admin_token: Some(token),
        issuer: Some(jianfu_inbox::server::IssuerConfig {
            keys: vec![key],
            db: dir.join("issuer.sqlite"),
        }),
        // The demo serves tests and benches from one machine: the limits
        // are the inbox's business, tested against `jianfu inbox` itself.
        // (Its requests carry no peer address, so no per-source budget.)
        rates: jianfu_inbox::limit::Rates {
            global: 1_000_000.0,
            reports_per_minute: 1_000_000.0,
            ..jianfu_inbox::limit::Rates::default()
        },
        trust_proxy: Vec::new(),
    })
    .map_err(|e| anyhow::anyhow!(e))
}

/// Binds `127.0.0.1:port` (0: any free port) and serves `site` from a
/// background thread; returns the bound address. The thread lives as long
/// as the process.
pub(crate) fn spawn(site: &Path, port: u16, inbox_db: &Path) -> Result<SocketAddr> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let site: PathBuf = site.to_path_buf();
    let inbox_db = inbox_db.to_path_buf();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build();
        let result = rt.map_err(anyhow::Error::from).and_then(|rt| {
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                let inbox = demo_inbox(&site, &inbox_db)?;
                axum::serve(listener, router(&site, inbox)).await?;
                Ok(())
            })
        });
        if let Err(e) = result {
            eprintln!("xtask: server stopped: {e:#}");
        }
    });
    Ok(addr)
}

/// Starts serving `site` with the demo inbox on `port`, in the background.
pub(crate) fn start(root: &Path, site: &Path, port: u16) -> Result<()> {
    let db = root.join(".demo/inbox.sqlite");
    let addr = spawn(site, port, &db)?;
    eprintln!("xtask: serving http://{addr}/ (Ctrl-C to stop)");
    eprintln!(
        "xtask: the demo inbox stores into {} (read it with the commands in README.md)",
        db.display()
    );
    Ok(())
}

/// Serves until the process is stopped (Ctrl-C): the page is up as soon
/// as the site's files are written; the compressed copies follow.
pub(crate) fn serve_forever(root: &Path, port: u16) -> Result<()> {
    crate::build::build_then(root, crate::build::Mode::Release, |site| {
        start(root, site, port)
    })?;
    eprintln!("xtask: compressed copies written; still serving (Ctrl-C to stop)");
    loop {
        std::thread::park();
    }
}

/// `serve --dev`: the edit loop. Builds in [`build::Mode::Dev`], serves,
/// and rebuilds whenever a source the site is made of changes (polled
/// every 300 ms: no watcher dependency, and editors that replace files
/// are seen too), printing how long each rebuild took.
pub(crate) fn serve_dev(root: &Path, port: u16) -> Result<()> {
    let site = crate::build::build_as(root, crate::build::Mode::Dev)?;
    let watched = root.to_path_buf();
    std::thread::spawn(move || rebuild_on_change(&watched));
    eprintln!(
        "xtask: --dev: unoptimized wasm, no service worker; edits under crates/ and web/ rebuild in seconds"
    );
    start(root, &site.dir, port)?;
    loop {
        std::thread::park();
    }
}

/// Modification times of everything the site is built from.
fn sources(root: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut out = Vec::new();
    for dir in [
        "crates/core/src",
        "crates/web/src",
        "crates/app/src",
        "crates/school/src",
        "crates/bureau/src",
        "crates/ui/src",
        "web",
    ] {
        for path in crate::build::walk(&root.join(dir)).unwrap_or_default() {
            if let Ok(t) = path.metadata().and_then(|m| m.modified()) {
                out.push((path, t));
            }
        }
    }
    out
}

fn rebuild_on_change(root: &Path) {
    let mut seen = sources(root);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let now = sources(root);
        if now == seen {
            continue;
        }
        let started = std::time::Instant::now();
        match crate::build::build_as(root, crate::build::Mode::Dev) {
            Ok(_) => eprintln!(
                "xtask: rebuilt in {:.1} s after a change; reload the page",
                started.elapsed().as_secs_f64()
            ),
            Err(e) => eprintln!(
                "xtask: rebuild failed (the last good build is gone from dist/ until the next): {e:#}"
            ),
        }
        seen = sources(root);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// The desk may connect to its own origin only; the app to schools'
    /// HTTPS portals too (feeds).
    #[test]
    fn the_desk_connects_to_its_own_origin_only() {
        for path in [
            "/bureau",
            "/bureau/",
            "/bureau/index.html",
            "/bureau/app/x.js",
        ] {
            assert!(
                super::csp_for(path).contains("connect-src 'self';"),
                "{path}"
            );
            assert!(!super::csp_for(path).contains("https:"), "{path}");
        }
        assert!(super::csp_for("/").contains("connect-src 'self' https:"));
        assert!(super::csp_for("/school/").contains("connect-src 'self' https:"));
    }

    /// The inbox's `no-store` on its exports reaches the browser as it is.
    #[test]
    fn a_response_s_own_cache_control_stands() {
        use tower::ServiceExt;
        let inbox = axum::Router::new().route(
            "/export/x",
            axum::routing::get(|| async {
                ([(axum::http::header::CACHE_CONTROL, "no-store")], "x")
            }),
        );
        let dir = tempfile::tempdir().unwrap();
        let app = super::router(dir.path(), inbox);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let res = rt
            .block_on(
                app.oneshot(
                    axum::http::Request::get("/inbox/export/x")
                        .body(axum::body::Body::empty())
                        .unwrap(),
                ),
            )
            .unwrap();
        assert_eq!(res.headers()[axum::http::header::CACHE_CONTROL], "no-store");
    }

    /// The CSP allows the app page's one inline script by its SHA-256: the
    /// hash must be that of the script as written, or the browser refuses
    /// it and a returning parent sees the welcome screen flash.
    #[test]
    fn the_csp_allows_the_inline_script_of_index_html() {
        use sha2::Digest;
        let page = std::fs::read_to_string(crate::project_root().join("web/index.html")).unwrap();
        // Every `<script …>` without a `src`: its text, after the tag.
        let inline: Vec<&str> = page
            .split("<script")
            .skip(1)
            .filter_map(|rest| {
                let (tag, body) = rest.split_once('>').unwrap();
                (!tag.contains("src=")).then(|| body.split("</script>").next().unwrap())
            })
            .collect();
        assert_eq!(inline.len(), 1, "one inline script");
        let hash = crate::b64_std(&sha2::Sha256::digest(inline[0].as_bytes()));
        assert!(
            super::CSP.contains(&format!("'sha256-{hash}'")),
            "CSP lacks 'sha256-{hash}'"
        );
    }
}
