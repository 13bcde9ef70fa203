/** The eligibility rule for on-demand support, with its reasons in Catalan and Spanish. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ineCodeProblem } from '../../../utils/ine';
import { t } from '../../../messages';
import type { Language, Localized } from '../../../utils/language';
import { service } from '../../../utils/services';

type RequestStatus = 'requested' | 'in_progress' | 'completed' | 'cancelled';

export type ResourceAnswer = {
  code: string;
  name: Localized;
  catalogUrl: string | null;
  /** The entity's most advanced request of this resource, `none` when it has none. */
  status: RequestStatus | 'none';
  requestedAt: string | null;
  completedAt: string | null;
  /** Completed, and within the validity window when there is one. */
  counts: boolean;
};

export type Eligibility = {
  entity: { name: string; ineCode: string | null; kind: string };
  eligible: boolean;
  validityMonths: number | null;
  resources: ResourceAnswer[];
  reason: Localized;
};

type ResourceRow = { documentId: string; code: string; name: string; catalogUrl: string | null; locale: string };
type RequestRow = {
  requestStatus: RequestStatus;
  requestedAt: string | null;
  completedAt: string | null;
  catalogResource: { code: string } | null;
};

const RANK: Record<RequestStatus, number> = { completed: 4, in_progress: 3, requested: 2, cancelled: 1 };

/** The since-date of the validity window (null: no window). */
const windowStart = (months: number | null, now: Date): Date | null => (months === null ? null : new Date(now.getTime() - months * 30.4375 * 86400000));

/** An entity's most advanced request of a resource, and whether it counts (completed within the window): the one rule. */
const bestRequest = (requests: RequestRow[], code: string, since: Date | null): { best: RequestRow | undefined; counts: boolean } => {
  const best = requests
    .filter((r) => r.catalogResource?.code === code)
    .sort(
      (a, b) =>
        RANK[b.requestStatus] - RANK[a.requestStatus] ||
        String(b.completedAt ?? b.requestedAt ?? '').localeCompare(String(a.completedAt ?? a.requestedAt ?? ''))
    )[0];
  const counts =
    best?.requestStatus === 'completed' && best.completedAt !== null && (since === null || new Date(best.completedAt).getTime() >= since.getTime());
  return { best, counts };
};

const listOf = (names: string[], and: string) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;

/**
 * The eligibility rule, as a service: an entity may ask for on-demand support when it has
 * completed one of the catalogue resources that qualify (`qualifiesForSupport`), within the
 * validity window when one is configured. The answer explains itself in Catalan and Spanish.
 */
const eligibility = ({ strapi }: { strapi: Core.Strapi }) => ({
  async qualifyingResources(): Promise<Map<string, { ca: ResourceRow; es?: ResourceRow }>> {
    // Published versions of both locales at once.
    const rows = (await strapi.db.query('api::catalog-resource.catalog-resource').findMany({
      select: ['documentId', 'code', 'name', 'catalogUrl', 'locale'],
      where: { qualifiesForSupport: true, publishedAt: { $notNull: true } },
      orderBy: { code: 'asc' },
    })) as ResourceRow[];
    const byCode = new Map<string, { ca: ResourceRow; es?: ResourceRow }>();
    for (const row of rows.filter((r) => r.locale === 'ca')) byCode.set(row.code, { ca: row });
    for (const row of rows.filter((r) => r.locale === 'es')) {
      const entry = byCode.get(row.code);
      if (entry !== undefined) entry.es = row;
    }
    return byCode;
  },

  /** The answer for an INE code as asked by a person: 400 when malformed, 404 when unknown, in `language`. */
  async answer(ineCode: string, language: Language): Promise<Eligibility> {
    if (ineCodeProblem(ineCode) !== undefined) {
      throw new errors.ValidationError(t(language, 'localEntity.notAnIne', { ine: ineCode.slice(0, 20) }), { param: 'ineCode' });
    }
    const entity = await service(strapi, 'api::local-entity.local-entity').byIneCode(ineCode, language);
    return this.forEntity(entity);
  },

  /** The ids of every entity that may ask for support now (the reach page's "eligible"), from one read of the requests. */
  async eligibleEntityIds(now = new Date()): Promise<Set<number>> {
    const months = (strapi.config.get('eligibility.validityMonths', 0) as number) || null;
    const since = windowStart(months, now);
    const codes = [...(await this.qualifyingResources()).keys()];
    const requests = (await strapi.db.query('api::catalog-request.catalog-request').findMany({
      where: { catalogResource: { code: { $in: codes } } },
      populate: { catalogResource: { select: ['code'] }, localEntity: { select: ['id'] } },
    })) as (RequestRow & { localEntity: { id: number } | null })[];
    const byEntity = new Map<number, RequestRow[]>();
    for (const r of requests) if (r.localEntity) byEntity.set(r.localEntity.id, [...(byEntity.get(r.localEntity.id) ?? []), r]);
    const eligible = new Set<number>();
    for (const [entity, mine] of byEntity) if (codes.some((code) => bestRequest(mine, code, since).counts)) eligible.add(entity);
    return eligible;
  },

  async forEntity(entity: { id: number; name: string; ineCode: string | null; kind: string }, now = new Date()): Promise<Eligibility> {
    const months = (strapi.config.get('eligibility.validityMonths', 0) as number) || null;
    const since = windowStart(months, now);
    const qualifying = await this.qualifyingResources();
    const requests = (await strapi.db.query('api::catalog-request.catalog-request').findMany({
      where: { localEntity: { id: entity.id }, catalogResource: { code: { $in: [...qualifying.keys()] } } },
      populate: { catalogResource: { select: ['code'] } },
    })) as RequestRow[];

    const resources: ResourceAnswer[] = [...qualifying.entries()].map(([code, { ca, es }]) => {
      const { best, counts } = bestRequest(requests, code, since);
      return {
        code,
        name: { ca: ca.name, es: es?.name ?? ca.name },
        catalogUrl: ca.catalogUrl ?? null,
        status: best?.requestStatus ?? 'none',
        requestedAt: best?.requestedAt ?? null,
        completedAt: best?.completedAt ?? null,
        counts,
      };
    });

    const eligible = resources.some((r) => r.counts);
    return {
      entity: { name: entity.name, ineCode: entity.ineCode, kind: entity.kind },
      eligible,
      validityMonths: months,
      resources,
      reason: {
        ca: this.explain(resources, eligible, months, 'ca'),
        es: this.explain(resources, eligible, months, 'es'),
      },
    };
  },

  explain(resources: ResourceAnswer[], eligible: boolean, months: number | null, language: Language): string {
    const ca = language === 'ca';
    const name = (r: ResourceAnswer) => `«${r.name[language]}»`;
    const catalog = strapi.config.get('eligibility.catalogUrl') as string;
    if (eligible) {
      const done = resources.filter((r) => r.counts).map((r) => `${ca ? 'ha completat' : 'ha completado'} ${name(r)} ${ca ? 'el' : 'el'} ${r.completedAt}`);
      return `${ca ? 'Pot demanar suport a demanda: ' : 'Puede pedir apoyo a demanda: '}${listOf(done, ca ? 'i' : 'y')}.`;
    }
    const statements = resources
      .filter((r) => r.status !== 'none')
      .map((r) => {
        if (r.status === 'completed') {
          return ca
            ? `va completar ${name(r)} el ${r.completedAt}, fa més de ${months} mesos`
            : `completó ${name(r)} el ${r.completedAt}, hace más de ${months} meses`;
        }
        if (r.status === 'cancelled') {
          return ca ? `la sol·licitud de ${name(r)} es va cancel·lar` : `la solicitud de ${name(r)} se canceló`;
        }
        const when = r.requestedAt === null ? '' : ca ? ` el ${r.requestedAt}` : ` el ${r.requestedAt}`;
        const state = r.status === 'in_progress' ? (ca ? 'està en curs' : 'está en curso') : ca ? 'encara no està completat' : 'todavía no está completado';
        return ca ? `va sol·licitar ${name(r)}${when}, però ${state}` : `solicitó ${name(r)}${when}, pero ${state}`;
      });
    const all = listOf(resources.map(name), ca ? 'o' : 'o');
    const what = months === null ? '' : ca ? ` en els últims ${months} mesos` : ` en los últimos ${months} meses`;
    const lead = ca
      ? `Encara no pot demanar suport a demanda: cal haver sol·licitat i completat${what} un d'aquests recursos del catàleg: ${all}.`
      : `Todavía no puede pedir apoyo a demanda: hay que haber solicitado y completado${what} uno de estos recursos del catálogo: ${all}.`;
    const state = statements.length === 0 ? (ca ? ' No n’ha sol·licitat cap.' : ' No ha solicitado ninguno.') : ` ${capital(listOf(statements, ca ? 'i' : 'y'))}.`;
    const link = ca ? ` Els podeu demanar al catàleg de serveis: ${catalog}` : ` Puede pedirlos en el catálogo de servicios: ${catalog}`;
    return `${lead}${state}${link}`;
  },
});

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export type EligibilityService = ReturnType<typeof eligibility>;

export default eligibility;
