//! jianfu-site: the site's build pipeline as a library of stages, each a
//! module with its own tests on small inputs; `cargo xtask` only
//! dispatches to it.
//!
//! ```text
//! compile    cargo → raw wasm per module (cached by what it is compiled from)
//! bindgen    wasm-bindgen + wasm-opt → glue and optimised wasm (cached)
//! glue       shorter import names, minified glue and boot scripts
//! assets     CSS (minified, rem → em for the widget), icons, copied files,
//!            content-hashed names
//! pages      the parent app, the widget, each front-end page and the
//!            service workers, from web/ and the page template
//! demo       the demo feeds, surveys, keys and bureau directory
//! compress   Zopfli gzip and brotli copies beside every file (cached)
//! sizes      what a first visit downloads, printed and returned
//! ```
//!
//! [`build_then`] runs them in that order; a module is compiled only when
//! something it is compiled from changed, and bound only when its wasm
//! did, so a second build with no edit takes a second.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub mod assets;
pub mod bindgen;
pub mod cmd;
pub mod compile;
pub mod compress;
pub mod demo;
pub mod glue;
pub mod pages;
pub mod sizes;
pub mod tools;

pub use assets::walk;
pub use bindgen::{Effort, bindgen_and_optimize};
pub use cmd::Laps;
pub use compile::build_wasm;
pub use compress::compress_all;
pub use pages::{FRONT_ENDS, FrontEnd};
pub use sizes::{Sizes, sizes_of};

use crate::assets::{copy_static, render_icons};
use crate::bindgen::bind;
use crate::compile::build_dev_wasm;
use crate::pages::{write_app, write_front_end, write_service_worker, write_widget};
use crate::sizes::release_sizes;

/// The workspace root (this crate lives two levels below it).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(Path::parent)
        .map_or_else(|| here.join("../.."), Path::to_path_buf)
}

/// How the site is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
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
pub struct Site {
    /// `dist/`
    pub dir: PathBuf,
    /// What a first visit downloads before today's homework shows.
    pub first_visit: Sizes,
    /// What a returning parent's page downloads before today's homework
    /// shows: the same with the app module instead of the welcome build.
    pub returning: Sizes,
    /// What a first visit of each front-end page downloads (its HTML,
    /// boot, styles and module), by the page's name (release builds only).
    pub pages: Vec<(&'static str, Sizes)>,
}

/// The release site into `dist/`, compressed, sizes printed.
pub fn build(root: &Path) -> Result<Site> {
    build_as(root, Mode::Release)
}

/// [`build`] in either [`Mode`].
pub fn build_as(root: &Path, mode: Mode) -> Result<Site> {
    build_then(root, mode, |_| Ok(()))
}

/// [`build_as`], calling `ready` with `dist/` as soon as every file is in
/// place and before the compressed copies are written: `serve` answers
/// from then on (uncompressed until each `.br`/`.gz` lands, written aside
/// and renamed into place), since Zopfli and brotli-11 are the longest
/// stage of a first build on a bare machine and hold nothing up.
pub fn build_then(
    root: &Path,
    mode: Mode,
    ready: impl FnOnce(&Path) -> Result<()>,
) -> Result<Site> {
    let started = std::time::Instant::now();
    let mut laps = Laps::new(); // each stage's wall time, printed at the end
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

/// The three modules' (glue, wasm), compiled, bound and optimized one after
/// the other (each build writes the same `jianfu_app.wasm`).
pub(crate) fn build_modules(root: &Path, laps: &mut Laps) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
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
pub(crate) fn build_dev_modules(root: &Path, laps: &mut Laps) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
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
