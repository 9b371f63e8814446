// The school studio's boot script. `cargo xtask build` fills in the hashed
// file names (%…%) and writes it as school/app/boot.[hash].js.
import init, { start } from "./%SCHOOL_JS%";

await init({ module_or_path: new URL("./%SCHOOL_WASM%", import.meta.url) });
start();

// Offline after one visit: the studio's own worker, scope /school/ only
// (the parent app's worker at / never answers for the studio's pages).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/school/sw.js", { scope: "/school/" }).catch(() => {});
}
