/** The portal API's own routes; loaded before the core `/sessions/:id` route. */
const cached = { middlewares: ['global::public-cache'] };

export default {
  routes: [
    { method: 'GET', path: '/sessions/upcoming', handler: 'session.upcoming', config: cached },
    { method: 'GET', path: '/sessions/past', handler: 'session.past', config: cached },
    { method: 'GET', path: '/sessions/:documentId/calendar.ics', handler: 'session.calendar', config: cached },
    { method: 'GET', path: '/calendar.ics', handler: 'session.calendarFeed', config: cached },
  ],
};
