/**
 * The unsubscribe link of every bulk message (RFC 8058): the alerts of new sessions ("alerts", one
 * subscription) and the messages about a session someone registered for ("updates", one
 * registration). The link carries the record's document id and an HMAC of it, so nothing is stored
 * to check it; a POST to the same URL (the mail client's one-click button, or the page's button)
 * unsubscribes, a GET shows the page with that button.
 */
import type { Core } from '@strapi/strapi';
import { SITE_PATHS, absolute } from '../site/urls';
import type { Language } from '../utils/language';
import { publicUrl } from '../utils/public-url';
import { linkToken, sameToken } from '../utils/tokens';

export const MAILING_LISTS = ['alerts', 'updates'] as const;
export type MailingList = (typeof MAILING_LISTS)[number];

export const isMailingList = (value: unknown): value is MailingList => (MAILING_LISTS as readonly unknown[]).includes(value);

const tokenOf = (strapi: Core.Strapi, list: MailingList, documentId: string) => linkToken(strapi, `unsubscribe-${list}`, documentId);

/** The page (GET) and one-click (POST) URL that takes `documentId` off `list`. */
export const unsubscribeUrl = (strapi: Core.Strapi, list: MailingList, documentId: string, language: Language): string => {
  const query = new URLSearchParams({ list, id: documentId, token: tokenOf(strapi, list, documentId) });
  return `${absolute(publicUrl(strapi), SITE_PATHS.unsubscribe(language))}?${query.toString()}`;
};

/** The headers that give mail clients their unsubscribe button (RFC 2369 and RFC 8058). */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

/** Whether `token` is the one this app made for `documentId` on `list` (constant-time). */
export const validUnsubscribe = (strapi: Core.Strapi, list: MailingList, documentId: string, token: string): boolean =>
  sameToken(token, tokenOf(strapi, list, documentId));
