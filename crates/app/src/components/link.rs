//! A link to a screen. It keeps a real `href` (open in a new tab, copy
//! link, screen readers) but navigates through the context, so the
//! standalone app moves its hash while a widget embedded in a school
//! portal changes its own screen and never the portal's URL.

use yew::prelude::*;

use crate::route::Route;
use crate::state::AppCtx;

/// Properties of [`Link`].
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// Where it goes.
    pub to: Route,
    /// CSS classes.
    #[prop_or_default]
    pub class: Classes,
    /// An accessible name when the text is a symbol.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Marks the current tab.
    #[prop_or_default]
    pub current: bool,
    /// The visible content.
    #[prop_or_default]
    pub children: Html,
}

/// A link to a screen.
#[function_component]
pub fn Link(props: &LinkProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let onclick = {
        let (navigate, to) = (ctx.navigate.clone(), props.to);
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key()) {
                e.prevent_default();
                navigate.emit(to);
            }
        })
    };
    html! {
        <a href={props.to.to_hash()} class={props.class.clone()} aria-label={props.label.clone()}
           aria-current={props.current.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}
