//! The pages: the parent app (three modules), the widget, each front-end
//! page from `web/front-end/index.html`, and the service workers with
//! their precache lists.

use std::path::Path;

use anyhow::{Context, Result};

use crate::Mode;
use crate::assets::{ICONS, content_hash, css, file_name, minify_css, rem_to_em, write_hashed};
use crate::glue::{boot_script, script_from};

/// Fills web/sw.js's precache list (the shell's URLs) and its version (a
/// hash of their hashes), so a new build is a new worker.
pub(crate) fn write_service_worker(
    root: &Path,
    mode: Mode,
    dist: &Path,
    hashed: &[&str],
) -> Result<()> {
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
pub(crate) struct AppFiles {
    pub(crate) css: String,
    pub(crate) boot: String,
    pub(crate) js: String,
    pub(crate) wasm: String,
    /// The welcome build (`jianfu_app::WELCOME`): a first visit's module.
    pub(crate) welcome_js: String,
    pub(crate) welcome_wasm: String,
    pub(crate) more_js: String,
    pub(crate) more_wasm: String,
    /// The second module's styles, loaded with it (`web/more.css`).
    pub(crate) more_css: String,
}

/// The parent app's page, styles, boot script and two modules (the glue
/// loads each wasm by the URL boot.js passes).
pub(crate) fn write_app(
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
pub struct FrontEnd {
    /// `school` → served at `/school/`, sources in `web/school/`.
    pub name: &'static str,
    /// `jianfu_school` → `jianfu_school.[hash].js`.
    pub module: &'static str,
    /// The cargo package.
    pub package: &'static str,
    /// How the build's stage table names it.
    pub title: &'static str,
    /// The cargo profile it is compiled with (`wasm-release`, size first;
    /// `wasm-speed` where the page computes over large inputs).
    pub profile: &'static str,
    /// Its page's words (`web/front-end/index.html` is every page's HTML):
    /// the heading, also the title with `title_en` after it…
    pub heading: &'static str,
    pub title_en: &'static str,
    /// …the search engines' description, and the line shown without
    /// JavaScript.
    pub description: &'static str,
    pub noscript: &'static str,
}

/// The front-end pages besides the parent app, in build order.
pub const FRONT_ENDS: [FrontEnd; 2] = [
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
pub(crate) fn write_front_end(
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
pub(crate) fn page_html(template: &str, page: FrontEnd, files: &[(&str, &String)]) -> String {
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
pub(crate) fn write_page(from: &Path, to: &Path, files: &[(&str, &String)]) -> Result<String> {
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
pub(crate) fn write_widget(root: &Path, dist: &Path, glue: &[u8], wasm: &[u8]) -> Result<()> {
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

#[cfg(test)]
mod page_tests {
    #![allow(clippy::unwrap_used)]

    use super::{FRONT_ENDS, page_html, write_front_end};
    use crate::Mode;

    /// A front-end page from small module bytes: every file content-hashed
    /// in its folder, the page naming them, the service worker precaching
    /// exactly the page and them, a new build a new version.
    #[test]
    fn a_front_end_page_is_written_with_its_hashed_files_and_their_precache() {
        let dist = tempfile::tempdir().unwrap();
        let page = FRONT_ENDS[0];
        let files = write_front_end(
            &crate::root(),
            Mode::Release,
            dist.path(),
            page,
            b"glue()",
            b"\0asm",
        )
        .unwrap();
        assert_eq!(files[0], format!("{}/index.html", page.name));
        let index = std::fs::read_to_string(dist.path().join(&files[0])).unwrap();
        for f in &files[1..] {
            assert!(f.starts_with(&format!("{}/app/", page.name)), "{f}");
            assert!(dist.path().join(f).exists(), "{f}");
        }
        let (css, boot) = (&files[1], &files[2]);
        assert!(index.contains(&format!("/{css}")) && index.contains(&format!("/{boot}")));
        assert_eq!(
            std::fs::read(dist.path().join(&files[3])).unwrap(),
            b"glue()"
        );
        assert_eq!(
            std::fs::read(dist.path().join(&files[4])).unwrap(),
            b"\0asm"
        );
        let sw = std::fs::read_to_string(dist.path().join(page.name).join("sw.js")).unwrap();
        assert!(!sw.contains("%PRECACHE%") && !sw.contains("%VERSION%"));
        for f in &files[1..] {
            assert!(sw.contains(&format!("\"/{f}\"")), "{f} precached");
        }
        assert!(sw.contains(&format!("\"/{}/\"", page.name)));

        let again = tempfile::tempdir().unwrap();
        write_front_end(
            &crate::root(),
            Mode::Release,
            again.path(),
            page,
            b"glue(1)",
            b"\0asm",
        )
        .unwrap();
        let sw2 = std::fs::read_to_string(again.path().join(page.name).join("sw.js")).unwrap();
        assert_ne!(sw, sw2, "another module, another version");
    }

    #[test]
    fn every_front_end_page_comes_from_the_one_template_filled_in() {
        let root = crate::root();
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
