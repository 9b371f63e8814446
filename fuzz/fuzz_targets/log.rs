//! A parent's log from arbitrary bytes: parse, evaluate, export, re-read.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(log) = jianfu_core::Log::parse(text)
    {
        let _ = jianfu_core::evaluate(&log);
        let again =
            jianfu_core::Log::from_value(&log.to_value()).expect("an exported log reads back");
        assert_eq!(again, log);
    }
});
