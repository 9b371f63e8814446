//! jianfu-ui: the Yew components every front-end page besides the parent
//! app shares, so that a page is its own small crate of screens over
//! `jianfu-core` (meaning), `jianfu-web` (the browser) and this (the
//! common parts of the screen). Components here hold no state but their
//! own form fields; what they load goes back through a callback.

mod documents;
mod edit;
mod frame;
mod hooks;
mod limit;
mod sources;

pub use documents::{
    AddressForm, AddressFormProps, FilePick, FilePickProps, Outcome, OutcomeProps, Read,
    fetch_problem, read_address, read_chosen,
};
pub use edit::edit;
pub use frame::{Frame, FrameProps, NavLink};
pub use hooks::{
    lang_toggle, use_hash_route, use_opened_store, use_page, use_page_context, use_page_lang,
};
pub use limit::{Level, LimitBar, LimitBarProps};
pub use sources::{FEED_MAX_BYTES, FeedSources, FeedSourcesProps, Loaded};
