//! The device clock and repeating timers. Core never reads the clock;
//! front-ends read it here and pass instants in.

use std::cell::Cell;
use std::rc::Rc;

use jianfu_core::Instant;

/// The current instant from the device clock (UTC; zones are applied by core).
#[allow(clippy::cast_possible_truncation)] // ms since 1970 / 1000 fits i64
pub fn now() -> Instant {
    Instant::from_unix((js_sys::Date::now() / 1000.0).floor() as i64, 0)
}

/// Seconds since `fetched_at` (Unix seconds), for "last updated 3 h ago";
/// never negative when the clock was set back.
pub fn age_seconds(fetched_at: i64) -> i64 {
    (now().unix_seconds() - fetched_at).max(0)
}

/// Resolves after `ms` milliseconds (a `setTimeout`): with 0, lets the
/// page paint and handle input before a long computation goes on.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A repeating timer (`gloo-timers`); stops when dropped, with no callback
/// after that.
///
/// On drop the interval is cleared and the callback disarmed, and the
/// callback's JS wrapper is handed to the garbage collector instead of
/// freed (`cancel` → `into_js_value`): gloo's own drop frees it, and a clock
/// that still fires it once (fake clocks in tests do) would then throw
/// "closure invoked after being dropped".
pub struct Interval {
    inner: Option<gloo::timers::callback::Interval>,
    armed: Rc<Cell<bool>>,
}

impl Interval {
    /// Calls `f` every `ms` milliseconds.
    pub fn new(ms: u32, f: impl Fn() + 'static) -> Self {
        let armed = Rc::new(Cell::new(true));
        let flag = armed.clone();
        let inner = gloo::timers::callback::Interval::new(ms, move || {
            if flag.get() {
                f();
            }
        });
        Self {
            inner: Some(inner),
            armed,
        }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        self.armed.set(false);
        if let Some(inner) = self.inner.take() {
            inner.cancel().into_js_value();
        }
    }
}
