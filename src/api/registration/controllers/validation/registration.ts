/**
 * The registration form: a request body in, a typed RegistrationInput out, or every problem at once
 * as field errors in the request's language (the shape of users-permissions' controllers/validation/).
 */
import { localized } from '../../../../messages';
import { emailField, startForm, textField } from '../../../../utils/form';
import { ineCodeProblem } from '../../../../utils/ine';
import { isLanguage, type Language } from '../../../../utils/language';

export type RegistrationInput = {
  fullName: string;
  email: string;
  localEntityIne?: string;
  localEntityName?: string;
  jobTitle?: string;
  consentVersion: string;
  language: Language;
};

const FIELDS = ['fullName', 'email', 'localEntity', 'jobTitle', 'consent', 'consentVersion', 'language', 'website'] as const;

/** Checks and normalises a registration form; all problems at once, in `language`. */
export const parseRegistration = (body: unknown, language: Language, defaultConsentVersion: string): RegistrationInput => {
  const { input, form } = startForm(body, language, FIELDS, {
    ca: 'Cal acceptar el tractament de les dades personals per inscriure-us.',
    es: 'Hay que aceptar el tratamiento de los datos personales para inscribirse.',
  });
  const fullName = textField(form, input, 'fullName', { ca: 'el nom i cognoms', es: 'el nombre y apellidos' }, { required: true, min: 2, max: 150 });
  const email = emailField(form, input);
  const entity = textField(form, input, 'localEntity', { ca: "l'ens local", es: 'el ente local' }, { required: true, min: 2, max: 200 });
  let localEntityIne: string | undefined;
  let localEntityName: string | undefined;
  if (entity !== undefined && /^\d+$/.test(entity)) {
    if (ineCodeProblem(entity) !== undefined) {
      form.add('localEntity', localized('localEntity.invalidIne', { ine: entity }));
    } else {
      localEntityIne = entity;
    }
  } else {
    localEntityName = entity;
  }
  const jobTitle = textField(form, input, 'jobTitle', { ca: 'el càrrec', es: 'el cargo' }, { required: false, max: 150 });
  const consentVersion =
    textField(form, input, 'consentVersion', { ca: 'la versió del text de privacitat', es: 'la versión del texto de privacidad' }, { required: false, max: 50 }) ??
    defaultConsentVersion;
  form.throwIfAny();
  return {
    fullName: fullName as string,
    email: email as string,
    localEntityIne,
    localEntityName,
    jobTitle,
    consentVersion,
    language: isLanguage(input.language) ? input.language : language,
  };
};
