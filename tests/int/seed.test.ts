import { SEED_SESSIONS } from '../../src/seed/data';
import { barcelonaMunicipalities, seed } from '../../src/seed';
import { startApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

const counts = async () => ({
  sessions: await app.strapi.db.query('api::session.session').count(),
  materials: await app.strapi.db.query('api::material.material').count(),
  catalogResources: await app.strapi.db.query('api::catalog-resource.catalog-resource').count(),
  localEntities: await app.strapi.db.query('api::local-entity.local-entity').count(),
});

describe('seed on first start', () => {
  it('loads the six sessions held, in Catalan and Spanish, published, at 10:00 Madrid time', async () => {
    const ca = await app.strapi
      .documents('api::session.session')
      .findMany({ locale: 'ca', status: 'published', sort: 'startsAt:asc' });
    expect(ca.map((s) => [s.startsAt, s.title, s.coOrganizer ?? null])).toEqual([
      ['2023-09-21T08:00:00.000Z', "Tenim nous electes a l'Ajuntament: el mòdul d'organització política del portal de transparència AOC", null],
      ['2023-10-26T08:00:00.000Z', "Treu-li suc a l'eina de seguiment", null],
      ['2023-11-23T09:00:00.000Z', "Vols disposar d'un sistema d'avisos per organitzar-te en la gestió de la transparència? T'ajudem!", null],
      ['2024-01-25T09:00:00.000Z', "Gestionem la transparència: quin paper ha de tenir cadascú? Com ens podem organitzar? T'ajudem!", null],
      ['2024-02-29T09:00:00.000Z', "Les sol·licituds d'accés a la informació pública en el nostre ajuntament: què són i com les haig de tractar? T'ajudem!", null],
      ['2024-04-25T08:00:00.000Z', 'El portal de transparència: on som i cap a on anem?', 'Consorci AOC'],
    ]);
    for (const session of ca) {
      expect(session).toMatchObject({ eventStatus: 'held', durationMinutes: 60, registrationOpen: false });
      expect(session.slug).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/);
    }

    const es = await app.strapi
      .documents('api::session.session')
      .findMany({ locale: 'es', status: 'published', sort: 'startsAt:asc' });
    expect(es.map((s) => s.title)).toEqual(SEED_SESSIONS.map((s) => s.title.es));
    expect(es.map((s) => s.documentId)).toEqual(ca.map((s) => s.documentId));
  });

  it('loads the programme page texts from the source, published in Catalan and Spanish', async () => {
    const ca = await app.strapi.documents('api::programme.programme').findFirst({ locale: 'ca', status: 'published' });
    const es = await app.strapi.documents('api::programme.programme').findFirst({ locale: 'es', status: 'published' });
    expect(ca?.headline).toBe('Dijous GOmunicipal');
    expect(JSON.stringify(ca?.howItWorks)).toContain('No s’acrediten com a formació.');
    expect(JSON.stringify(es?.howItWorks)).toContain('No se acreditan como formación.');
    expect(es?.documentId).toBe(ca?.documentId);
  });

  it('loads the two qualifying catalogue resources, published in both languages', async () => {
    const resources = await app.strapi
      .documents('api::catalog-resource.catalog-resource')
      .findMany({ locale: 'ca', status: 'published', sort: 'code:asc' });
    expect(resources.map((r) => [r.code, r.name, r.qualifiesForSupport])).toEqual([
      ['gestio-transparencia-municipal', 'Gestió de la transparència municipal', true],
      ['publicacio-automatitzada-transparencia', "Publicació automatitzada d'informació de transparència", true],
    ]);
    const es = await app.strapi
      .documents('api::catalog-resource.catalog-resource')
      .findMany({ locale: 'es', status: 'published' });
    expect(es).toHaveLength(2);
  });

  it('loads the 311 municipalities of the province of Barcelona with valid INE codes and Catalan names', async () => {
    const entities = await app.strapi.documents('api::local-entity.local-entity').findMany({ limit: 1000 });
    expect(entities).toHaveLength(311);
    expect(new Set(entities.map((e) => e.ineCode)).size).toBe(311);
    expect(entities.every((e) => /^08\d{4}$/.test(e.ineCode ?? '') && e.kind === 'ajuntament')).toBe(true);
    const byCode = new Map(entities.map((e) => [e.ineCode ?? '', e.name]));
    expect(byCode.get('080193')).toBe('Barcelona');
    expect(byCode.get('081017')).toBe("l'Hospitalet de Llobregat");
    expect([...byCode.values()]).toContain('el Brull');
    expect([...byCode.values()].some((name) => /, (El|La|Els|Les|L')$/.test(name ?? ''))).toBe(false);
  });

  it('sets Catalan as the default content locale and Spanish as the second', async () => {
    const service = app.strapi.plugin('i18n').service('locales');
    const locales = (await service.find()) as { code: string }[];
    expect(locales.map((l) => l.code).sort()).toEqual(['ca', 'es']);
    expect(await service.getDefaultLocale()).toBe('ca');
  });
});

describe('seed again', () => {
  it('changes nothing, and never overwrites what editors changed', async () => {
    const [first] = await app.strapi
      .documents('api::session.session')
      .findMany({ locale: 'ca', status: 'draft', sort: 'startsAt:asc', limit: 1 });
    await app.strapi.documents('api::session.session').update({
      documentId: first.documentId,
      locale: 'ca',
      data: { title: 'Títol canviat per una editora' },
    });
    const before = await counts();

    expect(await seed(app.strapi)).toEqual({ sessions: 0, catalogResources: 0, localEntities: 0, programme: false });
    expect(await seed(app.strapi)).toEqual({ sessions: 0, catalogResources: 0, localEntities: 0, programme: false });

    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ sessions: 24, catalogResources: 8, localEntities: 311 });
    const after = await app.strapi
      .documents('api::session.session')
      .findOne({ documentId: first.documentId, locale: 'ca', status: 'draft' });
    expect(after?.title).toBe('Títol canviat per una editora');
  });

  it('restores a municipality that was deleted, and only that one', async () => {
    const [brull] = await app.strapi
      .documents('api::local-entity.local-entity')
      .findMany({ filters: { name: 'el Brull' } });
    await app.strapi.documents('api::local-entity.local-entity').delete({ documentId: brull.documentId });

    expect(await seed(app.strapi)).toEqual({ sessions: 0, catalogResources: 0, localEntities: 1, programme: false });
    const restored = await app.strapi
      .documents('api::local-entity.local-entity')
      .findMany({ filters: { ineCode: String(brull.ineCode) } });
    expect(restored.map((e) => e.name)).toEqual(['el Brull']);
    expect(barcelonaMunicipalities()).toHaveLength(311);
  });
});
