// microneedling-check loader: defines <microneedling-check> and a plain mount(element, options).
//
// It loads the widget's own files from next to this file: its WebAssembly and the texts of the
// locale each element shows (one file per locale). Those fetches (fetchOwn, below) are the only
// requests the widget ever makes, and each file is checked against the SHA-384 this loader
// carries. Nothing the visitor answers leaves the page: the widget has no network, storage or
// cookie code at all.
//
// The files ship gzip-compressed (made by scripts/build.sh), so every site sends the same small
// files whether or not its server compresses them; the browser's own DecompressionStream
// inflates them.
//
// If the widget cannot start (an old browser, a Content-Security-Policy without
// 'wasm-unsafe-eval', a missing or changed file, a load that has not finished after
// LOAD_TIMEOUT_MS), the element shows its own content (what the clinic put inside it) or, if it
// has none, a short message with the clinic's contact details: never an empty box.
//
// Lifecycle: one app per element, for its whole life. A move (removed and added back within
// GRACE_MS, moveBefore(), another parent) keeps the visitor's place and answers; an element removed
// for longer is torn down and freed; attributes changed later apply at once (applyConfig).

const here = import.meta.url;

// The host page's own scripts run before this one and may have polluted Object.prototype (a
// library's bug is enough: `Object.prototype.once = true`, a `signal` getter). So every object this
// loader hands to the browser as options has no prototype, every lookup by a name that came from
// outside is an own-property lookup, and the built-ins it relies on are taken now, once.
const { hasOwn, entries, freeze } = Object;
const own = (object, key) => (object != null && hasOwn(object, key) ? object[key] : undefined);
const dictionary = (fields) => Object.assign(Object.create(null), fields);

// The widget, merged in by scripts/build.sh (scripts/assemble_loader.py): wasm-bindgen's glue,
// which instantiates the WebAssembly, so that this file's own integrity covers it (a dynamic
// import cannot carry an integrity value). Unbuilt (web/), there is none and the fallback shows.
const GLUE = /*GLUE*/ null;

// The SHA-384 of every file this loader fetches, written by scripts/build.sh: the WebAssembly and
// each locale's texts. The browser refuses a fetched file with one byte changed, so a Subresource Integrity
// value on this script's <script> tag vouches for everything the widget runs and shows.
const INTEGRITY = /*INTEGRITY*/ { wasm: '', texts: {} };

// The widget's version (Cargo.toml's), written by scripts/build.sh: exported as `version`, on the
// element's class (`customElements.get('microneedling-check').version`) and in the console when
// the widget cannot start, so a clinic can tell which release a page runs.
export const version = /*VERSION*/ 'unbuilt';

/**
 * Fetches the widget's own file `name` (next to this loader), checked against `integrity`, and
 * inflates it (the files ship gzip-compressed: every server then sends the same bytes). A fetch
 * with `integrity` hands over the body only once all of it has arrived and matched.
 */
function fetchOwn(name, integrity) {
  return fetch(new URL('./' + name, here), dictionary({ integrity })).then(
    (response) => {
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return response.body.pipeThrough(new DecompressionStream('gzip'));
    },
    () => {
      throw new Error(`${name} could not be loaded, or does not match the integrity this loader expects`);
    },
  );
}

let widget;

function load() {
  if (!widget) {
    widget = (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
      if (typeof DecompressionStream !== 'function') throw new Error('DecompressionStream is not available');
      if (!GLUE) throw new Error('this loader was not built (scripts/build.sh merges the widget into it)');
      // This and the locale packs (below) are the only requests the widget makes (connect-src),
      // and it only ever asks for its own files.
      const wasm = fetchOwn('microneedling-check-wasm.bin', INTEGRITY.wasm).then(
        (body) => new Response(body, dictionary({ headers: dictionary({ 'Content-Type': 'application/wasm' }) })),
      );
      await GLUE.init(wasm); // the glue's init, as scripts/trim_glue.py writes it
      return GLUE;
    })();
  }
  return widget;
}

// Each locale's texts are a file of their own (the WebAssembly carries none), fetched once per
// locale and page and shared by every element that shows it.
const packs = new Map(); // code -> promise of the pack's text
const given = new Map(); // code -> promise that the widget has taken it
const loadedLocales = new Set(); // codes the widget has taken

/** The text of locale `code`'s pack, fetched once. A failed fetch may be tried again later. */
function fetchPack(code) {
  let pack = packs.get(code);
  if (!pack) {
    const integrity = own(INTEGRITY.texts, code);
    pack = integrity
      ? fetchOwn(`microneedling-check-texts-${code}.bin`, integrity).then((body) => new Response(body).text())
      : Promise.reject(new Error(`no texts for the locale ${code}`));
    pack.catch(() => packs.delete(code));
    packs.set(code, pack);
  }
  return pack;
}

/** Hands locale `code`'s texts to the widget (once); settles when it has them. */
function giveTexts(glue, code) {
  let done = given.get(code);
  if (!done) {
    done = fetchPack(code).then((text) => {
      if (!glue.loadLocale(code, text)) throw new Error(`the ${code} texts do not fit this widget's version`);
      loadedLocales.add(code);
    });
    done.catch(() => given.delete(code));
    given.set(code, done);
  }
  return done;
}

/**
 * The locale `host` will show, worked out before the WebAssembly is here so that its pack loads
 * alongside it: the same rule as the widget's (src/config.rs): the `locale` attribute (its
 * language), English for an unknown one; without it, the browser's first supported language.
 */
function expectedLocale(host) {
  const codes = Object.keys(INTEGRITY.texts);
  const find = (tag) => {
    const lower = String(tag).trim().toLowerCase();
    return codes.find((code) => code === lower || code === lower.split(/[-_]/)[0]);
  };
  const attribute = host && host.getAttribute('locale');
  if (attribute && attribute.trim()) return find(attribute) || 'en';
  for (const tag of navigator.languages || [navigator.language]) {
    const code = tag && find(tag);
    if (code) return code;
  }
  return 'en';
}

// Shown when the widget cannot start. Filled in from the locale files by scripts/build.sh.
const FALLBACK = /*FALLBACK_TEXTS*/ {
  en: {
    title: 'This check could not load',
    body: 'Your browser could not start this check. Please contact {clinic} to ask about microneedling.',
    clinic: 'the clinic',
    book: 'Book a consultation with {clinic}',
    dir: 'ltr',
  },
};

const FALLBACK_CSS =
  '.mc-fallback{all:initial;display:block;padding:16px 20px;border-inline-start:6px solid #6b7280;' +
  'background-color:#f3f4f6;color:#1f2933;font:18px/1.5 system-ui,sans-serif}' +
  '.mc-fallback strong{display:block;font-weight:700}.mc-fallback a{color:inherit;text-decoration:underline}' +
  '.mc-fallback-book{display:block;margin-block-start:8px}';

// The same limits as the widget's (src/config.rs): a clinic name of at most 80 characters, a phone
// of digits, spaces and + - . ( ) with 3 to 20 digits and at most 30 characters.
const MAX_NAME = 80;
const MAX_PHONE = 30;

/** Whitespace runs made one space, none at either end; at most `max` characters. */
function tidy(text, max) {
  return [
    ...String(text || '')
      .trim()
      .split(/\s+/)
      .join(' '),
  ]
    .slice(0, max)
    .join('');
}

/** Whether `host` has content of its own (the clinic's "Call us on …"), shown through a <slot>. */
function hasOwnContent(host) {
  return [...host.childNodes].some((node) => node.nodeType === 1 || (node.nodeType === 3 && node.data.trim()));
}

/** Shows the element's own content through a <slot>, until the widget mounts. */
function showOwnContent(root) {
  root.adoptedStyleSheets = [];
  root.replaceChildren(document.createElement('slot'));
}

function showFallback(host, root, error) {
  console.warn(`<microneedling-check> ${version} could not start:`, error && error.message ? error.message : error);
  if (hasOwnContent(host)) {
    showOwnContent(root); // the clinic's own fallback content says it best
    return;
  }
  const tag = String(host.getAttribute('locale') || navigator.language || 'en')
    .toLowerCase()
    .split(/[-_]/)[0];
  const known = hasOwn(FALLBACK, tag);
  const texts = known ? FALLBACK[tag] : FALLBACK.en;
  const box = document.createElement('div');
  box.className = 'mc-fallback';
  box.setAttribute('role', 'status');
  box.lang = known ? tag : 'en';
  box.dir = texts.dir === 'rtl' ? 'rtl' : 'ltr';
  const title = document.createElement('strong');
  title.textContent = texts.title;
  // The clinic's name goes in as text, isolated (<bdi>), never through a replace() pattern.
  const name = tidy(host.getAttribute('clinic-name'), MAX_NAME) || texts.clinic;
  const withClinic = (template) => {
    const [before, ...after] = String(template).split('{clinic}');
    const clinic = document.createElement('bdi');
    clinic.textContent = name;
    return [before, ...(after.length ? [clinic, after.join('{clinic}')] : [])];
  };
  const body = document.createElement('span');
  body.append(...withClinic(texts.body), ' ');
  box.append(title, body);
  const phone = tidy(host.getAttribute('phone'), MAX_PHONE + 1);
  const digits = phone.replace(/[^0-9]/g, '').length;
  if (phone.length <= MAX_PHONE && /^[0-9 +().-]+$/.test(phone) && digits >= 3 && digits <= 20) {
    const link = document.createElement('a');
    link.href = 'tel:' + (phone.startsWith('+') ? '+' : '') + phone.replace(/[^0-9]/g, '');
    link.dir = 'ltr';
    link.textContent = phone;
    box.append(link);
  }
  // The booking page too, when it is a plain http(s) link (the widget's own rule, src/config.rs).
  const booking = String(host.getAttribute('booking-url') || '').trim();
  if (/^https?:\/\/[^\s/?#@][^\s]*$/i.test(booking) && booking.length <= 2000) {
    const link = document.createElement('a');
    link.href = booking;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.append(...withClinic(texts.book || booking));
    const line = document.createElement('span');
    line.className = 'mc-fallback-book';
    line.append(link);
    box.append(line);
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
  'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'.split(' '),
);

/**
 * The widget's open shadow root on `host`, attached on first use. Throws a TypeError that says
 * why, and changes nothing, if `host` cannot hold one or already has one the widget did not make.
 */
function shadowRootFor(host) {
  const mine = roots.get(host);
  if (mine) return mine;
  const name = host.localName;
  if (!SHADOW_HOSTS.has(name) && !name.includes('-')) {
    throw new TypeError(
      `mount(): <${name}> elements cannot hold the widget (the browser gives a shadow root only to a custom element or one of: ${[...SHADOW_HOSTS].join(', ')}); use a <div>`,
    );
  }
  if (host.shadowRoot) {
    throw new TypeError(
      `mount(): this <${name}> already has a shadow root that the widget did not create; use an empty <div>`,
    );
  }
  let root;
  try {
    root = host.attachShadow(dictionary({ mode: 'open' }));
  } catch (error) {
    throw new TypeError(
      `mount(): this <${name}> cannot take the widget's shadow root (${error && error.name}: it may already have a closed one); use an empty <div>`,
    );
  }
  roots.set(host, root);
  return root;
}

// How long an element may be out of the document (a move, a route change, a modal) before its
// app is torn down, and how long a load may take before the fallback shows.
const GRACE_MS = 1000;
const LOAD_TIMEOUT_MS = 15000;

// The widget on each element: { root, ready, id, teardown, failed, queued }. `id` is the wasm's
// handle once mounted.
const instances = new WeakMap();

/** Starts the widget on `host` once; later calls (a move, a second mount()) keep it as it is. */
function connect(host) {
  let instance = instances.get(host);
  if (instance) {
    clearTimeout(instance.teardown);
    instance.teardown = 0;
    return instance.ready;
  }
  const root = shadowRootFor(host); // throws a TypeError, changing nothing, if it cannot
  instance = { root, id: null, teardown: 0, failed: false, queued: false };
  instances.set(host, instance);
  showOwnContent(root);
  let timer = 0;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the widget's files did not load within ${LOAD_TIMEOUT_MS / 1000} s`)),
      LOAD_TIMEOUT_MS,
    );
  });
  const mountWhenLoaded = (glue) => {
    if (instances.get(host) !== instance || instance.id != null) return;
    instance.id = glue.mountWidget(host, root);
    instance.glue = glue;
    instance.sheets = [...root.adoptedStyleSheets]; // a copy: the live list empties on adoption
    instance.failed = false;
    live.add(host);
    watchTheme(host);
    publishReport(host, instance, glue);
  };
  fetchPack(expectedLocale(host)).catch(() => {}); // alongside the WebAssembly; reported below
  // The widget itself says which locale it shows (usually the one expected above, already on its way).
  const loaded = () => load().then((glue) => giveTexts(glue, glue.localeOf(host)).then(() => glue));
  instance.ready = Promise.race([loaded(), timeout])
    .then(mountWhenLoaded, (error) => {
      if (instances.get(host) !== instance) return;
      instance.failed = true;
      showFallback(host, root, error);
      // A load that was only slow still mounts the widget when it arrives.
      loaded().then(mountWhenLoaded, () => {});
    })
    .then(() => firstRender(root))
    .finally(() => clearTimeout(timer));
  return instance.ready;
}

/**
 * Settles once the widget's first page is in `root` (Yew may render a moment after mounting), or
 * at once if it shows something else (the fallback), or after a second at most.
 */
function firstRender(root) {
  const shown = () => !root.querySelector('.mc-mount') || root.querySelector('.mc-mount > *');
  if (shown()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => shown() && done());
    observer.observe(root, dictionary({ childList: true, subtree: true }));
    const timer = setTimeout(done, 1000);
  });
}

/** The element left the document: tear its widget down unless it is back within GRACE_MS. */
function disconnect(host) {
  const instance = instances.get(host);
  if (!instance) return;
  clearTimeout(instance.teardown);
  instance.teardown = setTimeout(() => {
    if (!host.isConnected) release(host);
  }, GRACE_MS);
}

/** Destroys the widget on `host` (its app, listeners and shadow content); a later connect starts afresh. */
function release(host) {
  const instance = instances.get(host);
  if (!instance) return;
  instances.delete(host);
  live.delete(host);
  clearTimeout(instance.teardown);
  // At once, not after a promise: a mount() right after must not find its new widget wiped.
  if (instance.id != null) instance.glue.unmountWidget(instance.id);
  instance.root.replaceChildren();
  instance.root.adoptedStyleSheets = [];
}

// The mounted elements, for the theme watchers below.
const live = new Set();

/**
 * The contrast verdicts of `host`'s theme (each pair the widget checked, its ratio, the ratio it
 * needs, whether it passes), kept on the instance for the element's `themeReport` and sent as a
 * `microneedling-check-theme` event whenever they change, so an embed builder can show them.
 */
function publishReport(host, instance, glue) {
  const text = glue.themeReport(instance.id);
  if (text === instance.reportText) return;
  instance.reportText = text;
  instance.report = freeze(JSON.parse(text).map(freeze));
  host.dispatchEvent(new CustomEvent('microneedling-check-theme', dictionary({ detail: instance.report })));
}

// The theme is checked again, and repainted if it changed, when something that can change the
// element's custom properties changes: the visitor's colour-scheme preference, the attributes of
// <html> and <body> (a dark-mode class, a data-theme), the element's own class and style. Observed,
// never polled.
let themeObserver;
function recheckThemes() {
  for (const host of live) applyConfig(host);
}
function watchTheme(host) {
  if (!themeObserver) {
    themeObserver = new MutationObserver(recheckThemes);
    for (const root of [document.documentElement, document.body]) {
      if (root) themeObserver.observe(root, dictionary({ attributes: true }));
    }
    if (typeof matchMedia === 'function') {
      matchMedia('(prefers-color-scheme: dark)').addEventListener('change', recheckThemes);
    }
  }
  themeObserver.observe(host, dictionary({ attributes: true, attributeFilter: ['class', 'style'] }));
}

/**
 * Applies `host`'s attributes again after the page changed them (batched: several attributes set
 * together apply once). Every live change, the locale's included, goes through here.
 */
function applyConfig(host) {
  const instance = instances.get(host);
  if (!instance || instance.queued) return;
  instance.queued = true;
  queueMicrotask(() => {
    instance.queued = false;
    if (instances.get(host) !== instance) return;
    if (instance.id != null) {
      const glue = instance.glue;
      // Everything but a locale whose texts are not here yet applies at once; that one once they are.
      glue.updateWidget(instance.id);
      publishReport(host, instance, glue);
      const code = glue.localeOf(host);
      if (!loadedLocales.has(code)) {
        giveTexts(glue, code).then(
          () => instances.get(host) === instance && glue.updateWidget(instance.id),
          (error) =>
            console.warn(
              `<microneedling-check> the ${code} texts could not load (${error.message}); the widget keeps its current language and answers`,
            ),
        );
      }
    } else if (instance.failed) showFallback(host, instance.root, new Error('still not loaded'));
  });
}

const ATTRIBUTES = freeze(
  dictionary({
    clinicName: 'clinic-name',
    bookingUrl: 'booking-url',
    phone: 'phone',
    locale: 'locale',
    variant: 'variant',
    colorScheme: 'color-scheme',
  }),
);

/**
 * Mounts the widget into any element, for sites that cannot use the custom element.
 * `options` may hold clinicName, bookingUrl, phone, locale, variant and colorScheme (the attributes' names in
 * camelCase); any other option warns and is ignored. Calling it again on the same element
 * applies the new options and keeps the visitor's place. Returns a promise of a handle whose
 * `unmount()` removes the widget and frees it; the promise settles once the widget (or the
 * fallback) shows. Throws a TypeError, changing nothing, if `element` cannot hold the widget (an
 * <input>, an <img>, an element with a shadow root of its own).
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement))
    throw new TypeError('mount(element, options): element must be an HTML element');
  if (options != null && typeof options !== 'object')
    throw new TypeError('mount(element, options): options must be an object');
  shadowRootFor(element);
  for (const [option, value] of entries(options || {})) {
    const attribute = own(ATTRIBUTES, option);
    if (!attribute) console.warn(`<microneedling-check> mount(): unknown option \`${tidy(option, 40)}\` is ignored`);
    else if (value != null) element.setAttribute(attribute, String(value));
  }
  const mounted = instances.has(element);
  const ready = connect(element);
  if (mounted) applyConfig(element);
  const instance = instances.get(element);
  return ready.then(() =>
    freeze({
      element,
      // Only the widget this call mounted (or joined): an old handle cannot remove a newer one.
      unmount: () => {
        if (instances.get(element) === instance) release(element);
      },
      get themeReport() {
        return instances.get(element) === instance ? instance.report : undefined;
      },
    }),
  );
}

// Start fetching and compiling the widget at once (the script is loaded `async`, often before the
// element itself has been read); every element and mount() then shares this one load.
// The texts of the locale the page's elements (or, with none yet, the browser) ask for load
// alongside it.
load().catch(() => {}); // a failure is reported on each element, where connect() awaits it
const waiting = document.querySelectorAll('microneedling-check');
for (const host of waiting.length ? waiting : [null]) fetchPack(expectedLocale(host)).catch(() => {});

/** The custom element: connects, disconnects and applies its attributes as they change. */
class MicroneedlingCheck extends HTMLElement {
  static get version() {
    return version;
  }

  static get observedAttributes() {
    return Object.values(ATTRIBUTES);
  }

  connectedCallback() {
    try {
      connect(this);
    } catch (error) {
      console.error('<microneedling-check>', error.message);
    }
  }

  disconnectedCallback() {
    disconnect(this);
  }

  // moveBefore() keeps the element connected: nothing to do, the widget stays as it is.
  connectedMoveCallback() {}

  // Moved into another document (an iframe): a shadow root there cannot use stylesheets made in
  // this one, so the widget's are copied into the new document's own.
  adoptedCallback(_, document) {
    const instance = instances.get(this);
    const Sheet = document.defaultView && document.defaultView.CSSStyleSheet;
    if (!instance || !instance.sheets || !Sheet) return;
    instance.root.adoptedStyleSheets = instance.sheets.map((sheet) => {
      const copy = new Sheet();
      copy.replaceSync([...sheet.cssRules].map((rule) => rule.cssText).join('\n'));
      return copy;
    });
  }

  attributeChangedCallback() {
    applyConfig(this);
  }

  /** The contrast verdicts of the widget's theme (see publishReport), once it has mounted. */
  get themeReport() {
    const instance = instances.get(this);
    return instance ? instance.report : undefined;
  }
}

if (typeof customElements === 'object') {
  const defined = customElements.get('microneedling-check');
  if (!defined) customElements.define('microneedling-check', MicroneedlingCheck);
  else if (defined !== MicroneedlingCheck) {
    console.warn(
      '<microneedling-check> another script on this page already defined the element <microneedling-check>, so this loader cannot; mount(element, options) still works',
    );
  }
}
