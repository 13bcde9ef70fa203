/** The public form's route; loaded before the core ones (which the Public role cannot use). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/support-requests',
      handler: 'support-request.submit',
      config: { middlewares: [{ name: 'global::rate-limit', config: { bucket: 'supportRequest' } }] },
    },
  ],
};
