/**
 * The programme's reach across the province's local entities: for a date range, per entity, its
 * registrations, the people who attended, the sessions attended, the qualifying catalogue
 * resources completed, its eligibility, its proposals and support requests; and the totals
 * (entities reached, by kind and by comarca). The admin's "Abast" page, its exports and the open
 * data's reach datasets all read these figures from here.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../../messages';
import type { Language } from '../../../utils/language';
import { service } from '../../../utils/services';
import type { EntityReach, Reach, ReachGroup } from '../../../admin-api/types';

export type { EntityReach, Reach, ReachGroup };

export const REACH_FILTERS = ['all', 'engaged', 'never', 'eligibleNoSupport'] as const;
export type ReachFilter = (typeof REACH_FILTERS)[number];
export const REACH_SORTS = ['name', 'registrations', 'attendees', 'sessionsAttended', 'resourcesCompleted', 'proposals', 'supportRequests'] as const;
export type ReachSort = (typeof REACH_SORTS)[number];

export type ReachQuery = { from: string | null; to: string | null; filter: ReachFilter; sort: ReachSort; order: 'asc' | 'desc' };



const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return DAY.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** The query of the page and exports: ?from&to (YYYY-MM-DD, inclusive), ?filter, ?sort, ?order; 400 naming a bad one. */
export const parseReachQuery = (query: Record<string, unknown>, language: Language): ReachQuery => {
  const day = (value: unknown) => {
    if (value === undefined || value === '') return null;
    const text = String(value);
    if (!isDay(text)) throw new errors.ValidationError(t(language, 'reach.badDate', { value: text.slice(0, 20) }), { param: 'from/to' });
    return text;
  };
  const filter = String(query.filter ?? 'all');
  if (!(REACH_FILTERS as readonly string[]).includes(filter)) throw new errors.ValidationError(t(language, 'reach.badFilter', { value: filter.slice(0, 30) }));
  const sort = String(query.sort ?? 'name');
  if (!(REACH_SORTS as readonly string[]).includes(sort)) throw new errors.ValidationError(t(language, 'reach.badSort', { value: sort.slice(0, 30) }));
  const order = query.order === 'desc' ? 'desc' : 'asc';
  return { from: day(query.from), to: day(query.to), filter: filter as ReachFilter, sort: sort as ReachSort, order };
};

type EntityRow = { id: number; name: string; ineCode: string | null; kind: string; comarca: string | null };
type RegistrationRow = {
  id: number;
  email: string;
  attended: boolean | null;
  localEntity: { id: number } | null;
  session: { documentId: string } | null;
};
type LinkedRow = { id: number; localEntity: { id: number } | null };

const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

const reach = (strapi: Core.Strapi) => {
  /** `{ $gte, $lt }` for a datetime column over the inclusive day range. */
  const within = (from: string | null, to: string | null) => {
    const range: Record<string, Date> = {};
    if (from !== null) range.$gte = new Date(`${from}T00:00:00Z`);
    if (to !== null) range.$lt = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86400000);
    return range;
  };

  const group = (rows: EntityReach[], keyOf: (row: EntityReach) => string | null, attendeesOf: Map<string | null, Set<string>>): ReachGroup[] => {
    const groups = new Map<string | null, ReachGroup>();
    for (const row of rows) {
      const key = keyOf(row);
      const entry = groups.get(key) ?? { key, entities: 0, reached: 0, registrations: 0, attendees: 0 };
      entry.entities += 1;
      if (row.engaged) entry.reached += 1;
      entry.registrations += row.registrations;
      groups.set(key, entry);
    }
    for (const [key, entry] of groups) entry.attendees = attendeesOf.get(key)?.size ?? 0;
    return [...groups.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, 'ca')));
  };

  return {
    /** Every entity's figures and the totals; `filter` and `sort` shape `rows` only, the totals are over every entity. */
    async figures(query: Partial<ReachQuery> = {}, now = new Date()): Promise<Reach> {
      const { from = null, to = null, filter = 'all', sort = 'name', order = 'asc' } = query;
      const range = within(from, to);
      const dated = Object.keys(range).length > 0;
      const entities = (await strapi.db.query('api::local-entity.local-entity').findMany({
        select: ['id', 'name', 'ineCode', 'kind', 'comarca'],
        orderBy: { name: 'asc' },
      })) as EntityRow[];

      // A registration links both versions of its session: the query engine returns it once.
      const registrations = (await strapi.db.query('api::registration.registration').findMany({
        select: ['id', 'email', 'attended'],
        where: { registrationStatus: { $ne: 'cancelled' }, ...(dated ? { session: { startsAt: range } } : { session: { id: { $notNull: true } } }) },
        populate: { localEntity: { select: ['id'] }, session: { select: ['documentId'] } },
      })) as RegistrationRow[];
      const linked = async (uid: 'api::proposal.proposal' | 'api::support-request.support-request') =>
        (await strapi.db.query(uid).findMany({
          select: ['id'],
          where: { localEntity: { id: { $notNull: true } }, ...(dated ? { createdAt: range } : {}) },
          populate: { localEntity: { select: ['id'] } },
        })) as LinkedRow[];
      const proposals = await linked('api::proposal.proposal');
      const supportRequests = await linked('api::support-request.support-request');
      const completedRange: Record<string, string> = {};
      if (from !== null) completedRange.$gte = from;
      if (to !== null) completedRange.$lte = to;
      const qualifying = [...(await service(strapi, 'api::local-entity.eligibility').qualifyingResources()).keys()];
      const completed = (await strapi.db.query('api::catalog-request.catalog-request').findMany({
        select: ['id'],
        where: {
          requestStatus: 'completed',
          completedAt: { $notNull: true, ...completedRange },
          catalogResource: { code: { $in: qualifying } },
          localEntity: { id: { $notNull: true } },
        },
        populate: { localEntity: { select: ['id'] }, catalogResource: { select: ['code'] } },
      })) as (LinkedRow & { catalogResource: { code: string } | null })[];
      const eligible = await service(strapi, 'api::local-entity.eligibility').eligibleEntityIds(now);

      const registered = new Map<number, number>();
      const people = new Map<number, Set<string>>();
      const sessions = new Map<number, Set<string>>();
      let withoutEntity = 0;
      const everyone = new Set<string>();
      for (const r of registrations) {
        if (r.localEntity === null) {
          withoutEntity += 1;
        } else {
          bump(registered, r.localEntity.id);
        }
        if (r.attended !== true) continue;
        const email = r.email.trim().toLowerCase();
        everyone.add(email);
        if (r.localEntity === null) continue;
        people.set(r.localEntity.id, (people.get(r.localEntity.id) ?? new Set()).add(email));
        if (r.session) sessions.set(r.localEntity.id, (sessions.get(r.localEntity.id) ?? new Set()).add(r.session.documentId));
      }
      const proposed = new Map<number, number>();
      for (const p of proposals) if (p.localEntity) bump(proposed, p.localEntity.id);
      const asked = new Map<number, number>();
      for (const s of supportRequests) if (s.localEntity) bump(asked, s.localEntity.id);
      const resources = new Map<number, Set<string>>();
      for (const c of completed) {
        if (c.localEntity && c.catalogResource) resources.set(c.localEntity.id, (resources.get(c.localEntity.id) ?? new Set()).add(c.catalogResource.code));
      }

      const all: EntityReach[] = entities.map((e) => {
        const row = {
          ineCode: e.ineCode,
          name: e.name,
          kind: e.kind,
          comarca: e.comarca === null || e.comarca === '' ? null : e.comarca,
          registrations: registered.get(e.id) ?? 0,
          attendees: people.get(e.id)?.size ?? 0,
          sessionsAttended: sessions.get(e.id)?.size ?? 0,
          resourcesCompleted: resources.get(e.id)?.size ?? 0,
          eligible: eligible.has(e.id),
          proposals: proposed.get(e.id) ?? 0,
          supportRequests: asked.get(e.id) ?? 0,
          engaged: false,
        };
        row.engaged = row.registrations + row.proposals + row.supportRequests > 0;
        return row;
      });

      // Attendees per group are different people across the group's entities.
      const attendeesBy = (keyOf: (e: EntityRow) => string | null) => {
        const byGroup = new Map<string | null, Set<string>>();
        for (const e of entities) {
          const key = keyOf(e);
          const set = byGroup.get(key) ?? new Set<string>();
          for (const email of people.get(e.id) ?? []) set.add(email);
          byGroup.set(key, set);
        }
        return byGroup;
      };
      const comarcaOf = (e: { comarca: string | null }) => (e.comarca === null || e.comarca === '' ? null : e.comarca);

      const keep = (row: EntityReach) =>
        filter === 'all' || (filter === 'engaged' && row.engaged) || (filter === 'never' && !row.engaged) || (filter === 'eligibleNoSupport' && row.eligible && row.supportRequests === 0);
      const direction = order === 'desc' ? -1 : 1;
      const rows = all
        .filter(keep)
        .sort((a, b) => direction * (sort === 'name' ? a.name.localeCompare(b.name, 'ca') : a[sort] - b[sort] || a.name.localeCompare(b.name, 'ca')));

      return {
        from,
        to,
        entities: entities.length,
        reached: all.filter((row) => row.engaged).length,
        registrations: registrations.length,
        registrationsWithoutEntity: withoutEntity,
        attendees: everyone.size,
        byKind: group(all, (row) => row.kind, attendeesBy((e) => e.kind)),
        byComarca: group(all, comarcaOf, attendeesBy(comarcaOf)),
        rows,
      };
    },
  };
};

export type ReachService = ReturnType<typeof reach>;

export default ({ strapi }: { strapi: Core.Strapi }) => reach(strapi);
