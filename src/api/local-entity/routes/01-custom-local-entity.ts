/** Public routes of local entities; loaded before the core ones (which the Public role cannot use). */
const cached = { middlewares: ['global::public-cache'] };

export default {
  routes: [
    { method: 'GET', path: '/local-entities', handler: 'local-entity.search', config: cached },
    { method: 'GET', path: '/local-entities/:ineCode/eligibility', handler: 'local-entity.eligibility', config: cached },
  ],
};
