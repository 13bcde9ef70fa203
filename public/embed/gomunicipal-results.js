/*!
 * <gomunicipal-results>: the published survey results of Dijous GOmunicipal for any web page.
 *
 *   <script src="https://HOST/embed/gomunicipal-results.js" defer></script>
 *   <gomunicipal-results endpoint="https://HOST/graphql" lang="ca"></gomunicipal-results>
 *   <gomunicipal-results session="DOCUMENT_ID"></gomunicipal-results>
 *   <gomunicipal-results from="2025-01-01" to="2025-12-31"></gomunicipal-results>
 *
 * Attributes: endpoint (default: /graphql on the script's host), session (a session's documentId)
 * or from / to (YYYY-MM-DD, Madrid days), lang (ca | es; default: the page's language),
 * heading-level (2–5, default 2). The same figures and privacy threshold as the API: below it, it
 * says so without figures. Each question: a bar chart (an image with a name) and a table with
 * the figures. Theme with --gm-font, --gm-text, --gm-muted, --gm-accent, --gm-background,
 * --gm-border, --gm-radius, --gm-gap. No framework, no dependencies, no personal data.
 */
(() => {
  'use strict';

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;

  const TEXT = {
    ca: {
      heading: 'Valoració de les sessions',
      loading: 'Carregant els resultats…',
      error: "No s'han pogut carregar els resultats. Torneu-ho a provar més tard.",
      suppressed: (n) => `Encara no hi ha prou respostes per publicar-ne els resultats: en calen com a mínim ${n}.`,
      responses: (n, s) => `${n} respostes${s > 1 ? ` de ${s} sessions` : ''}`,
      mean: (m) => `Mitjana: ${m} sobre 5`,
      top: (p) => `${p} % hi donen un 4 o un 5`,
      chart: (q) => `${q}: gràfic de barres; les xifres són a la taula següent`,
      answer: 'Resposta',
      count: 'Respostes',
      percent: 'Percentatge',
      text: (n) => `${n} comentaris escrits, que només llegeix l'equip del programa.`,
    },
    es: {
      heading: 'Valoración de las sesiones',
      loading: 'Cargando los resultados…',
      error: 'No se han podido cargar los resultados. Vuelva a intentarlo más tarde.',
      suppressed: (n) => `Todavía no hay suficientes respuestas para publicar sus resultados: se necesitan como mínimo ${n}.`,
      responses: (n, s) => `${n} respuestas${s > 1 ? ` de ${s} sesiones` : ''}`,
      mean: (m) => `Media: ${m} sobre 5`,
      top: (p) => `${p} % dan un 4 o un 5`,
      chart: (q) => `${q}: gráfico de barras; las cifras están en la tabla siguiente`,
      answer: 'Respuesta',
      count: 'Respuestas',
      percent: 'Porcentaje',
      text: (n) => `${n} comentarios escritos, que solo lee el equipo del programa.`,
    },
  };

  const QUERY =
    'query($s:ID,$f:Date,$t:Date,$l:I18NLocaleCode){r:feedbackSummary(sessionId:$s,from:$f,to:$t,locale:$l){sessions responses threshold suppressed questions{key kind label answers mean topTwoBox distribution{value label count percentage}}}}';

  const STYLE = `
    :host { display: block; font-family: var(--gm-font, system-ui, sans-serif); color: var(--gm-text, #1b1b1b);
      background: var(--gm-background, transparent); line-height: 1.5; }
    h2, h3, h4, h5, h6 { line-height: 1.25; margin: 0 0 .5em; }
    section.q { border: 1px solid var(--gm-border, #8a8a8a); border-radius: var(--gm-radius, 8px); padding: 1rem; margin-bottom: var(--gm-gap, 1rem); }
    p { margin: 0 0 .5em; }
    .meta { color: var(--gm-muted, #4a4a4a); }
    svg { width: 100%; max-width: 30rem; height: auto; font: 12px var(--gm-font, system-ui, sans-serif); fill: var(--gm-text, #1b1b1b); }
    rect { fill: var(--gm-accent, #0b57a4); }
    table { border-collapse: collapse; margin-top: .5rem; width: 100%; font-size: .95em; }
    th, td { border: 1px solid var(--gm-border, #8a8a8a); padding: .2rem .4rem; text-align: left; }
    td { text-align: right; }
  `;

  const SVG = 'http://www.w3.org/2000/svg';
  const el = (tag, attributes, ...children) => {
    const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) if (value !== undefined && value !== null) node.setAttribute(name, value);
    for (const child of children.flat(Infinity)) if (child !== undefined && child !== null && child !== false) node.append(child);
    return node;
  };

  class GomunicipalResults extends HTMLElement {
    static get observedAttributes() {
      return ['endpoint', 'session', 'from', 'to', 'lang', 'heading-level'];
    }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.request = 0;
    }

    connectedCallback() {
      this.schedule();
    }

    attributeChangedCallback() {
      if (this.isConnected) this.schedule();
    }

    schedule() {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.load();
      });
    }

    get language() {
      return (this.getAttribute('lang') || document.documentElement.lang || 'ca').slice(0, 2).toLowerCase() === 'es' ? 'es' : 'ca';
    }

    get level() {
      const level = Number(this.getAttribute('heading-level') || 2);
      return level >= 2 && level <= 5 ? level : 2;
    }

    url() {
      const day = (name) => (/^\d{4}-\d{2}-\d{2}$/.test(this.getAttribute(name) || '') ? this.getAttribute(name) : undefined);
      const session = this.getAttribute('session');
      const variables = { l: this.language, s: session || undefined, f: session ? undefined : day('from'), t: session ? undefined : day('to') };
      const endpoint = new URL(this.getAttribute('endpoint') || '/graphql', scriptUrl);
      endpoint.searchParams.set('query', QUERY);
      endpoint.searchParams.set('variables', JSON.stringify(variables));
      return endpoint.href;
    }

    async load() {
      const request = ++this.request;
      const text = TEXT[this.language];
      this.render(el('p', { role: 'status' }, text.loading));
      try {
        const response = await fetch(this.url(), { headers: { accept: 'application/json' } });
        const body = await response.json();
        if (!response.ok || !body.data || !body.data.r) throw new Error('GraphQL');
        if (request === this.request) this.render(this.summary(body.data.r));
      } catch (_) {
        if (request === this.request) this.render(el('p', { role: 'alert' }, text.error));
      }
    }

    render(content) {
      this.shadowRoot.replaceChildren(
        el('style', {}, STYLE),
        el('section', { 'aria-labelledby': 'gm-results', lang: this.language }, el(`h${this.level}`, { id: 'gm-results' }, TEXT[this.language].heading), el('div', { 'aria-live': 'polite' }, content))
      );
    }

    number(value, digits) {
      return new Intl.NumberFormat(this.language === 'es' ? 'es-ES' : 'ca-ES', { maximumFractionDigits: digits }).format(value);
    }

    summary(r) {
      const text = TEXT[this.language];
      if (r.suppressed) return el('p', {}, text.suppressed(r.threshold));
      const shown = r.questions.filter((q) => q.answers > 0);
      return [el('p', { class: 'meta' }, text.responses(this.number(r.responses, 0), r.sessions)), shown.map((q, i) => this.question(q, i))];
    }

    question(q, index) {
      const text = TEXT[this.language];
      const id = `gm-q${index}`;
      const heading = el(`h${this.level + 1}`, { id }, q.label);
      if (q.kind === 'text') return el('section', { class: 'q', 'aria-labelledby': id }, heading, el('p', {}, text.text(this.number(q.answers, 0))));
      const lines = [q.mean !== null ? text.mean(this.number(q.mean, 2)) : null, q.topTwoBox !== null ? text.top(this.number(q.topTwoBox, 1)) : null].filter(Boolean);
      const rows = q.distribution || [];
      // Room for the longest label, about 6.6 units per character at 12px.
      const label = Math.min(150, Math.max(40, Math.ceil(Math.max(0, ...rows.map((d) => d.label.length)) * 6.6) + 10));
      const bars = rows.map((d, i) => {
        const y = i * 26 + 2;
        const width = Math.max(1, Math.round(((268 - label) * d.percentage) / 100));
        return [
          el('svg:text', { x: label - 6, y: y + 16, 'text-anchor': 'end' }, d.label),
          el('svg:rect', { x: label, y: y + 3, width, height: 18, rx: 2 }),
          el('svg:text', { x: label + 6 + width, y: y + 16 }, `${this.number(d.percentage, 1)} %`),
        ];
      });
      const chart = el(
        'svg:svg',
        { viewBox: `0 0 320 ${rows.length * 26 + 4}`, role: 'img', 'aria-labelledby': `${id}-c`, focusable: 'false' },
        el('svg:title', { id: `${id}-c` }, text.chart(q.label)),
        bars
      );
      const table = el(
        'table',
        {},
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, text.answer), el('th', { scope: 'col' }, text.count), el('th', { scope: 'col' }, text.percent))),
        el('tbody', {}, rows.map((d) => el('tr', {}, el('th', { scope: 'row' }, d.label), el('td', {}, this.number(d.count, 0)), el('td', {}, `${this.number(d.percentage, 1)} %`))))
      );
      return el('section', { class: 'q', 'aria-labelledby': id }, heading, lines.length ? el('p', {}, lines.join(' · ')) : null, chart, table);
    }
  }

  if (!customElements.get('gomunicipal-results')) customElements.define('gomunicipal-results', GomunicipalResults);
})();
