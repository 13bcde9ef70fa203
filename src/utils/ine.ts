/**
 * INE municipality codes: two digits of province, three of municipality, one check digit.
 * The check digit rule is INE's: each of the five digits is mapped through one of three
 * tables (by position), the results are summed, and the digit completes the sum to a multiple of ten.
 */
const TABLES: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [0, 3, 8, 2, 7, 4, 1, 5, 9, 6],
  [0, 2, 4, 6, 8, 1, 3, 5, 7, 9],
];
const TABLE_BY_POSITION = [2, 1, 0, 2, 1];

export const ineCheckDigit = (fiveDigits: string): number => {
  if (!/^[0-9]{5}$/.test(fiveDigits)) {
    throw new RangeError(`An INE municipality code has five digits before its check digit; got "${fiveDigits}".`);
  }
  const sum = [...fiveDigits].reduce(
    (acc, digit, position) => acc + TABLES[TABLE_BY_POSITION[position]][Number(digit)],
    0
  );
  return (10 - (sum % 10)) % 10;
};

export type IneCodeProblem = 'format' | 'checkDigit';

/** Returns undefined for a valid six-digit code, or what is wrong with it. */
export const ineCodeProblem = (code: string): IneCodeProblem | undefined => {
  if (!/^[0-9]{6}$/.test(code)) return 'format';
  return ineCheckDigit(code.slice(0, 5)) === Number(code[5]) ? undefined : 'checkDigit';
};

/**
 * INE lists names with the article after a comma ("Brull, El", "Hospitalet de Llobregat, L'").
 * In running Catalan text the article comes first and in lower case: "el Brull", "l'Hospitalet de Llobregat".
 */
export const naturalCatalanName = (ineName: string): string => {
  const match = /^(.*), (El|La|Els|Les|L')$/.exec(ineName.trim());
  if (match === null) return ineName.trim();
  const [, rest, article] = match;
  const lower = article.toLowerCase();
  return lower === "l'" ? `l'${rest}` : `${lower} ${rest}`;
};
