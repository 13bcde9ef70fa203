import { renderBlocks } from '../../src/site/blocks';
import { parseCaptions, transcriptSections } from '../../src/site/captions';
import { html, jsonForScript, safeHref } from '../../src/site/html';
import { sessionPageUrl } from '../../src/site/urls';

describe('safe HTML for the site', () => {
  it('escapes every interpolated value, and only html`` output passes as markup', () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>b</li></ul>');
  });

  it('keeps only links that cannot run script', () => {
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:x', 'data:text/html,<script>', '//evil.example/x', 'vbscript:x', '']) {
      expect({ bad, href: safeHref(bad) }).toEqual({ bad, href: undefined });
    }
    expect(safeHref('https://governobert.diba.cat/x?a=1')).toBe('https://governobert.diba.cat/x?a=1');
    expect(safeHref('/uploads/a.pdf')).toBe('/uploads/a.pdf');
    expect(safeHref('#t=30')).toBe('#t=30');
  });

  it('writes JSON-LD that no text can close', () => {
    expect(jsonForScript({ name: '</script><script>alert(1)</script>' }).value).toBe('{"name":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
  });

  it('renders Strapi blocks as text, drops unknown nodes and unsafe links, and shifts headings under the section', () => {
    const out = renderBlocks(
      [
        { type: 'heading', level: 1, children: [{ type: 'text', text: 'Títol' }] },
        { type: 'paragraph', children: [{ type: 'text', text: '<b>no</b>', bold: true }, { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'clic' }] }] },
        { type: 'html', children: [{ type: 'text', text: '<script>x</script>' }] },
        { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'u' }] }] },
      ],
      3
    ).value;
    expect(out).toBe('<h3>Títol</h3><p><strong>&lt;b&gt;no&lt;/b&gt;</strong>clic</p><ol><li>u</li></ol>');
  });
});

describe('captions', () => {
  it('reports the line of a broken WebVTT file, and reads the text of a valid one', () => {
    expect(parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n\n00:00:03.000 --> 00:0x:04.000\nAdeu\n').errors[0]).toMatchObject({ line: 6 });
    expect(parseCaptions('no signature').errors[0]).toMatchObject({ line: 1 });
    const { cues, errors } = parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hola <b>món</b> &amp; tu\n');
    expect(errors).toEqual([]);
    expect(cues).toEqual([{ start: 1, text: 'Hola món & tu' }]);
  });

  it('puts each cue under the chapter that started before it', () => {
    const cues = [{ start: 1, text: 'a' }, { start: 65, text: 'b' }, { start: 130, text: 'c' }];
    expect(transcriptSections(cues, [{ startsAtSecond: 60, title: 'Un' }, { startsAtSecond: 120, title: 'Dos' }])).toEqual([
      { start: 0, cues: [cues[0]] },
      { title: 'Un', start: 60, cues: [cues[1]] },
      { title: 'Dos', start: 120, cues: [cues[2]] },
    ]);
    expect(transcriptSections(cues, [])).toEqual([{ start: 0, cues }]);
  });
});

describe('the session page URL', () => {
  it('fills SESSION_PAGE_URL, by default the site page, with the slug escaped', () => {
    expect(sessionPageUrl('', 'https://h.example/', { documentId: 'abc', slug: 'a b' }, 'es')).toBe('https://h.example/es/sessions/a%20b');
    expect(sessionPageUrl('https://portal.example/s/{documentId}?l={locale}', 'https://h.example', { documentId: 'abc' }, 'ca')).toBe('https://portal.example/s/abc?l=ca');
  });
});
