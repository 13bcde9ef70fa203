/**
 * JSON Schemas (OpenAPI 3.1) of the public content types, generated from their schema.json and
 * components as Strapi's REST API answers them: private attributes are left out, and so are
 * relations to content types the Public role cannot read (the sanitizer drops them too).
 */
import type { Core } from '@strapi/strapi';

export type JsonSchema = Record<string, unknown>;

type Attribute = {
  type: string;
  private?: boolean;
  required?: boolean;
  enum?: string[];
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
};

type Model = { attributes: Record<string, Attribute>; info?: { displayName?: string; description?: string }; options?: { draftAndPublish?: boolean }; pluginOptions?: { i18n?: { localized?: boolean } } };

/** `api::session.session` → `Session`, `shared.speaker` → `SharedSpeaker`: the component's name in the document. */
export const schemaName = (uid: string): string =>
  uid
    .replace(/^api::[^.]+\./, '')
    .split(/[.\-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** An uploaded file as the public API shows it (the upload plugin's own fields). */
export const MEDIA_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'documentId', 'name', 'url', 'mime'],
  properties: {
    id: { type: 'integer' },
    documentId: { type: 'string' },
    name: { type: 'string' },
    alternativeText: { type: ['string', 'null'] },
    caption: { type: ['string', 'null'] },
    width: { type: ['integer', 'null'] },
    height: { type: ['integer', 'null'] },
    formats: { type: ['object', 'null'] },
    hash: { type: 'string' },
    ext: { type: ['string', 'null'] },
    mime: { type: 'string' },
    size: { type: 'number', description: 'KB' },
    url: { type: 'string' },
    previewUrl: { type: ['string', 'null'] },
    provider: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

const scalar = (attribute: Attribute): JsonSchema | undefined => {
  const bounds = (schema: JsonSchema): JsonSchema => ({
    ...schema,
    ...(attribute.maxLength === undefined ? {} : { maxLength: attribute.maxLength }),
    ...(attribute.minLength === undefined ? {} : { minLength: attribute.minLength }),
    ...(attribute.min === undefined ? {} : { minimum: attribute.min }),
    ...(attribute.max === undefined ? {} : { maximum: attribute.max }),
  });
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid':
      return bounds({ type: 'string' });
    case 'enumeration':
      return { type: 'string', enum: attribute.enum ?? [] };
    case 'integer':
    case 'biginteger':
      return bounds({ type: 'integer' });
    case 'decimal':
    case 'float':
      return bounds({ type: 'number' });
    case 'boolean':
      return { type: 'boolean' };
    case 'datetime':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return { type: 'string' };
    case 'json':
      return {};
    case 'blocks':
      return { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } }, description: "Strapi's rich-text blocks" };
    default:
      return undefined;
  }
};

export type SchemaContext = {
  strapi: Core.Strapi;
  /** Content types the Public role can read: relations to others are never in an answer. */
  readable: (uid: string) => boolean;
  /** Components met while converting, to be added to the document. */
  components: Set<string>;
};

const attributeSchema = (name: string, attribute: Attribute, context: SchemaContext): JsonSchema | undefined => {
  if (attribute.private === true) return undefined;
  if (attribute.type === 'relation') {
    if (attribute.target === undefined || !context.readable(attribute.target)) return undefined;
    const target = ref(schemaName(attribute.target));
    const many = attribute.relation?.endsWith('ToMany') === true;
    return { ...(many ? { type: 'array', items: target } : nullable(target)), description: `Only with populate[${name}]` };
  }
  if (attribute.type === 'media') {
    return attribute.multiple === true ? { type: 'array', items: ref('Media') } : nullable(ref('Media'));
  }
  if (attribute.type === 'component' && attribute.component !== undefined) {
    context.components.add(attribute.component);
    const component = ref(schemaName(attribute.component));
    return attribute.repeatable === true ? { type: 'array', items: component } : nullable(component);
  }
  const value = scalar(attribute);
  if (value === undefined) return undefined;
  return attribute.required === true || value.type === undefined ? value : { ...value, type: [value.type, 'null'] };
};

/** The object schema of a model's public attributes; `system` adds what Strapi adds to every document. */
const objectSchema = (model: Model, context: SchemaContext, system: Record<string, JsonSchema>): JsonSchema => {
  const properties: Record<string, JsonSchema> = { ...system };
  for (const [name, attribute] of Object.entries(model.attributes)) {
    const schema = attributeSchema(name, attribute, context);
    if (schema !== undefined) properties[name] = schema;
  }
  // Relations and media appear only when populated; required scalars always do.
  const required = Object.entries(model.attributes)
    .filter(([name, a]) => a.required === true && properties[name] !== undefined && !['relation', 'media', 'component'].includes(a.type))
    .map(([name]) => name);
  return { type: 'object', required: [...Object.keys(system).filter((k) => k !== 'locale'), ...required], properties };
};

export const contentTypeSchema = (uid: string, context: SchemaContext): JsonSchema => {
  const model = context.strapi.getModel(uid as never) as Model;
  const system: Record<string, JsonSchema> = {
    id: { type: 'integer' },
    documentId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    ...(model.options?.draftAndPublish === true ? { publishedAt: { type: 'string', format: 'date-time' } } : {}),
    ...(model.pluginOptions?.i18n?.localized === true ? { locale: { type: 'string', enum: ['ca', 'es'] } } : {}),
  };
  return { ...objectSchema(model, context, system), ...(model.info?.description ? { description: model.info.description } : {}) };
};

export const componentSchema = (uid: string, context: SchemaContext): JsonSchema => {
  const model = context.strapi.getModel(uid as never) as Model;
  return objectSchema(model, context, { id: { type: 'integer' } });
};
