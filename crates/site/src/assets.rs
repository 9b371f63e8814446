//! Assets: content-hashed names, CSS (minified; rem → em for the widget's
//! shadow root), the PNG icons rendered from the SVG, `web/` copied.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::Mode;

/// FNV-1a, 64 bit: a content hash for cache-busting file names, not security.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")[..10].to_owned()
}

/// `1.5rem` → `1.5em` (a number followed by `rem`).
pub(crate) fn rem_to_em(css: &str) -> String {
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
pub(crate) const ICONS: [(&str, &str, u32); 3] = [
    ("icon.svg", "icon-192.png", 192),
    ("icon.svg", "icon-512.png", 512),
    ("icon-maskable.svg", "maskable-512.png", 512),
];

/// Renders the project's own SVG icons to the PNG sizes installers need.
pub(crate) fn render_icons(root: &Path, dist: &Path) -> Result<()> {
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

pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Writes `dist/<stem>.<hash>.<ext>` and returns its path relative to dist.
/// The stylesheet as shipped: minified in a release build (the first
/// visit's CSS went from 3.75 to 3.11 KB gzip), as written in a dev build.
pub(crate) fn css(mode: Mode, text: String) -> String {
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

pub(crate) fn write_hashed(dist: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let rel = format!("{stem}.{}.{ext}", content_hash(bytes));
    std::fs::write(dist.join(&rel), bytes)?;
    Ok(rel)
}

/// Copies `web/` into dist, except what the build generates from it (names
/// at the top level only: `embed-demo/index.html` is copied as is).
pub(crate) fn copy_static(from: &Path, to: &Path, top: bool) -> Result<()> {
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
        ) || crate::FRONT_ENDS.iter().any(|p| p.name == name_str);
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

pub fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{content_hash, copy_static, file_name, minify_css, rem_to_em, walk, write_hashed};

    #[test]
    fn a_content_hash_is_ten_hex_digits_that_follow_the_bytes() {
        let a = content_hash(b"jianfu");
        assert_eq!(a.len(), 10);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a, content_hash(b"jianfu"), "the same bytes, the same name");
        assert_ne!(a, content_hash(b"jianfU"), "one byte changed, another name");
    }

    #[test]
    fn rem_becomes_em_after_a_number_only() {
        assert_eq!(
            rem_to_em("a{margin:1.5rem 2rem;content:\"remove\"} b{gap:0 rem}"),
            "a{margin:1.5em 2em;content:\"remove\"} b{gap:0 rem}"
        );
        assert_eq!(
            rem_to_em("a{margin:1rem} /* 字 */"),
            "a{margin:1em} /* 字 */"
        );
    }

    #[test]
    fn a_file_name_is_the_last_part_of_a_path() {
        assert_eq!(
            file_name("app/jianfu_app.0123456789.js"),
            "jianfu_app.0123456789.js"
        );
        assert_eq!(file_name("index.html"), "index.html");
    }

    #[test]
    fn hashed_files_are_named_by_content_and_copies_skip_what_the_build_makes() {
        let dir = tempfile::tempdir().unwrap();
        let rel = write_hashed(dir.path(), "app", "css", b"a{}").unwrap();
        assert_eq!(rel, format!("app.{}.css", content_hash(b"a{}")));
        assert_eq!(std::fs::read(dir.path().join(&rel)).unwrap(), b"a{}");

        let web = dir.path().join("web");
        std::fs::create_dir_all(web.join("demo/feeds")).unwrap();
        std::fs::create_dir_all(web.join("school")).unwrap();
        for f in [
            "index.html",
            "boot.js",
            "README.md",
            "manifest.webmanifest",
            "demo/index.html",
            "demo/feeds/a.json",
            "demo/x.template.json",
            "school/school.css",
        ] {
            std::fs::write(web.join(f), f).unwrap();
        }
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        copy_static(&web, &out, true).unwrap();
        let mut copied: Vec<String> = walk(&out)
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(&out).unwrap().to_string_lossy().into_owned())
            .collect();
        copied.sort();
        assert_eq!(
            copied,
            [
                "demo/feeds/a.json",
                "demo/index.html",
                "manifest.webmanifest"
            ]
        );
    }

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
