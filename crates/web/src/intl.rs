//! Dates for people in their own language, through the browser's `Intl`
//! (no locale data in the wasm), and the language the browser prefers.

use wasm_bindgen::JsValue;

use crate::events::on_idle;

/// The browser's preferred language tag (`zh-CN`, `en-US`, …).
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

thread_local! {
    /// `Intl.DateTimeFormat`s made so far, by language and style: making
    /// one costs far more than using it (it resolves the locale's data),
    /// and a week's table formats seven dates per render.
    static DATE_FORMATS: std::cell::RefCell<Vec<(String, bool, js_sys::Function)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The bound `format` function of a date formatter for `lang_tag`, made once.
fn date_format(lang_tag: &str, with_weekday: bool) -> js_sys::Function {
    DATE_FORMATS.with_borrow_mut(|made| {
        if let Some((_, _, f)) = made
            .iter()
            .find(|(tag, w, _)| tag == lang_tag && *w == with_weekday)
        {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        };
        set("month", "short");
        set("day", "numeric");
        if with_weekday {
            set("weekday", "short");
        }
        let locales = js_sys::Array::of1(&lang_tag.into());
        // `format` is a getter that returns a function bound to its formatter.
        let f = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        made.push((lang_tag.to_owned(), with_weekday, f.clone()));
        f
    })
}

/// Makes the language's date formatters when the browser is idle. The
/// first `Intl.DateTimeFormat` of a page loads the locale's ICU data
/// (measured: 67 ms at CPU 4× in Chromium, then 0 ms for the next), which
/// otherwise lands on the first screen that shows a date — a tap on the
/// week tab.
pub fn warm_date_formats(lang_tag: &str) {
    let tag = lang_tag.to_owned();
    on_idle(move || {
        for with_weekday in [true, false] {
            let _ = date_format(&tag, with_weekday).call1(&JsValue::NULL, &js_sys::Date::new_0());
        }
    });
}

/// A date for people, in the language's own form ("11月23日 周一", "Mon, Nov 23").
pub fn format_date(date: jianfu_core::Date, lang_tag: &str, with_weekday: bool) -> String {
    let (y, m, d) = date.ymd();
    let js = js_sys::Date::new_with_year_month_day_hr_min_sec(
        u32::try_from(y).unwrap_or(2000),
        i32::from(m) - 1,
        i32::from(d),
        12,
        0,
        0,
    );
    date_format(lang_tag, with_weekday)
        .call1(&JsValue::NULL, &js)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}
