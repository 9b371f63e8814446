// The boot script of a front-end page (/school/, /bureau/). `cargo xtask
// build` fills in the page's name and hashed file names (%…%) and writes it
// as <name>/app/boot.[hash].js.
import init, { start } from "./%JS%";

await init({ module_or_path: new URL("./%WASM%", import.meta.url) });
start();

// Offline after one visit: the page's own worker, scoped to its folder
// (the parent app's worker at / never answers for these pages).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/%NAME%/sw.js", { scope: "/%NAME%/" }).catch(() => {});
}
