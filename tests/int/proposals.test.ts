import type { ParsedMail } from 'mailparser';
import { ensureReviewerRole, REVIEWER_ROLE } from '../../src/bootstrap/reviewer-role';
import { DAY, createSession } from '../helpers/fixtures';
import type { TestSmtp } from '../helpers/smtp';
import { startAppWithSmtp } from '../helpers/public-app';
import { TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
let smtp: TestSmtp;
let admin: string;
const UID = 'api::proposal.proposal';

const propose = (body: Record<string, unknown>, language = 'ca') =>
  app.http().post('/api/proposals').set('accept-language', language).send(body);
const proposal = (n: string, extra: Record<string, unknown> = {}) => ({
  title: `Com publicar les actes del ple ${n}`,
  description: 'Dubtes sobre anonimitzar les actes.',
  name: `Proposant ${n}`,
  email: `proposant.${n}@ajuntament.example`,
  localEntity: '080193',
  consent: true,
  ...extra,
});
const transition = (documentId: string, body: Record<string, unknown>, token = admin) =>
  app.http().post(`/admin/gomunicipal/proposals/${documentId}/transition`).set('authorization', `Bearer ${token}`).send(body);
const idOf = async (email: string) =>
  ((await app.strapi.db.query(UID).findOne({ where: { email } })) as { documentId: string }).documentId;
const statusToken = (mail: ParsedMail) => /\/propose\/status\/\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] as string;

beforeAll(async () => {
  ({ app, smtp } = await startAppWithSmtp({ RATE_LIMIT_PROPOSAL_POINTS: '1000' }));
  admin = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('submitting a proposal', () => {
  it('records it, acknowledges it with a private status link, and suggests what already covers it', async () => {
    const res = await propose(proposal('a', { title: 'Les sol·licituds d’accés a la informació: terminis' }));
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('received');
    expect(res.body.data.similar.sessions[0].title).toBe(
      "Les sol·licituds d'accés a la informació pública en el nostre ajuntament: què són i com les haig de tractar? T'ajudem!"
    );
    expect(res.text).not.toContain('proposant.a');

    await smtp.waitFor(() => smtp.to('proposant.a@').length === 1);
    const [mail] = smtp.to('proposant.a@');
    expect(mail.subject).toBe('Hem rebut la vostra proposta: Les sol·licituds d’accés a la informació: terminis');
    const status = await app.http().get(`/api/proposals/status?token=${statusToken(mail)}`);
    expect(status.body.data).toMatchObject({ title: 'Les sol·licituds d’accés a la informació: terminis', status: 'received', publicAnswer: null, session: null });
    expect(status.text).not.toContain('proposant.a');
  });

  it('names each bad field, in the request language', async () => {
    const res = await propose({ title: 'Curt', email: 'no', consent: false, extra: 1 }, 'es');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(['consent', 'email', 'extra', 'title']);
    expect(res.body.error.details.errors.find((e: { path: string[] }) => e.path[0] === 'title').message).toBe(
      'El título debe tener entre 5 y 150 caracteres.'
    );
    const description = await propose(proposal('b', { description: 'x'.repeat(5001) }));
    expect(description.status).toBe(400);
    const honeypot = await propose(proposal('b', { website: 'spam' }));
    expect(honeypot.status).toBe(400);
    expect(await app.strapi.db.query(UID).count({ where: { email: 'proposant.b@ajuntament.example' } })).toBe(0);
  });

  it('also works through GraphQL', async () => {
    const res = await app.http().post('/graphql').send({
      query: 'mutation ($input: ProposalInput!) { submitProposal(input: $input) { status similar { sessions { title } } } }',
      variables: { input: proposal('c') },
    });
    expect(res.body.data.submitProposal.status).toBe('received');
  });
});

describe('reviewing', () => {
  it('follows the workflow, records every transition, and emails public answers', async () => {
    await propose(proposal('d'));
    const id = await idOf('proposant.d@ajuntament.example');
    const session = await createSession(app.strapi, { title: 'Sessió sobre actes', startsAt: new Date(Date.now() + 30 * DAY) });

    const skip = await transition(id, { to: 'scheduled', session });
    expect(skip.status).toBe(400);
    expect(skip.body.error.message).toBe('Una proposta en estat «received» no pot passar a «scheduled»; pot passar a: under_review, declined, duplicate.');

    expect((await transition(id, { to: 'under_review', note: 'La mirem' })).body.data.status).toBe('under_review');
    expect((await transition(id, { to: 'accepted', publicAnswer: 'La tractarem aviat.' })).status).toBe(200);
    const noSession = await transition(id, { to: 'scheduled' });
    expect(noSession.status).toBe(400);
    expect(noSession.body.error.message).toContain('cal indicar la sessió');
    expect((await transition(id, { to: 'scheduled', session, note: 'A la sessió de gener' })).status).toBe(200);
    const final = await transition(id, { to: 'declined', publicAnswer: 'No' });
    expect(final.body.error.message).toContain('és un estat final');

    const row = (await app.strapi.db.query(UID).findOne({ where: { documentId: id }, populate: { history: true, session: true } })) as {
      reviewStatus: string;
      session: { documentId: string };
      history: { by: string; from: string | null; to: string; note: string | null; at: string }[];
    };
    expect(row.reviewStatus).toBe('scheduled');
    expect(row.session.documentId).toBe(session);
    expect(row.history.map((h) => [h.from, h.to, h.note])).toEqual([
      [null, 'received', null],
      ['received', 'under_review', 'La mirem'],
      ['under_review', 'accepted', null],
      ['accepted', 'scheduled', 'A la sessió de gener'],
    ]);
    expect(row.history[1].by).toContain(TEST_ADMIN.email);
    expect(row.history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);

    await smtp.waitFor(() => smtp.to('proposant.d@').length === 2);
    const answer = smtp.to('proposant.d@')[1];
    expect(answer.subject).toBe('Resposta a la vostra proposta: Com publicar les actes del ple d');
    expect(answer.text).toContain('La tractarem aviat.');
  });

  it('requires an answer to decline and the original to mark a duplicate', async () => {
    await propose(proposal('e'));
    await propose(proposal('f'));
    const e = await idOf('proposant.e@ajuntament.example');
    const f = await idOf('proposant.f@ajuntament.example');
    expect((await transition(e, { to: 'declined' })).body.error.message).toContain('cal escriure la resposta');
    expect((await transition(e, { to: 'duplicate' })).body.error.message).toContain('cal indicar la proposta original');
    expect((await transition(e, { to: 'duplicate', duplicateOf: e })).status).toBe(400);
    expect((await transition(e, { to: 'duplicate', duplicateOf: f })).status).toBe(200);
    expect((await transition(f, { to: 'declined', publicAnswer: 'Ja està resolt a la gravació de febrer.' })).status).toBe(200);
    expect((await transition(f, { to: 'nonsense' })).body.error.message).toContain('Estat desconegut');
  });

  it('refuses status changes made outside the workflow', async () => {
    await propose(proposal('g'));
    const id = await idOf('proposant.g@ajuntament.example');
    const res = await app
      .http()
      .put(`/content-manager/collection-types/${UID}/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ title: 'Com publicar les actes del ple g', reviewStatus: 'accepted' });
    expect(res.status).toBe(400);
    await expect(app.strapi.documents(UID).update({ documentId: id, data: { reviewStatus: 'accepted' } })).rejects.toThrow('accions de revisió');
    const rename = await app
      .http()
      .put(`/content-manager/collection-types/${UID}/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ title: 'Com publicar les actes del ple (revisat)' });
    expect(rename.status).toBe(200);
    const row = await app.strapi.db.query(UID).findOne({ where: { documentId: id } });
    expect(row).toMatchObject({ reviewStatus: 'received', title: 'Com publicar les actes del ple (revisat)' });
    // The admin form sends every field, the unchanged state included: that saves.
    const full = await app
      .http()
      .put(`/content-manager/collection-types/${UID}/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ title: 'Com publicar les actes del ple (revisat 2)', reviewStatus: 'received', staffNotes: 'Nota' });
    expect(full.status).toBe(200);
  });

  it('gives reviewers a role that works on proposals and support requests, and nothing else', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: REVIEWER_ROLE.code } });
    expect(role?.name).toBe('Reviewer');
    await app.strapi.service('admin::user').create({
      email: 'revisora@diba.example',
      firstname: 'Rosa',
      lastname: 'Revisora',
      password: 'Revisora2026',
      isActive: true,
      roles: [role.id],
    });
    const token = (await app.http().post('/admin/login').send({ email: 'revisora@diba.example', password: 'Revisora2026' })).body.data.token;
    await propose(proposal('h'));
    const id = await idOf('proposant.h@ajuntament.example');
    expect((await transition(id, { to: 'under_review' }, token)).status).toBe(200);
    expect(
      (await app.http().get(`/content-manager/collection-types/api::support-request.support-request`).set('authorization', `Bearer ${token}`)).status
    ).toBe(200);

    const [session] = await app.strapi.documents('api::session.session').findMany({ locale: 'ca', limit: 1 });
    const edit = await app
      .http()
      .put(`/content-manager/collection-types/api::session.session/${session.documentId}?locale=ca`)
      .set('authorization', `Bearer ${token}`)
      .send({ title: 'Canviat per una revisora' });
    expect(edit.status).toBe(403);
    const registrations = await app
      .http()
      .get('/content-manager/collection-types/api::registration.registration')
      .set('authorization', `Bearer ${token}`);
    expect(registrations.status).toBe(403);
  });

  it("keeps the role's permissions in the form the admin's start-up clean-up keeps: another start rewrites none", async () => {
    const reviewerPermissions = () =>
      app.strapi.db.query('admin::permission').findMany({ where: { role: { code: REVIEWER_ROLE.code } }, orderBy: { id: 'asc' } });
    const before = await reviewerPermissions();
    expect(before).toHaveLength(6);
    const writes: string[] = [];
    const listener = ({ sql }: { sql: string }) => {
      if (/^\s*(insert|update|delete)\b/i.test(sql) && /admin_permissions/.test(sql)) writes.push(sql);
    };
    app.strapi.db.connection.client.on('query', listener);
    try {
      // What every start runs: the admin's clean-up of stored permissions, then the role's own.
      await app.strapi.service('admin::permission').cleanPermissionsInDatabase();
      await ensureReviewerRole(app.strapi);
    } finally {
      app.strapi.db.connection.client.removeListener('query', listener);
    }
    expect(writes).toEqual([]);
    expect(await reviewerPermissions()).toEqual(before);
    // The component's subfields are given (a reviewer reads the history), the tracking link's hash is not.
    const proposalRead = before.find((p: { action: string; subject: string }) => p.subject === UID && p.action.endsWith('.read'));
    expect(proposalRead.properties.fields).toEqual(expect.arrayContaining(['title', 'reviewStatus', 'history.at', 'history.to']));
    expect(proposalRead.properties.fields).not.toContain('trackingTokenHash');
  });
});

describe('the reviewers\' queue', () => {
  it('lists proposals newest first with their state, and offers the allowed actions with similar items', async () => {
    const configuration = await app
      .http()
      .get(`/content-manager/content-types/${UID}/configuration`)
      .set('authorization', `Bearer ${admin}`);
    expect(configuration.body.data.contentType.settings).toMatchObject({ defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' });
    expect(configuration.body.data.contentType.layouts.list).toEqual(['title', 'reviewStatus', 'createdAt']);
    // Labels in Catalan; the history and the status are written by the workflow only.
    const metadatas = configuration.body.data.contentType.metadatas;
    expect(metadatas.title.edit.label).toBe('Tema proposat');
    expect(metadatas.history.edit).toMatchObject({ label: 'Historial de revisió', editable: false });
    expect(metadatas.reviewStatus.edit.editable).toBe(false);
    // The tracking link's hash is not even part of the admin's model (issue 22).
    expect(metadatas.trackingTokenHash).toBeUndefined();

    await propose(proposal('q1', { title: 'Com publicar les actes del ple amb dades personals' }));
    const id = await idOf('proposant.q1@ajuntament.example');
    const review = await app.http().get(`/admin/gomunicipal/proposals/${id}/review`).set('authorization', `Bearer ${admin}`);
    expect(review.body.data.status).toBe('received');
    expect(review.body.data.next).toEqual(['under_review', 'declined', 'duplicate']);
    expect(review.body.data.similarProposals.map((p: { title: string }) => p.title)).toContain('Com publicar les actes del ple d');
  });
});

describe('the public view', () => {
  it('lists accepted and scheduled topics with their session, never who proposed them or staff notes', async () => {
    const res = await app.http().get('/api/proposed-topics');
    expect(res.status).toBe(200);
    const titles = res.body.data.map((t: { title: string }) => t.title);
    expect(titles).toContain('Com publicar les actes del ple d');
    expect(titles).not.toContain('Com publicar les actes del ple e');
    const scheduled = res.body.data.find((t: { title: string }) => t.title === 'Com publicar les actes del ple d');
    expect(scheduled).toMatchObject({ status: 'scheduled', session: { title: 'Sessió sobre actes' } });
    for (const secret of ['proposant.', 'Proposant', 'La mirem', 'A la sessió de gener', 'anonimitzar']) expect(res.text).not.toContain(secret);

    const graphql = await app.http().post('/graphql').send({ query: '{ proposedTopics(status: [scheduled]) { title status session { title } } }' });
    expect(graphql.body.data.proposedTopics).toEqual([{ title: 'Com publicar les actes del ple d', status: 'scheduled', session: { title: 'Sessió sobre actes' } }]);
    const refused = await app.http().get('/api/proposed-topics?status=received');
    expect(refused.status).toBe(400);
    expect((await app.http().get('/api/proposals')).status).toBe(403);
  });
});
