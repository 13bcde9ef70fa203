import type { Core } from '@strapi/strapi';
import { planSeason, type MonthPlan } from '../../../utils/season';
import { PROGRAMME_TIME_ZONE, zonedWallTimeToUtc } from '../../../utils/time';

const UID = 'api::session.session';

const MONTHS_CA = ['gener', 'febrer', 'març', 'abril', 'maig', 'juny', 'juliol', 'agost', 'setembre', 'octubre', 'novembre', 'desembre'];

export type SeasonPlan = { create: string[]; skipped: (Omit<MonthPlan, 'reason'> & { reason: MonthPlan['reason'] | 'existing' })[] };

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
