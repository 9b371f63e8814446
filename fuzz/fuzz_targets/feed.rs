//! A feed from arbitrary bytes: parse, and evaluate whatever parses.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(feed) = jianfu_core::Feed::parse(text)
    {
        let _ = feed.violations();
        for day in &feed.days {
            let _ = feed.written_limit(day.date);
        }
    }
});
