// The demo page in Catalan (default) or Spanish (?lang=es); the embeds read the API of this host.
(() => {
  'use strict';
  const lang = new URLSearchParams(location.search).get('lang') === 'es' ? 'es' : 'ca';
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-text-ca]')) node.textContent = node.dataset[`text${lang === 'es' ? 'Es' : 'Ca'}`];
  document.title =
    lang === 'es' ? 'Dijous GOmunicipal: demostración de la lista de sesiones' : 'Dijous GOmunicipal: demostració de la llista de sessions';
  for (const embed of document.querySelectorAll('gomunicipal-sessions')) {
    embed.setAttribute('endpoint', new URL('/graphql', location.href).href);
    embed.setAttribute('lang', lang);
  }
})();
