/** The date range of a results request (`from`, `to`: YYYY-MM-DD, Madrid days): checked, or a 400 naming the parameter. */
import { errors } from '@strapi/utils';
import { t } from '../../../../messages';
import type { Language } from '../../../../utils/language';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (value: string) => {
  const m = DATE.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** Checks `from`/`to` query values; a 400 naming the parameter, in `language`. */
export const parseRange = (from: unknown, to: unknown, language: Language): { from?: string; to?: string } => {
  const check = (name: string, value: unknown) => {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !isDate(value)) {
      throw new errors.ValidationError(t(language, 'range.notADate', { name }), { param: name });
    }
    return value;
  };
  const range = { from: check('from', from), to: check('to', to) };
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new errors.ValidationError(t(language, 'range.reversed'), { param: 'from' });
  }
  return range;
};
