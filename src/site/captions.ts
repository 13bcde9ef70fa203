/**
 * WebVTT caption files of recordings: reading a file from the upload provider, checking it with a
 * real WebVTT parser (webvtt-parser, the W3C validator's), and turning its cues into a transcript,
 * split by chapter. Parsed files are kept in memory by their hash (an upload never changes).
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { WebVTTParser, type CueNode, type ParseError } from 'webvtt-parser';
import type { Chapter, MediaFile } from './data';

export type TranscriptCue = { start: number; text: string };
export type TranscriptSection = { title?: string; start: number; cues: TranscriptCue[] };
export type ParsedCaptions = { cues: TranscriptCue[]; errors: ParseError[] };

const MAX_BYTES = 2 * 1024 * 1024;

// Every named character reference of HTML, so "&amp;" and "&eacute;" read as they should.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parser = new WebVTTParser(require('webvtt-parser/html-entities.json') as Record<string, string>);

const textOf = (nodes: CueNode[] | undefined): string =>
  (nodes ?? []).map((node) => (node.type === 'text' ? String(node.value ?? '') : node.type === 'object' ? textOf(node.children) : '')).join('');

/** The cues and the problems (with their line) of a WebVTT text. */
export const parseCaptions = (source: string): ParsedCaptions => {
  const { cues, errors } = parser.parse(source.replace(/\r\n?/g, '\n'), 'metadata');
  return {
    cues: cues.map((cue) => ({ start: cue.startTime, text: textOf(cue.tree.children).replace(/\s+/g, ' ').trim() })).filter((c) => c.text !== ''),
    errors,
  };
};

/** The text of an uploaded file: from disk for the local provider, else from its URL. */
export const readUpload = async (strapi: Core.Strapi, file: Pick<MediaFile, 'url'>): Promise<string> => {
  if (file.url.startsWith('/')) {
    const publicDir = strapi.dirs.static.public;
    const full = path.resolve(publicDir, `.${decodeURIComponent(file.url)}`);
    if (!full.startsWith(path.resolve(publicDir) + path.sep)) throw new Error(`Upload outside the public folder: ${file.url}`);
    const stat = await fs.promises.stat(full);
    if (stat.size > MAX_BYTES) throw new RangeError('too large');
    return fs.promises.readFile(full, 'utf8');
  }
  const response = await fetch(file.url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${file.url}`);
  return response.text();
};

const parsed = new Map<string, ParsedCaptions>();

/** The cues of an uploaded caption file, parsed once per file; no cues when it cannot be read. */
export const captionCues = async (strapi: Core.Strapi, file: MediaFile): Promise<TranscriptCue[]> => {
  const key = `${file.id}:${file.hash ?? file.url}`;
  let result = parsed.get(key);
  if (result === undefined) {
    try {
      result = parseCaptions(await readUpload(strapi, file));
    } catch (error) {
      strapi.log.warn(`Captions ${file.url} could not be read: ${(error as Error).message}`);
      return [];
    }
    if (parsed.size > 200) parsed.clear();
    parsed.set(key, result);
  }
  return result.cues;
};

/** The transcript by chapter: each cue under the last chapter that starts at or before it. */
export const transcriptSections = (cues: TranscriptCue[], chapters: Chapter[] = []): TranscriptSection[] => {
  const ordered = [...chapters].sort((a, b) => a.startsAtSecond - b.startsAtSecond);
  if (ordered.length === 0) return cues.length === 0 ? [] : [{ start: 0, cues }];
  const sections: TranscriptSection[] = [];
  if (cues.some((cue) => cue.start < ordered[0].startsAtSecond)) sections.push({ start: 0, cues: [] });
  for (const chapter of ordered) sections.push({ title: chapter.title, start: chapter.startsAtSecond, cues: [] });
  for (const cue of cues) {
    const home = [...sections].reverse().find((section) => section.start <= cue.start) ?? sections[0];
    home.cues.push(cue);
  }
  return sections.filter((section) => section.cues.length > 0);
};
