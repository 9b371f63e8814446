//! Human output: the language (zh-CN or en) and aligned tables that keep
//! their columns with Chinese text (CJK characters are two columns wide).

use std::fmt::Write as _;

pub(crate) use jianfu_core::Lang;

/// The language of human output from `LC_ALL`/`LANG`: Chinese for `zh*`,
/// English otherwise (a terminal's `C` or `POSIX` reads English, unlike a
/// browser's unknown tag, which reads as the app's default, Chinese).
pub(crate) fn lang_from_env() -> Lang {
    let v = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    if v.to_ascii_lowercase().starts_with("zh") {
        Lang::ZhCn
    } else {
        Lang::En
    }
}

/// `--lang`: `zh-CN` or `en` (any BCP 47 tag of either).
pub(crate) fn parse_lang(tag: &str) -> Result<Lang, String> {
    let lower = tag.to_ascii_lowercase();
    if lower.starts_with("zh") || Lang::from_tag(tag) == Lang::En {
        Ok(Lang::from_tag(tag))
    } else {
        Err(format!("{tag}: expected zh-CN or en"))
    }
}

/// Columns a character takes in a terminal: 2 for East Asian wide forms.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = u32::from(c);
            let wide = (0x1100..=0x115F).contains(&c)
                || (0x2E80..=0xA4CF).contains(&c)
                || (0xAC00..=0xD7A3).contains(&c)
                || (0xF900..=0xFAFF).contains(&c)
                || (0xFE30..=0xFE4F).contains(&c)
                || (0xFF00..=0xFF60).contains(&c)
                || (0xFFE0..=0xFFE6).contains(&c);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// A table printed with aligned columns; numbers right-aligned.
pub(crate) struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Self {
        Self {
            rows: vec![header.iter().map(|s| (*s).to_owned()).collect()],
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub(crate) fn render(&self) -> String {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| width(s))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c].saturating_sub(width(cell));
                let numeric = i > 0
                    && cell
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_ascii_digit() || ch == '-');
                if c > 0 {
                    line.push_str("  ");
                }
                if numeric {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }
}

/// A mean as the JSON shows it: one decimal.
pub(crate) fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_chinese_and_numbers() {
        let mut t = Table::new(&["日期", "书面(分钟)"]);
        t.row(vec!["2026-11-16".into(), "65".into()]);
        t.row(vec!["周日".into(), "5".into()]);
        assert_eq!(
            t.render(),
            "日期        书面(分钟)\n2026-11-16          65\n周日                 5\n"
        );
    }
}
