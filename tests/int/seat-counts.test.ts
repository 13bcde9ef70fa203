import { countQueries } from '../../tooling';
import { service } from '../../src/utils/services';
import { createRegistration, createSession, DAY } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * One source for seat counts (issue 16): `confirmedCounts()` is what the portal (seats left), the
 * editors' dashboard and list, a session's registration box and the published results count, and
 * on a fixed data set they all agree with it and with counts made here by hand.
 */
let app: TestApp;
let admin: string;
const REGISTRATION = 'api::registration.registration';

type Fixture = { title: string; capacity: number; past: boolean; confirmed: number; waitlisted: number; cancelled: number; attended: number };

const FIXTURES: Fixture[] = [
  { title: 'Sessió plena', capacity: 3, past: false, confirmed: 3, waitlisted: 2, cancelled: 1, attended: 0 },
  { title: 'Sessió amb places', capacity: 10, past: false, confirmed: 4, waitlisted: 0, cancelled: 2, attended: 0 },
  { title: 'Sessió feta', capacity: 8, past: true, confirmed: 6, waitlisted: 1, cancelled: 1, attended: 4 },
];
const ids: string[] = [];

beforeAll(async () => {
  app = await startApp();
  admin = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
  for (const [n, f] of FIXTURES.entries()) {
    const id = await createSession(app.strapi, { title: f.title, startsAt: new Date(Date.now() + (f.past ? -2 : 5 + n) * DAY), capacity: f.capacity });
    ids.push(id);
    let i = 0;
    for (const [status, count] of [['confirmed', f.confirmed], ['waitlisted', f.waitlisted], ['cancelled', f.cancelled]] as const) {
      for (let k = 0; k < count; k += 1) {
        i += 1;
        const registration = await createRegistration(app.strapi, id, status, `s${n}-${i}@ens.example`);
        // The first `attended` confirmed registrations attended.
        if (status === 'confirmed' && k < f.attended) {
          await app.strapi.db.query(REGISTRATION).update({ where: { id: registration.id }, data: { attended: true } });
        }
      }
    }
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('confirmedCounts() and its readers', () => {
  it('counts each state and the attendees as the data set has them', async () => {
    const counts = await service(app.strapi, 'api::registration.seats').confirmedCounts(ids);
    FIXTURES.forEach((f, n) => {
      expect(counts.get(ids[n])).toEqual({
        confirmed: f.confirmed,
        waitlisted: f.waitlisted,
        cancelled: f.cancelled,
        attended: f.attended,
        confirmedAttended: f.attended,
      });
    });
  });

  it('the portal’s seats left agree (GraphQL and REST)', async () => {
    const gql = await app.http().post('/graphql').send({ query: `{ a: session(documentId: "${ids[0]}") { seatsLeft } b: session(documentId: "${ids[1]}") { seatsLeft } }` });
    expect(gql.body.data).toEqual({ a: { seatsLeft: 0 }, b: { seatsLeft: 6 } });
    const upcoming = await app.http().get('/api/sessions/upcoming?limit=100');
    const seats = new Map((upcoming.body.data as { documentId: string; seatsLeft: number | null }[]).map((s) => [s.documentId, s.seatsLeft]));
    expect([seats.get(ids[0]), seats.get(ids[1])]).toEqual([0, 6]);
  });

  it('the editors’ list, dashboard and registration box agree', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    const list = await app.http().get(`/admin/gomunicipal/sessions/seats?ids=${ids.join(',')}`).set(auth);
    FIXTURES.forEach((f, n) => {
      expect(list.body.data[ids[n]]).toEqual({ capacity: f.capacity, confirmed: f.confirmed, seatsLeft: Math.max(0, f.capacity - f.confirmed) });
    });
    const dashboard = await app.http().get('/admin/gomunicipal/dashboard').set(auth);
    expect(dashboard.body.data.nextSession).toMatchObject({ documentId: ids[0], confirmed: 3, seatsLeft: 0 });
    for (const [n, f] of FIXTURES.entries()) {
      const box = await app.http().get(`/admin/gomunicipal/sessions/${ids[n]}/registrations`).set(auth);
      expect(box.body.data).toEqual({
        session: ids[n],
        capacity: f.capacity,
        confirmed: f.confirmed,
        waitlisted: f.waitlisted,
        cancelled: f.cancelled,
        attended: f.attended,
        seatsLeft: Math.max(0, f.capacity - f.confirmed),
      });
    }
  });

  it('the results count the same registrations and attendees', async () => {
    const results = service(app.strapi, 'api::feedback-response.results');
    const summary = await results.summary({ session: ids[2] }, { language: 'ca', threshold: null });
    expect({ confirmed: summary.confirmedRegistrations, attendees: summary.attendees }).toEqual({ confirmed: 6, attendees: 4 });
  });
});

describe('the counts the results keep (issue 20)', () => {
  const COUNTS = 'api::registration.seat-count';
  const seats = () => service(app.strapi, 'api::registration.seats');
  const results = () => service(app.strapi, 'api::feedback-response.results');
  const summary = async () => {
    const s = await results().summary({ session: ids[2] }, { language: 'ca', threshold: null });
    return { confirmed: s.confirmedRegistrations, attendees: s.attendees };
  };
  const keptRows = async () =>
    (await app.strapi.db.query(COUNTS).findMany({ select: ['confirmed', 'confirmedAttended'], where: { sessionDocumentId: ids[2] } })) as { confirmed: number; confirmedAttended: number | null }[];

  it('a read keeps the counts it recounted, and the next read takes them from one row', async () => {
    await seats().forget([ids[2]]);
    expect(await keptRows()).toEqual([]);
    expect(await summary()).toEqual({ confirmed: 6, attendees: 4 });
    expect(await keptRows()).toEqual([{ confirmed: 6, confirmedAttended: 4 }]);
    // Kept: the sessions (with their counts) and the rollups, and nothing else.
    expect(await countQueries(app.strapi, summary)).toBe(2);
    expect((await seats().verify()).ok).toBe(true);
  });

  it('an attendance change drops the count, and the next read counts it', async () => {
    const [absent] = (await app.strapi.db.query(REGISTRATION).findMany({
      select: ['id'],
      where: { session: { documentId: ids[2] }, registrationStatus: 'confirmed', attended: false },
      limit: 1,
    })) as { id: number }[];
    await app.strapi.db.query(REGISTRATION).update({ where: { id: absent.id }, data: { attended: true } });
    expect(await keptRows()).toEqual([]);
    expect(await summary()).toEqual({ confirmed: 6, attendees: 5 });
    await app.strapi.db.query(REGISTRATION).update({ where: { id: absent.id }, data: { attended: false } });
    expect(await summary()).toEqual({ confirmed: 6, attendees: 4 });
    expect((await seats().verify()).ok).toBe(true);
  });

  it('a row kept before attendance was kept is completed, not trusted', async () => {
    await seats().forget([ids[2]]);
    const now = new Date();
    await app.strapi.db.query(COUNTS).create({ data: { documentId: `old-${Date.now()}`, sessionDocumentId: ids[2], confirmed: 6, createdAt: now, updatedAt: now, publishedAt: now } });
    expect(await summary()).toEqual({ confirmed: 6, attendees: 4 });
    expect(await keptRows()).toEqual([{ confirmed: 6, confirmedAttended: 4 }]);
  });

  it('the portal’s seats left read the kept counts, recount the others together and store nothing', async () => {
    const shown = async () => {
      // (a limit no other test asks for: never an answer the response cache kept from before)
      const upcoming = await app.http().get('/api/sessions/upcoming?limit=99');
      expect(upcoming.headers['x-cache']).not.toBe('HIT');
      const seatsLeft = new Map((upcoming.body.data as { documentId: string; seatsLeft: number | null }[]).map((s) => [s.documentId, s.seatsLeft]));
      return [seatsLeft.get(ids[0]), seatsLeft.get(ids[1])];
    };
    const keptOf = async (documentIds: string[]) =>
      (await app.strapi.db.query(COUNTS).findMany({ select: ['sessionDocumentId'], where: { sessionDocumentId: { $in: documentIds } } })).length;
    await seats().forget([ids[0], ids[1]]);
    expect(await shown()).toEqual([0, 6]);
    expect(await keptOf([ids[0], ids[1]])).toBe(0);
    // None kept: the kept rows, then one grouped recount of both; one kept: the same two statements.
    expect(await countQueries(app.strapi, () => seats().confirmedShown([ids[0], ids[1]]))).toBe(2);
    await app.strapi.db.transaction(() => seats().kept([ids[1]]));
    expect(await countQueries(app.strapi, () => seats().confirmedShown([ids[0], ids[1]]))).toBe(2);
    expect(await countQueries(app.strapi, () => seats().confirmedShown([ids[1]]))).toBe(1);
    // The figure shown is the kept one, the one the registration service decides by.
    await app.strapi.db.query(COUNTS).update({ where: { sessionDocumentId: ids[1] }, data: { confirmed: 9 } });
    expect((await seats().confirmedShown([ids[1]])).get(ids[1])).toBe(9);
    await seats().forget([ids[1]]);
    expect((await seats().confirmedShown([ids[1]])).get(ids[1])).toBe(4);
    expect((await seats().verify()).ok).toBe(true);
  });

  it("a recount in another transaction waits for an editor's uncommitted change, then counts it", async () => {
    await seats().forget([ids[2]]);
    const [registration] = (await app.strapi.db.query(REGISTRATION).findMany({
      select: ['id'],
      where: { session: { documentId: ids[2] }, registrationStatus: 'confirmed', attended: false },
      limit: 1,
    })) as { id: number }[];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written = () => {};
    const changed = new Promise<void>((resolve) => (written = resolve));
    // The editor cancels a registration (the query engine drops the count) and has not committed yet...
    const editor = app.strapi.db.transaction(async () => {
      await app.strapi.db.query(REGISTRATION).update({ where: { id: registration.id }, data: { registrationStatus: 'cancelled' } });
      written();
      await gate;
    });
    await changed;
    // ...when a results read recounts the missing count in a transaction of its own.
    let readerDone = false;
    const reader = seats()
      .kept([ids[2]])
      .finally(() => (readerDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const doneBeforeCommit = readerDone;
    release();
    await editor;
    const kept = (await reader).get(ids[2]);
    // It waited for the editor's commit and counted the cancellation: never the figure from before it.
    expect({ doneBeforeCommit, confirmed: kept?.confirmed }).toEqual({ doneBeforeCommit: false, confirmed: 5 });
    expect((await seats().verify()).ok).toBe(true);
    await app.strapi.db.query(REGISTRATION).update({ where: { id: registration.id }, data: { registrationStatus: 'confirmed' } });
    expect(await summary()).toEqual({ confirmed: 6, attendees: 4 });
  });

  it('readers racing for a missing count store it once', async () => {
    await seats().forget();
    const answers = await Promise.all(Array.from({ length: 8 }, () => summary()));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ confirmed: 6, attendees: 4 })]));
    expect(await keptRows()).toHaveLength(1);
    const all = (await app.strapi.db.query(COUNTS).findMany({ select: ['sessionDocumentId'] })) as { sessionDocumentId: string }[];
    expect(all.map((row) => row.sessionDocumentId).filter((id) => id === ids[2])).toHaveLength(1);
    expect((await seats().verify()).ok).toBe(true);
  });
});
