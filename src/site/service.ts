/**
 * The site's pages as answers: gathers each page's model from the data layer and renders it.
 * Each method returns the status and the HTML (or text); the route handlers only speak HTTP.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseAlertSubscription } from '../api/alert-subscription/validation/alert-subscription';
import { parseRange } from '../api/feedback-response/services/results';
import { isMailingList, validUnsubscribe, type MailingList } from '../email/unsubscribe';
import { isDocumentId } from '../utils/document-id';
import type { FieldError } from '../utils/form';
import type { Language } from '../utils/language';
import { limitRequest, TooManyRequestsError, type RateLimit } from '../utils/per-ip-limit';
import { service } from '../utils/services';
import { looksLikeToken } from '../utils/tokens';
import {
  alertsConfirmedPage,
  alertsConfirmPage,
  alertsExpiredPage,
  alertsFormPage,
  alertsSentPage,
  invalidLinkPage,
  unsubscribedPage,
  unsubscribePage,
} from './pages/alerts';
import { captionCues, transcriptSections } from './captions';
import { siteData, type ListedSession, type SessionRow } from './data';
import { madridDay } from './format';
import { atomFeed, robots, sitemap } from './feeds';
import { renderPage } from './layout';
import { SITE_PATHS } from './urls';
import { homePage } from './pages/home';
import { developersPage } from './pages/developers';
import { notFoundPage, otherLanguagePage } from './pages/not-found';
import { openDataPage } from './pages/opendata';
import { DATASETS, openData, type DatasetName } from './opendata';
import { resultsPage } from './pages/results';
import { sessionPage } from './pages/session';
import type { Transcript } from './pages/session-media';

export type Answer = { status: number; type: string; body: string };

/** A link's parameters from the query string: the record's document id and its token (`list` for unsubscribe links). */
type LinkQuery = { list?: unknown; id?: unknown; token?: unknown };

/** What the form sent, as the parser expects it: an HTML checkbox says "on". */
const formBody = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const form = { ...(body as Record<string, unknown>) };
  if (form.consent === 'on' || form.consent === 'true') form.consent = true;
  return form;
};

const HTML = 'text/html; charset=utf-8';
const RECENT_SESSIONS = 6;

export const siteService = (strapi: Core.Strapi) => {
  const data = siteData(strapi);
  const publicUrl = () => strapi.config.get('server.url') as string;
  const page = (status: number, rendered: ReturnType<typeof homePage>): Answer => ({
    status,
    type: HTML,
    body: renderPage(rendered.meta, publicUrl(), rendered.body),
  });

  const transcriptsOf = async (session: ListedSession): Promise<Map<string, Transcript[]>> => {
    const result = new Map<string, Transcript[]>();
    for (const recording of session.recordings ?? []) {
      const list: Transcript[] = [];
      for (const caption of recording.captions ?? []) {
        if (!caption.file) continue;
        const sections = transcriptSections(await captionCues(strapi, caption.file), recording.chapters ?? []);
        if (sections.length > 0) list.push({ language: caption.language, sections });
      }
      result.set(recording.documentId, list);
    }
    return result;
  };

  /**
   * The results behind the home's headline: those of the last few sessions held (one summary over
   * their dates), and over every session only when none of those has published results. Summing
   * ten years of rollups for one line was the slowest part of the page.
   */
  const latestResults = async (language: Language, past: SessionRow[], now: Date) => {
    const recent = past.slice(0, RECENT_SESSIONS);
    if (recent.length === RECENT_SESSIONS) {
      const summary = await data.summary({ from: madridDay(recent[recent.length - 1].startsAt) }, language, now);
      if (summary.series.some((point) => !point.suppressed && point.responses > 0)) return summary;
    }
    return data.summary({}, language, now);
  };

  const alerts = () => service(strapi, 'api::alert-subscription.alerts');
  const confirmHours = () => Number(strapi.config.get('alerts.confirmHours', 48));
  const linkQuery = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query).toString()}`;

  /** An unsubscribe link's list, document id and token when they are well formed and the token is this app's. */
  const unsubscribeLink = (query: LinkQuery): { list: MailingList; id: string; token: string } | undefined => {
    const { list, id, token } = query;
    if (!isMailingList(list) || !isDocumentId(id) || !looksLikeToken(token)) return undefined;
    return validUnsubscribe(strapi, list, id, token) ? { list, id, token } : undefined;
  };

  return {
    notFound: (language: Language, path: string): Answer => page(404, notFoundPage(language, path)),

    alertsForm: (language: Language): Answer => page(200, alertsFormPage({ language })),

    /**
     * The alerts form, posted: limited per address like the other forms; every problem at once
     * (400, the form again with its values), else the subscription and "check your email", the same
     * whether or not the address was known.
     */
    async subscribe(language: Language, body: unknown, client: { ip: string; set(header: string, value: string): void }): Promise<Answer> {
      const form = formBody(body);
      const values = { email: typeof form.email === 'string' ? form.email.slice(0, 254) : undefined, language: typeof form.language === 'string' ? form.language : undefined, consent: form.consent === true };
      try {
        await limitRequest(client, 'alertSubscription', strapi.config.get('rate-limits.alertSubscription') as RateLimit, language);
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error;
        return page(429, alertsFormPage({ language, values, problems: { email: error.message } }));
      }
      let input;
      try {
        input = parseAlertSubscription(form, language, strapi.config.get('privacy.version') as string);
      } catch (error) {
        if (!(error instanceof errors.ValidationError)) throw error;
        const list = ((error.details as { errors?: FieldError[] }).errors ?? [{ path: ['email'], message: error.message }]) as FieldError[];
        const problems = Object.fromEntries(list.map((problem) => [problem.path[0] === 'website' ? 'email' : problem.path[0], problem.message]));
        return page(400, alertsFormPage({ language, values, problems }));
      }
      await alerts().subscribe(input);
      return page(200, alertsSentPage(language, confirmHours()));
    },

    /** The confirmation link opened (GET): a page with the button that confirms; a malformed or foreign link is a 400. */
    alertsConfirm(language: Language, query: LinkQuery): Answer {
      const path = SITE_PATHS.alertsConfirm(language);
      if (!isDocumentId(query.id) || !looksLikeToken(query.token) || !alerts().isConfirmLink(query.id, query.token)) return page(400, invalidLinkPage(language, path));
      return page(200, alertsConfirmPage(language, linkQuery(path, { id: query.id, token: query.token })));
    },

    /** The confirmation button (POST): confirmed (also again), expired (410), or not a link of ours (400). */
    async confirmAlerts(language: Language, query: LinkQuery): Promise<Answer> {
      const path = SITE_PATHS.alertsConfirm(language);
      if (!isDocumentId(query.id) || !looksLikeToken(query.token)) return page(400, invalidLinkPage(language, path));
      const outcome = await alerts().confirm(query.id, query.token);
      if (outcome === 'invalid') return page(400, invalidLinkPage(language, path));
      return outcome === 'expired' ? page(410, alertsExpiredPage(language)) : page(200, alertsConfirmedPage(language));
    },

    /** An unsubscribe link opened (GET): the page with the button; a malformed or foreign link is a 400. */
    unsubscribePage(language: Language, query: LinkQuery): Answer {
      const link = unsubscribeLink(query);
      if (link === undefined) return page(400, invalidLinkPage(language, SITE_PATHS.unsubscribe(language)));
      return page(200, unsubscribePage(language, link.list, linkQuery(SITE_PATHS.unsubscribe(language), link)));
    },

    /** The one-click unsubscribe (POST, RFC 8058, or the page's button): done, idempotent. */
    async unsubscribe(language: Language, query: LinkQuery): Promise<Answer> {
      const link = unsubscribeLink(query);
      if (link === undefined) return page(400, invalidLinkPage(language, SITE_PATHS.unsubscribe(language)));
      if (link.list === 'alerts') await alerts().unsubscribe(link.id);
      else await service(strapi, 'api::registration.notifications').stopUpdates(link.id);
      return page(200, unsubscribedPage(language, link.list));
    },

    developers: (language: Language): Answer => page(200, developersPage(language, publicUrl())),

    async home(language: Language, now = new Date()): Promise<Answer> {
      const [texts, upcoming, past, resources] = await Promise.all([
        data.programme(language),
        data.upcoming(language, now),
        data.past(language, now),
        data.qualifyingResources(language),
      ]);
      return page(200, homePage({ language, texts, upcoming, past, resources, results: await latestResults(language, past, now) }));
    },

    async session(language: Language, slug: string, now = new Date()): Promise<Answer> {
      const { session, languages } = await data.sessionBySlug(slug, language, now);
      if (session === undefined) {
        const other = languages.find((l) => l !== language);
        return other === undefined ? page(404, notFoundPage(language, `/${language}/sessions/${slug}`)) : page(404, otherLanguagePage(language, other, slug));
      }
      const held = !session.isUpcoming && session.eventStatus !== 'cancelled';
      const [transcripts, feedback] = await Promise.all([
        held ? transcriptsOf(session) : Promise.resolve(new Map<string, Transcript[]>()),
        held ? data.summary({ session: session.documentId }, language, now) : Promise.resolve(undefined),
      ]);
      return page(200, sessionPage({ language, session, languages, transcripts, feedback, publicUrl: publicUrl() }));
    },

    async results(language: Language, query: { from?: unknown; to?: unknown }, now = new Date()): Promise<Answer> {
      const texts = await data.programme(language);
      const shown = {
        from: typeof query.from === 'string' ? query.from.slice(0, 20) : undefined,
        to: typeof query.to === 'string' ? query.to.slice(0, 20) : undefined,
      };
      let range: { from?: string; to?: string };
      try {
        range = parseRange(query.from, query.to, language);
      } catch (error) {
        if (!(error instanceof errors.ValidationError)) throw error;
        const param = String((error.details as { param?: unknown }).param ?? 'from');
        return page(400, resultsPage({ language, texts, range: shown, problem: { param, message: error.message } }));
      }
      const summary = await data.summary(range, language, now);
      return page(200, resultsPage({ language, texts, range, summary }));
    },

    async opendata(language: Language): Promise<Answer> {
      return page(200, openDataPage({ language, ...(await openData(strapi).page()) }));
    },

    /** An open-data file: the catalogue (catalog.ttl, catalog.jsonld) or a dataset's CSV or JSON; undefined for any other name. */
    async opendataFile(name: string, format: string): Promise<Answer | undefined> {
      const files = openData(strapi);
      if (name === 'catalog' && format === 'ttl') return { status: 200, type: 'text/turtle; charset=utf-8', body: await files.turtle() };
      if (name === 'catalog' && format === 'jsonld') return { status: 200, type: 'application/ld+json; charset=utf-8', body: await files.jsonLd() };
      if (!(DATASETS as readonly string[]).includes(name) || (format !== 'csv' && format !== 'json')) return undefined;
      return { status: 200, type: files.mediaType(format), body: await files.distribution(name as DatasetName, format) };
    },

    sitemap: async (): Promise<Answer> => ({ status: 200, type: 'application/xml; charset=utf-8', body: await sitemap(data, publicUrl()) }),

    robots: (): Answer => ({ status: 200, type: 'text/plain; charset=utf-8', body: robots(publicUrl()) }),

    feed: async (language: Language): Promise<Answer> => ({
      status: 200,
      type: 'application/atom+xml; charset=utf-8',
      body: await atomFeed(data, publicUrl(), language),
    }),
  };
};

export type SiteService = ReturnType<typeof siteService>;
