/**
 * The OpenAPI 3.1 document of the public REST API, built from the app itself: the paths and
 * methods from the route table (only the actions the Public role may call, PUBLIC_ACTIONS), the
 * generated routes' schemas from the content types, the custom routes' from operations.ts and
 * shapes.ts. Served at /api/openapi.json and committed as docs/openapi.json
 * (`npm run api-contract` writes it; CI fails when it is out of date).
 */
import type { Core } from '@strapi/strapi';
import { PUBLIC_ACTIONS } from '../bootstrap/permissions';
import { componentSchema, contentTypeSchema, MEDIA_SCHEMA, ref, schemaName, type JsonSchema, type SchemaContext } from './content-schemas';
import { dataOf, EXTRA_SHAPES, OPERATIONS, type Operation } from './operations';
import { ERROR_RESPONSES, SHAPES } from './shapes';

/** The public API's version: the CHANGELOG of docs/api.md says what each one changed (semver: a breaking change is a new major). */
export const API_VERSION = '1.1.0';

type Route = { method: string; path: string; handler: unknown };
type Router = { type?: string; routes?: Route[] };
type Api = { routes?: Record<string, Router> };

const GENERATED = new Set(['find', 'findOne']);

const camel = (text: string) => text.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every public (action, method, path) of the route table, in the table's order. */
export const publicRoutes = (strapi: Core.Strapi): { action: string; method: string; path: string }[] => {
  const allowed = new Set(PUBLIC_ACTIONS);
  const found: { action: string; method: string; path: string }[] = [];
  for (const [apiName, api] of Object.entries(strapi.apis as Record<string, Api>)) {
    for (const router of Object.values(api.routes ?? {})) {
      if (router.type !== undefined && router.type !== 'content-api') continue;
      for (const route of router.routes ?? []) {
        if (typeof route.handler !== 'string') continue;
        const action = route.handler.includes('::') ? route.handler : `api::${apiName}.${route.handler}`;
        if (allowed.has(action)) found.push({ action, method: route.method.toLowerCase(), path: `/api${route.path}` });
      }
    }
  }
  return found;
};

const GENERATED_PARAMETERS: JsonSchema[] = [
  { name: 'filters', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' }, description: "Strapi's filters (bounded: see docs/api.md, Limits)", example: { startsAt: { $gte: '2024-01-01' } } },
  { name: 'sort', in: 'query', schema: { type: 'string' }, example: 'startsAt:desc' },
  { name: 'fields', in: 'query', style: 'form', explode: true, schema: { type: 'array', items: { type: 'string' } } },
  { name: 'populate', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' }, example: { materials: 'true' } },
  { name: 'pagination[page]', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'pagination[pageSize]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'locale', in: 'query', schema: { type: 'string', enum: ['ca', 'es'], default: 'ca' } },
];

const PAGINATION: JsonSchema = {
  type: 'object',
  properties: {
    pagination: {
      type: 'object',
      required: ['page', 'pageSize', 'pageCount', 'total'],
      properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } },
    },
  },
};

const generatedOperation = (uid: string, action: string): Operation => {
  const name = schemaName(uid);
  const list = action === 'find';
  return {
    summary: list ? `${name}: llista` : `${name}: un document`,
    tags: [name],
    responses: list ? { 200: `list:${name}`, 400: 'BadRequest' } : { 200: `data:${name}`, 400: 'BadRequest', 404: 'NotFound' },
  };
};

const responseOf = (target: string): JsonSchema => {
  if (target in ERROR_RESPONSES) return { $ref: `#/components/responses/${target}` };
  if (target === 'calendar') {
    return { description: 'iCalendar (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' }, example: 'BEGIN:VCALENDAR\r\n…\r\nEND:VCALENDAR' } } };
  }
  const [kind, name] = target.includes(':') ? target.split(':') : ['plain', target];
  const schema =
    kind === 'list'
      ? { type: 'object', required: ['data', 'meta'], properties: { data: { type: 'array', items: ref(name) }, meta: PAGINATION }, additionalProperties: false }
      : kind === 'data'
        ? dataOf(name)
        : ref(name);
  return { description: 'OK', content: { 'application/json': { schema } } };
};

const pathParameters = (path: string): JsonSchema[] =>
  [...path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

export const buildOpenApi = (strapi: Core.Strapi): Record<string, unknown> => {
  const readable = (uid: string) => PUBLIC_ACTIONS.includes(`${uid}.find`);
  const context: SchemaContext = { strapi, readable, components: new Set() };
  const schemas: Record<string, JsonSchema> = { Media: MEDIA_SCHEMA };
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();

  for (const uid of Object.keys(strapi.contentTypes).filter((u) => u.startsWith('api::') && readable(u)).sort()) {
    schemas[schemaName(uid)] = contentTypeSchema(uid, context);
  }
  for (const component of [...context.components].sort()) schemas[schemaName(component)] = componentSchema(component, context);
  const session = schemas.Session as { properties: Record<string, JsonSchema>; required: string[] };
  const portal = SHAPES.PortalFields as { properties: Record<string, JsonSchema>; required: string[] };
  schemas.PortalSession = {
    ...session,
    description: 'A session with the fields a portal derives (end, seats left, calendar link)',
    properties: { ...session.properties, ...portal.properties },
    required: [...session.required, ...portal.required],
  };
  for (const [name, schema] of Object.entries({ ...SHAPES, ...EXTRA_SHAPES })) if (name !== 'PortalFields') schemas[name] = schema;
  for (const schema of Object.values(schemas)) {
    if (schema.type === 'object' && schema.additionalProperties === undefined && 'documentId' in ((schema.properties as object) ?? {})) schema.additionalProperties = false;
  }

  for (const { action, method, path } of publicRoutes(strapi)) {
    const uid = action.slice(0, action.lastIndexOf('.'));
    const name = action.slice(action.lastIndexOf('.') + 1);
    const operation = GENERATED.has(name) ? generatedOperation(uid, name) : OPERATIONS[action];
    if (operation === undefined) throw new Error(`The public action ${action} has no description in src/developer/operations.ts`);
    const openPath = path.replace(/:([A-Za-z]+)/g, '{$1}');
    operation.tags.forEach((tag) => tags.add(tag));
    paths[openPath] = {
      ...paths[openPath],
      [method]: {
        operationId: camel(`${uid.replace(/^api::[^.]+\./, '')}-${name}`),
        summary: operation.summary,
        ...(operation.description === undefined ? {} : { description: operation.description }),
        tags: operation.tags,
        parameters: [...pathParameters(openPath), ...(GENERATED.has(name) ? (name === 'find' ? GENERATED_PARAMETERS : GENERATED_PARAMETERS.filter((p) => ['fields', 'populate', 'locale'].includes(String(p.name)))) : (operation.parameters ?? []))],
        ...(operation.body === undefined
          ? {}
          : { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.body.schema), example: operation.body.example } } } }),
        responses: Object.fromEntries(Object.entries(operation.responses).map(([status, target]) => [status, responseOf(target)])),
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'GOmunicipal: API pública',
      version: API_VERSION,
      description:
        'The public, anonymous REST API of Dijous GOmunicipal (docs/api.md has the prose and the change policy). Never personal data or meeting links in an answer. Messages in Catalan (default) or Spanish: `?locale=` or Accept-Language.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { schemas, responses: ERROR_RESPONSES },
  };
};
