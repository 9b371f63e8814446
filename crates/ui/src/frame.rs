//! The frame of a front-end page: its title, the language toggle, the
//! navigation between its screens, and the screen.

use jianfu_web::Lang;
use yew::prelude::*;

/// One link of the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// The hash it goes to (`#/week`).
    pub href: String,
    /// What it says.
    pub label: &'static str,
    /// Whether it is the current screen (`aria-current="page"`).
    pub current: bool,
}

impl NavLink {
    /// The header's links, `current` marked: each screen with its label
    /// and its hash (`href`).
    pub fn all<R: PartialEq>(
        screens: &[(R, &'static str)],
        current: &R,
        href: impl Fn(&R) -> String,
    ) -> Vec<Self> {
        screens
            .iter()
            .map(|(r, label)| Self {
                href: href(r),
                label,
                current: r == current,
            })
            .collect()
    }
}

/// Properties of [`Frame`].
#[derive(Properties, PartialEq)]
pub struct FrameProps {
    /// The page's language.
    pub lang: Lang,
    /// The page's title, in that language.
    pub title: &'static str,
    /// The navigation's accessible name.
    pub nav_label: &'static str,
    /// The screens.
    pub nav: Vec<NavLink>,
    /// Toggles the language.
    pub on_toggle: Callback<()>,
    /// A class beside `studio` on the outer element (`bureau`).
    #[prop_or_default]
    pub class: Classes,
    /// A line under the navigation (the studio's "saved" state), if any.
    #[prop_or_default]
    pub status: Html,
    /// The screen.
    pub children: Html,
}

/// The page frame. Header and navigation are not printed.
#[function_component]
pub fn Frame(props: &FrameProps) -> Html {
    let l = props.lang;
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    html! {
        <div class={classes!("studio", props.class.clone())}>
            <header class="app-header no-print">
                <h1>{ props.title }</h1>
                <button type="button" class="lang-toggle" onclick={toggle}
                    lang={l.other().tag()}
                    aria-label={l.t("Switch to English", "切换到中文")}>
                    { l.t("English", "中文") }
                </button>
            </header>
            <nav class="studio-nav no-print" aria-label={props.nav_label}>
                { for props.nav.iter().map(|n| html! {
                    <a href={n.href.clone()} aria-current={n.current.then_some("page")}>{ n.label }</a>
                }) }
            </nav>
            { props.status.clone() }
            <main class="studio-main">{ props.children.clone() }</main>
        </div>
    }
}
