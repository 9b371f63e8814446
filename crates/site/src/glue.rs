//! The JavaScript side: wasm-bindgen's glue with shorter import names (the
//! wasm's import section read to find them), minified with terser, and the
//! boot scripts filled with the hashed names.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::Mode;
use crate::bindgen::WASM_FEATURES;
use crate::cmd::run_cmd;
use crate::tools;

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
pub(crate) fn shorten_names(wasm_opt: &Path, wasm: &Path, glue: &Path) -> Result<()> {
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
pub(crate) fn import_modules(wasm: &[u8]) -> Result<Vec<String>> {
    fn leb(b: &[u8], i: &mut usize) -> Result<u32> {
        let (mut value, mut shift) = (0u32, 0);
        loop {
            let byte = *b.get(*i).context("the wasm ends inside a number")?;
            *i += 1;
            // A u32 takes at most five bytes; a sixth is a broken file.
            if shift > 28 {
                bail!("a number in the wasm is longer than 32 bits");
            }
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
        let end = i.saturating_add(size);
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
pub(crate) fn replace_token(text: &mut String, from: &str, to: &str) -> bool {
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
pub(crate) fn minify_module(terser: &Path, file: &Path) -> Result<()> {
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
pub(crate) fn boot_script(root: &Path, mode: Mode, names: &[(&str, &str)]) -> Result<Vec<u8>> {
    script_from(root, mode, &root.join("web/boot.js"), names)
}

/// A page's boot script (`file`) with the hashed names filled in,
/// minified in release builds when terser is there.
pub(crate) fn script_from(
    root: &Path,
    mode: Mode,
    file: &Path,
    names: &[(&str, &str)],
) -> Result<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{import_modules, replace_token};

    /// A LEB128 unsigned number.
    fn leb(mut n: u32) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return out;
            }
            out.push(byte | 0x80);
        }
    }

    fn name(s: &str) -> Vec<u8> {
        let mut out = leb(u32::try_from(s.len()).unwrap());
        out.extend_from_slice(s.as_bytes());
        out
    }

    fn section(id: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![id];
        out.extend(leb(u32::try_from(body.len()).unwrap()));
        out.extend_from_slice(body);
        out
    }

    /// A module with a type section, then imports of a function from
    /// `wbg`, a memory (with a maximum), a table, a global and another
    /// function from `wbg` (a repeat), and a function from a snippet.
    fn module() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(section(1, &[1, 0x60, 0, 0]));
        let mut imports = leb(6);
        for (module, field, desc) in [
            ("wbg", "__wbg_log_1", vec![0, 0]),
            ("env", "memory", vec![2, 1, 17, 200, 1]),
            ("env", "table", vec![1, 0x70, 0, 4]),
            ("env", "g", vec![3, 0x7f, 0]),
            ("wbg", "__wbg_now_2", vec![0, 0]),
            ("./snippets/x/inline0.js", "f", vec![0, 0]),
        ] {
            imports.extend(name(module));
            imports.extend(name(field));
            imports.extend(desc);
        }
        wasm.extend(section(2, &imports));
        wasm
    }

    #[test]
    fn the_import_section_names_each_module_once_in_order() {
        assert_eq!(
            import_modules(&module()).unwrap(),
            ["wbg", "env", "./snippets/x/inline0.js"]
        );
    }

    #[test]
    fn a_module_without_imports_has_none() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(section(1, &[1, 0x60, 0, 0]));
        assert!(import_modules(&wasm).unwrap().is_empty());
    }

    #[test]
    fn a_cut_or_garbled_module_is_an_error_not_a_panic() {
        let whole = module();
        for cut in 9..whole.len() {
            // Any prefix either reads (the section was complete) or fails.
            let _ = import_modules(&whole[..cut]);
        }
        let mut endless = b"\0asm\x01\0\0\0\x02".to_vec();
        endless.extend([0xff; 10]);
        assert!(
            import_modules(&endless).is_err(),
            "a number that never ends"
        );
        let mut unknown = b"\0asm\x01\0\0\0".to_vec();
        let mut imports = leb(1);
        imports.extend(name("wbg"));
        imports.extend(name("x"));
        imports.push(9);
        unknown.extend(section(2, &imports));
        assert!(import_modules(&unknown).is_err(), "an import of kind 9");
    }

    #[test]
    fn a_token_is_replaced_only_where_it_is_whole() {
        let mut js =
            "imports.wbg.__wbg_log_1 = f; x.__wbg_log_10 = g; a__wbg_log_1(); __wbg_log_1:"
                .to_owned();
        assert!(replace_token(&mut js, "__wbg_log_1", "a"));
        assert_eq!(
            js,
            "imports.wbg.a = f; x.__wbg_log_10 = g; a__wbg_log_1(); a:"
        );
        let mut none = "__wbg_log_10".to_owned();
        assert!(!replace_token(&mut none, "__wbg_log_1", "a"));
        assert_eq!(none, "__wbg_log_10");
    }
}
