/**
 * Document Service middleware that owns the rule "a recording's caption files are valid WebVTT":
 * checked on every create and update, refused with the line that is wrong.
 */
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { requestLanguage, type Language } from '../utils/language';
import { parseCaptions, readUpload } from '../site/captions';

const UID = 'api::recording.recording';

/** The file id of a media value as the admin or the Document Service gives it (id, "id", { id }). */
const fileId = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'object' && value !== null && 'id' in value) return fileId((value as { id: unknown }).id);
  return undefined;
};

const MESSAGES = {
  unreadable: {
    ca: 'No s’ha pogut llegir el fitxer de subtítols «{name}».',
    es: 'No se ha podido leer el fichero de subtítulos «{name}».',
  },
  invalid: {
    ca: 'El fitxer de subtítols «{name}» no és WebVTT vàlid: línia {line}{col}: {reason}',
    es: 'El fichero de subtítulos «{name}» no es WebVTT válido: línea {line}{col}: {reason}',
  },
  column: { ca: ', columna ', es: ', columna ' },
} as const;

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/**
 * A recording's caption files (`captions[].file`) must be WebVTT that a real parser accepts: on
 * create and update, each file is read and parsed, and a broken one refuses the save with a
 * ValidationError naming the file, the line (and column) and the parser's reason, in the editor's
 * language (the admin sends its interface language as Accept-Language).
 */
export const checkCaptions =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UID) return next();
    if (context.action !== 'create' && context.action !== 'update') return next();
    const data = (context.params as { data?: { captions?: unknown } }).data;
    if (!Array.isArray(data?.captions)) return next();

    const language: Language = requestLanguage(undefined, strapi.requestContext.get()?.get('accept-language'));
    for (const [index, caption] of (data.captions as { file?: unknown }[]).entries()) {
      const id = fileId(caption?.file);
      if (id === undefined) continue;
      const file = (await strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['id', 'url', 'name'] })) as
        | { id: number; url: string; name: string }
        | null;
      if (file === null) continue;
      let problem: string | undefined;
      let line: number | undefined;
      try {
        const { errors: found } = parseCaptions(await readUpload(strapi, file));
        if (found.length > 0) {
          const first = found[0];
          line = first.line;
          const col = first.col === undefined ? '' : `${MESSAGES.column[language]}${first.col}`;
          problem = fill(MESSAGES.invalid[language], { name: file.name, line: first.line, col, reason: first.message });
        }
      } catch {
        problem = fill(MESSAGES.unreadable[language], { name: file.name });
      }
      if (problem !== undefined) {
        throw new errors.ValidationError(problem, {
          errors: [{ path: ['captions', String(index), 'file'], message: problem, name: 'ValidationError', value: { line } }],
        });
      }
    }
    return next();
  };
