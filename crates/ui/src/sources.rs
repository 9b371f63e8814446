//! Loading many documents at once (class feeds for a grade review or a
//! district's monitoring report): files, a folder, or addresses one per
//! line. The component reads text and hands it back with where it came
//! from; the page parses it (a feed, with core's path-precise errors).

use jianfu_web::Lang;
use yew::prelude::*;

/// The largest feed the school and bureau pages read from an address
/// (a class's week is a few KB; a district's 20 days × 6 items, 20 KB).
pub const FEED_MAX_BYTES: u64 = 1_000_000;

/// What was read: `(source, text or why not)`, a file's name or a URL.
pub type Loaded = Vec<(String, Result<String, String>)>;

/// Properties of [`FeedSources`].
#[derive(Properties, PartialEq)]
pub struct FeedSourcesProps {
    /// The page's language.
    pub lang: Lang,
    /// Prefix of the element ids (`review` → `review-files`, `review-urls`).
    pub id: &'static str,
    /// The files button's text.
    pub files_label: &'static str,
    /// Offer a folder too (a district's portal export).
    #[prop_or_default]
    pub folder: bool,
    /// Called with what was read, once per choice or submit.
    pub on_loaded: Callback<Loaded>,
}

/// Files, a folder or addresses; the addresses as typed stay in the field.
#[function_component]
pub fn FeedSources(props: &FeedSourcesProps) -> Html {
    let l = props.lang;
    let urls = use_state(String::new);
    let busy = use_state(|| false);
    let on_files = {
        let (on_loaded, busy) = (props.on_loaded.clone(), busy.clone());
        Callback::from(move |e: Event| {
            let (on_loaded, busy) = (on_loaded.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let files = jianfu_web::chosen_files_text(&e).await;
                // A folder holds other files too: only `.json` are documents.
                on_loaded.emit(
                    files
                        .into_iter()
                        .filter(|(n, _)| n.to_ascii_lowercase().ends_with(".json"))
                        .collect(),
                );
                busy.set(false);
            });
        })
    };
    let on_input = {
        let urls = urls.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                urls.set(v);
            }
        })
    };
    let on_submit = {
        let (urls, on_loaded, busy) = (urls.clone(), props.on_loaded.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list: Vec<String> = urls
                .lines()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned)
                .collect();
            let (on_loaded, busy) = (on_loaded.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let mut read = Vec::new();
                for url in list {
                    let text = jianfu_web::fetch::fetch_text_limited(&url, FEED_MAX_BYTES)
                        .await
                        .map_err(|e| e.to_string());
                    read.push((url, text));
                }
                on_loaded.emit(read);
                busy.set(false);
            });
        })
    };
    let id = props.id;
    html! {
        <>
            <div class="file-pick">
                <input id={format!("{id}-files")} class="visually-hidden" type="file" multiple=true
                    accept=".json,application/json" onchange={on_files.clone()} />
                <label for={format!("{id}-files")} class="button">{ props.files_label }</label>
                if props.folder {
                    <input id={format!("{id}-folder")} class="visually-hidden" type="file" webkitdirectory=true onchange={on_files} />
                    <label for={format!("{id}-folder")} class="button">{ l.t("选择文件夹…", "Choose a folder…") }</label>
                }
            </div>
            <form class="url-import" onsubmit={on_submit}>
                <label for={format!("{id}-urls")}>{ l.t("或各班作业公示的网址（每行一个）", "Or the classes' notice addresses (one per line)") }</label>
                <textarea id={format!("{id}-urls")} rows="3" value={(*urls).clone()} oninput={on_input} />
                <button type="submit">{ l.t("载入", "Load") }</button>
            </form>
            if *busy {
                <p class="status" role="status">{ l.t("正在读取…", "Reading…") }</p>
            }
        </>
    }
}
