//! A form field as an edit of a value: the one shape every set-up and
//! filter field of the pages has.

use yew::prelude::*;

/// A callback for a field's `oninput` or `onchange` (any event of an
/// input, select or textarea): its value, applied by `apply` to a copy of
/// `current`, handed to `to`.
pub fn edit<T, E>(current: &T, apply: fn(&mut T, String), to: &Callback<T>) -> Callback<E>
where
    T: Clone + 'static,
    E: AsRef<Event> + 'static,
{
    let (current, to) = (current.clone(), to.clone());
    Callback::from(move |e: E| {
        if let Some(v) = jianfu_web::select_value(e.as_ref()) {
            let mut next = current.clone();
            apply(&mut next, v);
            to.emit(next);
        }
    })
}
