// The service worker of a front-end page (/school/, /bureau/), scoped to
// its folder: the page opens offline after one visit.
//
// - Its shell (page, boot script, styles, module) is precached at install
//   from the list `cargo xtask build` writes below and served cache-first.
//   A new build is a new VERSION; the new worker takes over at once: what
//   these pages keep is in IndexedDB, written on every change, so a
//   reload loses nothing.
// - Nothing else is cached: feeds, surveys and the inbox's exports go to
//   the network every time (an export answers `no-store` and carries
//   sealed reports: never a copy in a cache).
const NAME = "%NAME%";
const VERSION = "%VERSION%";
const PRECACHE = %PRECACHE%;
const SHELL = `jianfu-${NAME}-${VERSION}`;
const HOME = `/${NAME}/`;

self.addEventListener("install", (event) => {
  const requests = PRECACHE.map((url) => new Request(url, { credentials: "omit" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      // Only this page's own older shells: other pages' caches are theirs.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(`jianfu-${NAME}-`) && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && (url.pathname === HOME || url.pathname === `${HOME}index.html`)) {
    event.respondWith(caches.match(HOME, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});
