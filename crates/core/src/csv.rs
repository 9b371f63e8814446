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

/// One cell. Text a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab or CR first) is prefixed with `'`: a parent's description must
/// not become a formula on the bureau's computer. Numbers are written by
/// the caller without a sign, so they are never touched.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
        let mut out = String::new();
        push_row(&mut out, ["x".to_owned(), "y z".to_owned()].into_iter());
        assert_eq!(out, "x,y z\r\n");
    }
}
