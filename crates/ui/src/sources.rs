//! Loading many documents at once (class feeds for a grade review or a
//! district's monitoring report): files, a folder, or addresses one per
//! line. The component reads text and hands it back with where it came
//! from; the page parses it (a feed, with core's path-precise errors).

use jianfu_web::Lang;
use yew::prelude::*;

use crate::documents::{AddressForm, FilePick, read_address, read_chosen};

/// The largest feed the school and bureau pages read from an address
/// (a class's week is a few KB; a district's 20 days × 6 items, 20 KB).
pub const FEED_MAX_BYTES: u64 = 1_000_000;

/// What was read: `(source, text or why not)`, a file's name or a URL.
pub type Loaded = Vec<crate::documents::Read>;

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
    let busy = use_state(|| false);
    // Reads in the background, says "reading" meanwhile, hands back all.
    let load = {
        let (on_loaded, busy) = (props.on_loaded.clone(), busy.clone());
        move |read: std::pin::Pin<Box<dyn std::future::Future<Output = Loaded>>>| {
            let (on_loaded, busy) = (on_loaded.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                on_loaded.emit(read.await);
                busy.set(false);
            });
        }
    };
    let on_files = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            load(Box::pin(async move { read_chosen(&e, &[".json"]).await }));
        })
    };
    let on_submit = Callback::from(move |urls: String| {
        let list: Vec<String> = urls
            .lines()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
            .collect();
        load(Box::pin(async move {
            let mut read = Vec::new();
            for url in list {
                let text = read_address(l, &url, None, FEED_MAX_BYTES).await;
                read.push((url, text));
            }
            read
        }));
    });
    let id = props.id;
    html! {
        <>
            <FilePick id={format!("{id}-files")} label={props.files_label} multiple=true
                accept=".json,application/json" on_change={on_files.clone()}
                folder={props.folder.then(|| (AttrValue::from(format!("{id}-folder")), AttrValue::from(l.t("选择文件夹…", "Choose a folder…"))))} />
            <AddressForm id={format!("{id}-urls")} many=true on_submit={on_submit}
                label={l.t("或各班作业公示的网址（每行一个）", "Or the classes' notice addresses (one per line)")}
                button={l.t("载入", "Load")} />
            if *busy {
                <p class="status" role="status">{ l.t("正在读取…", "Reading…") }</p>
            }
        </>
    }
}
