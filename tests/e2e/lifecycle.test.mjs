// One app per element, for its whole life: a move keeps the visitor's place and answers, an
// element removed for good is torn down and freed, attributes set later apply at once, mount() is
// idempotent and unmount() frees, and the box is never blank (the element's own content, or the
// fallback message after a load that fails or never finishes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openWidget,
  state,
  action,
  choose,
  defaultOption,
  waitForStep,
  runJourney,
  assessWithEngine,
  widget,
  until,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser();

/** Answers `count` question pages with the default option; returns the state on the next page. */
async function answerPages(page, count) {
  let s = await state(page);
  if (s.step === 'start') s = await action(page, 'start');
  for (let i = 0; i < count; i++) {
    for (const q of s.questions) await choose(page, q.id, defaultOption(q.options));
    s = await action(page, 'continue');
  }
  return s;
}

/** What must survive a move: the page, and every answer ticked on it. */
function place(s) {
  return JSON.stringify({ step: s.step, questions: s.questions, progress: s.progress });
}

/** Finishes the journey and checks the summary against the engine. */
async function finishAgreeing(page, variant) {
  const result = await runJourney(page, {});
  const expected = await assessWithEngine(result.answers, variant);
  assert.equal(result.level, expected.level, 'the summary agrees with the engine');
  assert.deepEqual([...result.rules].sort(), [...expected.rules].sort());
  return result;
}

const MOVES = {
  'remove and re-append in one task': () => {
    const el = document.querySelector('microneedling-check');
    const parent = el.parentNode;
    el.remove();
    parent.append(el);
  },
  'removed, then added back 300 ms later': async () => {
    const el = document.querySelector('microneedling-check');
    const parent = el.parentNode;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    parent.append(el);
  },
  'moveBefore() into another parent': () => {
    const el = document.querySelector('microneedling-check');
    const box = document.body.appendChild(document.createElement('div'));
    if (typeof box.moveBefore !== 'function') throw new Error('this Chromium has no moveBefore()');
    box.moveBefore(el, null);
  },
  'appended to another parent': () => {
    const el = document.querySelector('microneedling-check');
    document.querySelector('footer').append(el);
  },
};

for (const [name, move] of Object.entries(MOVES)) {
  test(
    `1. ${name}, mid-journey: the same question and answers, and the journey goes on to a correct summary`,
    { timeout: TIMEOUT },
    async () => {
      const page = await env.newPage();
      await openWidget(page, env.server);
      const before = await answerPages(page, 4);
      const ticked = before.questions[0];
      await choose(page, ticked.id, defaultOption(ticked.options));
      const chosen = await state(page);
      await page.evaluate(move);
      await page.waitForTimeout(1500); // past the grace period
      const after = await state(page);
      assert.equal(place(after), place(chosen), 'same page, same ticked option');
      await finishAgreeing(page);
      assert.deepEqual(page.errors, []);
    },
  );
}

test('1e. moved into a same-origin iframe: still styled and working', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage();
  await openWidget(page, env.server);
  const before = await answerPages(page, 2);
  await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:800px;height:900px';
    document.body.prepend(frame);
    await new Promise((resolve) =>
      frame.contentDocument.readyState === 'complete' ? resolve() : frame.addEventListener('load', resolve),
    );
    frame.contentDocument.body.append(document.querySelector('microneedling-check'));
  });
  await page.waitForTimeout(1500);
  const inFrame = await page.evaluate(() => {
    const host = document.querySelector('iframe').contentDocument.querySelector('microneedling-check');
    const root = host.shadowRoot;
    const mc = root.querySelector('.mc');
    return {
      step: mc && mc.getAttribute('data-step'),
      question: root.querySelector('fieldset[data-question]').getAttribute('data-question'),
      padding: host.ownerDocument.defaultView.getComputedStyle(mc).paddingTop,
    };
  });
  assert.equal(inFrame.step, 'question');
  assert.equal(inFrame.question, before.questions[0].id);
  assert.equal(inFrame.padding, '24px', 'the widget keeps its stylesheet in the iframe');
  const frame = page.frameLocator('iframe');
  await frame
    .locator(`microneedling-check input[value="${defaultOption(before.questions[0].options)}"] + label`)
    .click();
  await frame.locator('microneedling-check [data-action="continue"]').click();
  await until(
    () =>
      page.evaluate(() =>
        document
          .querySelector('iframe')
          .contentDocument.querySelector('microneedling-check')
          .shadowRoot.querySelector('fieldset')
          .getAttribute('data-question'),
      ),
    5000,
    'Continue did not move on in the iframe',
  ).then((id) => assert.notEqual(id, before.questions[0].id));
});

test(
  '2a. an element removed for good is torn down after the grace period; added back later, it starts afresh',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await openWidget(page, env.server);
    await answerPages(page, 3);
    const kept = await page.evaluate(async () => {
      const el = document.querySelector('microneedling-check');
      window.__held = el;
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 600));
      const during = el.shadowRoot.childNodes.length;
      await new Promise((resolve) => setTimeout(resolve, 900));
      return { during, after: el.shadowRoot.childNodes.length, sheets: el.shadowRoot.adoptedStyleSheets.length };
    });
    assert.ok(kept.during > 0, 'kept within the grace period (1 s)');
    assert.deepEqual([kept.after, kept.sheets], [0, 0], 'the shadow content and stylesheets are gone after it');
    await page.evaluate(() => document.querySelector('.check').append(window.__held));
    const s = await waitForStep(page, 'start');
    assert.equal(s.step, 'start', 'added back later: a fresh start');
    const first = await action(page, 'start');
    assert.deepEqual(first.questions[0].checked, [], 'no answer left from before');
    assert.deepEqual(page.errors, []);
  },
);

test(
  '2b. 200 mount()/unmount() cycles return DOM nodes and listeners to the baseline and do not grow the wasm memory',
  { timeout: TIMEOUT },
  async (t) => {
    const page = await env.newPage();
    // The glue is merged into the loader, so the test keeps the wasm's memory as it is instantiated.
    await page.addInitScript(() => {
      const instantiate = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = async (...args) => {
        const result = await instantiate(...args);
        window.__mcMemory = result.instance.exports.memory;
        return result;
      };
    });
    await page.goto(new URL('/two-locales.html', env.server.url).href);
    const cdp = await page.context().newCDPSession(page);
    const counters = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return cdp.send('Memory.getDOMCounters');
    };
    const cycle = (n) =>
      page.evaluate(async (n) => {
        const { mount } = await import('./microneedling-check.js');
        const box =
          document.getElementById('cycles') ||
          document.body.appendChild(Object.assign(document.createElement('div'), { id: 'cycles' }));
        for (let i = 0; i < n; i++) {
          const handle = await mount(box, { clinicName: `Clinic ${i}`, locale: i % 2 ? 'ar' : 'en' });
          if (!box.shadowRoot.querySelector('.mc')) throw new Error(`cycle ${i}: not mounted`);
          handle.unmount();
          if (box.shadowRoot.childNodes.length) throw new Error(`cycle ${i}: unmount() left content`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        return window.__mcMemory.buffer.byteLength;
      }, n);
    await cycle(10); // warm-up: the allocator's size classes, Yew's scheduler
    const base = await counters();
    const memoryBefore = await cycle(10);
    const afterWarm = await counters();
    const memoryAfter = await cycle(200);
    const end = await counters();
    t.diagnostic(
      `DOM counters: baseline ${JSON.stringify(afterWarm)}, after 200 cycles ${JSON.stringify(end)}; wasm memory ${memoryBefore} -> ${memoryAfter} bytes`,
    );
    assert.ok(end.nodes - afterWarm.nodes <= 50, `DOM nodes grew by ${end.nodes - afterWarm.nodes} (bound 50)`);
    assert.ok(
      end.jsEventListeners - afterWarm.jsEventListeners <= 5,
      `listeners grew by ${end.jsEventListeners - afterWarm.jsEventListeners} (bound 5)`,
    );
    assert.ok(
      memoryAfter - memoryBefore <= 128 * 1024,
      `wasm memory grew by ${memoryAfter - memoryBefore} bytes (bound 128 KiB)`,
    );
    assert.ok(base.nodes > 0);
    assert.deepEqual(page.errors, []);
  },
);

test(
  '3. locale, clinic-name, booking-url, phone and variant set after connect apply mid-journey, and the answers survive',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await openWidget(page, env.server);
    const set = (name, value) =>
      page.evaluate(
        ([name, value]) => document.querySelector('microneedling-check').setAttribute(name, value),
        [name, value],
      );
    const contact = () => page.locator('microneedling-check .mc-contact').textContent();

    // The start page: a variant that asks one more question.
    await set('variant', 'prp');
    let s = await answerPages(page, 3);
    const answered = s;
    await choose(page, s.questions[0].id, defaultOption(s.questions[0].options));
    const before = await state(page);
    const same = (s) => JSON.stringify({ step: s.step, questions: s.questions });

    // Language: the same question, the same answers, in German, right to left in Arabic.
    await set('locale', 'de');
    await until(async () => (await state(page)).lang === 'de', 5000, 'locale="de" did not apply');
    s = await state(page);
    assert.equal(same(s), same(before), 'the same question and ticked answer in German');
    assert.notEqual(s.progress, before.progress, 'the progress line is in German now');
    await set('locale', 'ar');
    await until(async () => (await state(page)).dir === 'rtl', 5000, 'locale="ar" did not apply');
    await set('locale', 'en');
    await until(async () => (await state(page)).lang === 'en', 5000, 'locale="en" did not apply');

    // The clinic's details.
    await set('clinic-name', 'Harbour Dermatology');
    await until(async () => (await contact()).includes('Harbour Dermatology'), 5000, 'clinic-name did not apply');
    await set('phone', '0161 496 0000');
    await until(
      async () => (await page.locator('microneedling-check .mc-contact a[href="tel:01614960000"]').count()) === 1,
      5000,
      'phone did not apply',
    );
    await set('phone', 'call us!');
    await until(
      async () => warnings.some((w) => w.startsWith('<microneedling-check> attribute `phone`:')),
      5000,
      'a bad phone set later warns',
    );
    assert.equal(
      await page.locator('microneedling-check .mc-contact a[href^="tel:"]').count(),
      0,
      'and shows no phone',
    );
    await set('booking-url', 'https://example.org/harbour');

    // Through to Check your answers in prp (platelets asked), then switch to standard there.
    let dropped;
    const result = await runJourney(
      page,
      {},
      {
        onPage: async (page_, index) => {
          if (index !== -1) return;
          const check = await page
            .locator('microneedling-check [data-action="change"][data-question="platelets"]')
            .count();
          assert.equal(check, 1, 'the prp-only question was asked');
          await set('variant', 'standard');
          await until(
            async () => (await page.locator('microneedling-check [data-question="platelets"]').count()) === 0,
            5000,
            'variant did not apply',
          );
          dropped = warnings.find((w) => w.startsWith('<microneedling-check> attribute `variant`:'));
        },
      },
    );
    assert.match(dropped || '', /platelets/, `the console names the dropped question (got ${dropped})`);
    delete result.answers.platelets;
    const expected = await assessWithEngine(result.answers, 'standard');
    assert.equal(result.level, expected.level, "the summary is the standard variant's");
    assert.equal(
      await page.locator('microneedling-check .mc-next a[href="https://example.org/harbour"]').count(),
      1,
      'the new booking link',
    );
    assert.ok((await contact()).includes('Harbour Dermatology'));
    assert.ok(answered.step === 'question');

    // Back to prp on the summary: the visitor is asked the question prp adds.
    await set('variant', 'prp');
    s = await until(
      async () => {
        const now = await state(page);
        return now.step === 'question' && now;
      },
      5000,
      'variant="prp" on the summary did not ask the new question',
    );
    assert.deepEqual(
      s.questions.map((q) => q.id),
      ['platelets'],
    );
    assert.deepEqual(page.errors, []);
  },
);

test(
  '4. mount() twice keeps the journey and applies the new options; unmount() empties the element',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await page.goto(new URL('/two-locales.html', env.server.url).href);
    await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const box = document.body.appendChild(Object.assign(document.createElement('div'), { id: 'twice' }));
      window.__handle = await mount(box, { clinicName: 'First Clinic', locale: 'en' });
    });
    const sel = '#twice';
    await widget(page, sel).action('start');
    const id = await page.locator(`${sel} fieldset[data-question]`).getAttribute('data-question');
    const again = await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const handle = await mount(document.getElementById('twice'), { clinicName: 'Second Clinic', locale: 'fr' });
      return typeof handle.unmount;
    });
    assert.equal(again, 'function');
    await until(
      async () => (await page.locator(`${sel} .mc`).getAttribute('lang')) === 'fr',
      5000,
      'the second mount() did not apply its locale',
    );
    assert.equal(
      await page.locator(`${sel} fieldset[data-question]`).getAttribute('data-question'),
      id,
      'still on the same question',
    );
    assert.ok((await page.locator(`${sel} .mc-contact`).textContent()).includes('Second Clinic'));
    const left = await page.evaluate(() => {
      window.__handle.unmount();
      return document.getElementById('twice').shadowRoot.childNodes.length;
    });
    assert.equal(left, 0, 'unmount() empties the shadow root');
    // An old handle cannot remove a widget mounted after it.
    const survived = await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const box = document.getElementById('twice');
      const fresh = await mount(box, { locale: 'en' });
      window.__handle.unmount(); // the first handle, whose widget is already gone
      const kept = !!box.shadowRoot.querySelector('.mc');
      fresh.unmount();
      return { kept, emptied: box.shadowRoot.childNodes.length === 0 };
    });
    assert.deepEqual(survived, { kept: true, emptied: true });
    assert.deepEqual(page.errors, []);
  },
);

test(
  '5a. a page that defined <microneedling-check> first gets a console message, and mount() still works',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.addInitScript(() => {
      customElements.define('microneedling-check', class extends HTMLElement {});
    });
    await page.goto(env.server.url);
    await until(
      () => warnings.some((w) => w.includes('already defined the element <microneedling-check>')),
      10_000,
      `no console message (got ${warnings.join(' | ')})`,
    );
    const lang = await page.evaluate(async () => {
      const { mount } = await import('./microneedling-check.js');
      const box = document.body.appendChild(document.createElement('div'));
      await mount(box, { locale: 'es' });
      return box.shadowRoot.querySelector('.mc').getAttribute('lang');
    });
    assert.equal(lang, 'es');
  },
);

test(
  "5b. a load that never finishes shows the element's own content, then the fallback message after 15 s",
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await page.route('**/microneedling-check-wasm.bin', () => {}); // never answered
    const url = new URL('/never.html', env.server.url).href;
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><title>Never</title></head><body>
        <script type="module" async src="./microneedling-check.js"></script>
        <microneedling-check id="bare" clinic-name="Lumen Skin Clinic" phone="020 7946 0000"></microneedling-check>
        <microneedling-check id="own" clinic-name="Lumen Skin Clinic"><p id="own-content">Call us on 020 7946 0000 to ask about microneedling.</p></microneedling-check>
      </body></html>`,
      }),
    );
    const started = Date.now();
    await page.goto(url);
    await page.waitForTimeout(2000);
    assert.ok(await page.locator('#own-content').isVisible(), "the element's own content shows while the widget loads");
    await page.locator('#bare .mc-fallback').waitFor({ timeout: 30_000 });
    const waited = Date.now() - started;
    assert.ok(waited >= 14_000, `the fallback came after ${waited} ms, not before the 15 s timeout`);
    assert.match(await page.locator('#bare .mc-fallback').textContent(), /Lumen Skin Clinic.*020 7946 0000/s);
    assert.ok(
      await page.locator('#own-content').isVisible(),
      "the element's own content still shows instead of the message",
    );
    assert.equal(await page.locator('#own .mc-fallback').count(), 0);
  },
);

test(
  "5c. a failed .wasm load shows the element's own content, or the fallback message when it has none",
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await page.route('**/microneedling-check-wasm.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));
    const url = new URL('/failing.html', env.server.url).href;
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><title>Failing</title></head><body>
        <script type="module" async src="./microneedling-check.js"></script>
        <microneedling-check id="bare" clinic-name="Lumen Skin Clinic"></microneedling-check>
        <microneedling-check id="own"><a id="own-link" href="https://example.com/book">Book a consultation</a></microneedling-check>
        <microneedling-check id="blank">   </microneedling-check>
      </body></html>`,
      }),
    );
    await page.goto(url);
    await page.locator('#bare .mc-fallback').waitFor({ timeout: 15_000 });
    await page.locator('#blank .mc-fallback').waitFor({ timeout: 15_000 });
    assert.ok(await page.locator('#own-link').isVisible(), "the clinic's own link shows");
    for (const id of ['bare', 'own', 'blank']) {
      const box = await page.locator(`#${id}`).boundingBox();
      assert.ok(box && box.height > 10, `#${id} is not an empty box (${JSON.stringify(box)})`);
    }
  },
);
