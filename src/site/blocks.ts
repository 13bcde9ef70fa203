/**
 * Strapi's rich text ("blocks") as HTML for the site. Every text is escaped; only the node types
 * Strapi's editor makes are rendered (paragraphs, headings, lists, quotes, code, links, images);
 * anything else is dropped, and links that could run script are rendered as plain text.
 */
import { html, join, safeHref, SafeHtml } from './html';

type TextNode = { type: 'text'; text?: string; bold?: boolean; italic?: boolean; underline?: boolean; strikethrough?: boolean; code?: boolean };
type InlineNode = TextNode | { type: 'link'; url?: string; children?: InlineNode[] } | { type: 'list-item'; children?: BlockNode[] };
type BlockNode = {
  type: string;
  level?: number;
  format?: string;
  url?: string;
  children?: (InlineNode | BlockNode)[];
  image?: { url?: string; alternativeText?: string | null; width?: number; height?: number };
};

const isNode = (value: unknown): value is BlockNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const text = (node: TextNode): SafeHtml => {
  let out: SafeHtml = html`${node.text ?? ''}`;
  if (node.code === true) out = html`<code>${out}</code>`;
  if (node.bold === true) out = html`<strong>${out}</strong>`;
  if (node.italic === true) out = html`<em>${out}</em>`;
  if (node.underline === true) out = html`<u>${out}</u>`;
  if (node.strikethrough === true) out = html`<s>${out}</s>`;
  return out;
};

const inline = (nodes: unknown[] | undefined): SafeHtml =>
  join(
    (nodes ?? []).filter(isNode).map((node) => {
      if (node.type === 'text') return text(node as TextNode);
      if (node.type === 'link') {
        const href = safeHref(node.url);
        const content = inline(node.children);
        return href === undefined ? content : html`<a href="${href}">${content}</a>`;
      }
      return inline(node.children);
    })
  );

const block = (node: BlockNode, headingBase: number): SafeHtml | undefined => {
  switch (node.type) {
    case 'paragraph': {
      const content = inline(node.children);
      return content.value.trim() === '' ? undefined : html`<p>${content}</p>`;
    }
    case 'heading': {
      const level = Math.min(6, Math.max(headingBase, headingBase - 1 + Math.max(1, Number(node.level) || 1)));
      // `level` is a number computed here, never content.
      return html`${new SafeHtml(`<h${level}>`)}${inline(node.children)}${new SafeHtml(`</h${level}>`)}`;
    }
    case 'list': {
      const items = (node.children ?? []).filter(isNode).map((item) => html`<li>${inline(item.children)}</li>`);
      return node.format === 'ordered' ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'quote':
      return html`<blockquote><p>${inline(node.children)}</p></blockquote>`;
    case 'code':
      return html`<pre><code>${inline(node.children)}</code></pre>`;
    case 'image': {
      const src = safeHref(node.image?.url);
      if (src === undefined) return undefined;
      return html`<img src="${src}" alt="${node.image?.alternativeText ?? ''}" width="${node.image?.width}" height="${node.image?.height}" loading="lazy" />`;
    }
    default:
      return undefined;
  }
};

/**
 * Renders a blocks value; headings start at `headingBase` (an editor's "Heading 1" inside a
 * section titled with an h2 becomes an h3), so the page keeps one h1 and a sound outline.
 */
export const renderBlocks = (value: unknown, headingBase = 3): SafeHtml =>
  join((Array.isArray(value) ? value : []).filter(isNode).map((node) => block(node, headingBase)));

/** Blocks are separated by a space; inline nodes of one block are not. */
const separator = (nodes: unknown[]): string => (nodes.some((n) => isNode(n) && n.type !== 'text' && n.type !== 'link') ? ' ' : '');

/** The plain text of a blocks value (for meta descriptions). */
export const blocksText = (value: unknown): string => {
  const collect = (nodes: unknown[]): string =>
    nodes
      .filter(isNode)
      .map((node) => (node.type === 'text' ? ((node as TextNode).text ?? '') : collect(node.children ?? [])))
      .join(separator(nodes));
  return collect(Array.isArray(value) ? value : []).replace(/\s+/g, ' ').trim();
};

