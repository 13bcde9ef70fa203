// The demo page in Catalan (default) or Spanish (?lang=es); the embeds read the API of this host.
(() => {
  'use strict';
  const lang = new URLSearchParams(location.search).get('lang') === 'es' ? 'es' : 'ca';
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-text-ca]')) node.textContent = node.dataset[`text${lang === 'es' ? 'Es' : 'Ca'}`];
  for (const embed of document.querySelectorAll('gomunicipal-sessions, gomunicipal-results')) {
    embed.setAttribute('endpoint', new URL('/graphql', location.href).href);
    embed.setAttribute('lang', lang);
  }
})();
