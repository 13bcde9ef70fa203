/**
 * Emails from the editable files in emails/: subject, plain text and HTML, with form text kept
 * plain and only the app's links made links.
 */
import fs from 'fs';
import path from 'path';
import Mustache from 'mustache';
import type { Language } from '../utils/language';

export const EMAIL_KINDS = [
  'confirmation',
  'waitlisted',
  'already-registered',
  'promoted',
  'cancellation',
  'reminder',
  'feedback-invitation',
  'support-acknowledgement',
  'support-staff',
  'proposal-acknowledgement',
  'proposal-answer',
  'session-changed',
  'session-cancelled',
  'recording-available',
  'alert-confirmation',
  'new-session',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * What goes into a message from outside the app (names, topics, descriptions from public forms;
 * titles from editors) is plain text: control characters removed, one line where it is a name or
 * a title, and bounded in length. Only the view's own links (keys ending in `Url`, which the app
 * builds) become links in the HTML version: a URL typed into a form stays text.
 */
const MULTILINE_KEYS = new Set(['description', 'answer', 'preferredDates', 'note']);
const SINGLE_LINE_MAX = 300;
const MULTILINE_MAX = 5000;

const isLinkKey = (key: string) => key.endsWith('Url');

const bounded = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** A view value as it may appear in a message. */
export const plainValue = (key: string, value: string): string => {
  if (isLinkKey(key)) return value;
  // Tabs and line breaks become spaces (kept only in multi-line fields); other control characters go.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  if (MULTILINE_KEYS.has(key)) return bounded(cleaned.replace(/\t/g, ' ').replace(/\n{3,}/g, '\n\n').trim(), MULTILINE_MAX);
  return bounded(cleaned.replace(/\s+/g, ' ').trim(), SINGLE_LINE_MAX);
};

const TRAILING_PUNCTUATION = /[.,;:!?)»]+$/;

/** Paragraphs from blank-line-separated text, each line escaped; the app's own links (`trusted`) made links. */
const textToHtml = (text: string, trusted: ReadonlySet<string>) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => {
      const html = escapeHtml(paragraph)
        .replace(/https?:\/\/[^\s<]+/g, (match) => {
          const url = match.replace(TRAILING_PUNCTUATION, '');
          if (!trusted.has(url)) return match;
          return `<a href="${url}" style="color:#0b57a4;">${url}</a>${match.slice(url.length)}`;
        })
        .replace(/\n/g, '<br />');
      return `<p style="margin:0 0 16px;">${html}</p>`;
    })
    .join('\n');

/**
 * Renders a message from the editable files in `emails/` (see emails/README.md): the subject and
 * plain text from `emails/<language>/<kind>.txt`, the HTML from the same text in `emails/layout.html`.
 */
export const renderEmail = (
  appRoot: string,
  kind: EmailKind,
  language: Language,
  view: Record<string, string | undefined>
): RenderedEmail => {
  const dir = path.join(appRoot, 'emails');
  const source = fs.readFileSync(path.join(dir, language, `${kind}.txt`), 'utf8');
  const match = /^Subject:\s*(.*)\r?\n\r?\n([\s\S]*)$/.exec(source);
  if (match === null) throw new Error(`emails/${language}/${kind}.txt must start with "Subject: …" and a blank line.`);
  const safe = Object.fromEntries(Object.entries(view).map(([key, value]) => [key, value === undefined ? undefined : plainValue(key, value)]));
  const trusted = new Set(
    Object.entries(safe)
      .filter((entry): entry is [string, string] => isLinkKey(entry[0]) && typeof entry[1] === 'string' && /^https?:\/\/\S+$/.test(entry[1]))
      .map(([, url]) => escapeHtml(url))
  );
  // Plain text: no HTML escaping; collapse the blank lines left by empty sections.
  const plain = (template: string) => Mustache.render(template, safe, {}, { escape: (value: string) => value });
  const subject = plain(match[1]).replace(/\s+/g, ' ').trim();
  const text = `${plain(match[2]).replace(/\n{3,}/g, '\n\n').trim()}\n`;
  const layout = fs.readFileSync(path.join(dir, 'layout.html'), 'utf8');
  const html = Mustache.render(layout, { subject, language, body: textToHtml(text, trusted) });
  return { subject, text, html };
};
