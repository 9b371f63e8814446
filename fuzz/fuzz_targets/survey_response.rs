//! Survey definitions and responses from arbitrary bytes (split at the first
//! NUL): parse both, check the response against the survey, tally it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&c| c == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return;
    };
    let survey = jianfu_core::Survey::parse(a);
    let response = jianfu_core::Response::parse(b);
    if let (Ok(s), Ok(r)) = (&survey, &response) {
        let _ = s.check(r);
        let _ = jianfu_core::tally::tally(
            s,
            [r],
            jianfu_core::tally::TallyOptions {
                min_group: Some(1),
                by_grade_band: true,
            },
        );
    }
});
