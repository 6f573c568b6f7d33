// microneedling-check loader: defines <microneedling-check> and a plain mount(element, options).
//
// It loads the widget's own WebAssembly from next to this file; that one fetch (below, in load())
// is the only request the widget ever makes. Nothing the visitor answers leaves
// the page: the widget has no network, storage or cookie code at all.
//
// The WebAssembly ships gzip-compressed (microneedling-check-wasm.bin, made by scripts/build.sh),
// so every site sends the same small file whether or not its server compresses .wasm files; the
// browser's own DecompressionStream inflates it as it arrives, and WebAssembly compiles it as it
// streams in.
//
// If the WebAssembly cannot load (an old browser, a Content-Security-Policy without
// 'wasm-unsafe-eval', a missing file), the element shows a short message with the clinic's
// contact details instead of an empty box.

const here = import.meta.url;
let widget;

function load() {
  if (!widget) {
    widget = (async () => {
      if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available");
      if (typeof DecompressionStream !== "function") throw new Error("DecompressionStream is not available");
      // The widget's own .wasm is fetched while the glue loads, not after it: this is the one
      // request the widget makes (connect-src), and it only ever asks for its own file.
      const wasm = fetch(new URL("./microneedling-check-wasm.bin", here)).then((response) => {
        if (!response.ok) throw new Error(`microneedling-check-wasm.bin: HTTP ${response.status}`);
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip")), {
          headers: { "Content-Type": "application/wasm" },
        });
      });
      wasm.catch(() => {}); // a failure is reported below, where it is awaited
      const glue = await import(new URL("./microneedling-check-wasm.js", here).href);
      await glue.default(wasm); // the glue's init, as scripts/trim_glue.py writes it
      return glue;
    })();
  }
  return widget;
}

// Shown when the widget cannot start. Filled in from the locale files by scripts/build.sh.
const FALLBACK = /*FALLBACK_TEXTS*/ {
  en: {
    title: "This check could not load",
    body: "Your browser could not start this check. Please contact {clinic} to ask about microneedling.",
    clinic: "the clinic",
    dir: "ltr",
  },
};

const FALLBACK_CSS =
  ".mc-fallback{all:initial;display:block;padding:16px 20px;border-inline-start:6px solid #6b7280;" +
  "background:#f3f4f6;color:#1f2933;font:18px/1.5 system-ui,sans-serif}" +
  ".mc-fallback strong{display:block;font-weight:700}.mc-fallback a{color:#1d5a8a}";

function showFallback(host, error) {
  console.warn("<microneedling-check> could not start:", error && error.message ? error.message : error);
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  const tag = (host.getAttribute("locale") || navigator.language || "en").toLowerCase().split(/[-_]/)[0];
  const texts = FALLBACK[tag] || FALLBACK.en;
  const box = document.createElement("div");
  box.className = "mc-fallback";
  box.setAttribute("role", "status");
  box.lang = FALLBACK[tag] ? tag : "en";
  box.dir = texts.dir || "ltr";
  const title = document.createElement("strong");
  title.textContent = texts.title;
  const clinic = (host.getAttribute("clinic-name") || "").trim() || texts.clinic;
  const body = document.createElement("span");
  body.textContent = texts.body.replace("{clinic}", clinic) + " ";
  box.append(title, body);
  const phone = (host.getAttribute("phone") || "").trim();
  if (/^[0-9 +().-]{3,30}$/.test(phone)) {
    const link = document.createElement("a");
    link.href = "tel:" + phone.replace(/[^0-9+]/g, "");
    link.textContent = phone;
    box.append(link);
  }
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(FALLBACK_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch (_) {
    // Very old browsers: the message still shows, unstyled.
  }
  root.replaceChildren(box);
}

async function start(host) {
  if (host.dataset.mcStarted) return;
  host.dataset.mcStarted = "";
  try {
    const glue = await load();
    glue.mountWidget(host);
  } catch (error) {
    showFallback(host, error);
  }
}

const ATTRIBUTES = {
  clinicName: "clinic-name",
  bookingUrl: "booking-url",
  phone: "phone",
  locale: "locale",
  variant: "variant",
};

/**
 * Mounts the widget into any element, for sites that cannot use the custom element.
 * `options` may hold clinicName, bookingUrl, phone, locale and variant (the attributes' names in
 * camelCase). Returns a promise that settles once the widget (or its fallback message) shows.
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError("mount(element, options): element must be an HTML element");
  for (const [option, value] of Object.entries(options)) {
    const attribute = ATTRIBUTES[option];
    if (!attribute) console.warn(`<microneedling-check> mount(): unknown option \`${option}\` is ignored`);
    else if (value != null) element.setAttribute(attribute, String(value));
  }
  return start(element);
}

// Start fetching and compiling the widget at once (the script is loaded `async`, often before the
// element itself has been read); every element and mount() then shares this one load.
load().catch(() => {}); // a failure is reported on each element, where start() awaits it

if (typeof customElements === "object" && !customElements.get("microneedling-check")) {
  customElements.define(
    "microneedling-check",
    class extends HTMLElement {
      connectedCallback() {
        start(this);
      }
    },
  );
}
