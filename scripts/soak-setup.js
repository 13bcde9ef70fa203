// @ts-check
/**
 * What the soak's app process prepares before it listens (tooling/child-app.js, CHILD_APP_SETUP):
 * the session people register for, a session held yesterday, and one survey link per feedback
 * submission of the run, written to SOAK_LINKS_FILE. Answers the upcoming session's documentId.
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** @param {import('@strapi/strapi').Core.Strapi} app */
module.exports = async (app) => {
  const sessions = app.documents('api::session.session');
  const day = 86400000;
  const upcoming = await sessions.create({
    locale: 'ca',
    data: {
      title: 'Sessió de resistència',
      slug: 'sessio-resistencia',
      startsAt: new Date(Date.now() + 20 * day).toISOString(),
      durationMinutes: 60,
      eventStatus: 'scheduled',
      registrationOpen: true,
      capacity: 200,
    },
  });
  await sessions.publish({ documentId: upcoming.documentId, locale: 'ca' });
  const held = await sessions.create({
    locale: 'ca',
    data: { title: 'Sessió feta', slug: 'sessio-feta', startsAt: new Date(Date.now() - day).toISOString(), durationMinutes: 60, eventStatus: 'held', registrationOpen: false },
  });
  await sessions.publish({ documentId: held.documentId, locale: 'ca' });
  const { hashToken } = require(path.join(app.dirs.dist.root, 'src', 'utils', 'tokens'));
  const registrations = app.service('api::registration.registration');
  const tokens = [];
  for (let i = 0; i < Number(process.env.SOAK_FEEDBACK_LINKS || 0); i += 1) {
    const registration = await app.documents('api::registration.registration').create({
      data: { session: held.documentId, fullName: `Persona ${i}`, email: `enquesta${i}@example.org`, registrationStatus: 'confirmed', language: 'ca' },
    });
    const token = /** @type {{ tokenFor(id: string, purpose: string): string }} */ (/** @type {unknown} */ (registrations)).tokenFor(registration.documentId, 'feedback');
    await app.db.query('api::registration.registration').update({ where: { id: registration.id }, data: { feedbackTokenHash: hashToken(token) } });
    tokens.push(token);
  }
  fs.writeFileSync(String(process.env.SOAK_LINKS_FILE), tokens.join('\n'));
  return upcoming.documentId;
};
