//! Who receives what (formats.md §6): the bureau directory compiled into the
//! app by `build.rs`, and the addresses reports and survey answers go to.
//!
//! A school writes its own feed, so nothing a feed says about receivers is
//! followed: reports are sealed to the directory's key and sent to the
//! directory's address, and only for schools the directory lists; survey
//! answers go to the survey's collector bureau when it names one, else to
//! the school (and the form says so). Every address must be `https:` once
//! resolved; plain `http:` to this machine only while the app itself is
//! served from this machine (development).

use std::sync::OnceLock;

use jianfu_core::bureaus::{Bureau, FeedLocation, Receiver};
use jianfu_core::url::UrlKind;
use jianfu_core::{Directory, Feed, Survey, WebUrl};

use crate::platform;

/// The directory as shipped; an unreadable one (only possible in a build
/// that bypassed `cargo xtask`, which checks it) is an empty directory.
pub fn directory() -> &'static Directory {
    static DIRECTORY: OnceLock<Directory> = OnceLock::new();
    DIRECTORY.get_or_init(|| {
        Directory::parse(include_str!(concat!(env!("OUT_DIR"), "/bureaus.json")))
            .unwrap_or_default()
    })
}

/// The URL of the app a widget opens for reports and surveys, baked in at
/// build time (`JIANFU_APP_URL`, by default the site root the widget is
/// served with).
pub const APP_URL: &str = env!("JIANFU_APP_URL");

/// `url` resolved against `base`, if the result may be used here: `https:`,
/// or loopback `http:` when the app runs on loopback itself.
pub fn usable(url: &WebUrl, base: &str) -> Option<String> {
    let resolved = platform::resolve_url(url.as_str(), base);
    match WebUrl::parse(&resolved).ok()?.kind() {
        UrlKind::Https => Some(resolved),
        UrlKind::Loopback if platform::served_from_loopback() => Some(resolved),
        _ => None,
    }
}

/// The directory's addresses are relative to the app's own origin (the
/// deploying bureau's), never to a feed.
pub fn app_address(url: &WebUrl) -> Option<String> {
    usable(url, &platform::absolute_url("/"))
}

/// Who receives reports about `feed`, read from `feed_url`: the bureau
/// covering the address it is published under (relative prefixes of the
/// directory are on this app's origin), with the feed's claims that the
/// directory does not back.
pub fn receiver(feed: &Feed, feed_url: &str) -> Receiver<'static> {
    let url = platform::absolute_url(feed_url);
    let origin = platform::absolute_url("/");
    let location = FeedLocation::new(&url, Some(origin.trim_end_matches('/')));
    directory().receiver(feed, location.as_ref())
}

/// Where a survey's answers go.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyDestination {
    /// The collector bureau named by the survey, from the directory.
    Bureau(&'static Bureau, String),
    /// The school, at the feed's `survey_url`.
    School(String),
    /// The survey names a collector this app does not know, or that has no
    /// usable address: answers cannot be sent.
    UnknownCollector,
    /// Neither the survey nor the feed gives a usable address.
    Nowhere,
}

/// Where answers to `survey` go, for the class of `feed` (fetched from `feed_url`).
pub fn survey_destination(
    survey: &Survey,
    feed: Option<&Feed>,
    feed_url: &str,
) -> SurveyDestination {
    if let Some(id) = &survey.collector {
        return directory()
            .bureau(id)
            .and_then(|b| Some((b, app_address(b.survey_url.as_ref()?)?)))
            .map_or(SurveyDestination::UnknownCollector, |(b, url)| {
                SurveyDestination::Bureau(b, url)
            });
    }
    feed.and_then(|f| f.submit.as_ref()?.survey_url.as_ref())
        .and_then(|u| usable(u, feed_url))
        .map_or(SurveyDestination::Nowhere, SurveyDestination::School)
}

/// The page a widget opens for the reports and surveys of `feed` (read
/// from `feed_url`): the directory's `report_page` of the bureau covering
/// the feed's address, else the app's own URL, with `hash` (`#/report`,
/// `#/surveys`), never a page from the feed.
pub fn app_page(feed: Option<&Feed>, feed_url: &str, hash: &str) -> Option<String> {
    let app = platform::absolute_url(APP_URL);
    let page = feed
        .and_then(|f| receiver(f, feed_url).bureau)
        .and_then(|b| b.report_page.as_ref())
        .and_then(|p| usable(p, &app));
    let page = match page {
        Some(p) if hash == "#/report" => p,
        Some(p) => platform::with_hash(&p, hash),
        None => platform::with_hash(&app, hash),
    };
    WebUrl::parse(&page).ok().map(|_| page)
}
