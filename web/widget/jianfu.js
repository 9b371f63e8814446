// Jianfu for school portals: `mount(element, { feed, lang, view })`.
//
// Loads the WebAssembly once (from this folder), renders the widget into
// `element`, and returns a handle at once: `update(options)` re-renders,
// `unmount()` removes everything the widget added. Copy this folder into
// the portal (or install the npm package) and import it as a module.
import init, { mount_widget } from "./jianfu_app.js";

let ready;
function start() {
  ready ??= init({ module_or_path: new URL("./jianfu_app_bg.wasm", import.meta.url) });
  return ready;
}

function args(options) {
  if (!options || !options.feed) throw new TypeError("jianfu: mount(element, { feed }) needs the feed's URL");
  return [new URL(options.feed, document.baseURI).href, options.lang ?? null, options.view ?? null];
}

export function mount(element, options) {
  let handle = null;
  let pending = args(options);
  let gone = false;
  const done = start().then(() => {
    if (!gone) handle = mount_widget(element, ...pending);
  });
  return {
    /** Resolves once the widget is on screen. */
    ready: done,
    update(next) {
      pending = args({ ...options, ...next });
      handle?.update(...pending);
    },
    unmount() {
      gone = true;
      if (handle) {
        handle.unmount();
        handle.free();
        handle = null;
      }
    },
  };
}
