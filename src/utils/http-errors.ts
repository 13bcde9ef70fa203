/**
 * Errors Strapi has no class for: 409 (a state that refuses the request) and 410 (a link that no
 * longer works).
 */
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

/**
 * The request is well-formed but the resource's state refuses it (a cancelled session, closed
 * registration). An ApplicationError, so GraphQL shows its message; REST answers it as 409 through
 * `answerConflict` (Strapi would make any ApplicationError a 400).
 */
export class ConflictError extends errors.ApplicationError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    // Strapi types `name` as the literal of each class; this one reports itself by its own name.
    Object.defineProperty(this, 'name', { value: 'ConflictError' });
  }
}

/** A private link that worked once and no longer does (an expired survey link): 410 in REST. */
export class GoneError extends errors.ApplicationError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    Object.defineProperty(this, 'name', { value: 'GoneError' });
  }
}

/** Runs a controller action and answers a ConflictError as 409, a GoneError as 410, in Strapi's error format. */
export const answerConflict = async <T>(ctx: Context, action: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await action();
  } catch (error) {
    const status = error instanceof ConflictError ? 409 : error instanceof GoneError ? 410 : undefined;
    if (status === undefined || !(error instanceof errors.ApplicationError)) throw error;
    ctx.status = status;
    ctx.body = { data: null, error: { status, name: error.name, message: error.message, details: error.details } };
    return undefined;
  }
};
