/**
 * The public site's routes (outside /api): `/` redirects to the home in the visitor's language,
 * then `/ca/…` and `/es/…` pages, sitemap.xml, robots.txt and the Atom feeds. Handlers only speak
 * HTTP: the pages come from the site service; 200s are cacheable (ETag, 304) and go through the
 * server-side response cache (src/middlewares/response-cache.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { isLanguage, requestLanguage, type Language } from '../utils/language';
import { applyPublicCache } from '../utils/http-cache';
import { siteService, type Answer } from './service';
import { SITE_PATHS, SITE_ROUTES } from './urls';

export const registerSiteRoutes = (strapi: Core.Strapi): void => {
  const site = siteService(strapi);
  const maxAge = () => strapi.config.get('portal.cacheMaxAge', 60) as number;
  const languageOf = (ctx: Context): Language => (isLanguage(ctx.params.lang) ? ctx.params.lang : requestLanguage(undefined, ctx.get('accept-language')));

  const send = (ctx: Context, answer: Answer, cacheable: boolean) => {
    ctx.status = answer.status;
    ctx.type = answer.type;
    ctx.body = answer.body;
    if (cacheable) applyPublicCache(ctx, maxAge());
    else ctx.set('Cache-Control', 'no-store');
  };

  type Handler = (ctx: Context) => Promise<Answer | undefined> | Answer | undefined;

  /** A page; `cacheable: false` for the private links' pages (their URLs carry a token) and every POST. */
  const route = (path: string, handler: Handler, { method = 'GET', cacheable = method === 'GET' }: { method?: 'GET' | 'POST'; cacheable?: boolean } = {}) => ({
    method,
    path,
    handler: async (ctx: Context) => {
      const answer = await handler(ctx);
      if (answer !== undefined) send(ctx, answer, cacheable);
    },
    config: { auth: false as const },
  });
  const post = (path: string, handler: Handler) => route(path, handler, { method: 'POST' });
  const privateLink = (path: string, handler: Handler) => route(path, handler, { cacheable: false });

  strapi.server.routes([
    route(SITE_ROUTES.root, (ctx) => {
      ctx.vary('Accept-Language');
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(SITE_PATHS.home(requestLanguage(undefined, ctx.get('accept-language'))));
      return undefined;
    }),
    // `/:lang` matches `/ca` and `/ca/` alike (the router is not strict): the home is `/ca/`.
    route(SITE_ROUTES.home, (ctx) => {
      if (ctx.path.endsWith('/')) return site.home(languageOf(ctx));
      ctx.status = 301;
      ctx.redirect(SITE_PATHS.home(languageOf(ctx)));
      return undefined;
    }),
    route(SITE_ROUTES.session, (ctx) => site.session(languageOf(ctx), String(ctx.params.slug).slice(0, 200))),
    route(SITE_ROUTES.results, (ctx) => site.results(languageOf(ctx), ctx.query)),
    route(SITE_ROUTES.feed, (ctx) => site.feed(languageOf(ctx))),
    route(SITE_ROUTES.opendata, (ctx) => site.opendata(languageOf(ctx))),
    route(SITE_ROUTES.opendataRoot, (ctx) => {
      ctx.vary('Accept-Language');
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(SITE_PATHS.opendata(requestLanguage(undefined, ctx.get('accept-language'))));
      return undefined;
    }),
    route(SITE_ROUTES.opendataFile, async (ctx) => {
      const answer = await site.opendataFile(String(ctx.params.name), String(ctx.params.format));
      return answer ?? site.notFound(languageOf(ctx), ctx.path);
    }),
    route(SITE_ROUTES.developers, (ctx) => site.developers(languageOf(ctx))),
    // Alerts of new sessions: the form, its confirmation link, and every bulk message's unsubscribe link.
    route(SITE_ROUTES.alerts, (ctx) => site.alertsForm(languageOf(ctx))),
    post(SITE_ROUTES.alerts, (ctx) => site.subscribe(languageOf(ctx), ctx.request.body, ctx)),
    privateLink(SITE_ROUTES.alertsConfirm, (ctx) => site.alertsConfirm(languageOf(ctx), ctx.query)),
    post(SITE_ROUTES.alertsConfirm, (ctx) => site.confirmAlerts(languageOf(ctx), ctx.query)),
    privateLink(SITE_ROUTES.unsubscribe, (ctx) => site.unsubscribePage(languageOf(ctx), ctx.query)),
    post(SITE_ROUTES.unsubscribe, (ctx) => site.unsubscribe(languageOf(ctx), ctx.query)),
    route(SITE_ROUTES.sitemap, () => site.sitemap()),
    route(SITE_ROUTES.robots, () => site.robots()),
    // Anything else under /ca/ or /es/ is a page that does not exist, answered as a page.
    route('/:lang(ca|es)/(.*)', (ctx) => site.notFound(languageOf(ctx), ctx.path)),
  ]);
};
