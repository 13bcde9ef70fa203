/** The topic proposal form: a request body in, a typed ProposalInput out, or every problem at once as field errors. */
import { localized } from '../../../../messages';
import { emailField, startForm, textField } from '../../../../utils/form';
import { ineCodeProblem } from '../../../../utils/ine';
import { isLanguage, type Language } from '../../../../utils/language';

const FIELDS = ['title', 'description', 'name', 'email', 'localEntity', 'consent', 'consentVersion', 'language', 'website'] as const;

export type ProposalInput = {
  title: string;
  description?: string;
  name?: string;
  email: string;
  ineCode?: string;
  consentVersion: string;
  language: Language;
};

/** Checks a proposal form; every problem at once, in `language`. */
export const parseProposal = (body: unknown, language: Language, defaultConsentVersion: string): ProposalInput => {
  const { input, form } = startForm(body, language, FIELDS, {
    ca: 'Cal acceptar el tractament de les dades per enviar la proposta.',
    es: 'Hay que aceptar el tratamiento de los datos para enviar la propuesta.',
  });
  const title = textField(form, input, 'title', { ca: 'el títol', es: 'el título' }, { required: true, min: 5, max: 150 });
  const description = textField(form, input, 'description', { ca: 'la descripció', es: 'la descripción' }, { required: false, max: 5000 });
  const name = textField(form, input, 'name', { ca: 'el nom', es: 'el nombre' }, { required: false, max: 150 });
  const email = emailField(form, input);
  const ineCode = textField(form, input, 'localEntity', { ca: "el codi INE de l'ens", es: 'el código INE del ente' }, { required: false, max: 6 });
  if (ineCode !== undefined && ineCodeProblem(ineCode) !== undefined) {
    form.add('localEntity', localized('localEntity.invalidIne', { ine: ineCode }));
  }
  const consentVersion =
    textField(form, input, 'consentVersion', { ca: 'la versió del text de privacitat', es: 'la versión del texto de privacidad' }, { required: false, max: 50 }) ??
    defaultConsentVersion;
  form.throwIfAny();
  return {
    title: title as string,
    description,
    name,
    email: email as string,
    ineCode,
    consentVersion,
    language: isLanguage(input.language) ? input.language : language,
  };
};
