/**
 * Safe HTML building for the site's pages: `html` is a tagged template that escapes every
 * interpolated value unless it is already `SafeHtml` (made by `html` itself), so content from the
 * CMS can never add markup. Links go through `safeHref`, JSON-LD through `jsonForScript`.
 */

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlPart = SafeHtml | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const renderPart = (part: HtmlPart): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  return escapeHtml(String(part));
};

export const html = (strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, text, index) => out + text + (index < values.length ? renderPart(values[index]) : ''), ''));

export const join = (parts: readonly HtmlPart[]): SafeHtml => new SafeHtml(parts.map(renderPart).join(''));

/** A link target that cannot run script: http(s), mailto, or a path or fragment of this site. */
export const safeHref = (url: unknown): string | undefined => {
  if (typeof url !== 'string' || url === '') return undefined;
  if (/^(\/(?!\/)|#)/.test(url)) return url;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
};

/** JSON inside `<script type="application/ld+json">`: `<` is escaped so no text can close the element. */
export const jsonForScript = (data: unknown): SafeHtml =>
  new SafeHtml(JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
