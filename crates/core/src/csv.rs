//! CSV for the bureau's spreadsheets and case systems (RFC 4180), written
//! one way for every export: the cases, the monitoring report.

/// A UTF-8 byte-order mark, so that spreadsheet programs read the Chinese
/// text as UTF-8.
pub const BOM: &str = "\u{feff}";

/// Appends one row, each cell quoted when it must be, ending in CRLF.
pub fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One cell. Text a spreadsheet would run as a formula is prefixed with
/// `'`: a parent's description must not become a formula on the bureau's
/// computer. That is text whose first visible character is `=`, `+`, `-`,
/// `@` or their full-width forms (`＝＋－＠`, which spreadsheets in Chinese
/// locales read as the ASCII ones), after any spaces, ideographic or
/// no-break spaces, byte-order marks and zero-width characters (which some
/// programs trim before looking), and text starting with a tab or CR.
/// Numbers are written by the caller without a sign, so they are never
/// touched.
pub fn cell(text: &str) -> String {
    let text = if is_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn is_formula(text: &str) -> bool {
    if text.starts_with(['\t', '\r']) {
        return true;
    }
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
    };
    text.trim_start_matches(invisible)
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\"\nnow"), "\"say \"\"hi\"\"\nnow\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-5"), "'-5");
        // What the review got through (#26): hidden or full-width triggers.
        for sneaky in [
            " =1+1",
            "\u{3000}=1+1",
            "\u{a0}+cmd",
            "\u{feff}=HYPERLINK(\"x\")",
            "\u{200b}@SUM(A1)",
            "＝1+1",
            "＋1",
            " @x",
            "\t=1",
        ] {
            assert!(
                cell(sneaky).trim_start_matches('"').starts_with('\''),
                "{sneaky:?}"
            );
        }
        // Ordinary text, including text with a sign later, is left alone.
        assert_eq!(cell(" 作业太多 "), " 作业太多 ");
        assert_eq!(cell("a=b"), "a=b");
        let mut out = String::new();
        push_row(&mut out, ["x".to_owned(), "y z".to_owned()].into_iter());
        assert_eq!(out, "x,y z\r\n");
    }
}
