// The embed builder (configure.html): every option of <microneedling-check> as a form field, a live
// preview that is the real widget (each change is set on the element, which applies it at once),
// the contrast verdicts the widget itself reports (its `themeReport` and the
// `microneedling-check-theme` event: no second checker here), and the code to copy.
// Nothing is sent or stored: this script makes no request, and the widget only fetches its own files.

const CDN = 'https://cdn.jsdelivr.net';
const LOADER = 'microneedling-check.js';
// The attribute values the widget takes without one (left out of the code).
const DEFAULTS = { variant: 'standard', 'color-scheme': 'light' };
// The pairs of the widget's report that each colour field is part of.
const PAIRS = {
  '--mc-accent': ['accent on background', 'accent text on accent'],
  '--mc-accent-text': ['accent text on accent'],
  '--mc-text': ['text on background'],
  '--mc-background': ['text on background', 'accent on background'],
};
// The widget's painted colour for each field (custom properties on its `.mc` root).
const PAINTED = {
  '--mc-accent': '--accent',
  '--mc-accent-text': '--accent-text',
  '--mc-text': '--text',
  '--mc-background': '--background',
};

const $ = (selector) => document.querySelector(selector);
const builder = $('#builder');
const preview = $('#preview');
const form = $('#options');
const version = builder.dataset.version;
const sri = {
  loader: builder.dataset.sriLoader,
  wasm: builder.dataset.sriWasm,
  texts: (code) => builder.dataset['sriTexts' + code[0].toUpperCase() + code.slice(1)],
};

/** Escapes text for an HTML attribute value or element content. */
const html = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The form's choices: attributes (only those set and not the default), properties, the rest. */
function choices() {
  const attributes = [];
  for (const field of form.querySelectorAll('[data-attribute]')) {
    if (field.type === 'radio' && !field.checked) continue;
    const name = field.dataset.attribute;
    const value = field.value.trim();
    if (value && value !== DEFAULTS[name]) attributes.push([name, value]);
  }
  const properties = [];
  for (const field of form.querySelectorAll('[data-property]')) {
    const value = field.value.trim();
    if (value) properties.push([field.dataset.property, value]);
  }
  let folder = $('#f-folder').value.trim() || './';
  if (!folder.endsWith('/')) folder += '/';
  const name = attributes.find(([n]) => n === 'clinic-name')?.[1] || 'the clinic';
  const phone = attributes.find(([n]) => n === 'phone')?.[1];
  const fallback =
    $('#f-fallback').value.trim() ||
    (phone ? `Call ${name} on ${phone} to ask about microneedling.` : `Ask ${name} about microneedling.`);
  const locale = attributes.find(([n]) => n === 'locale')?.[1] || 'en';
  return { attributes, properties, folder, fallback, locale, phone };
}

/** A tel: link for a phone number as written (digits and a leading +). */
const tel = (phone) => 'tel:' + phone.replace(/[^\d+]/g, '');

function element(c) {
  const attributes = c.attributes.map(([n, v]) => ` ${n}="${html(v)}"`).join('');
  const inner = c.phone
    ? html(c.fallback).replace(html(c.phone), `<a href="${html(tel(c.phone))}">${html(c.phone)}</a>`)
    : html(c.fallback);
  return { open: `<microneedling-check${attributes}>`, fallback: `<p>${inner}</p>` };
}

function code(c) {
  const el = element(c);
  const body = `${el.open}\n  ${el.fallback}\n</microneedling-check>`;
  const self = `<script type="module" async src="${html(c.folder + LOADER)}" integrity="${sri.loader}"></script>\n${body}`;
  const base = `${CDN}/npm/microneedling-check@${version}/`;
  const cdn =
    `<script type="module" async src="${base + LOADER}"\n        integrity="${sri.loader}" crossorigin="anonymous"></script>\n` +
    body;
  const preload =
    `<link rel="preload" href="${html(c.folder)}microneedling-check-wasm.bin" as="fetch" crossorigin integrity="${sri.wasm}">\n` +
    `<link rel="preload" href="${html(c.folder)}microneedling-check-texts-${c.locale}.bin" as="fetch" crossorigin integrity="${sri.texts(c.locale)}">`;
  const css = c.properties.length
    ? `microneedling-check {\n${c.properties.map(([n, v]) => `  ${n}: ${v};`).join('\n')}\n}`
    : '/* No colours chosen: the widget uses its colour scheme. */';
  const csp = "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; form-action 'none'";
  const cspCdn = `script-src 'self' ${CDN} 'wasm-unsafe-eval'; connect-src 'self' ${CDN}; style-src 'self'; form-action 'none'`;
  return { self, cdn, preload, css, csp, cspCdn, fallback: el.fallback };
}

/** Sets the preview element's attributes and properties from the form: applied at once, no reload. */
function applyToPreview(c) {
  const wanted = new Map(c.attributes);
  for (const field of form.querySelectorAll('[data-attribute]')) {
    const name = field.dataset.attribute;
    if (wanted.has(name)) {
      if (preview.getAttribute(name) !== wanted.get(name)) preview.setAttribute(name, wanted.get(name));
    } else if (preview.hasAttribute(name)) {
      preview.removeAttribute(name);
    }
  }
  const properties = new Map(c.properties);
  for (const field of form.querySelectorAll('[data-property]')) {
    const name = field.dataset.property;
    if (properties.has(name)) preview.style.setProperty(name, properties.get(name));
    else preview.style.removeProperty(name);
  }
}

function update() {
  const c = choices();
  applyToPreview(c);
  const out = code(c);
  $('#o-self').textContent = out.self;
  $('#o-cdn').textContent = out.cdn;
  $('#o-preload').textContent = out.preload;
  $('#o-css').textContent = out.css;
  $('#o-csp').textContent = out.csp;
  $('#o-csp-cdn').textContent = out.cspCdn;
  $('#o-fallback').textContent = out.fallback;
}

// ---- The widget's verdicts, in words ----------------------------------------------------------

const probe = document.createElement('span');
probe.hidden = true;
document.body.append(probe);
/** The colour the browser paints for `value` (to tell whether the widget used the clinic's). */
function painted(value) {
  probe.style.color = '';
  probe.style.color = value;
  return probe.style.color ? getComputedStyle(probe).color : '';
}

const ratio = (n) =>
  `${Number(n)
    .toFixed(2)
    .replace(/\.?0+$/, '')} to 1`;

function showVerdicts(report) {
  if (!Array.isArray(report)) return;
  const byPair = new Map(report.map((v) => [v.pair, v]));
  const root = preview.shadowRoot && preview.shadowRoot.querySelector('.mc');
  const style = root && getComputedStyle(root);
  for (const [property, pairs] of Object.entries(PAIRS)) {
    const field = form.querySelector(`[data-property="${property}"]`);
    const out = form.querySelector(`[data-verdict="${property}"]`);
    const value = field.value.trim();
    const words = pairs
      .map((pair) => byPair.get(pair))
      .filter(Boolean)
      .map(
        (v) =>
          `${v.pair[0].toUpperCase() + v.pair.slice(1)}: ${ratio(v.ratio)} (needs ${ratio(v.required)}), ${v.passes ? 'passes' : 'fails'}.`,
      );
    let note = '';
    if (value) {
      if (!CSS.supports('color', value)) {
        note = 'Not a colour the widget takes: it ignores this value. ';
      } else if (style && painted(style.getPropertyValue(PAINTED[property]).trim()) !== painted(value)) {
        note = 'The widget does not use this colour (the contrast falls short): it uses a readable one instead. ';
      } else {
        note = 'The widget uses this colour. ';
      }
    }
    const text = note + words.join(' ');
    if (out.textContent !== text) out.textContent = text;
    out.classList.toggle('replaced', note.startsWith('The widget does not') || note.startsWith('Not'));
  }
  const list = $('#verdicts');
  list.replaceChildren(
    ...report.map((v) => {
      const item = document.createElement('li');
      item.textContent = `${v.pair}: ${ratio(v.ratio)}, needs ${ratio(v.required)}: ${v.passes ? 'passes' : 'fails'}`;
      return item;
    }),
  );
}

preview.addEventListener('microneedling-check-theme', (event) => showVerdicts(event.detail));

// ---- Fields ---------------------------------------------------------------------------------

form.addEventListener('input', (event) => {
  const picker = event.target.dataset && event.target.dataset.picker;
  if (picker) document.getElementById(picker).value = event.target.value;
  const property = event.target.dataset && event.target.dataset.property;
  const value = event.target.value.trim().toLowerCase();
  if (property && /^#[0-9a-f]{6}$/.test(value)) form.querySelector(`[data-picker="${event.target.id}"]`).value = value;
  update();
  // The report event fires only when the verdicts change; the words depend on the field too, and
  // on what the widget paints once it has checked the change (its observer runs as a microtask).
  setTimeout(() => preview.themeReport && showVerdicts(preview.themeReport));
});
form.addEventListener('change', update);
form.addEventListener('submit', (event) => event.preventDefault());

// ---- Copy buttons ---------------------------------------------------------------------------

document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const status = $('#copy-status');
  const what = button.textContent.replace(/^Copy /, '');
  try {
    await navigator.clipboard.writeText(source.textContent);
    status.textContent = `Copied ${what}.`;
    // Seen next to the button too (the status line is at the end of the code).
    button.dataset.copied = '';
    setTimeout(() => delete button.dataset.copied, 2000);
  } catch {
    // No clipboard permission (a file:// page, an old browser): select it for Ctrl+C instead.
    const range = document.createRange();
    range.selectNodeContents(source);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = `Selected ${what}: press Ctrl+C (or ⌘C) to copy.`;
  }
});

update();
customElements.whenDefined('microneedling-check').then(() => {
  if (preview.themeReport) showVerdicts(preview.themeReport);
});
