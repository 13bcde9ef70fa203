/** Document middleware: a local entity's INE code is checked (six digits, the last a check digit). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ineCodeProblem } from '../utils/ine';

const UID = 'api::local-entity.local-entity';

/** A local entity's INE code, when given, must be six digits whose last one is INE's check digit. */
export const validateIneCode: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID) return next();
  if (context.action !== 'create' && context.action !== 'update') return next();

  const data = (context.params as { data?: { ineCode?: unknown } }).data;
  const ineCode = data?.ineCode;
  if (ineCode === undefined || ineCode === null || ineCode === '') return next();

  const problem = typeof ineCode === 'string' ? ineCodeProblem(ineCode) : 'format';
  if (problem !== undefined) {
    const message =
      problem === 'format'
        ? 'ineCode must be six digits (province, municipality and check digit), e.g. 080193'
        : `ineCode ${String(ineCode)} has a wrong check digit`;
    throw new errors.ValidationError(message, {
      errors: [{ path: ['ineCode'], message, name: 'ValidationError' }],
    });
  }
  return next();
};
