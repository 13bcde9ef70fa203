/**
 * GraphQL for portals: upcomingSessions and pastSessions, the derived Session fields, and
 * relations answered from what the lists prefetched.
 */
import type { Core, UID } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import {
  portalFields,
  type PortalColumns,
  type PortalListArgs,
  type PortalListKind,
  type PortalParts,
  type SessionCore,
} from '../../api/session/services/session';
import { sessionPageUrl } from '../../site/urls';
import { isLanguage } from '../../utils/language';
import { graphqlLanguage, type GraphqlContext } from './context';
import { parsePortalArgs } from '../../utils/portal-args';
import { publicUrl } from '../../utils/public-url';
import { service } from '../../utils/services';

type Context = GraphqlContext;
type ListRequest = { kind: PortalListKind; args: PortalListArgs };

/** One DataLoader per GraphQL request (its context): what the request's resolvers ask for together, loaded together. */
const perRequest = <K, V>(batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V>) => {
  const loaders = new WeakMap<object, DataLoader<K, V>>();
  return (context: object): DataLoader<K, V> => {
    let loader = loaders.get(context);
    if (loader === undefined) {
      loader = new DataLoader(batch, options);
      loaders.set(context, loader);
    }
    return loader;
  };
};
type Args = Record<string, unknown>;
type Parent = SessionCore & Record<string, unknown>;
type Next = (parent: unknown, args: Args, context: Context, info: unknown) => unknown;

const typeDefs = /* GraphQL */ `
  extend type Session {
    "When the session ends: startsAt plus durationMinutes."
    endsAt: DateTime!
    "Whether the session has not started yet."
    isUpcoming: Boolean!
    "Absolute URL of the session's iCalendar (.ics) file."
    calendarUrl: String!
    "Absolute URL of the session's public page in its language (SESSION_PAGE_URL; by default /ca/sessions/<slug> on this site)."
    pageUrl: String!
    "Seats left before registrations go to the waiting list; null when capacity is unlimited."
    seatsLeft: Int
    "Whether people can register now (possibly on the waiting list)."
    registrationAvailable: Boolean!
  }

  extend type Query {
    "Published sessions that have not started and are not cancelled, soonest first."
    upcomingSessions(limit: Int = 5, locale: I18NLocaleCode): [Session!]!
    "Published sessions that have started (not cancelled), newest first; optionally of one year (Madrid time)."
    pastSessions(limit: Int = 12, year: Int, locale: I18NLocaleCode): [Session!]!
  }
`;

/** A relation, media or component that the portal queries loaded with the session: answer from it. */
const prefetched =
  (field: string) => (next: Next, parent: Record<string, unknown>, args: Args, context: Context, info: unknown) => {
    const empty = (value: unknown) =>
      value === undefined || (Array.isArray(value) ? value.length === 0 : Object.keys(value ?? {}).length === 0);
    const plain = empty(args.filters) && empty(args.sort) && empty(args.pagination);
    if (plain && parent !== null && Object.prototype.hasOwnProperty.call(parent, field)) return parent[field];
    return next(parent, args, context, info);
  };

const PREFETCHED = {
  Session: ['speakers', 'catalogResources', 'materials', 'recordings'],
  Material: ['file'],
  Recording: ['file', 'chapters'],
} as const;

/** The fields selected under some selection sets, by name, with their own selection sets (fragments followed). */
const selected = (sets: readonly (SelectionSetNode | undefined)[], info: GraphQLResolveInfo): Map<string, SelectionSetNode[]> => {
  const fields = new Map<string, SelectionSetNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const children = fields.get(selection.name.value) ?? [];
        if (selection.selectionSet !== undefined) children.push(selection.selectionSet);
        fields.set(selection.name.value, children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
};

/** Session fields this extension derives from a session's columns: never columns themselves. */
const SESSION_DERIVED = ['endsAt', 'isUpcoming', 'calendarUrl', 'pageUrl', 'seatsLeft', 'registrationAvailable'];
/** What the derived fields and the relations read of a session, selected or not (a relation asked with arguments is Strapi's to resolve, by the session's id). */
const SESSION_INPUTS = ['id', 'documentId', 'startsAt', 'durationMinutes', 'eventStatus', 'registrationOpen', 'capacity', 'slug', 'locale'];

/**
 * What a portal list must read, from one walk of the query's selection: the relations it selects
 * (the others are never read) and, level by level, the columns (see `columnsFor`). Reading every
 * column of every row cost parsing and converting dates and texts nobody asked for.
 */
export const requested = (strapi: Core.Strapi, info: GraphQLResolveInfo): { parts: PortalParts; select?: string[]; columns: PortalColumns } => {
  type Fields = Map<string, SelectionSetNode[]>;
  const attributesOf = (uid: string) => (strapi.db.metadata.get(uid as UID.Schema) as { attributes: Record<string, { type: string; target?: string }> }).attributes;
  const targetOf = (uid: string, field: string) => attributesOf(uid)[field]?.target as string;
  const under = (fields: Fields, field: string) => selected(fields.get(field) ?? [], info);
  /**
   * The selected columns of one level (and its documentId, where it has one), or undefined (every
   * column) when the selection holds anything but columns and the fields `handled` here: another
   * extension's field or a relation resolved on its own may read any column.
   */
  const columnsFor = (uid: string, fields: Fields, handled: readonly string[] = [], always: readonly string[] = []): string[] | undefined => {
    const attributes = attributesOf(uid);
    const names = new Set([...always, ...(attributes.documentId === undefined ? [] : ['documentId'])]);
    for (const name of fields.keys()) {
      if (name === '__typename' || handled.includes(name)) continue;
      if (attributes[name] === undefined || attributes[name].type === 'relation') return undefined;
      names.add(name);
    }
    return [...names];
  };
  const SESSION = 'api::session.session';
  const session = selected(info.fieldNodes.map((node) => node.selectionSet), info);
  const materials = under(session, 'materials');
  const recordings = under(session, 'recordings');
  const material = targetOf(SESSION, 'materials');
  const recording = targetOf(SESSION, 'recordings');
  return {
    parts: {
      speakers: session.has('speakers'),
      catalogResources: session.has('catalogResources'),
      materials: session.has('materials') && { file: materials.has('file') },
      recordings: session.has('recordings') && { file: recordings.has('file'), chapters: recordings.has('chapters') },
    },
    select: columnsFor(SESSION, session, [...PREFETCHED.Session, ...SESSION_DERIVED], SESSION_INPUTS),
    columns: {
      speakers: columnsFor(targetOf(SESSION, 'speakers'), under(session, 'speakers')),
      catalogResources: columnsFor(targetOf(SESSION, 'catalogResources'), under(session, 'catalogResources')),
      materials: columnsFor(material, materials, PREFETCHED.Material),
      'materials.file': columnsFor(targetOf(material, 'file'), under(materials, 'file')),
      recordings: columnsFor(recording, recordings, PREFETCHED.Recording),
      'recordings.file': columnsFor(targetOf(recording, 'file'), under(recordings, 'file')),
      'recordings.chapters': columnsFor(targetOf(recording, 'chapters'), under(recordings, 'chapters')),
    },
  };
};

export const portalExtension = (strapi: Core.Strapi) => () => {
  const sessions = () => service(strapi, 'api::session.session');

  // Seat counts for the sessions of one GraphQL request, loaded together.
  const seatLoader = perRequest(async (ids: readonly string[]) => {
    const counts = await service(strapi, 'api::registration.seats').confirmedShown(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });
  // The lists of one GraphQL request (the portal's page asks for both), read in one batch.
  const listLoader = perRequest((requests: readonly ListRequest[]) => sessions().lists(requests), { cache: false });

  const derived = (parent: Parent) => parent as Parent & Partial<ReturnType<typeof portalFields>>;
  const computed = (parent: Parent) => portalFields(parent, 0, publicUrl(strapi));

  const list = (kind: PortalListKind, defaultLimit: number) => async (_parent: unknown, args: Args, context: Context, info: GraphQLResolveInfo) => {
    const language = graphqlLanguage(context, args.locale);
    const parsed = { ...parsePortalArgs(args, defaultLimit, language), ...requested(strapi, info) };
    // Derived fields resolve from the session itself; seatsLeft only when asked for (one grouped count per request).
    return listLoader(context).load({ kind, args: parsed });
  };

  return {
    typeDefs,
    resolvers: {
      Query: {
        upcomingSessions: { resolve: list('upcoming', 5) },
        pastSessions: { resolve: list('past', 12) },
      },
      Session: {
        endsAt: (parent: Parent) => derived(parent).endsAt ?? computed(parent).endsAt,
        isUpcoming: (parent: Parent) => derived(parent).isUpcoming ?? computed(parent).isUpcoming,
        calendarUrl: (parent: Parent) => derived(parent).calendarUrl ?? computed(parent).calendarUrl,
        pageUrl: (parent: Parent) =>
          sessionPageUrl(
            strapi.config.get('portal.sessionPageUrl', '') as string,
            publicUrl(strapi),
            { documentId: parent.documentId, slug: typeof parent.slug === 'string' ? parent.slug : '' },
            isLanguage(parent.locale) ? parent.locale : 'ca'
          ),
        registrationAvailable: (parent: Parent) =>
          derived(parent).registrationAvailable ?? computed(parent).registrationAvailable,
        seatsLeft: async (parent: Parent, _args: Args, context: object) => {
          if (derived(parent).seatsLeft !== undefined) return derived(parent).seatsLeft;
          if (parent.capacity === null || parent.capacity === undefined) return null;
          return portalFields(parent, await seatLoader(context).load(parent.documentId), publicUrl(strapi)).seatsLeft;
        },
      },
    },
    resolversConfig: {
      'Query.upcomingSessions': { auth: { scope: ['api::session.session.upcoming'] } },
      'Query.pastSessions': { auth: { scope: ['api::session.session.past'] } },
      ...Object.fromEntries(
        Object.entries(PREFETCHED).flatMap(([type, fields]) =>
          fields.map((field) => [`${type}.${field}`, { middlewares: [prefetched(field)] }])
        )
      ),
    },
  };
};
