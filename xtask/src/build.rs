//! `cargo xtask build`: the whole site into `dist/`.
//!
//! 1. the app's four modules for wasm32 in the size-tuned `wasm-release`
//!    profile: the app (what a returning parent's page starts), its welcome
//!    build (what a first visit starts, `jianfu_app::WELCOME`), the lazily
//!    loaded screens and the widget, each built with only its entry point's
//!    features;
//! 2. wasm-bindgen at exactly the crate's version, `--target web`;
//! 3. `wasm-opt -Oz` (npm's binaryen) when available, said when not;
//! 4. `web/` copied, file names of the app's assets content-hashed (so they
//!    can be cached for ever), `index.html` filled in, the demo feed written;
//! 5. a gzip copy of every compressible file, and a table of sizes.
//!
//! Step 1 is skipped for a module when nothing it is compiled from changed
//! (its wasm is kept under `target/site-build/raw/`, keyed by a hash of the
//! sources, manifests, toolchain and flags), and steps 2–3 when the wasm
//! from cargo has not changed since the last build (their output is kept
//! under `target/site-build/`): a second `serve` with no edit starts in a
//! second.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::{demo, run_cmd, show, tools};

/// How the site is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// What CI measures and a deployment ships: `wasm-release` (LTO,
    /// size-tuned, the pinned nightly's `build-std`), wasm-opt, terser,
    /// Zopfli and brotli.
    Release,
    /// `serve --dev`'s edit loop: the `wasm-dev` profile (incremental, no
    /// LTO) on the default toolchain, the three modules compiled side by
    /// side, no wasm-opt, no minifying, no compression. Bigger bytes, in
    /// seconds after a one-line change; never what is measured.
    Dev,
}

/// The built site.
pub(crate) struct Site {
    /// `dist/`
    pub(crate) dir: PathBuf,
    /// What a first visit downloads before today's homework shows.
    pub(crate) first_visit: Sizes,
    /// What a returning parent's page downloads before today's homework
    /// shows: the same with the app module instead of the welcome build.
    pub(crate) returning: Sizes,
    /// What a first visit of each front-end page downloads (its HTML,
    /// boot, styles and module), by the page's name (release builds only).
    pub(crate) pages: Vec<(&'static str, Sizes)>,
}

/// Byte counts of a set of files: as stored, and as sent gzip- or
/// brotli-encoded.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sizes {
    pub(crate) raw: u64,
    pub(crate) gzip: u64,
    pub(crate) brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// FNV-1a, 64 bit: a content hash for cache-busting file names, not security.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")[..10].to_owned()
}

pub(crate) fn build(root: &Path) -> Result<Site> {
    build_as(root, Mode::Release)
}

/// [`build`] in either [`Mode`].
pub(crate) fn build_as(root: &Path, mode: Mode) -> Result<Site> {
    build_then(root, mode, |_| Ok(()))
}

/// [`build_as`], calling `ready` with `dist/` as soon as every file is in
/// place and before the compressed copies are written: `serve` answers
/// from then on (uncompressed until each `.br`/`.gz` lands, written aside
/// and renamed into place), since Zopfli and brotli-11 are the longest
/// stage of a first build on a bare machine and hold nothing up.
pub(crate) fn build_then(
    root: &Path,
    mode: Mode,
    ready: impl FnOnce(&Path) -> Result<()>,
) -> Result<Site> {
    let started = std::time::Instant::now();
    let mut laps = crate::Laps::new(); // each stage's wall time, printed at the end
    let modules = match mode {
        Mode::Release => build_modules(root, &mut laps)?,
        Mode::Dev => build_dev_modules(root, &mut laps)?,
    };
    // The app's four modules, then one per front-end page.
    let mut modules = modules.into_iter();
    let mut next = || modules.next().context("a module is missing");
    let (app_module, welcome_module, more_module, (widget_glue, widget_wasm)) =
        (next()?, next()?, next()?, next()?);
    let pages = FRONT_ENDS
        .into_iter()
        .map(|page| Ok((page, next()?)))
        .collect::<Result<Vec<_>>>()?;

    let dist = root.join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).context("clearing dist/")?;
    }
    std::fs::create_dir_all(dist.join("app"))?;

    let app = write_app(
        root,
        mode,
        &dist,
        [&app_module, &welcome_module, &more_module],
    )?;
    copy_static(&root.join("web"), &dist, true)?;
    render_icons(root, &dist)?;
    write_widget(root, &dist, &widget_glue, &widget_wasm)?;
    write_service_worker(
        root,
        mode,
        &dist,
        &[
            &app.css,
            &app.boot,
            &app.js,
            &app.wasm,
            &app.welcome_js,
            &app.welcome_wasm,
            &app.more_js,
            &app.more_wasm,
            &app.more_css,
        ],
    )?;
    let page_files = pages
        .iter()
        .map(|(page, (glue, wasm))| {
            Ok((
                *page,
                write_front_end(root, mode, &dist, *page, glue, wasm)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let feed = demo::write_demo(root, &dist)?;
    laps.lap("site files, icons, widget, school and bureau pages, demo");

    ready(&dist)?;
    if mode == Mode::Release {
        compress_all(&dist)?;
        laps.lap("gzip (Zopfli) and brotli, cached by content");
    }
    let site = match mode {
        Mode::Release => release_sizes(&dist, app, feed, &page_files)?,
        Mode::Dev => Site {
            dir: dist,
            first_visit: Sizes::default(),
            returning: Sizes::default(),
            pages: Vec::new(),
        },
    };
    laps.print("build stages (wall time)");
    eprintln!(
        "xtask: built dist/ in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(site)
}

/// Prints and returns what a first visit and a returning parent's page
/// download, and each front-end page's first visit (sizes matter only for
/// the bytes that ship). A first visit (no child yet) starts the welcome
/// build; a returning parent's page the app module. The demo feed counts in
/// both: a new parent's page asks for it once the child is added.
fn release_sizes(
    dist: &Path,
    app: AppFiles,
    feed: String,
    page_files: &[(FrontEnd, Vec<String>)],
) -> Result<Site> {
    let shared = ["index.html".to_owned(), app.css, app.boot, feed];
    let first_visit: Vec<String> = shared
        .iter()
        .cloned()
        .chain([app.welcome_js, app.welcome_wasm])
        .collect();
    let returning: Vec<String> = shared.into_iter().chain([app.js, app.wasm]).collect();
    print_sizes(dist, &first_visit)?;
    let sizes = (
        total_size(dist, &first_visit)?,
        total_size(dist, &returning)?,
    );
    print_total(
        "first visit total",
        sizes.0,
        "* downloaded by a first visit: the welcome build, and the feed it asks for once a child is added",
    );
    print_total(
        "returning parent total",
        sizes.1,
        "a returning parent's page: the app module instead of the welcome build",
    );
    let pages = page_files
        .iter()
        .map(|(page, files)| Ok((page.name, print_page_size(dist, *page, files)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Site {
        dir: dist.to_path_buf(),
        first_visit: sizes.0,
        returning: sizes.1,
        pages,
    })
}

/// The three modules' (glue, wasm), compiled, bound and optimized one after
/// the other (each build writes the same `jianfu_app.wasm`).
fn build_modules(root: &Path, laps: &mut crate::Laps) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut modules = Vec::new();
    for (feature, compile, optimize) in [
        ("app", "compile the app module", "bindgen + wasm-opt: app"),
        (
            "app,welcome",
            "compile the welcome module",
            "bindgen + wasm-opt: welcome",
        ),
        (
            "more",
            "compile the second module",
            "bindgen + wasm-opt: second",
        ),
        ("widget", "compile the widget", "bindgen + wasm-opt: widget"),
    ] {
        let raw_wasm = build_wasm(root, "jianfu-app", Some(feature), "wasm-release")?;
        laps.lap(compile);
        // The two modules a page starts with are where each byte counts.
        let effort = if feature.starts_with("app") {
            Effort::Converge
        } else {
            Effort::Once
        };
        modules.push(bindgen_and_optimize(root, &raw_wasm, effort)?);
        laps.lap(optimize);
    }
    for page in FRONT_ENDS {
        let raw_wasm = build_wasm(root, page.package, None, page.profile)?;
        laps.lap(format!("compile the {}", page.title));
        modules.push(bindgen_and_optimize(root, &raw_wasm, Effort::Once)?);
        laps.lap(format!("bindgen + wasm-opt: {}", page.title));
    }
    Ok(modules)
}

/// The app's modules in [`Mode::Dev`]: compiled at once, each in its own
/// target directory (one cargo per directory at a time), then bound
/// without optimizing.
fn build_dev_modules(root: &Path, laps: &mut crate::Laps) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let raw = std::thread::scope(|scope| {
        let jobs: Vec<_> = [
            ("jianfu-app", "app"),
            ("jianfu-app", "more"),
            ("jianfu-app", "widget"),
        ]
        .into_iter()
        .chain(FRONT_ENDS.iter().map(|p| (p.package, p.name)))
        .map(|(package, module)| scope.spawn(move || build_dev_wasm(root, package, module)))
        .collect();
        jobs.into_iter()
            .map(|j| {
                j.join()
                    .map_err(|_| anyhow::anyhow!("a compile thread panicked"))?
            })
            .collect::<Result<Vec<_>>>()
    })?;
    laps.lap("compile the modules (wasm-dev, side by side)");
    let mut bound = raw
        .iter()
        .map(|wasm| bind(root, wasm))
        .collect::<Result<Vec<_>>>()?;
    // No welcome build in the edit loop: a fourth crate compiling side by
    // side took a one-line change from 5 s to 13 s on 2 cores. The app
    // module stands in for it (it has the welcome screen, and never hands
    // over); the release build, which the tests run, has the real one.
    let app = bound.first().context("the app module is missing")?.clone();
    bound.insert(1, app);
    laps.lap("bindgen (no wasm-opt)");
    Ok(bound)
}

/// One module in the `wasm-dev` profile on the default toolchain: the
/// app's `module` feature, or the whole of another package.
fn build_dev_wasm(root: &Path, package: &str, module: &str) -> Result<PathBuf> {
    let target_dir = root.join("target/dev").join(module.replace(',', "+"));
    let mut cmd = crate::cargo();
    cmd.args(["build", "--quiet", "--package", package, "--lib"])
        .args([
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-dev",
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root);
    if package == "jianfu-app" {
        cmd.args(["--no-default-features", "--features", module]);
    }
    run_cmd(&mut cmd)?;
    Ok(target_dir.join(format!(
        "wasm32-unknown-unknown/wasm-dev/{}.wasm",
        package.replace('-', "_")
    )))
}

/// wasm-bindgen alone.
fn bind(root: &Path, raw_wasm: &Path) -> Result<(Vec<u8>, Vec<u8>)> {
    let out = root.join("target/dev/bound");
    run_bindgen(root, raw_wasm, &out)?;
    let stem = raw_wasm
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the wasm file has no name")?;
    Ok((
        std::fs::read(out.join(format!("{stem}.js")))?,
        std::fs::read(out.join(format!("{stem}_bg.wasm")))?,
    ))
}

/// Fills web/sw.js's precache list (the shell's URLs) and its version (a
/// hash of their hashes), so a new build is a new worker.
fn write_service_worker(root: &Path, mode: Mode, dist: &Path, hashed: &[&str]) -> Result<()> {
    if mode == Mode::Dev {
        // The edit loop wants every reload to show the last build: a worker
        // that takes over and removes itself (and so any older worker and
        // its cache-first shell). Offline use is for release builds.
        std::fs::write(
            dist.join("sw.js"),
            "// serve --dev: no offline shell, so each reload shows the latest build.\n\
             self.addEventListener(\"install\", () => self.skipWaiting());\n\
             self.addEventListener(\"activate\", (e) => e.waitUntil(\n\
             caches.keys().then((ks) => Promise.all(ks.map((k) => caches.delete(k))))\n\
             .then(() => self.registration.unregister())));\n",
        )?;
        return Ok(());
    }
    let mut urls: Vec<String> = vec![
        "/".to_owned(),
        "/icon.svg".to_owned(),
        "/icons.svg".to_owned(),
        "/manifest.webmanifest".to_owned(),
    ];
    urls.extend(ICONS.iter().map(|(_, name, _)| format!("/icons/{name}")));
    urls.extend(hashed.iter().map(|n| format!("/{n}")));
    // The unhashed files the shell serves from its cache: a change to any
    // of them is a new version of the worker.
    let index = std::fs::read(dist.join("index.html"))?;
    let sprite = std::fs::read(dist.join("icons.svg"))?;
    let version = content_hash(
        format!(
            "{}{}{}",
            urls.join(","),
            content_hash(&index),
            content_hash(&sprite)
        )
        .as_bytes(),
    );
    let sw = std::fs::read_to_string(root.join("web/sw.js"))?
        .replace("%VERSION%", &version)
        .replace("%PRECACHE%", &serde_json::to_string(&urls)?);
    std::fs::write(dist.join("sw.js"), sw)?;
    Ok(())
}

/// The parent app's hashed files, relative to `dist/`.
struct AppFiles {
    css: String,
    boot: String,
    js: String,
    wasm: String,
    /// The welcome build (`jianfu_app::WELCOME`): a first visit's module.
    welcome_js: String,
    welcome_wasm: String,
    more_js: String,
    more_wasm: String,
    /// The second module's styles, loaded with it (`web/more.css`).
    more_css: String,
}

/// The parent app's page, styles, boot script and two modules (the glue
/// loads each wasm by the URL boot.js passes).
fn write_app(
    root: &Path,
    mode: Mode,
    dist: &Path,
    [
        (glue, wasm),
        (welcome_glue, welcome_wasm),
        (more_glue, more_wasm),
    ]: [&(Vec<u8>, Vec<u8>); 3],
) -> Result<AppFiles> {
    let wasm_name = write_hashed(dist, "app/jianfu_app_bg", "wasm", wasm)?;
    let js_name = write_hashed(dist, "app/jianfu_app", "js", glue)?;
    let welcome_wasm_name = write_hashed(dist, "app/jianfu_welcome_bg", "wasm", welcome_wasm)?;
    let welcome_js_name = write_hashed(dist, "app/jianfu_welcome", "js", welcome_glue)?;
    let more_wasm_name = write_hashed(dist, "app/jianfu_more_bg", "wasm", more_wasm)?;
    let more_js_name = write_hashed(dist, "app/jianfu_more", "js", more_glue)?;
    let css_name = write_hashed(
        dist,
        "app/app",
        "css",
        css(mode, std::fs::read_to_string(root.join("web/app.css"))?).as_bytes(),
    )?;
    // The lazily loaded screens' styles come with their module, not in the
    // first visit (`__jianfuMore` in web/boot.js waits for both).
    let more_css_name = write_hashed(
        dist,
        "app/more",
        "css",
        css(mode, std::fs::read_to_string(root.join("web/more.css"))?).as_bytes(),
    )?;
    let boot = boot_script(
        root,
        mode,
        &[
            ("%APP_JS%", file_name(&js_name)),
            ("%APP_WASM%", file_name(&wasm_name)),
            ("%WELCOME_JS%", file_name(&welcome_js_name)),
            ("%WELCOME_WASM%", file_name(&welcome_wasm_name)),
            ("%MORE_JS%", file_name(&more_js_name)),
            ("%MORE_WASM%", file_name(&more_wasm_name)),
            ("%MORE_CSS%", file_name(&more_css_name)),
        ],
    )?;
    let boot_name = write_hashed(dist, "app/boot", "js", &boot)?;
    write_page(
        &root.join("web/index.html"),
        &dist.join("index.html"),
        &[
            ("%APP_WASM%", &wasm_name),
            ("%APP_JS%", &js_name),
            ("%WELCOME_WASM%", &welcome_wasm_name),
            ("%WELCOME_JS%", &welcome_js_name),
            ("%APP_CSS%", &css_name),
            ("%BOOT_JS%", &boot_name),
        ],
    )?;

    Ok(AppFiles {
        css: css_name,
        boot: boot_name,
        js: js_name,
        wasm: wasm_name,
        welcome_js: welcome_js_name,
        welcome_wasm: welcome_wasm_name,
        more_js: more_js_name,
        more_wasm: more_wasm_name,
        more_css: more_css_name,
    })
}

/// A front-end page of its own (the school studio, the bureau's desk):
/// the folder it is served at under `dist/` and in `web/`, and the Rust
/// module name wasm-bindgen gives its files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FrontEnd {
    /// `school` → served at `/school/`, sources in `web/school/`.
    pub(crate) name: &'static str,
    /// `jianfu_school` → `jianfu_school.[hash].js`.
    pub(crate) module: &'static str,
    /// The cargo package.
    pub(crate) package: &'static str,
    /// How the build's stage table names it.
    pub(crate) title: &'static str,
    /// The cargo profile it is compiled with (`wasm-release`, size first;
    /// `wasm-speed` where the page computes over large inputs).
    pub(crate) profile: &'static str,
    /// Its page's words (`web/front-end/index.html` is every page's HTML):
    /// the heading, also the title with `title_en` after it…
    pub(crate) heading: &'static str,
    pub(crate) title_en: &'static str,
    /// …the search engines' description, and the line shown without
    /// JavaScript.
    pub(crate) description: &'static str,
    pub(crate) noscript: &'static str,
}

/// The front-end pages besides the parent app, in build order.
pub(crate) const FRONT_ENDS: [FrontEnd; 2] = [
    FrontEnd {
        name: "school",
        module: "jianfu_school",
        package: "jianfu-school",
        title: "school studio",
        profile: "wasm-release",
        heading: "减负 · 作业公示工作台",
        title_en: "Jianfu homework studio",
        description: "减负作业公示工作台：教师安排每周作业、按“双减”规定检查、发布并打印作业公示；年级组对照各班作业量。Jianfu homework studio for schools.",
        noscript: "作业公示工作台需要启用 JavaScript 和 WebAssembly。The studio needs JavaScript and WebAssembly.",
    },
    FrontEnd {
        name: "bureau",
        module: "jianfu_bureau",
        package: "jianfu-bureau",
        title: "bureau desk",
        profile: "wasm-speed",
        heading: "减负 · 教育局工作台",
        title_en: "Jianfu bureau desk",
        description: "减负教育局工作台：在本机解密并受理家长的匿名举报、查看问卷结果、计算作业监测报告。Jianfu bureau desk.",
        noscript: "教育局工作台需要启用 JavaScript 和 WebAssembly。The bureau desk needs JavaScript and WebAssembly.",
    },
];

/// A front-end page at `/<name>/`: its HTML, the shared boot script and
/// service worker of `web/front-end/` (scope `/<name>/`, apart from the
/// parent app's), the styles (the app's tokens and components, the shared
/// front-end layer, the page's own) and its module. Returns the files a
/// first visit of the page downloads, relative to `dist/`.
fn write_front_end(
    root: &Path,
    mode: Mode,
    dist: &Path,
    page: FrontEnd,
    glue: &[u8],
    wasm: &[u8],
) -> Result<Vec<String>> {
    let name = page.name;
    let web = root.join("web").join(name);
    let shared = root.join("web/front-end");
    std::fs::create_dir_all(dist.join(name).join("app"))?;
    let js = write_hashed(dist, &format!("{name}/app/{}", page.module), "js", glue)?;
    let wasm = write_hashed(
        dist,
        &format!("{name}/app/{}_bg", page.module),
        "wasm",
        wasm,
    )?;
    let own_css = web.join(format!("{name}.css"));
    let css = format!(
        "{}\n{}\n{}\n{}",
        std::fs::read_to_string(root.join("web/app.css"))?,
        std::fs::read_to_string(root.join("web/more.css"))?,
        std::fs::read_to_string(shared.join("front-end.css"))
            .context("reading web/front-end/front-end.css")?,
        std::fs::read_to_string(&own_css)
            .with_context(|| format!("reading {}", own_css.display()))?
    );
    let css = write_hashed(
        dist,
        &format!("{name}/app/{name}"),
        "css",
        self::css(mode, css).as_bytes(),
    )?;
    let boot = script_from(
        root,
        mode,
        &shared.join("boot.js"),
        &[
            ("%JS%", file_name(&js)),
            ("%WASM%", file_name(&wasm)),
            ("%NAME%", name),
        ],
    )?;
    let boot = write_hashed(dist, &format!("{name}/app/boot"), "js", &boot)?;
    let index = page_html(
        &std::fs::read_to_string(shared.join("index.html"))
            .context("reading web/front-end/index.html")?,
        page,
        &[
            ("%CSS%", &css),
            ("%BOOT%", &boot),
            ("%JS%", &js),
            ("%WASM%", &wasm),
        ],
    );
    std::fs::write(dist.join(name).join("index.html"), &index)?;
    let shell = [&css, &boot, &js, &wasm];
    let mut urls = vec![format!("/{name}/"), "/icon.svg".to_owned()];
    urls.extend(shell.iter().map(|n| format!("/{n}")));
    let sw = if mode == Mode::Dev {
        // As the app's: no offline shell in the edit loop.
        "self.addEventListener(\"install\", () => self.skipWaiting());\n\
         self.addEventListener(\"activate\", (e) => e.waitUntil(self.registration.unregister()));\n"
            .to_owned()
    } else {
        let version = content_hash(
            format!("{}{}", urls.join(","), content_hash(index.as_bytes())).as_bytes(),
        );
        std::fs::read_to_string(shared.join("sw.js"))?
            .replace("%NAME%", name)
            .replace("%VERSION%", &version)
            .replace("%PRECACHE%", &serde_json::to_string(&urls)?)
    };
    std::fs::write(dist.join(name).join("sw.js"), sw)?;
    Ok(vec![
        format!("{name}/index.html"),
        css.clone(),
        boot.clone(),
        js.clone(),
        wasm.clone(),
    ])
}

/// A front-end's page from the shared template: its words, then each file
/// placeholder replaced by its hashed file's absolute path. The words are
/// written into HTML, so they are escaped.
fn page_html(template: &str, page: FrontEnd, files: &[(&str, &String)]) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut html = template
        .replace("%NAME%", page.name)
        .replace("%HEADING%", &escape(page.heading))
        .replace("%TITLE_EN%", &escape(page.title_en))
        .replace("%DESCRIPTION%", &escape(page.description))
        .replace("%NOSCRIPT%", &escape(page.noscript));
    for (placeholder, file) in files {
        html = html.replace(placeholder, &format!("/{file}"));
    }
    html
}

/// Writes the HTML page `from` to `to` with each placeholder replaced by
/// its hashed file's absolute path; returns the page.
fn write_page(from: &Path, to: &Path, files: &[(&str, &String)]) -> Result<String> {
    let mut page =
        std::fs::read_to_string(from).with_context(|| format!("reading {}", from.display()))?;
    for (placeholder, file) in files {
        page = page.replace(placeholder, &format!("/{file}"));
    }
    // The source's comments are notes for developers, not bytes for a
    // parent's first visit.
    while let Some(start) = page.find("<!--") {
        let Some(len) = page[start..].find("-->") else {
            break;
        };
        let end = start + len + 3;
        let end = end + usize::from(page[end..].starts_with('\n'));
        page.replace_range(start..end, "");
    }
    std::fs::write(to, &page)?;
    Ok(page)
}

/// The widget's files, as a portal copies them: the glue and wasm under
/// fixed names, `jianfu.js` (`mount`), `jianfu-widget.js` (the element) and
/// the styles as a JS module for a constructable stylesheet. Written to
/// `dist/jianfu/` (served, used by the embed demo) and to `pkg/` (the npm
/// package; only its package.json and README are committed).
fn write_widget(root: &Path, dist: &Path, glue: &[u8], wasm: &[u8]) -> Result<()> {
    let css = format!(
        "{}\n{}\n{}",
        std::fs::read_to_string(root.join("web/app.css"))?,
        std::fs::read_to_string(root.join("web/more.css"))?,
        std::fs::read_to_string(root.join("web/widget/widget.css"))?
    );
    // `rem` inside a shadow root follows the *portal's* root font size; the
    // widget's own root sets 16px, so its copy of the styles uses `em`.
    let css = minify_css(&rem_to_em(&css));
    let styles = format!(
        "// Generated by cargo xtask build from web/app.css and web/widget/widget.css.\nexport default {};\n",
        serde_json::to_string(&css)?
    );
    let files: [(&str, Vec<u8>); 5] = [
        ("jianfu_app.js", glue.to_vec()),
        ("jianfu_app_bg.wasm", wasm.to_vec()),
        (
            "jianfu.js",
            std::fs::read(root.join("web/widget/jianfu.js"))?,
        ),
        (
            "jianfu-widget.js",
            std::fs::read(root.join("web/widget/jianfu-widget.js"))?,
        ),
        ("jianfu-styles.js", styles.into_bytes()),
    ];
    std::fs::create_dir_all(dist.join("jianfu"))?;
    for (name, bytes) in &files {
        std::fs::write(dist.join("jianfu").join(name), bytes)?;
        std::fs::write(root.join("pkg").join(name), bytes)?;
    }
    Ok(())
}

/// `1.5rem` → `1.5em` (a number followed by `rem`).
fn rem_to_em(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if css[i..].starts_with("rem") && i > 0 && bytes[i - 1].is_ascii_digit() {
            out.push_str("em");
            i += 3;
        } else {
            let c = css[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The PNG icons of the web app manifest: (source SVG, file, size).
const ICONS: [(&str, &str, u32); 3] = [
    ("icon.svg", "icon-192.png", 192),
    ("icon.svg", "icon-512.png", 512),
    ("icon-maskable.svg", "maskable-512.png", 512),
];

/// Renders the project's own SVG icons to the PNG sizes installers need.
fn render_icons(root: &Path, dist: &Path) -> Result<()> {
    std::fs::create_dir_all(dist.join("icons"))?;
    for (svg, name, size) in ICONS {
        let data = std::fs::read(root.join("web").join(svg))?;
        let tree = resvg::usvg::Tree::from_data(&data, &resvg::usvg::Options::default())
            .with_context(|| format!("web/{svg} is not a valid SVG"))?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).context("icon size")?;
        #[allow(clippy::cast_precision_loss)] // sizes are small
        let scale = size as f32 / tree.size().width();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let png = pixmap.encode_png().context("encoding the icon")?;
        std::fs::write(dist.join("icons").join(name), png)?;
    }
    Ok(())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Compiles `package` for the browser in `profile` (`wasm-release` or one
/// inheriting it) with
/// the standard library rebuilt for size (see [`tools::PINNED_NIGHTLY`]; on
/// stable without it when no nightly is installed),
/// into its own target directory so stable and nightly artefacts never mix.
/// With `feature`, only that feature of the package's is on. Returns the
/// raw wasm.
pub(crate) fn build_wasm(
    root: &Path,
    package: &str,
    feature: Option<&str>,
    profile: &str,
) -> Result<std::path::PathBuf> {
    let toolchain = tools::size_toolchain()?;
    // Nightly and stable artefacts never share a target directory.
    let target_dir = root.join(match toolchain {
        tools::SizeToolchain::Nightly(_) => "target/size",
        tools::SizeToolchain::Stable => "target/size-stable",
    });
    let name = match &toolchain {
        tools::SizeToolchain::Nightly(n) => n.as_str(),
        tools::SizeToolchain::Stable => "stable",
    };
    let mut cmd = Command::new("rustup");
    cmd.args(["run", name, "cargo", "build", "--package", package, "--lib"])
        .args(["--target", "wasm32-unknown-unknown", "--profile", profile])
        .args(
            feature
                .map(|f| vec!["--no-default-features", "--features", f])
                .unwrap_or_default(),
        )
        .arg("--target-dir")
        .arg(&target_dir);
    // RUSTFLAGS replaces `.cargo/config.toml`'s target flags, so the
    // getrandom backend is repeated here.
    match toolchain {
        tools::SizeToolchain::Nightly(_) => {
            cmd.args([
                "-Zbuild-std=std,panic_abort",
                "-Zbuild-std-features=optimize_for_size",
            ])
            .env(
                "RUSTFLAGS",
                "--cfg getrandom_backend=\"wasm_js\" -Zunstable-options -Cpanic=immediate-abort \
                 -Zlocation-detail=none",
            );
        }
        tools::SizeToolchain::Stable => {
            cmd.env("RUSTFLAGS", "--cfg getrandom_backend=\"wasm_js\"");
        }
    }
    cmd.env("JIANFU_BUREAUS", demo::bureaus_path(root))
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .current_dir(root);
    // The app's modules are one crate with four feature sets, and a
    // cdylib's output has no hash in its name: each build overwrites the
    // last and cargo links the crate again every time (12 s each here),
    // even when nothing changed. So each module's wasm is kept under a
    // key of everything the compile reads, and an unchanged module is not
    // compiled at all.
    let key = compile_key(root, &cmd, name)?;
    let kept = root
        .join("target/site-build/raw")
        .join(format!("{package}-{}-{key}.wasm", feature.unwrap_or("all")));
    if kept.exists() {
        eprintln!(
            "xtask: {package} ({}) unchanged since it was compiled, reusing its wasm",
            feature.unwrap_or("all features")
        );
        return Ok(kept);
    }
    run_cmd(&mut cmd)?;
    let built = target_dir.join(format!(
        "wasm32-unknown-unknown/{profile}/{}.wasm",
        package.replace('-', "_")
    ));
    // Kept only if no source changed while it compiled (else the key
    // would name bytes made from other sources).
    if compile_key(root, &cmd, name)? != key {
        return Ok(built);
    }
    std::fs::create_dir_all(root.join("target/site-build/raw"))?;
    std::fs::copy(&built, &kept)?;
    Ok(kept)
}

/// `rustc -Vv` of `toolchain`, asked once per run: every module's key
/// (before and after its compile) needs it, and each ask is a process.
fn compiler_version(toolchain: &str) -> Result<Vec<u8>> {
    static ASKED: std::sync::Mutex<Vec<(String, Vec<u8>)>> = std::sync::Mutex::new(Vec::new());
    let mut asked = ASKED
        .lock()
        .map_err(|_| anyhow::anyhow!("a build thread panicked"))?;
    if let Some((_, v)) = asked.iter().find(|(t, _)| t == toolchain) {
        return Ok(v.clone());
    }
    let version = Command::new("rustup")
        .args(["run", toolchain, "rustc", "-Vv"])
        .output()
        .context("asking the compiler its version")?
        .stdout;
    asked.push((toolchain.to_owned(), version.clone()));
    Ok(version)
}

/// A SHA-256 over what a browser compile reads: the command (toolchain,
/// profile, features, flags) and its environment, the compiler's own
/// version, the bureau directory compiled in, and every file of the
/// workspace's crates, manifests, lock file and cargo config.
fn compile_key(root: &Path, cmd: &Command, toolchain: &str) -> Result<String> {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(show(cmd).as_bytes());
    for (k, v) in cmd.get_envs() {
        field(k.as_encoded_bytes());
        field(v.map_or(&b""[..], |v| v.as_encoded_bytes()));
    }
    field(
        std::env::var("JIANFU_APP_URL")
            .unwrap_or_default()
            .as_bytes(),
    );
    field(&compiler_version(toolchain)?);
    field(&std::fs::read(demo::bureaus_path(root)).unwrap_or_default());
    let mut files = vec![
        root.join("Cargo.toml"),
        root.join("Cargo.lock"),
        root.join(".cargo/config.toml"),
    ];
    for dir in ["crates", "bench/counter"] {
        files.extend(walk(&root.join(dir))?);
    }
    for path in files {
        field(
            path.strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .as_bytes(),
        );
        field(&std::fs::read(&path).unwrap_or_default());
    }
    Ok(h.finalize()
        .iter()
        .take(12)
        .fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        }))
}

/// wasm-bindgen at the app's exact version, `--target web`, into a fresh `out`.
fn run_bindgen(root: &Path, raw_wasm: &Path, out: &Path) -> Result<()> {
    let bindgen = tools::wasm_bindgen(root)?;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    run_cmd(
        Command::new(&bindgen)
            .arg(raw_wasm)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(out),
    )
}

/// The features rustc's wasm32 target enables by default, for wasm-opt.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// How hard wasm-opt works on a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    /// `-Oz` once.
    Once,
    /// `-Oz --converge`: again until it stops shrinking. For the modules a
    /// page starts with (the app's and its welcome build): measured on the
    /// app module, −770 bytes gzip for +11 s of wasm-opt.
    Converge,
}

/// Runs wasm-bindgen and wasm-opt, or reuses their output for an unchanged input.
pub(crate) fn bindgen_and_optimize(
    root: &Path,
    raw_wasm: &Path,
    effort: Effort,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let stem = raw_wasm
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the wasm file has no name")?;
    let input =
        std::fs::read(raw_wasm).with_context(|| format!("reading {}", raw_wasm.display()))?;
    let wasm_opt = tools::wasm_opt(root);
    let key = format!(
        "{}-{}",
        content_hash(&input),
        if wasm_opt.is_some() { "opt" } else { "noopt" }
    );
    let terser = tools::terser(root);
    let key = format!("{key}-{}", if terser.is_some() { "min" } else { "nomin" });
    // Bumped when what happens to the output changes (v4: short names).
    let key = format!(
        "{key}-v4{}",
        if effort == Effort::Converge { "-c" } else { "" }
    );
    let cache = root.join("target/site-build").join(&key);
    let (glue_path, wasm_path) = (
        cache.join(format!("{stem}.js")),
        cache.join(format!("{stem}_bg.wasm")),
    );
    if glue_path.exists() && wasm_path.exists() {
        eprintln!("xtask: wasm unchanged, reusing bindgen/wasm-opt output ({key})");
        return Ok((std::fs::read(glue_path)?, std::fs::read(wasm_path)?));
    }
    let tmp = root.join("target/site-build/tmp");
    run_bindgen(root, raw_wasm, &tmp)?;
    let bg = tmp.join(format!("{stem}_bg.wasm"));
    if let Some(opt) = wasm_opt {
        let before = std::fs::metadata(&bg)?.len();
        run_cmd(
            Command::new(&opt)
                .arg(&bg)
                .args(["-Oz", "--strip-debug", "--strip-producers"])
                .args((effort == Effort::Converge).then_some("--converge"))
                .args(WASM_FEATURES)
                .arg("-o")
                .arg(&bg),
        )?;
        eprintln!(
            "xtask: wasm-opt -Oz: {} → {} bytes",
            before,
            std::fs::metadata(&bg)?.len()
        );
        shorten_names(&opt, &bg, &tmp.join(format!("{stem}.js")))?;
    } else {
        eprintln!(
            "xtask: wasm-opt not available (npm's binaryen in tests/node_modules): the wasm is not size-optimized; \
             run `npm ci` in tests/ or `cargo xtask test` once"
        );
    }
    let glue = tmp.join(format!("{stem}.js"));
    if let Some(terser) = terser {
        minify_module(&terser, &glue)?;
    }
    std::fs::create_dir_all(&cache)?;
    std::fs::rename(&glue, &glue_path)?;
    std::fs::rename(&bg, &wasm_path)?;
    Ok((std::fs::read(glue_path)?, std::fs::read(wasm_path)?))
}

/// Gives every import and export between the glue and the wasm a short
/// name (binaryen's `--minify-imports-and-exports`) and renames them in the
/// glue to match. wasm-bindgen names each import after its JS function plus
/// a 16-hex-digit hash (`__wbg_cloneNode_36b90700fd8dbbb0`) and each closure
/// shim after its full Rust type path (up to 300 characters), once in the
/// wasm and once in the glue, and hashes do not compress: the parent app's
/// first module has 187 imports. Measured there: wasm 181,488 → 178,551
/// bytes gzip, and the glue smaller too. Each renamed name is checked to be
/// gone from the glue afterwards; if the glue does not match what is
/// expected, the long names are kept and the build says so.
fn shorten_names(wasm_opt: &Path, wasm: &Path, glue: &Path) -> Result<()> {
    let short = wasm.with_extension("short.wasm");
    let out = Command::new(wasm_opt)
        .arg(wasm)
        .arg("--minify-imports-and-exports-and-modules")
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(&short)
        .output()
        .context("could not run wasm-opt --minify-imports-and-exports-and-modules")?;
    if !out.status.success() {
        anyhow::bail!(
            "wasm-opt --minify-imports-and-exports-and-modules failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let map: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("reading wasm-opt's map of minified names")?;
    let pairs = |key: &str, old: usize, new: usize| -> Vec<(String, String)> {
        map[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| Some((e[old].as_str()?.to_owned(), e[new].as_str()?.to_owned())))
            .collect()
    };
    let (imports, exports) = (pairs("imports", 1, 2), pairs("exports", 0, 1));
    let mut renamed = std::fs::read_to_string(glue)?;
    let mut ok = true;
    // Imports are the keys of the object the glue hands to the wasm
    // (`name: function(…)`), exports are read as `wasm.name`.
    for (old, new) in &imports {
        ok &= replace_token(&mut renamed, &format!("{old}:"), &format!("{new}:"));
    }
    // The module the imports come from gets a short name too: one module
    // in, one out, or the names are left as they were.
    let old_modules: std::collections::BTreeSet<String> =
        pairs("imports", 0, 1).into_iter().map(|(m, _)| m).collect();
    let new_modules = import_modules(&std::fs::read(&short)?)?;
    match (old_modules.len(), new_modules.as_slice()) {
        (1, [new]) => {
            let old = old_modules.first().map_or("", String::as_str);
            ok &= replace_token(&mut renamed, &format!("\"{old}\":"), &format!("\"{new}\":"));
        }
        (0, []) => {}
        _ => ok = false,
    }
    // Some exports the glue never reads (`__abort_handler`); the closure
    // shims' JS wrappers share their export's name, and terser shortens
    // those.
    for (old, new) in &exports {
        replace_token(&mut renamed, &format!("wasm.{old}"), &format!("wasm.{new}"));
    }
    // Nothing may still use an old name in another form (a quoted key, a
    // member read): the imports' names must all be gone, and every export
    // read through `wasm`.
    ok &= imports
        .iter()
        .all(|(old, _)| !renamed.contains(old.as_str()));
    ok &= exports.iter().all(|(old, _)| {
        !renamed.contains(&format!("wasm.{old}"))
            && !renamed.contains(&format!("\"{old}\""))
            && !renamed.contains(&format!("'{old}'"))
    });
    if !ok {
        eprintln!(
            "xtask: warning: {} does not use the wasm's names as expected; keeping the long names",
            glue.display()
        );
        std::fs::remove_file(&short)?;
        return Ok(());
    }
    std::fs::write(glue, renamed)?;
    std::fs::rename(&short, wasm)?;
    Ok(())
}

/// The distinct module names of a wasm file's imports, in order.
fn import_modules(wasm: &[u8]) -> Result<Vec<String>> {
    fn leb(b: &[u8], i: &mut usize) -> Result<u32> {
        let (mut value, mut shift) = (0u32, 0);
        loop {
            let byte = *b.get(*i).context("the wasm ends inside a number")?;
            *i += 1;
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }
    fn name(b: &[u8], i: &mut usize) -> Result<String> {
        let len = leb(b, i)? as usize;
        let bytes = b.get(*i..*i + len).context("the wasm ends inside a name")?;
        *i += len;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
    let mut i = 8;
    let mut modules: Vec<String> = Vec::new();
    while i < wasm.len() {
        let id = wasm[i];
        i += 1;
        let size = leb(wasm, &mut i)? as usize;
        let end = i + size;
        if id == 2 {
            let mut j = i;
            for _ in 0..leb(wasm, &mut j)? {
                let module = name(wasm, &mut j)?;
                name(wasm, &mut j)?;
                let kind = *wasm.get(j).context("the wasm ends inside an import")?;
                j += 1;
                match kind {
                    0 => {
                        leb(wasm, &mut j)?;
                    }
                    1 => {
                        j += 1; // the table's element type
                        let flags = leb(wasm, &mut j)?;
                        leb(wasm, &mut j)?;
                        if flags & 1 == 1 {
                            leb(wasm, &mut j)?;
                        }
                    }
                    2 => {
                        let flags = leb(wasm, &mut j)?;
                        leb(wasm, &mut j)?;
                        if flags & 1 == 1 {
                            leb(wasm, &mut j)?;
                        }
                    }
                    3 => j += 2,
                    other => anyhow::bail!("an import of unknown kind {other}"),
                }
                if !modules.contains(&module) {
                    modules.push(module);
                }
            }
            return Ok(modules);
        }
        i = end;
    }
    Ok(modules)
}

/// Replaces each occurrence of `from` that is not followed by another
/// identifier character; whether there was one.
fn replace_token(text: &mut String, from: &str, to: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut found = false;
    while let Some(i) = rest.find(from) {
        let after = &rest[i + from.len()..];
        let before_ok = !rest[..i].ends_with(ident);
        let whole = before_ok && (from.ends_with(':') || !after.starts_with(ident));
        out.push_str(&rest[..i]);
        out.push_str(if whole { to } else { from });
        found |= whole;
        rest = after;
    }
    out.push_str(rest);
    *text = out;
    found
}

/// Minifies an ES module in place with terser (no comments kept).
fn minify_module(terser: &Path, file: &Path) -> Result<()> {
    run_cmd(
        Command::new("node")
            .arg(terser)
            .arg(file)
            .args([
                "--module",
                "--compress",
                "--mangle",
                "--comments",
                "false",
                "-o",
            ])
            .arg(file),
    )
}

/// web/boot.js with the hashed names filled in, minified when terser is
/// there (its comments are for the people who read web/boot.js).
fn boot_script(root: &Path, mode: Mode, names: &[(&str, &str)]) -> Result<Vec<u8>> {
    script_from(root, mode, &root.join("web/boot.js"), names)
}

/// A page's boot script (`file`) with the hashed names filled in,
/// minified in release builds when terser is there.
fn script_from(root: &Path, mode: Mode, file: &Path, names: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut boot =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    for (placeholder, name) in names {
        boot = boot.replace(placeholder, name);
    }
    let Some(terser) = tools::terser(root).filter(|_| mode == Mode::Release) else {
        return Ok(boot.into_bytes());
    };
    let tmp = root.join("target/site-build/boot.js");
    std::fs::create_dir_all(root.join("target/site-build"))?;
    std::fs::write(&tmp, boot)?;
    minify_module(&terser, &tmp)?;
    Ok(std::fs::read(&tmp)?)
}

/// Writes `dist/<stem>.<hash>.<ext>` and returns its path relative to dist.
/// The stylesheet as shipped: minified in a release build (the first
/// visit's CSS went from 3.75 to 3.11 KB gzip), as written in a dev build.
fn css(mode: Mode, text: String) -> String {
    match mode {
        Mode::Release => minify_css(&text),
        Mode::Dev => text,
    }
}

/// Strips comments and the whitespace CSS does not need: around `{`, `}`,
/// `;` and `,`, after `:` (never before it: `.a :focus` is a descendant),
/// and a `;` before `}`; runs of whitespace become one space; strings are
/// kept as they are. Not a general minifier: enough for hand-written CSS
/// without a dependency.
pub(crate) fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    // Whitespace seen since the last character written, and whether that
    // character lets the next token follow without a space.
    let (mut space, mut glued) = (false, true);
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                (space, glued) = (false, true);
            }
            _ => {
                if space && !glued {
                    out.push(' ');
                }
                out.push(c);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                (space, glued) = (false, c == ':');
            }
        }
    }
    out
}

fn write_hashed(dist: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let rel = format!("{stem}.{}.{ext}", content_hash(bytes));
    std::fs::write(dist.join(&rel), bytes)?;
    Ok(rel)
}

/// Copies `web/` into dist, except what the build generates from it (names
/// at the top level only: `embed-demo/index.html` is copied as is).
fn copy_static(from: &Path, to: &Path, top: bool) -> Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        let generated = matches!(
            name_str.as_ref(),
            "index.html"
                | "app.css"
                | "more.css"
                | "boot.js"
                | "sw.js"
                | "icon-maskable.svg"
                | "widget"
                | "front-end"
        ) || FRONT_ENDS.iter().any(|p| p.name == name_str);
        if (top && generated) || name_str.ends_with(".template.json") || name_str == "README.md" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_static(&entry.path(), &target, false)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "css" | "wasm" | "json" | "svg" | "webmanifest" | "txt")
    )
}

/// `compress(bytes)`, remembered by content (SHA-256 and length) in
/// [`compress_cache`]: the strongest settings take seconds per file, and
/// most files do not change between builds or between clones.
fn cached(
    kind: &str,
    bytes: &[u8],
    compress: impl FnOnce(&[u8]) -> std::io::Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    use sha2::Digest;
    let key: String = sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        });
    let cache = compress_cache()
        .join(kind)
        .join(format!("{key}-{}", bytes.len()));
    if let Ok(hit) = std::fs::read(&cache) {
        return Ok(hit);
    }
    let out = compress(bytes)?;
    if let Some(dir) = cache.parent() {
        std::fs::create_dir_all(dir)?;
        // Another build (another clone) may read the same entry meanwhile:
        // write aside, then rename into place, so no one reads half a file.
        let tmp = dir.join(format!(".{key}.{}", std::process::id()));
        std::fs::write(&tmp, &out)?;
        std::fs::rename(&tmp, &cache)?;
    }
    Ok(out)
}

/// Where compressed files are kept by content: the user's cache
/// (`$XDG_CACHE_HOME` or `~/.cache`, `jianfu/compressed`), shared by every
/// clone on the machine, so Zopfli and brotli-11 run once per distinct file
/// rather than once per clone; `target/` when there is no home.
fn compress_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site-build"),
            |c| c.join("jianfu/compressed"),
        )
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    cached("gz", bytes, |b| {
        let mut out = Vec::new();
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            b,
            &mut out,
        )?;
        Ok(out)
    })
}

/// Brotli at its strongest setting (quality 11, 4 MiB window).
fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    cached("br", bytes, |b| {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &b[..], &mut out, &params)?;
        Ok(out)
    })
}

/// Writes `bytes` beside `path` and renames them into place: `serve` may
/// be answering from the folder meanwhile and must never send half a file.
fn write_aside(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = with_suffix(path, ".part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// `path` with `suffix` appended (`app.js` → `app.js.gz`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Writes `<file>.gz` and `<file>.br` beside every compressible file in
/// `dir`, served by `serve` with the matching `Content-Encoding` to browsers
/// that accept it (brotli is ~10–15 % smaller than gzip for the wasm).
pub(crate) fn compress_all(dir: &Path) -> Result<()> {
    // Largest first, one file at a time per core: Zopfli is single-threaded.
    let mut files: Vec<PathBuf> = walk(dir)?.into_iter().filter(|p| compressible(p)).collect();
    files.sort_by_key(|p| std::cmp::Reverse(p.metadata().map_or(0, |m| m.len())));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let Some(path) = files.get(i) else {
                            return Ok(());
                        };
                        let bytes = std::fs::read(path)?;
                        write_aside(&with_suffix(path, ".gz"), &gzip(&bytes)?)?;
                        write_aside(&with_suffix(path, ".br"), &brotli(&bytes)?)?;
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| anyhow::anyhow!("a compression thread panicked"))?
        })
    })
}

/// The sizes of `path` as stored and as sent compressed (from the copies
/// [`compress_all`] wrote; an incompressible file is sent as is).
pub(crate) fn sizes_of(path: &Path) -> Result<Sizes> {
    let raw = std::fs::metadata(path)?.len();
    let len = |suffix| std::fs::metadata(with_suffix(path, suffix)).map_or(raw, |m| m.len());
    Ok(Sizes {
        raw,
        gzip: len(".gz"),
        brotli: len(".br"),
    })
}

pub(crate) fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

#[allow(clippy::cast_precision_loss)] // byte counts far below 2^52
fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

/// What a first visit of a front-end page downloads, printed beside the
/// parent app's table (each page is its own module: the parent app's first
/// visit carries none of them).
fn print_page_size(dist: &Path, page: FrontEnd, files: &[String]) -> Result<Sizes> {
    let sizes = total_size(dist, files)?;
    eprintln!(
        "{} first visit (/{}/, its own module): {} raw, {} gzip, {} brotli",
        page.title,
        page.name,
        kb(sizes.raw),
        kb(sizes.gzip),
        kb(sizes.brotli)
    );
    Ok(sizes)
}

/// The summed sizes of `files` (relative to `dist/`).
fn total_size(dist: &Path, files: &[String]) -> Result<Sizes> {
    let mut total = Sizes::default();
    for f in files {
        total += sizes_of(&dist.join(f))?;
    }
    Ok(total)
}

/// The table of every file's sizes, `*` marking the first visit's.
fn print_sizes(dist: &Path, first_visit: &[String]) -> Result<()> {
    eprintln!(
        "\n{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for path in walk(dist)? {
        if path.extension().is_some_and(|e| e == "gz" || e == "br") {
            continue;
        }
        let rel = path.strip_prefix(dist)?.to_string_lossy().into_owned();
        let size = sizes_of(&path)?;
        let mark = if first_visit.contains(&rel) { "*" } else { " " };
        eprintln!(
            "{mark}{rel:<47} {:>10} {:>10} {:>10}",
            kb(size.raw),
            kb(size.gzip),
            kb(size.brotli)
        );
    }
    Ok(())
}

/// A total line under the table, and what it counts.
fn print_total(label: &str, total: Sizes, what: &str) {
    eprintln!(
        "{label:<48} {:>10} {:>10} {:>10}\n({what})\n",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
}

#[cfg(test)]
mod css_tests {
    use super::minify_css;

    #[test]
    fn minified_css_keeps_what_matters() {
        let css = "/* note */\n:root, :host {\n  --a: var(--b, #fff);\n}\n.a :focus-visible { margin: calc(-1 * var(--s)) 0 0; }\n\
                   @media (min-width: 40rem) { .tabs > a { font-family: \"PingFang  SC\", sans-serif; } }\n";
        assert_eq!(
            minify_css(css),
            ":root,:host{--a:var(--b,#fff)}.a :focus-visible{margin:calc(-1 * var(--s)) 0 0}\
             @media (min-width:40rem){.tabs > a{font-family:\"PingFang  SC\",sans-serif}}"
        );
    }
}

#[cfg(test)]
mod page_tests {
    use super::{FRONT_ENDS, page_html};

    #[test]
    fn every_front_end_page_comes_from_the_one_template_filled_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let template = std::fs::read_to_string(root.join("web/front-end/index.html")).unwrap();
        let file = |n: &str| n.to_owned();
        let (css, boot, js, wasm) = (file("a.css"), file("b.js"), file("c.js"), file("d.wasm"));
        let files = [
            ("%CSS%", &css),
            ("%BOOT%", &boot),
            ("%JS%", &js),
            ("%WASM%", &wasm),
        ];
        for page in FRONT_ENDS {
            let html = page_html(&template, page, &files);
            for p in [
                "NAME",
                "HEADING",
                "TITLE_EN",
                "DESCRIPTION",
                "NOSCRIPT",
                "CSS",
                "BOOT",
                "JS",
                "WASM",
            ] {
                assert!(
                    !html.contains(&format!("%{p}%")),
                    "{}: %{p}% left",
                    page.name
                );
            }
            assert!(html.contains(&format!("<div id=\"{}\">", page.name)));
            assert!(html.contains(&format!("<h1>{}</h1>", page.heading)));
            assert!(html.contains("href=\"/a.css\"") && html.contains("src=\"/b.js\""));
        }
        let mut odd = FRONT_ENDS[0];
        odd.heading = "<script>\"x\" & y";
        let html = page_html(&template, odd, &files);
        assert!(
            html.contains("<h1>&lt;script&gt;&quot;x&quot; &amp; y</h1>"),
            "{html}"
        );
    }
}
