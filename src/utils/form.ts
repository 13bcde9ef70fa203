/**
 * Form checking shared by the public forms: field errors collected in the request's language and
 * thrown together.
 */
import { errors } from '@strapi/utils';
import { t } from '../messages';
import { isLanguage, type Language, type Localized } from './language';

export type FieldError = { path: string[]; message: string; name: 'ValidationError' };

/**
 * Collects the problems of a submitted form, each with its field and a message in the request's
 * language, and throws them together as one 400: the first message on top, all of them in
 * `details.errors` (Strapi's shape), so a form can show each next to its field.
 */
export class FormErrors {
  private readonly list: FieldError[] = [];

  constructor(private readonly language: Language) {}

  add(field: string, message: Localized): void {
    this.list.push({ path: [field], message: message[this.language], name: 'ValidationError' });
  }

  has(field: string): boolean {
    return this.list.some((e) => e.path[0] === field);
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const summary =
      this.list.length === 1
        ? this.list[0].message
        : t(this.language, 'form.moreErrors', { first: this.list[0].message, n: this.list.length - 1 });
    throw new errors.ValidationError(summary, { errors: this.list });
  }
}

const EMAIL = /^[^\s@"<>(),;:\\]+@[^\s@"<>(),;:\\]+\.[A-Za-z]{2,}$/;

export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

/** A plain-text field: a string, trimmed, without control characters, within bounds. */
export const textField = (
  form: FormErrors,
  input: Record<string, unknown>,
  field: string,
  label: Localized,
  { required, min = 1, max }: { required: boolean; min?: number; max: number }
): string | undefined => {
  const raw = input[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (required) form.add(field, { ca: `Cal indicar ${label.ca}.`, es: `Hay que indicar ${label.es}.` });
    return undefined;
  }
  if (typeof raw !== 'string') {
    form.add(field, { ca: `${capital(label.ca)} ha de ser un text.`, es: `${capital(label.es)} debe ser un texto.` });
    return undefined;
  }
  const value = raw.trim().normalize('NFC');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) {
    form.add(field, { ca: `${capital(label.ca)} conté caràcters no vàlids.`, es: `${capital(label.es)} contiene caracteres no válidos.` });
    return undefined;
  }
  if (value.length < min || value.length > max) {
    form.add(field, {
      ca: `${capital(label.ca)} ha de tenir entre ${min} i ${max} caràcters.`,
      es: `${capital(label.es)} debe tener entre ${min} y ${max} caracteres.`,
    });
    return undefined;
  }
  return value;
};

/** Refuses any field not in `allowed`, so that typos and injected fields do not pass silently. */
export const unknownFields = (form: FormErrors, input: Record<string, unknown>, allowed: readonly string[]): void => {
  for (const field of Object.keys(input)) {
    if (!allowed.includes(field)) {
      const shown = field.slice(0, 40);
      form.add(field, { ca: `Camp desconegut «${shown}».`, es: `Campo desconocido «${shown}».` });
    }
  }
};

/** The request body as an object, or a 400 saying it is not one. */
export const bodyObject = (body: unknown, language: Language): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const message = {
      ca: "El cos de la petició ha de ser un objecte JSON.",
      es: 'El cuerpo de la petición debe ser un objeto JSON.',
    };
    throw new errors.ValidationError(message[language]);
  }
  return body as Record<string, unknown>;
};

/**
 * What every public form shares: the hidden honeypot field (people never see it, bots fill it in),
 * the required consent, and the language of the emails.
 */
export const commonFields = (form: FormErrors, input: Record<string, unknown>, consent: Localized): void => {
  if (input.website !== undefined && input.website !== null && input.website !== '') {
    form.add('website', { ca: "No s'ha pogut acceptar el formulari.", es: 'No se ha podido aceptar el formulario.' });
  }
  if (input.consent !== true) form.add('consent', consent);
  if (input.language !== undefined && !isLanguage(input.language)) {
    form.add('language', { ca: "L'idioma ha de ser ca o es.", es: 'El idioma debe ser ca o es.' });
  }
};

/**
 * The start of every public form: the body as an object, unknown fields refused, the honeypot,
 * consent (`consent`: why it is needed) and language checked; then the caller adds its own fields
 * to `form` and calls `form.throwIfAny()`.
 */
export const startForm = (body: unknown, language: Language, allowed: readonly string[], consent: Localized) => {
  const input = bodyObject(body, language);
  const form = new FormErrors(language);
  unknownFields(form, input, allowed);
  commonFields(form, input, consent);
  return { input, form };
};

/** A required email address, in lower case. */
export const emailField = (form: FormErrors, input: Record<string, unknown>): string | undefined => {
  const email = textField(form, input, 'email', { ca: 'el correu electrònic', es: 'el correo electrónico' }, { required: true, max: 254 });
  if (email !== undefined && !isEmail(email)) {
    form.add('email', { ca: 'El correu electrònic no té un format vàlid.', es: 'El correo electrónico no tiene un formato válido.' });
    return undefined;
  }
  return email?.toLowerCase();
};

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
