/**
 * The developer kit's routes: the OpenAPI document (/api/openapi.json), the GraphQL SDL
 * (/api/schema.graphql) and the viewer's vendored assets (Swagger UI from node_modules, served by
 * the app itself so that the viewer at /api-viewer/ works offline, no CDN).
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { applyPublicCache } from '../utils/http-cache';
import { buildOpenApi } from './openapi';
import { publicSdl } from './sdl';

export const DEVELOPER_PATHS = {
  openapi: '/api/openapi.json',
  sdl: '/api/schema.graphql',
  viewer: '/api-viewer/',
} as const;

/** The files of swagger-ui-dist the viewer loads, and their types. */
const VENDOR: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

const vendorDir = (): string => path.dirname(require.resolve('swagger-ui-dist/package.json'));

export const registerDeveloperRoutes = (strapi: Core.Strapi): void => {
  const maxAge = () => strapi.config.get('portal.cacheMaxAge', 60) as number;
  let document: string | undefined;

  const send = (ctx: Context, type: string, body: string | Buffer, seconds = maxAge()) => {
    ctx.status = 200;
    ctx.type = type;
    ctx.body = body;
    applyPublicCache(ctx, seconds);
  };

  strapi.server.routes([
    {
      method: 'GET',
      path: DEVELOPER_PATHS.openapi,
      handler: (ctx: Context) => {
        // The routes and schemas do not change while the app runs: built once.
        document ??= `${JSON.stringify(buildOpenApi(strapi), null, 2)}\n`;
        send(ctx, 'application/json; charset=utf-8', document);
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: DEVELOPER_PATHS.sdl,
      handler: (ctx: Context) => send(ctx, 'text/plain; charset=utf-8', publicSdl()),
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/api-viewer/vendor/:file',
      handler: (ctx: Context) => {
        const file = String(ctx.params.file);
        const type = VENDOR[file];
        if (type === undefined) {
          ctx.status = 404;
          return;
        }
        send(ctx, type, fs.readFileSync(path.join(vendorDir(), file)), 86400);
      },
      config: { auth: false },
    },
  ]);
};
