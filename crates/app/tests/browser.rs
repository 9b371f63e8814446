//! In-browser tests of the app's components and platform edge, run by
//! wasm-bindgen-test in headless Chromium (`cargo xtask test`).
#![cfg(target_arch = "wasm32")]
// Test helpers outside #[test] fns: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::rc::Rc;

use jianfu_app::components::{TodayList, TodayListProps};
use jianfu_app::i18n::Lang;
use jianfu_app::platform;
use jianfu_core::{Date, Feed};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{
  "format": "jianfu.feed/1",
  "school": {"id": "s", "name": "实验小学"},
  "class": {"id": "g4c2", "name": "四年级(2)班", "grade": 4},
  "published_at": "2026-11-23T16:30:00+08:00",
  "days": [{"date": "2026-11-23", "items": [
    {"id": "m1", "subject": "math", "title": {"zh-CN": "口算", "en": "Arithmetic"}, "kind": "written", "estimated_minutes": 20},
    {"id": "x1", "subject": "<img src=x onerror=alert(1)>", "title": "<script>alert(1)</script>", "kind": "reading", "estimated_minutes": 5, "tier": "optional"}
  ]}]
}"#;

fn mount(date: &str, lang: Lang) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let props = TodayListProps {
        feed: Rc::new(Feed::parse(FEED).unwrap()),
        date: Date::parse(date).unwrap(),
        lang,
        on_start: None,
        timing: Rc::default(),
    };
    yew::Renderer::<TodayList>::with_root_and_props(host.clone(), props).render();
    host
}

async fn settle() {
    // Yew renders on the next microtask/animation turn.
    sleep_ms(10).await;
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn lists_the_days_items_with_minutes_and_the_written_total() {
    let host = mount("2026-11-23", Lang::ZhCn);
    settle().await;
    let items = host.query_selector_all("li.item").unwrap();
    assert_eq!(items.length(), 2);
    let text = host.text_content().unwrap();
    assert!(text.contains("数学"), "{text}");
    assert!(text.contains("口算"), "{text}");
    assert!(text.contains("20 分钟"), "{text}");
    let total = host
        .query_selector(".written-total strong")
        .unwrap()
        .unwrap();
    assert_eq!(
        total.text_content().unwrap(),
        "20 分钟",
        "optional reading is not counted"
    );
}

#[wasm_bindgen_test]
async fn feed_text_is_shown_as_text_never_as_markup() {
    let host = mount("2026-11-23", Lang::En);
    settle().await;
    assert!(host.query_selector("script, img").unwrap().is_none());
    assert!(
        host.text_content()
            .unwrap()
            .contains("<script>alert(1)</script>")
    );
    assert!(host.text_content().unwrap().contains("Arithmetic"));
}

#[wasm_bindgen_test]
async fn a_day_without_homework_says_so() {
    let host = mount("2026-11-24", Lang::En);
    settle().await;
    assert_eq!(
        host.query_selector(".empty")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "No homework published for this day. Use ‹ › to see other days."
    );
}

#[wasm_bindgen_test]
fn the_clock_reads_a_plausible_instant() {
    // After the project began and before 2100: catches unit mistakes (ms vs s).
    let now = platform::now().unix_seconds();
    assert!((1_790_000_000..4_102_444_800).contains(&now), "{now}");
}

#[wasm_bindgen_test]
async fn fetch_reports_http_status_and_network_errors() {
    match platform::fetch_text("/definitely-not-here.json").await {
        Err(platform::FetchError::Status(404)) => {}
        other => panic!("expected HTTP 404, got {other:?}"),
    }
    assert!(matches!(
        platform::fetch_text("http://127.0.0.1:9/nothing").await,
        Err(platform::FetchError::Network(_))
    ));
}
