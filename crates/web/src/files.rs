//! Files the person saves (through `gloo-file`) and opens.

use gloo::file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

use crate::fetch::js_message;

/// Offers `text` as a JSON file download named `filename`.
pub fn download(filename: &str, text: &str) -> Result<(), String> {
    download_as(filename, text, "application/json")
}

/// Offers `text` as a download named `filename` of type `mime` (CSV for
/// the bureau's case export).
pub fn download_as(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Dropping `url` revokes it; the click has already started the download.
    Ok(())
}

/// Reads the file chosen in a file input's `change` event as text, and
/// clears the input so the same file can be chosen again.
///
/// Through the `File.text()` promise, not `gloo-file`'s reader: that one
/// wraps a `FileReader` in a futures channel, measured at +5.5 KB of the
/// first download's wasm (the welcome screen imports a file), for the
/// same result.
pub async fn chosen_file_text(event: &web_sys::Event) -> Option<Result<String, String>> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(
        wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|e| js_message(&e))
            .and_then(|v| v.as_string().ok_or_else(|| "not text".to_owned())),
    )
}

/// Every file chosen in a (`multiple`) file input's `change` event, by
/// name, each read as text or with why not; clears the input.
pub async fn chosen_files_text(event: &web_sys::Event) -> Vec<(String, Result<String, String>)> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files: Vec<web_sys::File> = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    // Every read starts at once (a district's thousand feeds are read side
    // by side, not one after the other); the results are taken in order.
    // As bytes, not `File.text()`: a JavaScript string would be decoded to
    // UTF-16 and encoded back to UTF-8 on its way into wasm, twice the work
    // for 20 MB of feeds on a phone's main thread.
    let reads: Vec<(String, wasm_bindgen_futures::JsFuture)> = files
        .iter()
        .map(|f| {
            (
                f.name(),
                wasm_bindgen_futures::JsFuture::from(f.array_buffer()),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(reads.len());
    for (name, read) in reads {
        let text = read.await.map_err(|e| js_message(&e)).and_then(|buffer| {
            let text = String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|_| "not UTF-8 text".to_owned())?;
            // As `File.text()` would: a byte-order mark is not text.
            Ok(match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            })
        });
        out.push((name, text));
    }
    out
}
