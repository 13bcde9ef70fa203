/** Public routes of the feedback survey and its published results; loaded before the core ones (which the Public role cannot use). */
export default {
  routes: [
    { method: 'GET', path: '/feedback/:token', handler: 'feedback-response.form' },
    {
      method: 'POST',
      path: '/feedback/:token',
      handler: 'feedback-response.submit',
      config: { middlewares: [{ name: 'global::rate-limit', config: { bucket: 'feedback' } }] },
    },
    {
      method: 'GET',
      path: '/sessions/:documentId/feedback-summary',
      handler: 'feedback-response.sessionSummary',
      config: { middlewares: ['global::public-cache'] },
    },
    { method: 'GET', path: '/feedback-summary', handler: 'feedback-response.summary', config: { middlewares: ['global::public-cache'] } },
  ],
};
