import ICAL from 'ical.js';
import { startApp, type TestApp } from '../helpers/strapi';
import {
  DAY,
  countQueries,
  createMaterial,
  createRecording,
  createRegistration,
  createSession,
} from '../helpers/fixtures';

let app: TestApp;
const CANARY = 'https://teams.example/l/meetup-join/CANARY-portal';
const ids: Record<string, string> = {};

const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.http().post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });

beforeAll(async () => {
  app = await startApp();
  const { strapi } = app;
  const now = Math.floor(Date.now() / 60000) * 60000;
  ids.next = await createSession(strapi, {
    title: 'Propera sessió amb places',
    titleEs: 'Próxima sesión con plazas',
    startsAt: new Date(now + 10 * DAY),
    capacity: 50,
    meetingUrl: CANARY,
  });
  ids.postponed = await createSession(strapi, {
    title: 'Sessió ajornada',
    startsAt: new Date(now + 15 * DAY),
    eventStatus: 'postponed',
    meetingUrl: CANARY,
  });
  ids.cancelled = await createSession(strapi, {
    title: 'Sessió cancel·lada',
    startsAt: new Date(now + 20 * DAY),
    eventStatus: 'cancelled',
  });
  ids.draft = await createSession(strapi, { title: 'Sessió en esborrany', startsAt: new Date(now + 5 * DAY), publish: false });
  for (const [status, n] of [['confirmed', 3], ['waitlisted', 2], ['cancelled', 1]] as const) {
    for (let i = 0; i < n; i += 1) await createRegistration(strapi, ids.next, status, `${status}${i}@example.org`);
  }
  // Twenty more held sessions in 2022, each with two materials and a recording.
  for (let i = 0; i < 20; i += 1) {
    const session = await createSession(strapi, {
      title: `Sessió d'arxiu ${i + 1}`,
      startsAt: new Date(Date.UTC(2022, 0, 10 + i, 9)),
      eventStatus: 'held',
      registrationOpen: false,
      capacity: 40,
    });
    await createMaterial(strapi, session, `Presentació ${i + 1}`, `https://example.org/slides-${i + 1}.pdf`);
    await createMaterial(strapi, session, `Guia ${i + 1}`, `https://example.org/guia-${i + 1}.pdf`);
    await createRecording(strapi, session, `Gravació ${i + 1}`, `https://video.example.org/${i + 1}`);
  }
});

afterAll(async () => {
  await app?.stop();
});

const UPCOMING = `query ($locale: I18NLocaleCode) {
  upcomingSessions(locale: $locale) {
    documentId title startsAt endsAt isUpcoming calendarUrl seatsLeft registrationAvailable eventStatus
  }
}`;

describe('upcomingSessions and pastSessions', () => {
  it('lists published, not cancelled, future sessions soonest first, with the derived fields', async () => {
    const res = await graphql(UPCOMING);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const list = res.body.data.upcomingSessions;
    expect(list.map((s: { documentId: string }) => s.documentId)).toEqual([ids.next, ids.postponed]);
    const [next, postponed] = list;
    expect(next).toMatchObject({
      title: 'Propera sessió amb places',
      isUpcoming: true,
      seatsLeft: 47,
      registrationAvailable: true,
      calendarUrl: `http://localhost:1337/api/sessions/${ids.next}/calendar.ics`,
    });
    expect(new Date(next.endsAt).getTime() - new Date(next.startsAt).getTime()).toBe(60 * 60 * 1000);
    expect(postponed).toMatchObject({ seatsLeft: null, registrationAvailable: false, eventStatus: 'postponed' });
  });

  it('answers in Spanish for locale es', async () => {
    const res = await graphql(UPCOMING, { locale: 'es' });
    expect(res.body.data.upcomingSessions.map((s: { title: string }) => s.title)).toEqual(['Próxima sesión con plazas']);
  });

  it('lists the sessions of one year newest first, with materials and recordings', async () => {
    const res = await graphql(`{
      pastSessions(year: 2024) { title startsAt isUpcoming materials { title } }
      archive: pastSessions(year: 2022, limit: 3) { title materials { title url } recordings { title videoUrl chapters { title } } }
    }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.pastSessions.map((s: { startsAt: string }) => s.startsAt.slice(0, 10))).toEqual([
      '2024-04-25',
      '2024-02-29',
      '2024-01-25',
    ]);
    expect(res.body.data.pastSessions.every((s: { isUpcoming: boolean }) => !s.isUpcoming)).toBe(true);
    const [latest] = res.body.data.archive;
    expect(res.body.data.archive.map((s: { title: string }) => s.title)).toEqual([
      "Sessió d'arxiu 20",
      "Sessió d'arxiu 19",
      "Sessió d'arxiu 18",
    ]);
    expect(latest.materials.map((m: { title: string }) => m.title)).toEqual(['Presentació 20', 'Guia 20']);
    expect(latest.recordings).toEqual([
      { title: 'Gravació 20', videoUrl: 'https://video.example.org/20', chapters: [{ title: 'Inici' }] },
    ]);
  });

  it('defaults to 12 past sessions, and the stock query agrees on the derived fields', async () => {
    const res = await graphql(`{
      pastSessions { documentId }
      sessions(filters: { documentId: { eq: "${ids.next}" } }) { seatsLeft registrationAvailable isUpcoming endsAt }
    }`);
    expect(res.body.data.pastSessions).toHaveLength(12);
    expect(res.body.data.sessions).toEqual([
      expect.objectContaining({ seatsLeft: 47, registrationAvailable: true, isUpcoming: true }),
    ]);
  });

  it('runs a bounded number of SQL statements, whatever the number of sessions (no N+1)', async () => {
    const query = (limit: number) =>
      graphql(`{ pastSessions(limit: ${limit}) { title seatsLeft speakers { name } catalogResources { name }
        materials { title url file { url } } recordings { title videoUrl file { url } chapters { title } } } }`);
    await query(1); // warm-up: schema caches
    let ten = 0;
    let twentyFive = 0;
    // Both lists reach the archive sessions, which have materials, files and recordings to load.
    const countTen = await countQueries(app.strapi, async () => {
      ten = (await query(10)).body.data.pastSessions.length;
    });
    const countTwentyFive = await countQueries(app.strapi, async () => {
      twentyFive = (await query(25)).body.data.pastSessions.length;
    });
    expect([ten, twentyFive]).toEqual([10, 25]);
    expect(countTwentyFive).toBe(countTen);
    expect(countTwentyFive).toBeLessThanOrEqual(15);
  });

  it("reads a page's two lists together: their relations in shared statements", async () => {
    const fields = 'title materials { title url } recordings { title chapters { title } }';
    await graphql(`{ upcomingSessions(limit: 5) { ${fields} } pastSessions(limit: 12) { ${fields} } }`); // warm-up
    const one = await countQueries(app.strapi, () => graphql(`{ pastSessions(limit: 12) { ${fields} } }`));
    let lists: unknown[] = [];
    const both = await countQueries(app.strapi, async () => {
      const res = await graphql(`{ upcomingSessions(limit: 5) { ${fields} } pastSessions(limit: 12) { ${fields} } }`);
      lists = [res.body.data.upcomingSessions, res.body.data.pastSessions];
    });
    expect(lists.every((list) => Array.isArray(list) && list.length > 0)).toBe(true);
    // Not one statement more: both lists' sessions in one statement, materials, recordings and chapters once for both.
    expect(both).toBe(one);
  });

  it('never exposes the meeting link', async () => {
    const res = await graphql('{ upcomingSessions { title meetingUrl } }');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('CANARY');
    const rest = await app.http().get('/api/sessions/upcoming');
    expect(rest.text).not.toContain('CANARY');
    expect(rest.text).not.toContain('meetingUrl');
  });
});

describe('limits', () => {
  it('refuses limits over 100, naming the argument', async () => {
    const custom = await graphql('{ pastSessions(limit: 500) { title } }');
    expect(custom.status).toBe(400);
    expect(custom.body.errors[0].message).toContain('limit');
    const stock = await graphql('{ sessions(pagination: { limit: 500 }) { title } }');
    expect(stock.status).toBe(400);
    expect(stock.body.errors[0].message).toContain('pagination.limit');
    const rest = await app.http().get('/api/sessions?pagination[pageSize]=101');
    expect(rest.status).toBe(400);
    expect(rest.body.error.details.param).toBe('pagination.pageSize');
  });

  it('defaults GraphQL lists to 25 items', async () => {
    const res = await graphql('{ sessions { documentId } }');
    expect(res.body.data.sessions).toHaveLength(25);
  });

  it('refuses queries deeper than the limit', async () => {
    const deep =
      '{ sessions { materials { session { materials { session { materials { session { materials { session { title } } } } } } } } } }';
    const res = await graphql(deep);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
    expect(res.body.errors[0].message).toMatch(/profunditat/);
  });

  it('refuses too many aliases and too many fields', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: sessions { title }`).join(' ');
    const res = await graphql(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('31 àlies');

    const fragment = `fragment F on Session { ${'title slug summary startsAt endsAt '.repeat(1)} }`;
    const many = Array.from({ length: 29 }, (_, i) => `s${i}: sessions { ...F materials { title url kind } recordings { title videoUrl } catalogResources { name code } speakers { name role } }`).join(' ');
    const big = await graphql(`{ ${many} } ${fragment}`);
    expect(big.status).toBe(400);
    expect(big.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain('camps');
  });

  it('answers bad REST arguments with a 400 that names them, in the request language', async () => {
    const cases: [string, string][] = [
      ['/api/sessions/upcoming?limit=0', 'limit'],
      ['/api/sessions/upcoming?limit=101', 'limit'],
      ['/api/sessions/past?limit=abc', 'limit'],
      ['/api/sessions/past?year=19', 'year'],
      ['/api/sessions/past?locale=fr', 'locale'],
      ['/api/sessions/past?populate=*', 'populate'],
      ['/api/calendar.ics?locale=en', 'locale'],
    ];
    for (const [url, param] of cases) {
      const res = await app.http().get(url).set('accept-language', 'es');
      expect({ url, status: res.status, param: res.body.error?.details?.param }).toEqual({ url, status: 400, param });
      expect(res.body.error.message).toMatch(/[Pp]arámetro|Idioma/);
    }
  });

  it("says Strapi's own unknown-key refusals in the request language, REST and GraphQL alike", async () => {
    const rest = await app.http().get('/api/sessions?filters[title][$bogus]=1');
    expect(rest.status).toBe(400);
    expect(rest.body.error).toMatchObject({ name: 'ValidationError', details: { key: '$bogus', path: 'title', param: 'filters' } });
    expect(rest.body.error.message).toBe('El paràmetre filters fa servir «$bogus» (dins de «title»), que no existeix o no es pot fer servir aquí.');
    const sorted = await app.http().get('/api/sessions?sort=materials').set('accept-language', 'es');
    expect(sorted.status).toBe(400);
    expect(sorted.body.error.message).toBe('El parámetro sort usa «materials», que no existe o no se puede usar aquí.');

    const catalan = await graphql('{ sessions(sort: "materials") { title } }');
    expect(catalan.status).toBe(400);
    expect(catalan.body.errors[0].message).toBe('El paràmetre sort fa servir «materials», que no existeix o no es pot fer servir aquí.');
    expect(catalan.body.errors[0].extensions.error.details).toMatchObject({ key: 'materials', param: 'sort' });
    const spanish = await app.http().post('/graphql').set('accept-language', 'es').send({ query: '{ sessions(sort: "nope") { title } }' });
    expect(spanish.status).toBe(400);
    expect(spanish.body.errors[0].message).toBe('El parámetro sort usa «nope», que no existe o no se puede usar aquí.');
    expect(JSON.stringify([rest.body, sorted.body, catalan.body, spanish.body])).not.toContain('Invalid key');
  });

  it("says Strapi's and koa's generic refusals in the request language: no route, no permission, bad credentials, bad pagination, wrong method", async () => {
    const NOT_FOUND = 'No se ha encontrado nada en esta dirección: compruebe la ruta y el identificador.';
    const cases: [string, () => Promise<{ status: number; body: { error: { name: string; message: string } } }>, number, string, string][] = [
      ['no route', () => app.http().get('/api/nope').set('accept-language', 'es'), 404, 'NotFoundError', NOT_FOUND],
      ['no such session', () => app.http().get('/api/sessions/no-such-document').set('accept-language', 'es'), 404, 'NotFoundError', NOT_FOUND],
      ['not public', () => app.http().get('/api/registrations'), 403, 'ForbiddenError', 'No teniu permís per accedir a aquest recurs.'],
      [
        'a bad token',
        () => app.http().get('/api/sessions').set('authorization', 'Bearer not-a-token').set('accept-language', 'es'),
        401,
        'UnauthorizedError',
        'Este recurso requiere unas credenciales válidas (cabecera Authorization).',
      ],
      [
        'a page that is not a number',
        () => app.http().get('/api/sessions?pagination[page]=x'),
        400,
        'ValidationError',
        'Els valors de pagination (page, pageSize, start, limit) han de ser nombres enters positius.',
      ],
      [
        'a method the route does not take',
        () => app.http().post('/api/sessions').send({}),
        405,
        'MethodNotAllowedError',
        'Aquesta adreça no admet el mètode POST; admet HEAD, GET.',
      ],
    ];
    for (const [what, send, status, name, message] of cases) {
      const res = await send();
      expect({ what, status: res.status, name: res.body.error?.name, message: res.body.error?.message }).toEqual({ what, status, name, message });
    }
    const forbidden = await app.http().post('/graphql').set('accept-language', 'es').send({ query: '{ uploadFiles { name } }' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors[0].message).toBe('No tiene permiso para acceder a este recurso.');
  });

  it('answers a filter value its field cannot take with a 400 that says so, never a 500', async () => {
    const INVALID = 'Un valor de la consulta no és vàlid per al seu camp: per exemple, text on s’espera un nombre, un nombre massa gran, una data que no existeix o un caràcter nul.';
    // Refused by Strapi or knex on every database.
    const everywhere: [string, string, string | undefined][] = [
      ['/api/sessions?filters[capacity][$eq]=abc', INVALID, 'INVALID_VALUE'],
      ['/api/sessions?filters[capacity][$in][0]=x', INVALID, 'INVALID_VALUE'],
      ['/api/sessions?filters[$or][0][capacity][$lt]=1e400', INVALID, 'INVALID_VALUE'],
      ['/api/sessions?filters[durationMinutes][$between][0]=1', 'L’operador $between necessita exactament dos valors.', 'BETWEEN_TWO_VALUES'],
      ['/api/sessions?filters[startsAt][$eq]=notadate', INVALID, undefined],
      ['/api/sessions?sort=title:sideways', 'Cada criteri de sort és camp:asc o camp:desc (p. ex. startsAt:desc).', undefined],
    ];
    for (const [url, message, code] of everywhere) {
      const res = await app.http().get(url);
      expect({ url, status: res.status, message: res.body.error?.message, code: res.body.error?.details?.code }).toEqual({ url, status: 400, message, code });
    }
    // Refused by PostgreSQL alone (SQLite and MariaDB compare them as they are): never a 5xx, and the same 400 where refused.
    const somewhere = [
      '/api/sessions?filters[id][$eq]=abc',
      '/api/sessions?filters[title][$containsi]=%00',
      '/api/sessions?filters[capacity][$eq]=99999999999999999999',
    ];
    const postgres = process.env.DATABASE_CLIENT === 'postgres';
    for (const url of somewhere) {
      const res = await app.http().get(url);
      const refused = res.status === 400 && res.body.error?.message === INVALID && res.body.error?.details?.code === 'INVALID_VALUE';
      expect({ url, fine: refused || (!postgres && res.status === 200) }).toEqual({ url, fine: true });
    }
    const nul = await app.http().post('/graphql').set('accept-language', 'es').send({ query: '{ sessions(filters: { title: { containsi: "\\u0000" } }) { title } }' });
    expect(nul.status).toBe(postgres ? 400 : 200);
    if (postgres) {
      expect(nul.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', error: { details: { code: 'INVALID_VALUE' } } });
      expect(nul.body.errors[0].message).toMatch(/^Un valor de la consulta no es válido para su campo/);
    }
  });

  it("says graphql-js's own refusals in the request language, codes and locations unchanged", async () => {
    const cases: [string, Record<string, unknown> | undefined, string, string, string][] = [
      ['{ sessions { ', undefined, 'ca', 'GRAPHQL_PARSE_FAILED', 'La consulta no és GraphQL vàlid (error de sintaxi): Expected Name, found <EOF>.'],
      ['{ sessions { titel } }', undefined, 'es', 'GRAPHQL_VALIDATION_FAILED', 'El tipo Session no tiene ningún campo «titel». Quizá quiere decir: title.'],
      ['{ sessions(foo: 1) { title } }', undefined, 'ca', 'GRAPHQL_VALIDATION_FAILED', 'Query.sessions no té cap argument «foo».'],
      ['{ sessions }', undefined, 'es', 'GRAPHQL_VALIDATION_FAILED', 'El campo «sessions» (de tipo [Session]!) necesita una selección de subcampos, por ejemplo sessions { … }.'],
      ['{ sessions { title { x } } }', undefined, 'ca', 'GRAPHQL_VALIDATION_FAILED', 'El camp «title» (de tipus String!) no té subcamps: traieu-ne la selecció.'],
      ['{ pastSessions(limit: "x") { title } }', undefined, 'ca', 'GRAPHQL_VALIDATION_FAILED', '"x" no és un valor de tipus Int.'],
      ['query ($l: Int!) { pastSessions(limit: $l) { title } }', undefined, 'es', 'BAD_USER_INPUT', 'Falta la variable obligatoria $l (de tipo Int!).'],
      [
        'query ($l: Int) { pastSessions(limit: $l) { title } }',
        { l: 'x' },
        'ca',
        'BAD_USER_INPUT',
        'La variable $l té un valor no vàlid, "x": "x" no és un valor de tipus Int.',
      ],
      ['{ sessions(status: SOMETIMES) { title } }', undefined, 'es', 'GRAPHQL_VALIDATION_FAILED', 'El valor «SOMETIMES» no es ninguno de los de PublicationStatus.'],
      ['{ sessions(filters: { startsAt: { eq: "notadate" } }) { title } }', undefined, 'ca', 'GRAPHQL_VALIDATION_FAILED', '«notadate» no és un valor de tipus DateTime.'],
    ];
    for (const [query, variables, language, code, message] of cases) {
      const res = await app.http().post('/graphql').set('accept-language', language).send({ query, variables });
      const [error] = res.body.errors;
      expect({ query, status: res.status, code: error.extensions.code, message: error.message }).toEqual({ query, status: 400, code, message });
      if (variables === undefined) expect(error.locations?.[0]?.line).toBe(1);
    }
  });
});

describe('REST equivalents and caching', () => {
  it('serves the same upcoming sessions in the flat format, cacheable with an ETag', async () => {
    const res = await app.http().get('/api/sessions/upcoming?limit=5&locale=ca');
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { documentId: string }) => s.documentId)).toEqual([ids.next, ids.postponed]);
    expect(res.body.data[0]).toMatchObject({ seatsLeft: 47, registrationAvailable: true, title: 'Propera sessió amb places' });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const etag = res.headers.etag;
    expect(etag).toMatch(/^"/);
    const again = await app.http().get('/api/sessions/upcoming?limit=5&locale=ca').set('if-none-match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const past = await app.http().get('/api/sessions/past?year=2024');
    expect(past.body.data.map((s: { startsAt: string }) => s.startsAt.slice(0, 10))).toEqual(['2024-04-25', '2024-02-29', '2024-01-25']);
  });

  it('answers a plain GET /graphql (no extra headers) and caches it; POSTs and authenticated requests are not cached', async () => {
    const query = encodeURIComponent('{ upcomingSessions { title } }');
    const res = await app.http().get(`/graphql?query=${query}`);
    expect(res.status).toBe(200);
    expect(res.body.data.upcomingSessions[0].title).toBe('Propera sessió amb places');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const again = await app.http().get(`/graphql?query=${query}`).set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);

    const post = await graphql('{ upcomingSessions { title } }');
    expect(post.headers['cache-control']).toBe('no-store');

    const token = await app.strapi
      .service('admin::api-token')
      .create({ name: 'portal test', type: 'full-access', lifespan: null, description: '' });
    const authed = await app.http().get(`/graphql?query=${query}`).set('authorization', `Bearer ${token.accessKey}`);
    expect(authed.status).toBe(200);
    expect(authed.headers['cache-control']).toBe('no-store');

    const mutation = await app.http().get(`/graphql?query=${encodeURIComponent('mutation { login(input: { identifier: "a", password: "b" }) { jwt } }')}`);
    expect(mutation.status).toBeGreaterThanOrEqual(400);
    expect(mutation.headers['cache-control']).toBe('no-store');
  });

  it('is open to any origin by default', async () => {
    const res = await app.http().get('/api/sessions/upcoming').set('origin', 'https://www.ajuntament.example');
    expect(res.headers['access-control-allow-origin']).toBe('https://www.ajuntament.example');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('calendar', () => {
  const parse = (text: string) => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    // Resolve TZID references with the VTIMEZONE the feed itself carries.
    const zone = calendar.getFirstSubcomponent('vtimezone');
    if (zone !== null) ICAL.TimezoneService.register(zone);
    return calendar;
  };

  it('serves a valid feed of upcoming and recent sessions, in Madrid time, cancelled ones marked', async () => {
    const res = await app.http().get('/api/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.text).not.toContain('CANARY');
    const calendar = parse(res.text);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Madrid');
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.has(`${ids.next}@localhost:1337`)).toBe(true);
    expect(byUid.has(`${ids.draft}@localhost:1337`)).toBe(false);
    // The 2022 and 2023–2024 sessions are more than 12 months old.
    expect(events.some((e) => e.summary.startsWith("Sessió d'arxiu"))).toBe(false);
    const cancelled = calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `${ids.cancelled}@localhost:1337`);
    expect(cancelled?.getFirstPropertyValue('status')).toBe('CANCELLED');
    const next = byUid.get(`${ids.next}@localhost:1337`);
    expect(next?.startDate.zone.tzid).toBe('Europe/Madrid');
    const session = await app.strapi
      .documents('api::session.session')
      .findOne({ documentId: ids.next, locale: 'ca', status: 'published' });
    expect(next?.startDate.toJSDate().toISOString()).toBe(new Date(session?.startsAt as string).toISOString());
    expect(next?.endDate.toJSDate().getTime()).toBe(new Date(session?.startsAt as string).getTime() + 3600000);
    const again = await app.http().get('/api/calendar.ics');
    expect(again.text).toBe(res.text);
  });

  it('serves one session, with the seeded 10:00 Madrid start, in the language asked for', async () => {
    const list = await app.http().get('/api/sessions/past?year=2024&limit=1');
    const [portal] = list.body.data;
    const res = await app.http().get(`/api/sessions/${portal.documentId}/calendar.ics?locale=es`);
    expect(res.status).toBe(200);
    const event = new ICAL.Event(parse(res.text).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.summary).toBe('El portal de transparencia: ¿dónde estamos y hacia dónde vamos?');
    expect(res.text).toContain('DTSTART;TZID=Europe/Madrid:20240425T100000');
    expect(res.text).toContain('DTEND;TZID=Europe/Madrid:20240425T110000');
    expect(event.description).toContain('Consorci AOC');
  });

  it('answers 404 with a message for unknown or unpublished sessions', async () => {
    for (const id of ['doesnotexist', ids.draft, '%3Cscript%3E']) {
      const res = await app.http().get(`/api/sessions/${id}/calendar.ics`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('No hi ha cap sessió publicada');
    }
  });
});
