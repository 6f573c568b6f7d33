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

// The host page's own scripts run before this one and may have polluted Object.prototype (a
// library's bug is enough: `Object.prototype.once = true`, a `signal` getter). So every object this
// loader hands to the browser as options has no prototype, every lookup by a name that came from
// outside is an own-property lookup, and the built-ins it relies on are taken now, once.
const { hasOwn, entries, freeze } = Object;
const own = (object, key) => (object != null && hasOwn(object, key) ? object[key] : undefined);
const dictionary = (fields) => Object.assign(Object.create(null), fields);

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
        return new Response(
          response.body.pipeThrough(new DecompressionStream("gzip")),
          dictionary({ headers: dictionary({ "Content-Type": "application/wasm" }) }),
        );
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
  "background-color:#f3f4f6;color:#1f2933;font:18px/1.5 system-ui,sans-serif}" +
  ".mc-fallback strong{display:block;font-weight:700}.mc-fallback a{color:#1d5a8a}";

// The same limits as the widget's (src/config.rs): a clinic name of at most 80 characters, a phone
// of digits, spaces and + - . ( ) with 3 to 20 digits and at most 30 characters.
const MAX_NAME = 80;
const MAX_PHONE = 30;

/** Whitespace runs made one space, none at either end; at most `max` characters. */
function tidy(text, max) {
  return [...String(text || "").trim().split(/\s+/).join(" ")].slice(0, max).join("");
}

function showFallback(host, error) {
  console.warn("<microneedling-check> could not start:", error && error.message ? error.message : error);
  let root;
  try {
    root = shadowRootFor(host);
  } catch (_) {
    return; // not an element the widget may render into: nothing of the host's is touched
  }
  const tag = String(host.getAttribute("locale") || navigator.language || "en").toLowerCase().split(/[-_]/)[0];
  const known = hasOwn(FALLBACK, tag);
  const texts = known ? FALLBACK[tag] : FALLBACK.en;
  const box = document.createElement("div");
  box.className = "mc-fallback";
  box.setAttribute("role", "status");
  box.lang = known ? tag : "en";
  box.dir = texts.dir === "rtl" ? "rtl" : "ltr";
  const title = document.createElement("strong");
  title.textContent = texts.title;
  // The clinic's name goes in as text, isolated (<bdi>), never through a replace() pattern.
  const clinic = document.createElement("bdi");
  clinic.textContent = tidy(host.getAttribute("clinic-name"), MAX_NAME) || texts.clinic;
  const [before, ...after] = texts.body.split("{clinic}");
  const body = document.createElement("span");
  body.append(before, ...(after.length ? [clinic, after.join("{clinic}")] : []), " ");
  box.append(title, body);
  const phone = tidy(host.getAttribute("phone"), MAX_PHONE + 1);
  const digits = phone.replace(/[^0-9]/g, "").length;
  if (phone.length <= MAX_PHONE && /^[0-9 +().-]+$/.test(phone) && digits >= 3 && digits <= 20) {
    const link = document.createElement("a");
    link.href = "tel:" + (phone.startsWith("+") ? "+" : "") + phone.replace(/[^0-9]/g, "");
    link.dir = "ltr";
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

// The shadow roots this loader attached, by element: the widget renders only into these.
const roots = new WeakMap();

// Elements that may hold a shadow root (besides custom elements), from the DOM standard.
const SHADOW_HOSTS = new Set(
  "article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span".split(" "),
);

/**
 * The widget's open shadow root on `host`, attached on first use. Throws a TypeError that says
 * why, and changes nothing, if `host` cannot hold one or already has one the widget did not make.
 */
function shadowRootFor(host) {
  const mine = roots.get(host);
  if (mine) return mine;
  const name = host.localName;
  if (!SHADOW_HOSTS.has(name) && !name.includes("-")) {
    throw new TypeError(
      `mount(): a <${name}> cannot hold the widget (the browser gives a shadow root only to a custom element or one of: ${[...SHADOW_HOSTS].join(", ")}); use a <div>`,
    );
  }
  if (host.shadowRoot) {
    throw new TypeError(`mount(): this <${name}> already has a shadow root that the widget did not create; use an empty <div>`);
  }
  let root;
  try {
    root = host.attachShadow(dictionary({ mode: "open" }));
  } catch (error) {
    throw new TypeError(`mount(): this <${name}> cannot take the widget's shadow root (${error && error.name}: it may already have a closed one); use an empty <div>`);
  }
  roots.set(host, root);
  return root;
}

async function start(host, root) {
  if (host.dataset.mcStarted) return;
  host.dataset.mcStarted = "";
  try {
    const glue = await load();
    glue.mountWidget(host, root);
  } catch (error) {
    showFallback(host, error);
  }
}

const ATTRIBUTES = freeze(
  dictionary({
    clinicName: "clinic-name",
    bookingUrl: "booking-url",
    phone: "phone",
    locale: "locale",
    variant: "variant",
  }),
);

/**
 * Mounts the widget into any element, for sites that cannot use the custom element.
 * `options` may hold clinicName, bookingUrl, phone, locale and variant (the attributes' names in
 * camelCase); any other option warns and is ignored. Returns a promise that settles once the
 * widget (or its fallback message) shows. Throws a TypeError, changing nothing, if `element`
 * cannot hold the widget (an <input>, an <img>, an element with a shadow root of its own).
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError("mount(element, options): element must be an HTML element");
  if (options != null && typeof options !== "object") throw new TypeError("mount(element, options): options must be an object");
  const root = shadowRootFor(element);
  for (const [option, value] of entries(options || {})) {
    const attribute = own(ATTRIBUTES, option);
    if (!attribute) console.warn(`<microneedling-check> mount(): unknown option \`${tidy(option, 40)}\` is ignored`);
    else if (value != null) element.setAttribute(attribute, String(value));
  }
  return start(element, root);
}

// Start fetching and compiling the widget at once (the script is loaded `async`, often before the
// element itself has been read); every element and mount() then shares this one load.
load().catch(() => {}); // a failure is reported on each element, where start() awaits it

if (typeof customElements === "object" && !customElements.get("microneedling-check")) {
  customElements.define(
    "microneedling-check",
    class extends HTMLElement {
      connectedCallback() {
        let root;
        try {
          root = shadowRootFor(this);
        } catch (error) {
          console.error("<microneedling-check>", error.message);
          return;
        }
        start(this, root);
      }
    },
  );
}
