import fs from 'fs';
import path from 'path';
import Mustache from 'mustache';
import type { Language } from '../utils/language';

export const EMAIL_KINDS = [
  'confirmation',
  'waitlisted',
  'promoted',
  'cancellation',
  'reminder',
  'feedback-invitation',
  'support-acknowledgement',
  'support-staff',
  'proposal-acknowledgement',
  'proposal-answer',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Paragraphs from blank-line-separated text, each line escaped, web addresses made links. */
const textToHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => {
      const html = escapeHtml(paragraph)
        .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" style="color:#0b57a4;">${url}</a>`)
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
  // Plain text: no HTML escaping; collapse the blank lines left by empty sections.
  const plain = (template: string) => Mustache.render(template, view, {}, { escape: (value: string) => value });
  const subject = plain(match[1]).replace(/\s+/g, ' ').trim();
  const text = `${plain(match[2]).replace(/\n{3,}/g, '\n\n').trim()}\n`;
  const layout = fs.readFileSync(path.join(dir, 'layout.html'), 'utf8');
  const html = Mustache.render(layout, { subject, language, body: textToHtml(text) });
  return { subject, text, html };
};
