//! jianfu-app: the parent app and the school-portal widget, Yew components
//! over `jianfu-core`, compiled to WebAssembly.
//!
//! Components live in this library (not in a `main.rs`) so that in-browser
//! tests can mount any of them. Everything that touches the browser (fetch,
//! the clock, the document) sits in [`platform`]; components never call
//! `web_sys` directly.
//!
//! Three entry points, each a feature, each built into a module of its own
//! by `cargo xtask build`: `start` (the app), `start_more` (the lazily
//! loaded screens, see [`components::MoreHost`]) and `mount_widget`.

pub mod actions;
pub mod bureaus;
pub mod components;
#[cfg(feature = "widget")]
pub mod embed;
pub mod i18n;
pub mod platform;
pub mod route;
pub mod state;
pub mod store;

#[cfg(any(feature = "app", feature = "more"))]
use wasm_bindgen::prelude::wasm_bindgen;

/// Whether this is the welcome build of the app module (features `app` and
/// `welcome`): the first visit of a parent with no child yet downloads it
/// instead of the app module. Its screens are the welcome and the import of
/// a backup; the day's screens (homework, timers, tabs) and the loading of
/// a child's feed and records are compiled out by this constant (a
/// `cfg!`, so both builds are type-checked by every `cargo check`), and once
/// a child is added it hands the page over to the app module
/// (`platform::hand_over`).
pub const WELCOME: bool = cfg!(feature = "welcome");

/// Entry point called by the page's boot script: mounts the app into
/// `#app`, replacing the static skeleton that painted before the wasm arrived.
#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start() {
    platform::set_role(platform::Role::App);
    if let Some(root) = platform::take_root("app") {
        let props = components::AppProps {
            feed: components::DEMO_FEED.into(),
            lang: None,
        };
        let app = yew::Renderer::<components::App>::with_root_and_props(root, props).render();
        #[cfg(feature = "welcome")]
        WELCOME_APP.with(|w| *w.borrow_mut() = Some(app));
        #[cfg(not(feature = "welcome"))]
        drop(app);
    }
}

#[cfg(feature = "welcome")]
thread_local! {
    /// The welcome build's running app, until [`stop`].
    static WELCOME_APP: std::cell::RefCell<Option<yew::AppHandle<components::App>>> =
        const { std::cell::RefCell::new(None) };
}

/// The welcome build only: removes the welcome app from the page, as the
/// boot script starts the app module in its place (`__jianfuHandOver`),
/// and returns what its notice line says (`Notice::to_wire`), which the
/// boot script hands to the app (`platform::take_handed_notice`).
#[cfg(feature = "welcome")]
#[wasm_bindgen]
pub fn stop() -> Option<String> {
    if let Some(app) = WELCOME_APP.with(|w| w.borrow_mut().take()) {
        app.destroy();
    }
    components::handed_notice()
}

/// The lazily loaded screens, mounted in an element of the app's page.
#[cfg(feature = "more")]
#[wasm_bindgen]
pub struct MoreScreens {
    app: Option<yew::AppHandle<components::MoreApp>>,
    notify: yew::Callback<state::Notice>,
    badge: yew::Callback<u32>,
}

#[cfg(feature = "more")]
#[wasm_bindgen]
impl MoreScreens {
    /// Re-renders in the language the app switched to.
    pub fn set_lang(&mut self, lang: &str) {
        if let Some(app) = &mut self.app {
            app.update(components::MoreProps {
                lang: i18n::Lang::from_tag(lang),
                notify: self.notify.clone(),
                badge: self.badge.clone(),
            });
        }
    }

    /// Removes everything the screens added.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Entry point of the second module, called through the boot script's
/// `__jianfuMore` by [`components::MoreHost`]; `notify` shows a notice
/// (`Notice::to_wire`) on the app's notice line.
#[cfg(feature = "more")]
#[wasm_bindgen]
pub fn start_more(root: web_sys::Element, lang: &str, notify: js_sys::Function) -> MoreScreens {
    platform::set_role(platform::Role::More);
    let send = move |wire: String| {
        let _ = notify.call1(&wasm_bindgen::JsValue::NULL, &wire.into());
    };
    let badge = {
        let send = send.clone();
        yew::Callback::from(move |n: u32| send(format!("{}{n}", components::BADGE_WIRE)))
    };
    let notify = yew::Callback::from(move |n: state::Notice| send(n.to_wire()));
    let props = components::MoreProps {
        lang: i18n::Lang::from_tag(lang),
        notify: notify.clone(),
        badge: badge.clone(),
    };
    MoreScreens {
        app: Some(yew::Renderer::<components::MoreApp>::with_root_and_props(root, props).render()),
        notify,
        badge,
    }
}
