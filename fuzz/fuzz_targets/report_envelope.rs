//! Reports and envelopes from arbitrary bytes: parse; open envelopes with
//! the demo key; scan text for identifying details.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = jianfu_core::Report::parse(text);
    let _ = jianfu_core::report::find_sensitive(text);
    if let Ok(envelope) = jianfu_core::Envelope::parse(text) {
        let key =
            jianfu_core::PrivateKey::from_base64("ghgFF5WyZ234mjUd5SGaPrYmVUwQ52hUgbKu5XSNKO8")
                .expect("demo key");
        let _ = envelope.open(&key);
    }
});
