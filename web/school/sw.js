// The school studio's service worker (scope /school/): the studio opens
// offline after one visit.
//
// - Its shell (page, boot script, styles, module) is precached at install
//   from the list `cargo xtask build` writes below and served cache-first.
//   A new build is a new VERSION; the new worker takes over at once:
//   drafts are in IndexedDB and saved on every keystroke, so a reload
//   loses nothing.
// - Nothing else is cached: feeds the studio imports or reviews go to the
//   network (a school's portal), as do all other requests.
const VERSION = "%VERSION%";
const PRECACHE = %PRECACHE%;
const SHELL = `jianfu-school-${VERSION}`;

self.addEventListener("install", (event) => {
  const requests = PRECACHE.map((url) => new Request(url, { credentials: "omit" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      // Only the studio's own older shells: the parent app's caches are its own.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("jianfu-school-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && (url.pathname === "/school/" || url.pathname === "/school/index.html")) {
    event.respondWith(caches.match("/school/", { cacheName: SHELL }).then((hit) => hit || fetch(request)));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});
