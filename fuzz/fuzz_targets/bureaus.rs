//! A bureau directory from arbitrary bytes: parse, then resolve the
//! receiver of the demo feed and of a feed naming its own receiver.
#![no_main]
use std::sync::LazyLock;

static FEEDS: LazyLock<Vec<jianfu_core::Feed>> = LazyLock::new(|| {
    [
        include_str!("../corpus/feed/g4c2-within-limits.json"),
        include_str!("../../testdata/feeds/hostile-own-receiver.json"),
    ]
    .iter()
    .filter_map(|t| jianfu_core::Feed::parse(t).ok())
    .collect()
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(directory) = jianfu_core::Directory::parse(text)
    {
        for feed in FEEDS.iter() {
            let r = directory.receiver(feed);
            if let Some(b) = r.bureau {
                let _ = b.report_key.fingerprint();
            }
        }
    }
});
