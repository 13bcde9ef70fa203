/** Public routes of topic proposals; loaded before the core ones (which the Public role cannot use). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/proposals',
      handler: 'proposal.submit',
      config: { middlewares: [{ name: 'global::rate-limit', config: { bucket: 'proposal' } }] },
    },
    { method: 'GET', path: '/proposals/similar', handler: 'proposal.similar', config: { middlewares: ['global::public-cache'] } },
    { method: 'GET', path: '/proposals/status', handler: 'proposal.status' },
    { method: 'GET', path: '/proposed-topics', handler: 'proposal.topics', config: { middlewares: ['global::public-cache'] } },
  ],
};
