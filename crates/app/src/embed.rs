//! The JavaScript face of the widget: `mount_widget` renders the widget
//! into an element (the custom element passes a node in its shadow root)
//! and returns a handle that updates or unmounts it. The only
//! `#[wasm_bindgen]` items besides the app's `start`.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::{Widget, WidgetProps, WidgetView};
use crate::i18n::Lang;

/// A mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<Widget>>,
}

#[allow(clippy::needless_pass_by_value)] // strings straight from JavaScript
fn props(feed: String, lang: Option<String>, view: Option<String>) -> WidgetProps {
    let lang = lang
        .or_else(crate::platform::browser_language)
        .map_or_else(Lang::default, |t| Lang::from_tag(&t));
    WidgetProps {
        feed: feed.into(),
        lang,
        view: view
            .as_deref()
            .map_or_else(WidgetView::default, WidgetView::parse),
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Re-renders with new attributes.
    pub fn update(&mut self, feed: String, lang: Option<String>, view: Option<String>) {
        if let Some(app) = &mut self.app {
            app.update(props(feed, lang, view));
        }
    }

    /// Removes the widget and everything it added (listeners, timers, DOM).
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders the widget for `feed` (an absolute URL) into `root`.
#[wasm_bindgen]
pub fn mount_widget(
    root: web_sys::Element,
    feed: String,
    lang: Option<String>,
    view: Option<String>,
) -> WidgetHandle {
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props(feed, lang, view)).render();
    WidgetHandle { app: Some(app) }
}
