// <jianfu-widget feed="…" lang="zh-CN|en" view="today|log|week|survey|report">
//
// Renders the Jianfu widget in a shadow root, so the portal's CSS cannot
// break it and its CSS does not leak out. Styles are a constructable
// stylesheet (allowed under a strict CSP without 'unsafe-inline'); brand
// colours come from the portal through CSS custom properties
// (--jianfu-brand, --jianfu-brand-ink). Attribute changes re-render live.
import { mount } from "./jianfu.js";
import css from "./jianfu-styles.js";

let sheet;

class JianfuWidget extends HTMLElement {
  static get observedAttributes() {
    return ["feed", "lang", "view"];
  }

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: "open" });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      root.adoptedStyleSheets = [sheet];
      this.container = document.createElement("div");
      this.container.className = "jianfu-root";
      root.append(this.container);
    }
    this.render();
  }

  disconnectedCallback() {
    this.handle?.unmount();
    this.handle = null;
  }

  attributeChangedCallback() {
    if (this.isConnected && this.shadowRoot) this.render();
  }

  render() {
    const feed = this.getAttribute("feed");
    if (!feed) return;
    const options = { feed, lang: this.getAttribute("lang") ?? undefined, view: this.getAttribute("view") ?? undefined };
    if (this.handle) this.handle.update(options);
    else this.handle = mount(this.container, options);
  }
}

if (!customElements.get("jianfu-widget")) customElements.define("jianfu-widget", JianfuWidget);
