/** The shape of a Strapi documentId (cuid2: lower-case letters and digits): anything else is refused unread. */
export const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

export const isDocumentId = (value: unknown): value is string => typeof value === 'string' && DOCUMENT_ID.test(value);

/** A client-given id as it may appear in a message: cut to the length of a real one. */
export const shownId = (value: unknown): string => String(value).slice(0, 64);
