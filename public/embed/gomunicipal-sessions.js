/*!
 * <gomunicipal-sessions>: the list of Dijous GOmunicipal sessions for any web page.
 *
 *   <script src="https://HOST/embed/gomunicipal-sessions.js" defer></script>
 *   <gomunicipal-sessions endpoint="https://HOST/graphql" show="upcoming" limit="5" lang="ca"></gomunicipal-sessions>
 *
 * Attributes: endpoint (default: /graphql on the script's host), show (upcoming | past),
 * limit (1–100), lang (ca | es; default: the page's language), year (past only),
 * heading-level (2–6, default 2), link-titles ("false": session titles are not links to their
 * page on the programme's site, for portals that link elsewhere). Theme with CSS custom properties: --gm-font, --gm-text,
 * --gm-muted, --gm-accent, --gm-background, --gm-border, --gm-radius, --gm-gap.
 * No framework, no dependencies, no personal data: it reads the public GraphQL API by GET.
 */
(() => {
  'use strict';

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;
  const ZONE = 'Europe/Madrid';

  const TEXT = {
    ca: {
      upcoming: 'Properes sessions',
      past: 'Sessions anteriors',
      loading: 'Carregant les sessions…',
      error: "No s'han pogut carregar les sessions. Torneu-ho a provar més tard.",
      emptyUpcoming: 'Ara mateix no hi ha cap sessió programada.',
      emptyPast: 'Encara no hi ha sessions anteriors.',
      calendar: 'Afegeix al calendari',
      register: 'Inscriu-te',
      recordings: 'Gravació',
      materials: 'Materials',
      coOrganized: 'Coorganitzada amb',
      seats: (n) => (n === 1 ? 'Queda 1 plaça' : `Queden ${n} places`),
      full: "Places exhaurides: us podeu inscriure a la llista d'espera",
      cancelled: 'Cancel·lada',
      postponed: 'Ajornada',
      newWindow: "(s'obre en una finestra nova)",
    },
    es: {
      upcoming: 'Próximas sesiones',
      past: 'Sesiones anteriores',
      loading: 'Cargando las sesiones…',
      error: 'No se han podido cargar las sesiones. Vuelva a intentarlo más tarde.',
      emptyUpcoming: 'Ahora mismo no hay ninguna sesión programada.',
      emptyPast: 'Todavía no hay sesiones anteriores.',
      calendar: 'Añadir al calendario',
      register: 'Inscríbete',
      recordings: 'Grabación',
      materials: 'Materiales',
      coOrganized: 'Coorganizada con',
      seats: (n) => (n === 1 ? 'Queda 1 plaza' : `Quedan ${n} plazas`),
      full: 'Plazas agotadas: puede inscribirse en la lista de espera',
      cancelled: 'Cancelada',
      postponed: 'Aplazada',
      newWindow: '(se abre en una ventana nueva)',
    },
  };

  const FIELDS = 'documentId title summary startsAt endsAt eventStatus coOrganizer calendarUrl pageUrl seatsLeft registrationAvailable';
  const PAST_FIELDS = 'materials { title url kind file { url name } } recordings { title videoUrl platform file { url } }';

  const STYLE = `
    :host { display: block; font-family: var(--gm-font, system-ui, sans-serif); color: var(--gm-text, #1b1b1b);
      background: var(--gm-background, transparent); line-height: 1.5; }
    [hidden] { display: none !important; }
    h2, h3, h4, h5, h6 { line-height: 1.25; margin: 0 0 .5em; }
    .list { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--gm-gap, 1rem); }
    .session { border: 1px solid var(--gm-border, #8a8a8a); border-radius: var(--gm-radius, 8px); padding: 1rem; }
    article > :last-child { margin-bottom: 0; }
    p { margin: 0 0 .5em; }
    .when { font-weight: 600; }
    .meta { color: var(--gm-muted, #4a4a4a); }
    .badge { display: inline-block; font-weight: 700; border: 2px solid currentColor; border-radius: 4px; padding: 0 .4em; }
    a { color: var(--gm-accent, #0b57a4); text-underline-offset: .15em; }
    a:focus-visible { outline: 3px solid var(--gm-accent, #0b57a4); outline-offset: 2px; border-radius: 2px; }
    .action { display: inline-block; margin-top: .25em; font-weight: 600; }
    .sub { margin: .75em 0 .25em; font-size: 1em; }
    .links { margin: 0; padding-left: 1.25em; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
  };

  const safeUrl = (value) => {
    try {
      const url = new URL(value, scriptUrl);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch (_) {
      return undefined;
    }
  };

  class GomunicipalSessions extends HTMLElement {
    static get observedAttributes() {
      return ['endpoint', 'show', 'limit', 'lang', 'year', 'heading-level', 'link-titles'];
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

    // Several attributes set in a row cause one request.
    schedule() {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.load();
      });
    }

    get language() {
      const own = (this.getAttribute('lang') || document.documentElement.lang || 'ca').slice(0, 2).toLowerCase();
      return own === 'es' ? 'es' : 'ca';
    }

    get kind() {
      return this.getAttribute('show') === 'past' ? 'past' : 'upcoming';
    }

    get headingLevel() {
      const level = Number(this.getAttribute('heading-level') || 2);
      return level >= 2 && level <= 5 ? level : 2;
    }

    endpointUrl() {
      return new URL(this.getAttribute('endpoint') || '/graphql', scriptUrl);
    }

    url() {
      const kind = this.kind;
      const limit = Math.min(100, Math.max(1, Number(this.getAttribute('limit')) || (kind === 'past' ? 12 : 5)));
      const year = Number(this.getAttribute('year'));
      const withYear = kind === 'past' && Number.isInteger(year) && year >= 2000 && year <= 2100;
      const query =
        kind === 'past'
          ? `query($limit:Int,$locale:I18NLocaleCode${withYear ? ',$year:Int' : ''}){sessions:pastSessions(limit:$limit,locale:$locale${withYear ? ',year:$year' : ''}){${FIELDS} ${PAST_FIELDS}}}`
          : `query($limit:Int,$locale:I18NLocaleCode){sessions:upcomingSessions(limit:$limit,locale:$locale){${FIELDS}}}`;
      const variables = { limit, locale: this.language };
      if (withYear) variables.year = year;
      const endpoint = this.endpointUrl();
      endpoint.searchParams.set('query', query);
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
        if (!response.ok || !body.data || !Array.isArray(body.data.sessions)) throw new Error('GraphQL');
        if (request === this.request) this.render(this.list(body.data.sessions));
      } catch (_) {
        if (request === this.request) this.render(el('p', { role: 'alert' }, text.error));
      }
    }

    render(content) {
      const text = TEXT[this.language];
      const headingId = 'gm-heading';
      this.shadowRoot.replaceChildren(
        el('style', {}, STYLE),
        el(
          'section',
          { 'aria-labelledby': headingId, lang: this.language },
          el(`h${this.headingLevel}`, { id: headingId }, text[this.kind]),
          el('div', { 'aria-live': 'polite' }, content)
        )
      );
    }

    list(sessions) {
      const text = TEXT[this.language];
      if (sessions.length === 0) return el('p', {}, this.kind === 'past' ? text.emptyPast : text.emptyUpcoming);
      return el('ul', { class: 'list' }, sessions.map((session) => this.item(session)));
    }

    when(session) {
      const locale = this.language === 'es' ? 'es-ES' : 'ca-ES';
      const start = new Date(session.startsAt);
      const end = new Date(session.endsAt);
      const day = new Intl.DateTimeFormat(locale, { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(start);
      const time = new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
      return el('time', { datetime: session.startsAt }, `${day}, ${time.format(start)}–${time.format(end)}`);
    }

    item(session) {
      const text = TEXT[this.language];
      const level = this.headingLevel + 1;
      const titleId = `gm-${session.documentId}`;
      const status = text[session.eventStatus];
      const calendarUrl = safeUrl(session.calendarUrl);
      const pageUrl = this.getAttribute('link-titles') === 'false' ? undefined : safeUrl(session.pageUrl);
      const children = [
        el(`h${level}`, { id: titleId }, pageUrl ? el('a', { href: pageUrl }, session.title) : session.title),
        el('p', { class: 'when' }, this.when(session)),
        status ? el('p', {}, el('span', { class: 'badge' }, status)) : null,
        session.summary ? el('p', {}, session.summary) : null,
        session.coOrganizer ? el('p', { class: 'meta' }, `${text.coOrganized} ${session.coOrganizer}`) : null,
      ];
      if (this.kind === 'upcoming' && session.registrationAvailable && typeof session.seatsLeft === 'number') {
        children.push(el('p', { class: 'meta' }, session.seatsLeft > 0 ? text.seats(session.seatsLeft) : text.full));
      }
      if (this.kind === 'upcoming' && session.registrationAvailable) {
        const register = new URL('/register/', this.endpointUrl());
        register.searchParams.set('session', session.documentId);
        register.searchParams.set('lang', this.language);
        children.push(
          el('p', {}, el('a', { class: 'action', href: register.href }, text.register, el('span', { class: 'visually-hidden' }, `: ${session.title}`)))
        );
      }
      if (this.kind === 'upcoming' && calendarUrl && session.eventStatus !== 'cancelled') {
        children.push(
          el('a', { class: 'action', href: calendarUrl }, text.calendar, el('span', { class: 'visually-hidden' }, `: ${session.title}`))
        );
      }
      if (this.kind === 'past') {
        children.push(this.links(level + 1, text.recordings, session.recordings, (r) => [r.title, r.videoUrl || (r.file && r.file.url)]));
        children.push(this.links(level + 1, text.materials, session.materials, (m) => [m.title, m.url || (m.file && m.file.url)]));
      }
      return el('li', { class: 'session' }, el('article', { 'aria-labelledby': titleId }, children));
    }

    links(level, heading, items, pick) {
      const text = TEXT[this.language];
      const entries = (items || [])
        .map(pick)
        .map(([title, url]) => [title, safeUrl(url)])
        .filter(([, url]) => url !== undefined);
      if (entries.length === 0) return null;
      return [
        el(`h${Math.min(level, 6)}`, { class: 'sub' }, heading),
        el(
          'ul',
          { class: 'links' },
          entries.map(([title, url]) =>
            el('li', {}, el('a', { href: url, target: '_blank', rel: 'noopener' }, title, el('span', { class: 'visually-hidden' }, ` ${text.newWindow}`)))
          )
        ),
      ];
    }
  }

  if (!customElements.get('gomunicipal-sessions')) customElements.define('gomunicipal-sessions', GomunicipalSessions);
})();
