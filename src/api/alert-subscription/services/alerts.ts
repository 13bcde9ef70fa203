/**
 * Alerts of new sessions: people subscribe on the public site with an address, a language and
 * their consent; a confirmation link (valid `alerts.confirmHours`) makes the subscription count
 * (double opt-in); each session published for the first time sends one alert to every confirmed
 * address (from src/api/session/services/changes.ts, in the publication's transaction, through the
 * outbox). Unsubscribing deletes the address, and its messages not yet sent. The answer to a
 * subscription never says whether the address was known.
 */
import type { Core } from '@strapi/strapi';
import { renderEmail } from '../../../email/templates';
import { unsubscribeHeaders, unsubscribeUrl } from '../../../email/unsubscribe';
import { SITE_PATHS, absolute } from '../../../site/urls';
import type { Language } from '../../../utils/language';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import { linkToken, sameToken } from '../../../utils/tokens';
import { publishedIn, sessionRows } from '../../registration/rows';
import { formatWhen } from '../../registration/services/notifications';
import type { OutboxInput } from '../../outbox-message/services/outbox-message';

const UID = 'api::alert-subscription.alert-subscription';
const OUTBOX = 'api::outbox-message.outbox-message';
/** The kinds of message an alert subscription receives (deleted with it when not yet sent). */
const ALERT_KINDS = ['alert-confirmation', 'new-session'];

export type AlertSubscriptionInput = { email: string; language: Language; consentVersion?: string };

type SubscriptionRow = {
  id: number;
  documentId: string;
  email: string;
  language: Language;
  confirmationSentAt: string | Date;
  confirmedAt: string | Date | null;
};

export type ConfirmOutcome = 'confirmed' | 'expired' | 'invalid';

const alerts = (strapi: Core.Strapi) => {
  const settings = () => ({
    confirmMs: Number(strapi.config.get('alerts.confirmHours', 48)) * 3600000,
    resendMs: Number(strapi.config.get('alerts.resendMinutes', 10)) * 60000,
  });
  const outbox = () => service(strapi, OUTBOX);
  const confirmToken = (documentId: string) => linkToken(strapi, 'alert-confirm', documentId);

  const confirmUrl = (row: Pick<SubscriptionRow, 'documentId' | 'language'>) =>
    `${absolute(publicUrl(strapi), SITE_PATHS.alertsConfirm(row.language))}?${new URLSearchParams({ id: row.documentId, token: confirmToken(row.documentId) }).toString()}`;

  const byEmail = async (email: string) =>
    (await strapi.db.query(UID).findMany({ where: { email }, orderBy: { id: 'asc' }, limit: 1 }))[0] as SubscriptionRow | undefined;

  const byDocumentId = async (documentId: string) =>
    (await strapi.db.query(UID).findOne({ where: { documentId } })) as SubscriptionRow | null;

  const sendConfirmation = (row: Pick<SubscriptionRow, 'documentId' | 'email' | 'language'>, sentAt: Date) =>
    outbox().enqueueEmail(
      'alert-confirmation',
      row.email,
      row.language,
      { confirmUrl: confirmUrl(row), hours: String(strapi.config.get('alerts.confirmHours', 48)) },
      { dedupeKey: `alert-confirm:${row.documentId}:${sentAt.getTime()}` }
    );

  return {
    /**
     * A subscription from the site's form: a new address gets the confirmation link; an address
     * waiting for confirmation gets it again (at most every `alerts.resendMinutes`); a confirmed one
     * nothing. The caller answers the same in every case.
     */
    async subscribe(input: AlertSubscriptionInput, now = new Date()): Promise<void> {
      await strapi.db.transaction(async () => {
        const existing = await byEmail(input.email);
        if (existing === undefined) {
          const { documentId } = await strapi.documents(UID).create({
            data: { email: input.email, language: input.language, consentAt: now, consentVersion: input.consentVersion, confirmationSentAt: now } as never,
          });
          await sendConfirmation({ documentId, language: input.language, email: input.email }, now);
          return;
        }
        if (existing.confirmedAt !== null) return;
        if (now.getTime() - new Date(existing.confirmationSentAt).getTime() < settings().resendMs) return;
        await strapi.db.query(UID).update({ where: { id: existing.id }, data: { language: input.language, confirmationSentAt: now, consentAt: now } });
        await sendConfirmation({ ...existing, language: input.language }, now);
      });
    },

    /** Whether `token` is the confirmation token of `documentId` (no database read). */
    isConfirmLink: (documentId: string, token: string): boolean => sameToken(token, confirmToken(documentId)),

    /** The confirmation link: the subscription counts from now on. Idempotent; expired links are refused. */
    async confirm(documentId: string, token: string, now = new Date()): Promise<ConfirmOutcome> {
      if (!sameToken(token, confirmToken(documentId))) return 'invalid';
      const row = await byDocumentId(documentId);
      if (row === null) return 'expired';
      if (row.confirmedAt !== null) return 'confirmed';
      if (now.getTime() - new Date(row.confirmationSentAt).getTime() > settings().confirmMs) return 'expired';
      await strapi.db.query(UID).update({ where: { id: row.id }, data: { confirmedAt: now } });
      return 'confirmed';
    },

    /**
     * Deletes the subscription `documentId` (the unsubscribe link has been checked): the address,
     * and its alerts still waiting in the outbox. Idempotent.
     */
    async unsubscribe(documentId: string): Promise<void> {
      await strapi.db.transaction(async () => {
        const row = await byDocumentId(documentId);
        if (row === null) return;
        await strapi.db.query(OUTBOX).deleteMany({ where: { recipient: row.email, kind: { $in: ALERT_KINDS }, deliveryStatus: { $in: ['pending', 'failed'] } } });
        await strapi.db.query(UID).deleteMany({ where: { email: row.email } });
      });
    },

    /** Retention: subscriptions never confirmed are deleted once their link has expired. Returns how many. */
    async purgeUnconfirmed(now = new Date()): Promise<number> {
      const cutoff = new Date(now.getTime() - settings().confirmMs);
      const { count } = (await strapi.db.query(UID).deleteMany({ where: { confirmedAt: { $null: true }, confirmationSentAt: { $lt: cutoff } } })) as { count: number };
      return count;
    },

    /**
     * One alert per confirmed address about a session published for the first time (the caller
     * decides that it is, and that it is upcoming), in the subscriber's language where the session
     * is published in it. Written in the caller's transaction; returns how many.
     */
    async alertNewSession(sessionDocumentId: string): Promise<number> {
      const rows = await sessionRows(strapi, sessionDocumentId, { lock: false });
      const subscribers = (await strapi.db.query(UID).findMany({
        select: ['documentId', 'email', 'language'],
        where: { confirmedAt: { $notNull: true } },
        orderBy: { id: 'asc' },
      })) as Pick<SubscriptionRow, 'documentId' | 'email' | 'language'>[];
      const keyOf = (subscriber: { documentId: string }) => `new-session:${sessionDocumentId}:${subscriber.documentId}`;
      const sent = new Set(
        ((await strapi.db.query(OUTBOX).findMany({ select: ['dedupeKey'], where: { dedupeKey: { $startsWith: `new-session:${sessionDocumentId}:` } } })) as { dedupeKey: string }[]).map(
          (row) => row.dedupeKey
        )
      );
      const messages: OutboxInput[] = [];
      for (const subscriber of subscribers) {
        const session = publishedIn(rows, subscriber.language);
        if (session === null || sent.has(keyOf(subscriber))) continue;
        const unsubscribe = unsubscribeUrl(strapi, 'alerts', subscriber.documentId, subscriber.language);
        const view = {
          title: session.title,
          ...formatWhen(session, subscriber.language),
          registerUrl: `${publicUrl(strapi)}/register/?session=${encodeURIComponent(sessionDocumentId)}&lang=${subscriber.language}`,
          programmeUrl: absolute(publicUrl(strapi), SITE_PATHS.home(subscriber.language)),
          unsubscribeUrl: unsubscribe,
        };
        messages.push({
          kind: 'new-session',
          recipient: subscriber.email,
          language: subscriber.language,
          ...renderEmail(strapi.dirs.app.root, 'new-session', subscriber.language, view),
          headers: unsubscribeHeaders(unsubscribe),
          dedupeKey: keyOf(subscriber),
        });
      }
      // In chunks: a multi-row INSERT has a bound on its parameters (SQLite's 32,766).
      for (let start = 0; start < messages.length; start += 500) await outbox().enqueueMany(messages.slice(start, start + 500));
      return messages.length;
    },
  };
};

export type AlertSubscriptionService = ReturnType<typeof alerts>;

export default ({ strapi }: { strapi: Core.Strapi }) => alerts(strapi);
