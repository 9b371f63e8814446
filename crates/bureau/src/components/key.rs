//! The bureau's private key: read from its `jianfu.key/1` file into memory
//! for this page only. The panel says so, shows which key it is (the public
//! key's fingerprint) and forgets it on request.

use std::rc::Rc;

use jianfu_core::PrivateKey;
use yew::prelude::*;

use super::use_ctx;
use crate::state::{Change, Key};

/// The key panel.
#[function_component]
pub fn KeyPanel() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let error = use_state(|| None::<String>);
    let on_file = {
        let (ctx, error) = (ctx.clone(), error.clone());
        Callback::from(move |e: Event| {
            let (ctx, error) = (ctx.clone(), error.clone());
            yew::platform::spawn_local(async move {
                match jianfu_web::chosen_file_text(&e).await {
                    Some(Ok(text)) => match PrivateKey::from_key_file(&text) {
                        Ok(secret) => {
                            error.set(None);
                            let fingerprint = secret.public_key().fingerprint();
                            ctx.change(Change::Key(Some(Key {
                                secret: Rc::new(secret),
                                fingerprint,
                            })));
                        }
                        Err(e) => error.set(Some(e.to_string())),
                    },
                    Some(Err(e)) => error.set(Some(e)),
                    None => {}
                }
            });
        })
    };
    let forget = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.change(Change::Key(None)))
    };
    let key = ctx.desk.key.clone();
    html! {
        <section class="card key-panel" aria-labelledby="key-title">
            <h2 id="key-title">{ l.t("局里的私钥", "The bureau's private key") }</h2>
            <p class="hint" id="key-promise">
                { l.t(
                    "私钥只读入本页的内存：不写入本设备的存储，不发送到任何地方；关闭或刷新页面后需要重新载入。举报在本设备上只以密文保存。",
                    "The key is read into this page's memory only: never written to this device's storage, never sent anywhere; after closing or reloading the page, load it again. Reports are kept on this device sealed.",
                ) }
            </p>
            if let Some(k) = key {
                <p class="ok-line" role="status">
                    { l.f(format!("已载入密钥（公钥指纹 {}）。", k.fingerprint), format!("Key loaded (public key fingerprint {}).", k.fingerprint)) }
                    { " " }
                    <button type="button" onclick={forget}>{ l.t("从内存中清除密钥", "Forget the key") }</button>
                </p>
            } else {
                <div class="file-pick">
                    <input id="key-file" class="visually-hidden" type="file" accept=".json,application/json"
                        aria-describedby="key-promise" onchange={on_file} />
                    <label for="key-file" class="button primary">{ l.t("载入私钥文件…", "Load the key file…") }</label>
                </div>
            }
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{ l.f(format!("无法使用这个文件：{e}"), format!("This file cannot be used: {e}")) }</p>
            }
        </section>
    }
}
