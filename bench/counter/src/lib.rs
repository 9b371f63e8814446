//! The framework's floor: the smallest useful Yew app (a heading and a
//! button that counts), compiled with exactly the app's profile, standard
//! library and post-processing. `cargo xtask bench` measures it beside the
//! app so ratios stay meaningful on a noisy machine.

use wasm_bindgen::prelude::wasm_bindgen;
use yew::prelude::*;

#[function_component]
fn Counter() -> Html {
    let count = use_state(|| 0_u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Counter" }</h1>
            <button id="add" onclick={add}>{ format!("+1 ({})", *count) }</button>
        </main>
    }
}

/// Renders the counter into `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<Counter>::new().render();
}
