//! Reading documents into a page, the one way every front-end page does
//! it: chosen files or a folder, or an address (with the inbox's admin
//! token when it is an export). The pages differ only in what they make
//! of the text; the buttons, the address form, the wording of what went
//! wrong and the line that says how it went are here, once.

use jianfu_web::Lang;
use jianfu_web::fetch::FetchError;
use yew::prelude::*;

/// One document read: where it came from (a file's name or the address)
/// and its text, or why not.
pub type Read = (String, Result<String, String>);

/// The documents chosen in a file or folder input's `change` event (the
/// input is cleared, so the same file can be chosen again), each as text
/// or why not. With `extensions`, only names ending in one of them are
/// read: a folder holds other files too.
pub async fn read_chosen(event: &Event, extensions: &[&str]) -> Vec<Read> {
    jianfu_web::chosen_files_text(event)
        .await
        .into_iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            extensions.is_empty() || extensions.iter().any(|x| name.ends_with(x))
        })
        .collect()
}

/// GETs `url` as text, at most `max_bytes`, with `token` as a bearer token
/// when given (it is sent in that header only); why not, said in `l`.
pub async fn read_address(
    l: Lang,
    url: &str,
    token: Option<&str>,
    max_bytes: u64,
) -> Result<String, String> {
    let read = match token {
        Some(token) => jianfu_web::fetch::fetch_text_authorized(url, token, max_bytes).await,
        None => jianfu_web::fetch::fetch_text_limited(url, max_bytes).await,
    };
    read.map_err(|e| fetch_problem(l, &e, token.is_some(), max_bytes))
}

/// What went wrong with a fetch, for people: a refused admin token, an
/// inbox without exports, any other status, too large, or not reached.
pub fn fetch_problem(l: Lang, e: &FetchError, with_token: bool, max_bytes: u64) -> String {
    match e {
        FetchError::Status(401) if with_token => l
            .t(
                "收件箱拒绝了这个管理口令（HTTP 401）：请核对口令。",
                "The inbox refused this admin token (HTTP 401): check the token.",
            )
            .to_owned(),
        FetchError::Status(404) if with_token => l
            .t(
                "这个地址没有导出功能（HTTP 404）：收件箱需以 --admin-token-file 启动。",
                "There is no export at this address (HTTP 404): the inbox must run with --admin-token-file.",
            )
            .to_owned(),
        FetchError::Status(s) => l.f(
            format!("服务器回答 HTTP {s}"),
            format!("The server answered HTTP {s}"),
        ),
        FetchError::TooLarge(_) => {
            let mb = max_bytes.div_ceil(1_000_000);
            l.f(
                format!("文件过大（超过 {mb} MB）"),
                format!("The file is too large (over {mb} MB)"),
            )
        }
        FetchError::Offline | FetchError::Network(_) => l
            .t(
                "无法下载（离线，或该网站不允许从这里读取）",
                "Could not download it (offline, or the site does not allow reading it from here)",
            )
            .to_owned(),
    }
}

/// Properties of [`FilePick`].
#[derive(Properties, PartialEq)]
pub struct FilePickProps {
    /// The file input's id.
    pub id: AttrValue,
    /// Its button's text.
    pub label: AttrValue,
    /// What the chooser offers (`.json,application/json`).
    pub accept: AttrValue,
    /// Several files at once.
    #[prop_or_default]
    pub multiple: bool,
    /// A folder button too: its input's id and its text.
    #[prop_or_default]
    pub folder: Option<(AttrValue, AttrValue)>,
    /// Called with each choice's `change` event (see [`read_chosen`]).
    pub on_change: Callback<Event>,
    /// More buttons in the same row.
    #[prop_or_default]
    pub children: Html,
}

/// File (and folder) buttons: visually hidden inputs behind labels that
/// look like buttons, so they are reached and named like buttons.
#[function_component]
pub fn FilePick(props: &FilePickProps) -> Html {
    html! {
        <div class="file-pick">
            <input id={props.id.clone()} class="visually-hidden" type="file" multiple={props.multiple}
                accept={props.accept.clone()} onchange={props.on_change.clone()} />
            <label for={props.id.clone()} class="button">{ props.label.clone() }</label>
            if let Some((id, label)) = &props.folder {
                <input id={id.clone()} class="visually-hidden" type="file" webkitdirectory=true
                    onchange={props.on_change.clone()} />
                <label for={id.clone()} class="button">{ label.clone() }</label>
            }
            { props.children.clone() }
        </div>
    }
}

/// Properties of [`AddressForm`].
#[derive(Properties, PartialEq)]
pub struct AddressFormProps {
    /// The field's id.
    pub id: AttrValue,
    /// The field's label.
    pub label: AttrValue,
    /// The submit button's text.
    pub button: AttrValue,
    /// What the field holds at first.
    #[prop_or_default]
    pub initial: AttrValue,
    /// A hint in the empty field.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// Several addresses, one per line (a text area).
    #[prop_or_default]
    pub many: bool,
    /// The form's class.
    #[prop_or(AttrValue::Static("url-import"))]
    pub class: AttrValue,
    /// Called with the field as typed, trimmed, on submit.
    pub on_submit: Callback<String>,
    /// More fields inside the form, before the button.
    #[prop_or_default]
    pub children: Html,
}

/// An address field and its button; what was typed stays in the field.
#[function_component]
pub fn AddressForm(props: &AddressFormProps) -> Html {
    let value = use_state(|| props.initial.to_string());
    let on_input = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                value.set(v);
            }
        })
    };
    let on_submit = {
        let (value, submit) = (value.clone(), props.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(value.trim().to_owned());
        })
    };
    let field = if props.many {
        html! { <textarea id={props.id.clone()} rows="3" value={(*value).clone()} oninput={on_input} /> }
    } else {
        html! { <input id={props.id.clone()} type="url" inputmode="url" value={(*value).clone()} oninput={on_input}
        placeholder={props.placeholder.clone()} /> }
    };
    html! {
        <form class={props.class.clone()} onsubmit={on_submit}>
            <div class="field">
                <label for={props.id.clone()}>{ props.label.clone() }</label>
                { field }
            </div>
            { props.children.clone() }
            <button type="submit">{ props.button.clone() }</button>
        </form>
    }
}

/// How the last load went: `Ok` as a status line, `Err` as an alert.
#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    /// Nothing yet, or the message.
    pub outcome: Option<Result<String, String>>,
}

/// The line under a loader that says how it went.
#[function_component]
pub fn Outcome(props: &OutcomeProps) -> Html {
    match &props.outcome {
        Some(Ok(m)) => html! { <p class="status" role="status">{ m.clone() }</p> },
        Some(Err(m)) => html! { <p class="field-error" role="alert">{ m.clone() }</p> },
        None => html! {},
    }
}
