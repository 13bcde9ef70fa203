/**
 * A past session's media on its page: recordings (a file plays in <video> with its caption tracks;
 * an external one is a plain link that says where it leads, never a third-party frame), chapters
 * that seek the player, the transcript from the captions (collapsible, by chapter), and materials.
 */
import type { Language } from '../../utils/language';
import type { TranscriptSection } from '../captions';
import type { Caption, MaterialRow, RecordingRow } from '../data';
import { fileType, formatSize, formatTimestamp } from '../format';
import { html, safeHref, type SafeHtml } from '../html';
import { t, type MessageKey } from '../../messages';

export type Transcript = { language: Caption['language']; sections: TranscriptSection[] };

const PLATFORMS: Record<string, string> = { youtube: 'YouTube', vimeo: 'Vimeo', teams: 'Microsoft Teams', stream: 'Microsoft Stream' };
const LANGUAGE_KEYS: Record<Caption['language'], MessageKey> = { ca: 'languageCa', es: 'languageEs', en: 'languageEn' };
const KIND_KEYS: Record<string, MessageKey> = {
  slides: 'kindSlides',
  document: 'kindDocument',
  guide: 'kindGuide',
  template: 'kindTemplate',
  link: 'kindLink',
  other: 'kindOther',
};

const hostOf = (href: string) => (href.startsWith('/') ? '' : new URL(href).host.replace(/^www\./, ''));
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const languageName = (page: Language, language: Caption['language']) => t(page, LANGUAGE_KEYS[language]);

/** `#t=` links: a file recording's seek the player on the page (site.js) or open the file at that time; external ones open there. */
const seekLink = (language: Language, base: string, seconds: number, player?: string): SafeHtml =>
  html`<a class="seek" href="${base}#t=${seconds}"${player ? html` data-seek="${seconds}" data-player="${player}"` : ''}><span class="visually-hidden">${t(language, 'chapterSeek', { time: '' })}</span>${formatTimestamp(seconds)}</a>`;

const chapterList = (language: Language, recording: RecordingRow, base: string, player?: string): SafeHtml => {
  const chapters = [...(recording.chapters ?? [])].sort((a, b) => a.startsAtSecond - b.startsAtSecond);
  if (chapters.length === 0) return html``;
  return html`<h4>${t(language, 'chaptersHeading')}</h4><ol class="chapters">${chapters.map(
    (c) => html`<li>${seekLink(language, base, c.startsAtSecond, player)} ${c.title}</li>`
  )}</ol>`;
};

const transcriptBlock = (language: Language, transcript: Transcript, base: string, player?: string): SafeHtml =>
  html`<details class="transcript" lang="${transcript.language}"><summary lang="${language}">${t(language, 'transcriptSummary', {
    language: languageName(language, transcript.language),
  })}</summary>${transcript.sections.map(
    (section) => html`${section.title ? html`<h4>${section.title}</h4>` : ''}${section.cues.map(
      (cue) => html`<p>${seekLink(language, base, Math.floor(cue.start), player)} ${cue.text}</p>`
    )}`
  )}</details>`;

const fileRecording = (language: Language, recording: RecordingRow, index: number, transcripts: Transcript[]): SafeHtml => {
  const file = recording.file;
  const src = safeHref(file?.url);
  if (file === null || file === undefined || src === undefined) return html``;
  const player = `player-${index}`;
  const tracks = (recording.captions ?? []).flatMap((caption, i) => {
    const track = safeHref(caption.file?.url);
    if (track === undefined) return [];
    return [
      html`<track kind="captions" src="${track}" srclang="${caption.language}" label="${capitalized(languageName(language, caption.language))}"${
        i === 0 || caption.language === language ? html` default` : ''
      } />`,
    ];
  });
  const download = t(language, 'downloadVideo', { type: fileType(file), size: formatSize(language, file.size) });
  return html`<video id="${player}" class="player" controls preload="metadata" src="${src}" aria-label="${recording.title}">${tracks}<p>${t(language, 'videoFallback')} <a href="${src}">${download}</a></p></video>
<p class="meta"><a href="${src}" download>${download}</a>${(recording.captions ?? []).map((c) => {
    const href = safeHref(c.file?.url);
    return href === undefined ? '' : html` · <a href="${href}" download>${t(language, 'captionsFile', { language: languageName(language, c.language) })}</a>`;
  })}</p>
${chapterList(language, recording, src, player)}
${transcripts.map((tr) => transcriptBlock(language, tr, src, player))}`;
};

const externalRecording = (language: Language, recording: RecordingRow, transcripts: Transcript[]): SafeHtml => {
  const href = safeHref(recording.videoUrl);
  if (href === undefined) return html``;
  const host = hostOf(href);
  const platform = PLATFORMS[recording.platform ?? ''] ?? host;
  return html`<p><a class="button external" href="${href}" rel="noopener">${t(language, 'externalRecording', { platform })}</a> <span class="meta">${t(language, 'externalNote', { host })}</span></p>
${chapterList(language, recording, href)}
${transcripts.map((tr) => transcriptBlock(language, tr, href))}`;
};

export const recordingsSection = (language: Language, recordings: RecordingRow[], transcripts: Map<string, Transcript[]>): SafeHtml => {
  const body =
    recordings.length === 0
      ? html`<p>${t(language, 'noRecording')}</p>`
      : recordings.map((recording, index) => {
          const own = transcripts.get(recording.documentId) ?? [];
          const media = recording.file ? fileRecording(language, recording, index, own) : externalRecording(language, recording, own);
          return html`<section class="recording" aria-labelledby="rec-${index}"><h3 id="rec-${index}">${recording.title}</h3>${media}</section>`;
        });
  return html`<section aria-labelledby="recordings"><h2 id="recordings">${t(language, 'recordingsHeading')}</h2>${body}</section>`;
};

export const materialsSection = (language: Language, materials: MaterialRow[]): SafeHtml => {
  if (materials.length === 0) return html``;
  const items = materials.map((m) => {
    const kind = t(language, KIND_KEYS[m.kind ?? 'other'] ?? 'kindOther');
    const fileHref = safeHref(m.file?.url);
    const linkHref = safeHref(m.url);
    const details =
      fileHref !== undefined && m.file
        ? `${kind} · ${[fileType(m.file), formatSize(language, m.file.size)].filter((x) => x !== '').join(', ')}`
        : linkHref !== undefined
          ? [kind, hostOf(linkHref)].filter((x) => x !== '').join(' · ')
          : kind;
    const href = fileHref ?? linkHref;
    const action = fileHref !== undefined ? t(language, 'download') : t(language, 'openLink');
    return html`<li>${href === undefined ? html`<strong>${m.title}</strong>` : html`<a href="${href}"${fileHref !== undefined ? html` download` : ''}>${m.title}<span class="visually-hidden"> (${action})</span></a>`}
<span class="meta">${details}</span>${m.description ? html`<br />${m.description}` : ''}</li>`;
  });
  return html`<section aria-labelledby="materials"><h2 id="materials">${t(language, 'materialsHeading')}</h2><ul class="materials">${items}</ul></section>`;
};
