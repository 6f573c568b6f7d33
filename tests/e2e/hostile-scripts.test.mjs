// Hostile host pages: whatever the host page's own scripts do before the loader runs (a polluted
// Object.prototype, theme values that would load images, absurd attributes, odd mount() calls),
// no answer leaves through a request or the address, the widget keeps working, and bad input gets
// a clear message and a safe fallback, never a blank box or a raw browser error.
//
// Each host page here is served from the test server's own origin by routing one path
// (hostPage in helpers.mjs), so the loader and its files load exactly as on a clinic's site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hostPage,
  state,
  action,
  choose,
  waitForStep,
  runJourney,
  defaultOption,
  assessWithEngine,
  until,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser();

const LOADER = '<script type="module" async src="./microneedling-check.js"></script>';
const WIDGET =
  '<microneedling-check clinic-name="Lumen Skin Clinic" booking-url="https://example.com/book" phone="020 7946 0000"></microneedling-check>';

/**
 * Opens a host page with `head` and `body` at /hostile-host.html on the test server's origin and
 * records what the page does: requests (other than the page and the widget's own files), main-frame
 * navigations after the first load, and console warnings.
 */
/** The shared hostPage(), with the loader and the demo clinic's widget unless `body` is given. */
const openHost = (page, { head = '', body = `${LOADER}\n${WIDGET}`, blockWasm = false } = {}) =>
  hostPage(env, page, { head, body, blockWasm, pathname: '/hostile-host.html' });

// ------------------------------------------------------------------------------------------------
// 1. A polluted Object.prototype neither switches the widget off nor sends an answer anywhere

const POLLUTIONS = {
  once: () => {
    Object.prototype.once = true;
  },
  passive: () => {
    Object.prototype.passive = true;
  },
  capture: () => {
    Object.prototype.capture = true;
  },
  'an aborted signal': () => {
    Object.defineProperty(Object.prototype, 'signal', { get: () => AbortSignal.abort(), configurable: true });
  },
  'all four': () => {
    Object.prototype.once = true;
    Object.prototype.passive = true;
    Object.prototype.capture = true;
    Object.defineProperty(Object.prototype, 'signal', { get: () => AbortSignal.abort(), configurable: true });
  },
};

for (const [name, pollute] of Object.entries(POLLUTIONS)) {
  test(
    `1. Object.prototype polluted with ${name}: a whole journey with Back and Change, no navigation, no request`,
    { timeout: TIMEOUT },
    async () => {
      const page = await env.newPage();
      await page.addInitScript(pollute); // runs before any of the page's scripts, as a host library would
      const seen = await openHost(page);
      await waitForStep(page, 'start', 30_000);
      const address = page.url();

      // Start, answer the first question, Back, and forward again.
      let s = await action(page, 'start');
      const first = { ...s.questions[0], pick: defaultOption(s.questions[0].options) };
      await choose(page, first.id, first.pick);
      s = await action(page, 'continue');
      assert.equal(s.step, 'question');
      assert.notEqual(s.questions[0].id, first.id, 'Continue moved on');
      s = await action(page, 'back');
      assert.equal(s.questions[0].id, first.id, 'Back returned to the first question');
      assert.deepEqual(s.questions[0].checked, [first.pick], 'with its answer kept');

      // Enter on a ticked option submits the page (implicit submission), and still never navigates.
      await page.locator(`microneedling-check input[name="${first.id}"][value="${first.pick}"]`).focus();
      await page.keyboard.press('Enter');
      s = await until(
        async () => {
          const now = await state(page);
          return now.questions[0]?.id !== first.id && now;
        },
        5_000,
        'Enter on an option did not continue',
      );
      s = await action(page, 'back'); // the journey below starts at the first question

      const answers = { concerns: ['acne_scars'], medicines: ['blood_thinner'] };
      let result = await runJourney(page, answers);
      assert.equal(result.state.step, 'summary');

      const expected = await assessWithEngine(result.answers);
      assert.equal(result.level, expected.level, 'the summary agrees with the engine');
      assert.deepEqual([...result.rules].sort(), [...expected.rules].sort());

      // Back to Check your answers, Change the concerns, and see the result again.
      s = await action(page, 'back');
      assert.equal(s.step, 'check', 'Back from the summary shows Check your answers');
      s = await action(page, 'change', { question: 'concerns' });
      assert.deepEqual(
        s.questions.map((q) => q.id),
        ['concerns'],
        'Change opened the concerns question',
      );

      assert.equal(seen.navigations, 1, 'the page never navigated after loading');
      assert.equal(page.url(), address, 'the address never changed');
      assert.deepEqual(seen.requests, [], "no request but the page and the widget's own files");
      assert.deepEqual(page.errors, [], 'no errors');
    },
  );
}

test(
  '1f. a form submission the widget does not handle still never navigates (method="dialog")',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const seen = await openHost(page);
    await waitForStep(page, 'start', 30_000);
    const s = await action(page, 'start');
    await choose(page, s.questions[0].id, defaultOption(s.questions[0].options));
    // A host script that stops the widget's own submit handler (its listener sits below the shadow root).
    const submitted = await page.evaluate(() => {
      const root = document.querySelector('microneedling-check').shadowRoot;
      root.addEventListener('submit', (event) => event.stopImmediatePropagation(), { capture: true });
      const form = root.querySelector('form');
      form.requestSubmit();
      return { method: form.getAttribute('method'), action: form.getAttribute('action') };
    });
    await page.waitForTimeout(800);
    assert.equal(submitted.method, 'dialog');
    assert.equal(submitted.action, null, 'no form action');
    assert.equal(seen.navigations, 1, 'no navigation');
    assert.ok(!page.url().includes('?'), `no answer in the address (${page.url()})`);
    assert.deepEqual(seen.requests, []);
  },
);

test(
  '1g. the only links the widget renders are the booking link (new tab) and tel:; the error summary uses a button',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const seen = await openHost(page);
    await waitForStep(page, 'start', 30_000);
    let s = await action(page, 'start');
    s = await action(page, 'continue'); // nothing ticked: the error summary
    assert.ok(s.error, 'the error summary shows');
    const link = page.locator('microneedling-check .mc-error-summary [data-action="error-link"]');
    assert.equal(await link.evaluate((el) => el.localName), 'button');
    await link.click();
    const focused = await page.evaluate(() => {
      const root = document.querySelector('microneedling-check').shadowRoot;
      return root.activeElement && root.activeElement.getAttribute('name');
    });
    assert.equal(focused, s.questions[0].id, 'the error link moves focus to the first option');
    assert.ok(!page.url().includes('#'), 'no fragment in the address');

    const result = await runJourney(page, {});
    assert.equal(result.state.step, 'summary');
    const links = await page.evaluate(() =>
      [...document.querySelector('microneedling-check').shadowRoot.querySelectorAll('a[href]')].map((a) => ({
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
      })),
    );
    assert.ok(links.length >= 2, `links found: ${JSON.stringify(links)}`);
    for (const link of links) {
      const booking = link.href === 'https://example.com/book' && link.target === '_blank';
      assert.ok(booking || link.href.startsWith('tel:'), `unexpected link ${JSON.stringify(link)}`);
    }
    assert.equal(seen.navigations, 1);
  },
);

// ------------------------------------------------------------------------------------------------
// 2. Theme values take their kind of value only, and never load anything

test(
  '2. url() and image-set() in any colour property make no request and show the default colour',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const cases = [
      ['bg-url', '--mc-background: url(/x-background.png)'],
      ['bg-set', '--mc-background: image-set("/x-set.png" 1x)'],
      ['accent-url', '--mc-accent: url(/x-accent.png)'],
      ['text-url', '--mc-text: url(/x-text.png)'],
      ['accent-text-set', '--mc-accent-text: image-set(url(/x-accent-text.png) 1x)'],
      ['radius-url', '--mc-radius: url(/x-radius.png)'],
      ['font-url', '--mc-font: url(/x-font.woff)'],
    ];
    const style = `<style>${cases.map(([id, rule]) => `#${id}{${rule}}`).join('\n')}</style>`;
    const body = `${LOADER}\n${cases.map(([id]) => `<microneedling-check id="${id}" locale="en"></microneedling-check>`).join('\n')}\n<microneedling-check id="control" locale="en"></microneedling-check>`;
    const seen = await openHost(page, { head: style, body });
    for (const [id] of [...cases, ['control']])
      await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);

    const painted = await page.evaluate(
      (ids) => {
        const read = (id) => {
          const root = document.getElementById(id).shadowRoot;
          const mc = getComputedStyle(root.querySelector('.mc'));
          const button = getComputedStyle(root.querySelector('[data-action="start"]'));
          return {
            background: mc.backgroundColor,
            image: mc.backgroundImage,
            text: mc.color,
            button: button.backgroundColor,
            buttonText: button.color,
            buttonImage: button.backgroundImage,
            radius: button.borderTopLeftRadius,
            font: mc.fontFamily,
          };
        };
        return Object.fromEntries(ids.map((id) => [id, read(id)]));
      },
      [...cases.map(([id]) => id), 'control'],
    );
    for (const [id] of cases) {
      assert.deepEqual(painted[id], painted.control, `${id} is painted exactly like the default widget`);
    }
    assert.equal(painted.control.image, 'none');
    assert.deepEqual(seen.requests, [], 'no request for any image or font');
    for (const [id, rule] of cases) {
      const property = rule.split(':')[0];
      assert.ok(
        seen.warnings.some(
          (w) => w.startsWith(`<microneedling-check> CSS property \`${property}\`:`) && w.includes('refused'),
        ),
        `${id}: a warning names ${property} (warnings: ${seen.warnings.join(' | ')})`,
      );
    }
  },
);

test(
  '2b. accepted theme values are applied through adopted stylesheets, with no style attribute',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const style = '<style>microneedling-check{--mc-accent:#004d40;--mc-radius:12px;--mc-font:Georgia, serif}</style>';
    await openHost(page, { head: style });
    await waitForStep(page, 'start', 30_000);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('microneedling-check').shadowRoot;
      const button = getComputedStyle(root.querySelector('[data-action="start"]'));
      return {
        button: button.backgroundColor,
        radius: button.borderTopLeftRadius,
        font: getComputedStyle(root.querySelector('.mc')).fontFamily,
        styled: [...root.querySelectorAll('[style]')].length,
        sheets: root.adoptedStyleSheets.length,
      };
    });
    assert.equal(seen.button, 'rgb(0, 77, 64)');
    assert.equal(seen.radius, '12px');
    assert.equal(seen.font, 'Georgia, serif');
    assert.equal(seen.styled, 0, 'no element in the widget has a style attribute');
    assert.equal(seen.sheets, 2, "the widget's stylesheet and the checked theme");
  },
);

// ------------------------------------------------------------------------------------------------
// 3. Bounded, boring input handling

test(
  '3a. a 1 MB phone number is refused with a warning: no phone link, no giant widget',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const body = `<div id="here"></div><script>
    const el = document.createElement('microneedling-check');
    el.setAttribute('clinic-name', 'Lumen Skin Clinic');
    el.setAttribute('phone', '020 7946 0000' + ' -'.repeat(1 << 19)); // 1 MB, 11 digits
    document.getElementById('here').append(el);
  </script>${LOADER}`;
    const seen = await openHost(page, { body });
    await waitForStep(page, 'start', 30_000);
    const box = await page.locator('microneedling-check').boundingBox();
    assert.ok(box.height < 2000, `the widget is ${box.height} px tall`);
    assert.equal(await page.locator('microneedling-check a[href^="tel:"]').count(), 0, 'no phone link');
    assert.ok(
      seen.warnings.some(
        (w) => w.startsWith('<microneedling-check> attribute `phone`:') && w.includes('30 characters'),
      ),
      seen.warnings.join(' | '),
    );
  },
);

test(
  '3b. with the WebAssembly blocked: locale="constructor" and clinic-name="A$`B" give a correct fallback message',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const long = 'Lumen '.repeat(40);
    const body = `${LOADER}
    <microneedling-check id="ctor" locale="constructor" clinic-name="Lumen Skin Clinic" phone="020 7946 0000" booking-url="https://example.com/book"></microneedling-check>
    <microneedling-check id="dollar" locale="en" clinic-name="A$\`B $& $' $$"></microneedling-check>
    <microneedling-check id="proto" locale="__proto__"></microneedling-check>
    <microneedling-check id="long" locale="en" clinic-name="${long}" phone="${'1'.repeat(50)}"></microneedling-check>
    <microneedling-check id="ar" locale="ar" clinic-name="Lumen"></microneedling-check>`;
    await openHost(page, { body, blockWasm: true });
    const ids = ['ctor', 'dollar', 'proto', 'long', 'ar'];
    for (const id of ids) await page.locator(`#${id} .mc-fallback`).waitFor({ timeout: 30_000 });
    const shown = await page.evaluate(
      (ids) =>
        Object.fromEntries(
          ids.map((id) => {
            const box = document.getElementById(id).shadowRoot.querySelector('.mc-fallback');
            return [
              id,
              {
                lang: box.lang,
                dir: box.dir,
                title: box.querySelector('strong').textContent,
                text: box.textContent,
                clinic: box.querySelector('bdi') && box.querySelector('bdi').textContent,
                tel: box.querySelector('a[href^="tel:"]') && box.querySelector('a[href^="tel:"]').getAttribute('href'),
                book: box.querySelector('.mc-fallback-book a') && box.querySelector('.mc-fallback-book a').textContent,
              },
            ];
          }),
        ),
      ids,
    );
    assert.equal(shown.ctor.lang, 'en', 'an unknown locale (even an Object.prototype name) falls back to English');
    assert.ok(shown.ctor.title.length > 5 && !shown.ctor.title.includes('undefined'), shown.ctor.title);
    assert.equal(shown.ctor.clinic, 'Lumen Skin Clinic');
    assert.equal(shown.ctor.tel, 'tel:02079460000');
    assert.equal(
      shown.ctor.book,
      'Book a consultation with Lumen Skin Clinic',
      'the fallback offers the booking page too',
    );
    assert.equal(shown.dollar.book, null, 'no booking link without a booking-url');
    assert.equal(shown.dollar.clinic, "A$`B $& $' $$", 'the name is shown exactly as given, no replace() patterns');
    assert.ok(shown.dollar.text.includes("A$`B $& $' $$"), shown.dollar.text);
    assert.equal(shown.proto.lang, 'en');
    assert.equal([...shown.long.clinic].length, 80, 'the clinic name is cut at 80 characters, as in the widget');
    assert.equal(shown.long.tel, null, 'a phone longer than 30 characters is not shown');
    assert.equal(shown.ar.dir, 'rtl');
    assert.equal(shown.ar.lang, 'ar');
    assert.deepEqual(
      page.errors.filter((e) => !e.includes('net::ERR_FAILED')),
      [],
      "no errors but the blocked file's",
    );
  },
);

test(
  '3c. mount(): an element that cannot hold the widget throws a TypeError that says why, and nothing is wiped',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const body = `<input id="input" value="kept"><img id="img" alt="kept">
    <div id="closed"><p>closed content</p></div><div id="open"><p>open content</p></div><div id="ok"></div>
    <script>
      document.getElementById('closed').attachShadow({ mode: 'closed' }).append('closed shadow');
      document.getElementById('open').attachShadow({ mode: 'open' }).append('someone else\\'s shadow');
    </script>`;
    await openHost(page, { body });
    const results = await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const out = {};
      for (const id of ['input', 'img', 'closed', 'open']) {
        try {
          await mount(document.getElementById(id), { clinicName: 'Lumen' });
          out[id] = 'no error';
        } catch (error) {
          out[id] = `${error.constructor.name}: ${error.message}`;
        }
      }
      out.openShadow = document.getElementById('open').shadowRoot.textContent;
      out.closedLight = document.getElementById('closed').textContent.trim();
      out.inputValue = document.getElementById('input').value;
      out.attributes = document.getElementById('input').getAttributeNames().join(',');
      return out;
    });
    for (const id of ['input', 'img']) {
      assert.match(
        results[id],
        /^TypeError: mount\(\): <(input|img)> elements cannot hold the widget/,
        `${id}: ${results[id]}`,
      );
    }
    assert.match(results.closed, /^TypeError: mount\(\): .*shadow root/, results.closed);
    assert.match(
      results.open,
      /^TypeError: mount\(\): .*already has a shadow root that the widget did not create/,
      results.open,
    );
    assert.equal(results.openShadow, "someone else's shadow", 'the other shadow root is untouched');
    assert.equal(results.closedLight, 'closed content');
    assert.equal(results.inputValue, 'kept');
    assert.equal(results.attributes, 'id,value', 'no attribute was set on the refused element');
    assert.deepEqual(page.errors, []);
  },
);

test(
  '3d. mount(): unknown options, __proto__ included, warn and are ignored; the widget mounts',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const seen = await openHost(page, { body: '<div id="ok"></div>' });
    const lang = await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const options = JSON.parse(
        '{"__proto__": {"clinicName": "Polluted"}, "constructor": "x", "locale": "fr", "clinicName": "Lumen"}',
      );
      await mount(document.getElementById('ok'), options);
      return document.getElementById('ok').shadowRoot.querySelector('.mc').getAttribute('lang');
    });
    assert.equal(lang, 'fr');
    for (const option of ['__proto__', 'constructor']) {
      assert.ok(
        seen.warnings.some((w) => w.includes(`unknown option \`${option}\``)),
        `${option} warns: ${seen.warnings.join(' | ')}`,
      );
    }
    assert.equal(await page.locator('#ok .mc-contact bdi').textContent(), 'Lumen');
    assert.deepEqual(page.errors, []);
  },
);

// ------------------------------------------------------------------------------------------------
// 4. Exports are dated by the visitor's clock

test(
  "4. the saved copy and the FHIR answers use the visitor's local date and offset (UTC−11)",
  { timeout: TIMEOUT },
  async () => {
    // 2026-12-03T05:00Z is still 2 December in Pago Pago.
    const page = await env.newPage({ timezoneId: 'Pacific/Pago_Pago' });
    await page.clock.setFixedTime(new Date('2026-12-03T05:00:00Z'));
    await openHost(page);
    await waitForStep(page, 'start', 30_000);
    await runJourney(page, {});
    const [fhir] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('microneedling-check [data-action="download-fhir"]').click(),
    ]);
    assert.equal(fhir.suggestedFilename(), 'microneedling-check-answers-2026-12-02.json');
    const json = JSON.parse(await (await import('node:fs/promises')).readFile(await fhir.path(), 'utf8'));
    assert.equal(json.authored, '2026-12-02T18:00:00-11:00');
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('microneedling-check [data-action="save"]').click(),
    ]);
    assert.equal(html.suggestedFilename(), 'microneedling-check-2026-12-02.html');
    const saved = await (await import('node:fs/promises')).readFile(await html.path(), 'utf8');
    assert.ok(saved.includes('<bdi>Lumen Skin Clinic</bdi>'), 'the clinic name is isolated in the saved copy');
  },
);
