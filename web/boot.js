// The app page's boot script. `cargo xtask build` fills in the hashed
// file names (%…%) and writes it as app/boot.[hash].js. Every `__jianfu*`
// name here is the contract with crates/app/src/platform/mod.rs, and
// used nowhere else.

// Which module starts the page: the app's, for a returning parent, or the
// welcome build (issue #13), for a first visit: the same class the page's
// inline script chose its preloads by.
const returning = document.documentElement.classList.contains("returning");

/** `url` on the `n`th try: a new URL after the first, as a failed
 * `import()` is remembered for its URL. */
const retry = (url, n) => (n ? `${url}?retry=${n}` : url);

/** Imports a module's glue and instantiates its wasm, by URL: the glue's
 * request then matches the inline script's preload of it. */
async function load(js, wasm) {
  const m = await import(js);
  await m.default({ module_or_path: new URL(wasm, import.meta.url) });
  return m;
}

// `__jianfuMore(element, lang, notify)`: imports the second module once
// (again after a failure, under a new URL, as a failed `import()` is
// remembered), mounts its screens in `element` and resolves to a handle
// (`platform::MoreHandle`).
let more, tries = 0;
window.__jianfuMore = async (element, lang, notify) => {
  // Its styles come with it, and are in place before it draws anything.
  const css = new Promise((resolve, reject) => {
    let link = document.querySelector("link[data-more]");
    if (link?.sheet) return resolve();
    link?.remove();
    link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("./%MORE_CSS%", import.meta.url) });
    link.dataset.more = "";
    link.onload = resolve;
    link.onerror = () => reject(new Error("styles not loaded"));
    document.head.append(link);
  });
  more ??= import(retry("./%MORE_JS%", tries++)).then(async (m) => {
    // Fetched here, without cookies or referrer like every request the app
    // makes: the glue's own fetch would send the site's cookies (a portal's
    // session) whenever the service worker is not yet in control.
    const wasm = fetch(new URL("./%MORE_WASM%", import.meta.url), { credentials: "omit", referrerPolicy: "no-referrer" });
    await m.default({ module_or_path: wasm });
    return m;
  });
  let m;
  try {
    [m] = await Promise.all([more, css]);
  } catch (e) {
    more = undefined;
    throw e;
  }
  const screens = m.start_more(element, lang, notify);
  return {
    setLang: (l) => screens.set_lang(l),
    unmount: () => { screens.unmount(); screens.free(); },
  };
};

// Starts the selected child's feed request while the wasm downloads, with
// the app's own request options; the app takes this response instead of
// asking again (`platform::remember_feed`, `early_response`). The `catch` only marks a failure as seen: the app still
// gets it when it awaits. Not when the browser knows it is offline: a
// request then can only fail (and fails as a network error through the
// service worker when it has no copy).
try {
  const url = localStorage.getItem("jianfu.feed");
  if (url && navigator.onLine) {
    const response = fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" });
    response.catch(() => {});
    window.__jianfuFeed = { url, response };
  }
} catch {}

// Other tabs. The app's two modules tell each other what they committed
// through window events named after the topic, whose detail says who told
// ("app", "more"); this script alone talks to other tabs, a
// BroadcastChannel per topic (`platform::Topic`, `platform::set_role`).
if ("BroadcastChannel" in window) {
  for (const topic of ["jianfu-outbox", "jianfu-children", "jianfu-feed", "jianfu-log"]) {
    const channel = new BroadcastChannel(topic);
    channel.onmessage = () => dispatchEvent(new CustomEvent(topic, { detail: "tab" }));
    addEventListener(topic, (e) => { if (e.detail !== "tab") channel.postMessage(null); });
  }
}

// The pre-rendered welcome (#pre, issue #13) leaves the page as the app
// draws its own first frame (an .app no longer busy loading): the observer
// runs before that frame is painted, so the two never show together.
const app = document.getElementById("app");
new MutationObserver((_, seen) => {
  if (app.querySelector(":scope > .app:not([aria-busy])")) {
    document.getElementById("pre")?.remove();
    seen.disconnect();
  }
}).observe(app, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-busy"] });

// `__jianfuHandOver()`: the welcome build calls it once the parent has a
// child (`platform::hand_over`). The app module loads while the welcome
// stays on screen; then, in one task, the welcome stops and the app starts
// in the same element, so no frame shows neither, and goes on showing the
// welcome's notice ("saved", what an import brought back).
// Failing (offline before the service worker keeps the module), it tries
// again every 5 s, under a new URL (a failed `import()` is remembered).
let handing, handTries = 0;
window.__jianfuHandOver = () => {
  handing ??= load(retry("./%APP_JS%", handTries++), "./%APP_WASM%").then((app) => {
    window.__jianfuNotice = welcome.stop();
    app.start();
  }, () => {
    handing = undefined;
    setTimeout(window.__jianfuHandOver, 5000);
  });
};

const welcome = returning ? undefined : await load("./%WELCOME_JS%", "./%WELCOME_WASM%");
(welcome ?? await load("./%APP_JS%", "./%APP_WASM%")).start();

// Registers the service worker once the app is up, and tells the app when
// an update waits: the app shows "a new version is ready" and calls
// `__jianfuApplyUpdate` on the parent's tap (`platform::on_update_ready`).
(window.requestIdleCallback ?? setTimeout)(() => {
  if (!("serviceWorker" in navigator)) return;
  const ready = (worker) => {
    window.__jianfuUpdate = worker;
    window.dispatchEvent(new Event("jianfu-update-ready"));
  };
  window.__jianfuApplyUpdate = () => {
    const worker = window.__jianfuUpdate;
    if (!worker) return;
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    worker.postMessage({ type: "SKIP_WAITING" });
  };
  navigator.serviceWorker.register("/sw.js").then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) ready(reg.waiting);
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) ready(worker);
      });
    });
  }).catch(() => {});
}, { timeout: 3000 });
