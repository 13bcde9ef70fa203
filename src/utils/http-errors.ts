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

/** Runs a controller action and answers a ConflictError as 409 in Strapi's error format. */
export const answerConflict = async <T>(ctx: Context, action: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    ctx.status = 409;
    ctx.body = { data: null, error: { status: 409, name: error.name, message: error.message, details: error.details } };
    return undefined;
  }
};
