// Mounts the Paris clinic's self-check into a plain <div> with the JS API, for sites that cannot
// use the custom element (see README, "Embed on your site"). A module file, not an inline script,
// so the page works under a strict Content-Security-Policy.

import { mount } from './microneedling-check.js';

const element = document.getElementById('check-fr');
if (element) {
  mount(element, { clinicName: 'Clinique Lumen Paris', locale: 'fr', variant: 'rf' });
}
