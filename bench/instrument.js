// Injected into the page before any of its scripts (page.addInitScript) by bench/browser.mjs.
// Records, with performance.now() (milliseconds since navigation start), when the widget's
// pages become usable and how long each click on a [data-action] control takes to render the
// next page. Exposes the records as window.__mcBench. Plain browser JavaScript, no imports.
//
// How: the widget renders into an open shadow root, which a MutationObserver on the document
// cannot see, so Element.prototype.attachShadow is wrapped to put a MutationObserver on the
// widget's root as soon as it exists. Its callback runs as a microtask right after each batch of
// DOM changes (before the browser paints), so a time taken there is when the DOM is in place.
// A capture-phase click listener on window timestamps every click on a [data-action] control
// before the widget's own handlers run. On a peer library's page (bench/peers/, `peer` below),
// the same observer watches the document for that library's Start button and question inputs.
// The start page's heading (the widget's own, or the peer's) counts as shown once it is in the
// document with its text: not laid out, which would force a layout the page may never need.
(() => {
  const autoStart = /*AUTO_START*/ false;
  // For a peer library's page (bench/peers/), where to find its Start button and first question
  // in the document itself; null for the widget and the stand-in (their shadow root, below).
  const peer = /*PEER*/ null;
  const bench = {
    loaderRan: null, // the loader defined <microneedling-check> (its script is running)
    mounted: null, // the widget attached its shadow root (the WebAssembly is running)
    headingShown: null, // the start page's heading is in the DOM (connected, with its text)
    startUsable: null, // [data-action=start] exists and is enabled
    startClick: null, // the (auto-)click on Start
    firstQuestion: null, // fieldset[data-question] input exists
    transitions: [], // { action, from, to, click, rendered }
    longTasks: { count: 0, total: 0 },
    errors: [],
  };
  window.__mcBench = bench;
  // Resolves when the first question is usable (awaited over CDP, which injects nothing in the page).
  let firstQuestionReady;
  window.__mcBenchFirstQuestion = new Promise((resolve) => (firstQuestionReady = resolve));

  let pending = null; // the last click on a [data-action] control, until the page changes
  let current = ''; // the signature of the page shown

  function signature(root) {
    const mc = root.querySelector('.mc');
    if (!mc) return '';
    const ids = [...mc.querySelectorAll('fieldset[data-question]')]
      .filter((f) => f.querySelector('input'))
      .map((f) => f.getAttribute('data-question'));
    return `${mc.getAttribute('data-step')}|${ids.join(',')}|${!!mc.querySelector('.mc-error-summary')}`;
  }

  function check(root) {
    const now = performance.now();
    if (bench.headingShown === null) {
      // Not laid out or painted here (that would force a layout the page may never need: Start is
      // clicked at once, often before the start page's first frame), only in place with its text.
      const heading = root.querySelector(peer ? peer.heading : '.mc[data-step="start"] h2');
      if (heading && heading.isConnected && heading.textContent.trim()) bench.headingShown = now;
    }
    if (bench.startUsable === null) {
      const button = root.querySelector(peer ? peer.start : '[data-action="start"]');
      if (button && button.isConnected && !button.disabled) {
        bench.startUsable = now;
        if (autoStart) {
          // A new task, as a visitor's click would be; MessageChannel is not clamped like setTimeout.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => button.click();
          channel.port2.postMessage(null);
        }
      }
    }
    if (bench.firstQuestion === null && root.querySelector(peer ? peer.question : 'fieldset[data-question] input')) {
      bench.firstQuestion = now;
      firstQuestionReady(now);
    }
    const sig = signature(root);
    if (sig !== current) {
      const step = sig.split('|')[0];
      // A question page counts as rendered once its inputs exist (the signature only lists such fieldsets).
      const ready = step !== 'question' || sig.split('|')[1] !== '';
      if (ready) {
        if (pending) {
          bench.transitions.push({
            action: pending.action,
            from: pending.from,
            to: sig,
            click: pending.t,
            rendered: now,
          });
          pending = null;
        }
        current = sig;
      }
    }
  }

  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, ...rest) {
    if (name === 'microneedling-check' && bench.loaderRan === null) bench.loaderRan = performance.now();
    return define.call(this, name, ...rest);
  };

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === 'microneedling-check') {
      if (bench.mounted === null) bench.mounted = performance.now();
      new MutationObserver(() => check(root)).observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['disabled', 'data-step', 'data-question'],
      });
      check(root);
    }
    return root;
  };

  if (peer) {
    new MutationObserver(() => check(document)).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
    // The peer's Start button has no data-action: time the first click on it all the same.
    window.addEventListener(
      'click',
      (event) => {
        if (bench.startClick === null && event.target instanceof Element && event.target.matches(peer.start)) {
          bench.startClick = performance.now();
        }
      },
      true,
    );
  }

  window.addEventListener(
    'click',
    (event) => {
      const el = event.composedPath().find((n) => n instanceof Element && n.hasAttribute('data-action'));
      if (!el) return;
      const action = el.getAttribute('data-action');
      const t = performance.now();
      if (action === 'start' && bench.startClick === null) bench.startClick = t;
      pending = { action, from: current, t };
    },
    true,
  );

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.count += 1;
        bench.longTasks.total += entry.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    bench.errors.push(`longtask observer: ${error.message}`);
  }
})();
