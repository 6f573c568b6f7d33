// A stand-in for the widget's loader, for the benchmark only (never built or shipped).
//
// bench/run.mjs serves the demo page with this file in place of the widget's loader (and without
// the page's preloads of the widget's files), and bench/browser.mjs loads it in the same rounds as
// the widget. It follows the same DOM contract as far as bench/instrument.js looks: it defines
// <microneedling-check>, attaches an open shadow root with a start page whose Start button, when
// clicked, shows a question with radio inputs. It does nothing else: no WebAssembly, no styles, no
// texts to look up. So the time it takes to reach its "first question" is what the browser and
// the host page cost on this machine, and the widget's time minus this one is what the widget adds.

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

function startPage(root) {
  const start = element('button', { type: 'button', 'data-action': 'start' }, 'Start now');
  start.addEventListener('click', () => questionPage(root));
  return element(
    'div',
    { class: 'mc', 'data-step': 'start' },
    element('h2', {}, 'Could microneedling suit you?'),
    element('p', {}, 'Answer a few questions. Your answers stay in your browser.'),
    start,
  );
}

function questionPage(root) {
  const options = ['Acne scars', 'Fine lines', 'Something else'].map((text, i) =>
    element(
      'div',
      {},
      element('input', { type: 'radio', name: 'goal', value: `option_${i}`, id: `goal-${i}` }),
      element('label', { for: `goal-${i}` }, text),
    ),
  );
  root.replaceChildren(
    element(
      'div',
      { class: 'mc', 'data-step': 'question' },
      element(
        'fieldset',
        { 'data-question': 'goal' },
        element('legend', {}, 'What would you like to improve?'),
        ...options,
      ),
      element('button', { type: 'button', 'data-action': 'continue' }, 'Continue'),
    ),
  );
}

customElements.define(
  'microneedling-check',
  class extends HTMLElement {
    connectedCallback() {
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      root.replaceChildren(startPage(root));
    }
  },
);
