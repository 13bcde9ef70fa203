/** The season planner: draft sessions on the programme's dates, previewed before they are created. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Language, Localized } from '../../../utils/language';
import { planSeason, type MonthPlan } from '../../../utils/season';
import { PROGRAMME_TIME_ZONE, zonedWallTimeToUtc } from '../../../utils/time';

const UID = 'api::session.session';

const MONTHS_CA = ['gener', 'febrer', 'març', 'abril', 'maig', 'juny', 'juliol', 'agost', 'setembre', 'octubre', 'novembre', 'desembre'];

export type SeasonPlan = { create: string[]; skipped: (Omit<MonthPlan, 'reason'> & { reason: MonthPlan['reason'] | 'existing' })[] };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 36;

const RANGE_ERRORS = {
  from: { ca: 'Indiqueu el primer mes com a AAAA-MM (per exemple 2027-01).', es: 'Indique el primer mes como AAAA-MM (por ejemplo 2027-01).' },
  to: { ca: 'Indiqueu l’últim mes com a AAAA-MM (per exemple 2027-06).', es: 'Indique el último mes como AAAA-MM (por ejemplo 2027-06).' },
  order: { ca: 'L’últim mes no pot ser anterior al primer.', es: 'El último mes no puede ser anterior al primero.' },
  past: { ca: 'No es poden planificar mesos passats: comenceu pel mes actual o un de posterior.', es: 'No se pueden planificar meses pasados: empiece por el mes actual o uno posterior.' },
  long: {
    ca: `Planifiqueu com a màxim ${MAX_MONTHS} mesos alhora.`,
    es: `Planifique como máximo ${MAX_MONTHS} meses a la vez.`,
  },
} satisfies Record<string, Localized>;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * Checks a range of months asked for from the admin: YYYY-MM, in order, not before the current
 * month (Madrid), at most MAX_MONTHS. A ValidationError (400) in the editor's language otherwise.
 */
export const parsePlanRange = (from: unknown, to: unknown, language: Language, now = new Date()): { from: string; to: string } => {
  const fail = (key: keyof typeof RANGE_ERRORS, field: string) => {
    throw new errors.ValidationError(RANGE_ERRORS[key][language], { field });
  };
  if (typeof from !== 'string' || !MONTH.test(from)) return fail('from', 'from');
  if (typeof to !== 'string' || !MONTH.test(to)) return fail('to', 'to');
  const current = new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  if (monthIndex(from) < monthIndex(current)) return fail('past', 'from');
  if (monthIndex(to) < monthIndex(from)) return fail('order', 'to');
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) return fail('long', 'to');
  return { from, to };
};

/** The season planner: draft sessions on the dates of the programme's rule (src/utils/season.ts). */
const planner = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** What `apply` would create for `from`..`to`, leaving out dates that already have a session. */
  async preview(from: string, to: string): Promise<SeasonPlan> {
    const plans = planSeason(from, to, strapi.config.get('planner.extraHolidays', []) as string[]);
    const rows = (await strapi.db.query(UID).findMany({
      select: ['startsAt'],
      where: {
        startsAt: {
          $gte: zonedWallTimeToUtc(`${from}-01`, '00:00'),
          $lt: new Date(zonedWallTimeToUtc(`${to}-01`, '00:00').getTime() + 32 * 86400000),
        },
      },
    })) as { startsAt: string }[];
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    const taken = new Set(rows.map((r) => day.format(new Date(r.startsAt))));
    const result: SeasonPlan = { create: [], skipped: [] };
    for (const plan of plans) {
      if (plan.date === null) result.skipped.push(plan);
      else if (taken.has(plan.date)) result.skipped.push({ ...plan, reason: 'existing' });
      else result.create.push(plan.date);
    }
    return result;
  },

  /** Creates the previewed sessions as drafts (Catalan), at the default hour, 60 minutes, scheduled. */
  async apply(from: string, to: string): Promise<SeasonPlan> {
    const plan = await this.preview(from, to);
    const time = strapi.config.get('planner.defaultTime', '10:00') as string;
    await strapi.db.transaction(async () => {
      for (const date of plan.create) {
        const month = MONTHS_CA[Number(date.slice(5, 7)) - 1];
        await strapi.documents(UID).create({
          locale: 'ca',
          data: {
            title: `Dijous GOmunicipal de ${month} del ${date.slice(0, 4)}`,
            slug: `${date}-dijous-gomunicipal`,
            startsAt: zonedWallTimeToUtc(date, time).toISOString(),
            durationMinutes: 60,
            eventStatus: 'scheduled',
            registrationOpen: true,
          },
        });
      }
    });
    return plan;
  },
});

export type PlannerService = ReturnType<typeof planner>;

export default planner;
