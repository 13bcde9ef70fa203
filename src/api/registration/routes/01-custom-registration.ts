/** Public registration routes; loaded before the core ones (which the Public role cannot use). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/sessions/:documentId/registrations',
      handler: 'registration.register',
      config: { middlewares: [{ name: 'global::rate-limit', config: { bucket: 'registration' } }] },
    },
    {
      method: 'POST',
      path: '/registrations/cancel',
      handler: 'registration.cancel',
      config: { middlewares: [{ name: 'global::rate-limit', config: { bucket: 'cancellation' } }] },
    },
  ],
};
