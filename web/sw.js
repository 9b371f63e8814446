// Jianfu's service worker: the app works offline after the first visit.
//
// - The app shell (HTML, JS, wasm, CSS, icons) is precached at install from
//   the list `cargo xtask build` writes below, and served cache-first. Its
//   files carry content hashes, so a new build means a new VERSION, a new
//   cache, and an update the page offers to the parent ("a new version is
//   ready"); the new worker waits until the parent taps, so nothing running
//   (a timer, an unsent survey) is cut off mid-use.
// - Other GETs of this origin (feeds, surveys) go to the network first and
//   fall back to the last good copy, so homework still shows in a lift.
// - Nothing else is touched: POSTs and /inbox/ are never cached or answered
//   from cache, and cross-origin requests go straight to the network.
const VERSION = "%VERSION%";
const PRECACHE = %PRECACHE%;
const SHELL = `jianfu-shell-${VERSION}`;
const DATA = "jianfu-data";

self.addEventListener("install", (event) => {
  // Fetched without cookies: the shell is public and identical for everyone.
  const requests = PRECACHE.map((url) => new Request(url, { credentials: "omit" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      // The app's own older shells only: other pages of the site (the school
      // studio at /school/) keep their caches.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("jianfu-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the parent taps "update".
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/inbox/")) {
    return; // the browser handles it, uncached
  }
  if (request.mode === "navigate" && (url.pathname === "/" || url.pathname === "/index.html")) {
    // Hash routes: every page of the app is "/". Other pages of the site
    // (the school studio, the embed demo) are not the app's to answer.
    event.respondWith(caches.match("/", { cacheName: SHELL }).then((hit) => hit || fetch(request)));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const hit = await cache.match(request);
    if (!hit) throw offline;
    // Marked, so the app can say "offline: showing the saved copy" instead
    // of taking it for a fresh answer.
    const headers = new Headers(hit.headers);
    headers.set("x-jianfu-offline-copy", "1");
    return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
  }
}
