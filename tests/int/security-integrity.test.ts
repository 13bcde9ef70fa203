import { parse } from 'csv-parse/sync';
import type { ParsedMail } from 'mailparser';
import type { FeedbackService } from '../../src/api/feedback-response/services/feedback-response';
import type { RegistrationService } from '../../src/api/registration/services/registration';
import { REVIEWER_ROLE } from '../../src/bootstrap/reviewer-role';
import { hashToken } from '../../src/utils/tokens';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import type { TestSmtp } from '../helpers/smtp';
import { startAppWithSmtp } from '../helpers/public-app';
import { TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * Issue 22, integrity: exports that run formulas, a review history that could be forged, attacker
 * text in official emails, and an editors' count that folded identical rows. Each test reproduces
 * a finding of the probe (it failed before the fix).
 */
let app: TestApp;
let smtp: TestSmtp;
let admin: string;
const PROPOSAL = 'api::proposal.proposal';
const REGISTRATION = 'api::registration.registration';

const asAdmin = (token = admin) => ({ authorization: `Bearer ${token}` });
const statusToken = (mail: ParsedMail) => /\/propose\/status\/\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] as string;

beforeAll(async () => {
  ({ app, smtp } = await startAppWithSmtp({
    RATE_LIMIT_PROPOSAL_POINTS: '1000',
    RATE_LIMIT_REGISTRATION_POINTS: '1000',
    RATE_LIMIT_FEEDBACK_POINTS: '1000',
  }));
  admin = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const FORMULAS = ['=HYPERLINK("https://evil.example","Cliqueu")', '+SUM(1,2)', '-2+3', '@cmd', '\tTabulat', '\rRetorn'];

describe('finding 8: CSV exports never run formulas', () => {
  it('the registrations export neutralises cells that start like a formula', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de l’exportació', startsAt: new Date(Date.now() + 15 * DAY) });
    for (const [i, text] of FORMULAS.entries()) {
      await app.strapi.documents(REGISTRATION).create({
        data: { session, registrationStatus: 'confirmed', email: `f${i}@ens.example`, fullName: text, jobTitle: text, language: 'ca' },
      });
    }
    const res = await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations.csv`).set(asAdmin());
    expect(res.status).toBe(200);
    const rows = parse(res.text.replace(/^\uFEFF/, ''), { columns: true, relax_quotes: true }) as Record<string, string>[];
    expect(rows).toHaveLength(FORMULAS.length);
    for (const row of rows) {
      for (const cell of [row['Nom i cognoms'], row['Càrrec']]) {
        expect({ cell, safe: /^[=+\-@\t\r]/.test(cell) }).toEqual({ cell, safe: false });
        expect(cell.startsWith("'")).toBe(true);
      }
    }
    expect(rows.map((r) => r['Nom i cognoms'].slice(1))).toEqual(FORMULAS);
  });

  it('the feedback responses export does the same for free-text answers', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió dels comentaris', startsAt: new Date(Date.now() - 2 * DAY), eventStatus: 'held' });
    const registrations = app.strapi.service(REGISTRATION) as unknown as RegistrationService;
    const feedback = app.strapi.service('api::feedback-response.feedback-response') as unknown as FeedbackService;
    const created = await createRegistration(app.strapi, session, 'confirmed', 'comenta@ens.example');
    const token = registrations.tokenFor(created.documentId, 'feedback');
    await app.strapi.db.query(REGISTRATION).update({ where: { id: created.id }, data: { feedbackTokenHash: hashToken(token) } });
    await feedback.submit(token, {
      answers: [
        { question: 'content', value: 5 },
        { question: 'duration', value: 'right' },
        { question: 'understood', value: 5 },
        { question: 'applicable', value: 5 },
        { question: 'comment', value: '=HYPERLINK("https://evil.example","Més info")' },
      ],
    });
    const res = await app.http().get(`/admin/gomunicipal/feedback/export/responses.csv?session=${session}`).set(asAdmin());
    expect(res.status).toBe(200);
    const [row] = parse(res.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(row.comment).toBe('\'=HYPERLINK("https://evil.example","Més info")');
    // Numbers stay numbers.
    expect(row.content).toBe('5');
  });
});

describe('finding 9: the review history and the tracking link are the workflow’s', () => {
  let reviewer: string;
  let id: string;
  let link: string;

  beforeAll(async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: REVIEWER_ROLE.code } });
    await app.strapi.service('admin::user').create({
      email: 'revisora@diba.example',
      firstname: 'Rosa',
      lastname: 'Revisora',
      password: 'Revisora2026',
      isActive: true,
      roles: [role.id],
    });
    reviewer = (await app.http().post('/admin/login').send({ email: 'revisora@diba.example', password: 'Revisora2026' })).body.data.token;
    const res = await app.http().post('/api/proposals').send({ title: 'Com fer el registre d’activitats de tractament', email: 'proposa@ens.example', consent: true });
    expect(res.status).toBe(201);
    id = ((await app.strapi.db.query(PROPOSAL).findOne({ where: { email: 'proposa@ens.example' } })) as { documentId: string }).documentId;
    await smtp.waitFor(() => smtp.to('proposa@').length === 1);
    link = statusToken(smtp.to('proposa@')[0]);
  });

  const editUrl = () => `/content-manager/collection-types/${PROPOSAL}/${id}`;

  it('the admin never shows the tracking link’s hash', async () => {
    const res = await app.http().get(editUrl()).set(asAdmin(reviewer));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('trackingTokenHash');
    expect(res.text).not.toContain(hashToken(link));
  });

  it('a reviewer cannot rewrite the history or the link through the content manager; a normal save still works', async () => {
    const current = (await app.http().get(editUrl()).set(asAdmin(reviewer))).body.data as Record<string, unknown>;
    const forged = await app
      .http()
      .put(editUrl())
      .set(asAdmin(reviewer))
      .send({ ...current, history: [{ at: '2020-01-01T00:00:00.000Z', to: 'accepted', by: 'Direcció', note: 'Aprovada' }] });
    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toMatch(/historial/);
    const stolen = await app.http().put(editUrl()).set(asAdmin(reviewer)).send({ ...current, trackingTokenHash: hashToken('the-reviewer-knows-this-one-000000000000') });
    expect([400, 200]).toContain(stolen.status);

    // The proposer's link still works and shows the real history.
    const status = await app.http().get(`/api/proposals/status?token=${link}`);
    expect(status.status).toBe(200);
    expect(status.body.data.history.map((h: { status: string }) => h.status)).toEqual(['received']);
    const stored = (await app.strapi.db.query(PROPOSAL).findOne({ where: { documentId: id } })) as { trackingTokenHash: string };
    expect(stored.trackingTokenHash).toBe(hashToken(link));

    // The edit form sends every field back unchanged: that is fine.
    const save = await app.http().put(editUrl()).set(asAdmin(reviewer)).send({ ...current, staffNotes: 'La mirem dijous' });
    expect(save.status).toBe(200);
  });

  it('the same holds for any write that is not the workflow', async () => {
    await expect(
      app.strapi.documents(PROPOSAL).update({ documentId: id, data: { history: [{ at: new Date().toISOString(), to: 'scheduled' }] } as never })
    ).rejects.toThrow(/historial/);
    await expect(app.strapi.documents(PROPOSAL).update({ documentId: id, data: { trackingTokenHash: 'x' } as never })).rejects.toThrow(/seguiment/);
  });
});

describe('finding 10: attacker text in official emails stays plain text', () => {
  it('a URL typed into a form is not a link, names are one line, and the app’s own links still are', async () => {
    const res = await app.http().post('/api/proposals').send({
      title: 'Verifiqueu el compte a https://evil.example/login ara',
      name: 'Banc Oficial\nVerifiqueu a https://evil.example/verify',
      email: 'vigilant@ens.example',
      consent: true,
    });
    expect(res.status).toBe(201);
    await smtp.waitFor(() => smtp.to('vigilant@').length === 1);
    const [mail] = smtp.to('vigilant@');
    const html = String(mail.html);
    expect(html).not.toMatch(/<a [^>]*href="https:\/\/evil\.example/);
    expect(html).toContain('https://evil.example/login');
    // The proposer's status link is the app's: a link.
    expect(html).toMatch(/<a [^>]*href="http:\/\/[^"]+\/propose\/status\/\?token=/);
    // The name is one line.
    expect(mail.text).toMatch(/Banc Oficial Verifiqueu a https:\/\/evil\.example\/verify/);
    expect(mail.subject).not.toMatch(/\n/);
  });
});

describe('also found: the editors’ count of a session’s registrations', () => {
  it('counts identical rows: 3 confirmed and 0 seats left, as the CSV and the public API say', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de tres places', startsAt: new Date(Date.now() + 12 * DAY), capacity: 3 });
    for (let i = 0; i < 3; i += 1) await createRegistration(app.strapi, session, 'confirmed', `tres${i}@ens.example`);
    const res = await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations`).set(asAdmin());
    expect(res.body.data).toMatchObject({ capacity: 3, confirmed: 3, seatsLeft: 0, attended: 0 });
    const portal = await app.http().post('/graphql').send({ query: `{ session(documentId: "${session}") { seatsLeft } }` });
    expect(portal.body.data.session.seatsLeft).toBe(0);
  });
});
