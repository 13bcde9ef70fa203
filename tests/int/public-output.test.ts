/**
 * The REST portal lists' one-pass output (src/utils/public-output.ts) gives what Strapi's
 * `sanitize.output` gives, byte for byte, for the callers there are: none, the Public role, a
 * full-access API token, and a role that may read sessions and recordings but not materials.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../helpers/strapi';
import { createMaterial, createRecording, createSession } from '../helpers/fixtures';
import { publicOutput } from '../../src/utils/public-output';
import { service } from '../../src/utils/services';

let app: TestApp;
let strapi: Core.Strapi;
const CANARY = 'https://teams.example/l/meetup-join/CANARY-output';
const UID = 'api::session.session';

type Auth = { strategy: { name: string }; credentials?: unknown; ability?: unknown };

/** The `ctx.state.auth` Strapi's content-API authentication gives a request with these headers. */
const authOf = async (authorization?: string): Promise<Auth> => {
  const ctx = {
    state: { route: { info: { type: 'content-api' }, config: {} } } as Record<string, unknown> & { auth?: Auth },
    request: { header: authorization === undefined ? {} : { authorization }, headers: authorization === undefined ? {} : { authorization } },
    unauthorized: (message: string) => {
      throw new Error(`unauthorized: ${message}`);
    },
  };
  await (strapi.get('auth') as { authenticate: (c: unknown, next: () => Promise<void>) => Promise<void> }).authenticate(ctx, async () => undefined);
  if (ctx.state.auth === undefined) throw new Error('no auth');
  return ctx.state.auth;
};

beforeAll(async () => {
  app = await startApp();
  strapi = app.strapi;
  const session = await createSession(strapi, { title: 'Sessió de sortida', startsAt: new Date(Date.UTC(2024, 4, 30, 8)), eventStatus: 'held', meetingUrl: CANARY });
  await createMaterial(strapi, session, 'Material de sortida', 'https://example.org/sortida.pdf');
  await createRecording(strapi, session, 'Gravació de sortida', 'https://video.example.org/sortida');
});

afterAll(async () => {
  await app?.stop();
});

describe('the portal lists’ output equals sanitize.output', () => {
  it('for no caller, the Public role, a full-access token and a role without materials', async () => {
    const rows = await service(strapi, UID).past({ limit: 12, locale: 'ca', year: 2024 });
    expect(rows.length).toBeGreaterThan(0);
    const token = (await strapi.service('admin::api-token').create({ name: `output-${Date.now()}`, type: 'full-access', lifespan: null })) as { accessKey: string };
    const publicAuth = await authOf();
    const tokenAuth = await authOf(`Bearer ${token.accessKey}`);
    expect(tokenAuth.strategy.name).toBe('content-api-token');
    const engine = strapi.contentAPI.permissions.engine as unknown as { generateAbility: (permissions: { action: string }[]) => Promise<unknown> };
    const noMaterials = { ...publicAuth, ability: await engine.generateAbility([{ action: 'api::session.session.find' }, { action: 'api::recording.recording.find' }]) };
    const output = publicOutput(strapi);
    for (const auth of [undefined, publicAuth, tokenAuth, noMaterials]) {
      const expected = await strapi.contentAPI.sanitize.output(structuredClone(rows), strapi.getModel(UID), { auth });
      expect(JSON.stringify(await output(structuredClone(rows), UID, auth))).toBe(JSON.stringify(expected));
    }
    const restricted = (await output(rows, UID, noMaterials)) as Record<string, unknown>[];
    const ours = restricted.find((s) => s.title === 'Sessió de sortida');
    expect(ours).toBeDefined();
    expect(ours).not.toHaveProperty('materials');
    expect(ours).toHaveProperty('recordings');
    expect(JSON.stringify(restricted)).not.toContain(CANARY);
    const open = (await output(rows, UID, publicAuth)) as Record<string, unknown>[];
    expect(open.find((s) => s.title === 'Sessió de sortida')).toHaveProperty('materials');
    expect(JSON.stringify(open)).not.toContain(CANARY);
  });
});
