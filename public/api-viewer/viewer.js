/* The OpenAPI viewer: Swagger UI (served by the app from swagger-ui-dist) on /api/openapi.json; no validator badge (it would call validator.swagger.io), nothing beyond this server. */
(function () {
  'use strict';
  var TEXTS = {
    ca: { back: "Dijous GOmunicipal · Prova l'API", title: 'API pública (OpenAPI)', page: '/ca/api' },
    es: { back: 'Dijous GOmunicipal · Prueba la API', title: 'API pública (OpenAPI)', page: '/es/api' },
  };
  var lang = new URLSearchParams(window.location.search).get('lang') === 'es' ? 'es' : 'ca';
  var texts = TEXTS[lang];
  document.documentElement.lang = lang;
  var back = document.getElementById('back');
  back.textContent = texts.back;
  back.setAttribute('href', texts.page);
  document.getElementById('title').textContent = texts.title;
  var target = document.getElementById('viewer');
  window.SwaggerUIBundle({
    url: target.getAttribute('data-url'),
    domNode: target,
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false,
    supportedSubmitMethods: ['get'],
    defaultModelsExpandDepth: 0,
  });
})();
