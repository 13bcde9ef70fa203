/** The on-demand support form: a request body in, a typed SupportRequestInput out, or every problem at once as field errors. */
import { localized } from '../../../../messages';
import { emailField, startForm, textField } from '../../../../utils/form';
import { ineCodeProblem } from '../../../../utils/ine';
import { isLanguage, type Language } from '../../../../utils/language';

const FIELDS = ['localEntity', 'requesterName', 'email', 'topic', 'description', 'preferredDates', 'consent', 'language', 'website'] as const;

export type SupportRequestInput = {
  ineCode: string;
  requesterName: string;
  email: string;
  topic: string;
  description?: string;
  preferredDates?: string;
  language: Language;
};

/** Checks a support request form; every problem at once, in `language`. */
export const parseSupportRequest = (body: unknown, language: Language): SupportRequestInput => {
  const { input, form } = startForm(body, language, FIELDS, {
    ca: 'Cal acceptar el tractament de les dades personals per enviar la petició.',
    es: 'Hay que aceptar el tratamiento de los datos personales para enviar la petición.',
  });
  const ineCode = textField(form, input, 'localEntity', { ca: "el codi INE de l'ens local", es: 'el código INE del ente local' }, { required: true, max: 6 });
  if (ineCode !== undefined && ineCodeProblem(ineCode) !== undefined) {
    form.add('localEntity', localized('localEntity.invalidIne', { ine: ineCode }));
  }
  const requesterName = textField(form, input, 'requesterName', { ca: 'el nom de la persona de contacte', es: 'el nombre de la persona de contacto' }, { required: true, min: 2, max: 150 });
  const email = emailField(form, input);
  const topic = textField(form, input, 'topic', { ca: 'el tema', es: 'el tema' }, { required: true, min: 5, max: 200 });
  const description = textField(form, input, 'description', { ca: 'la descripció', es: 'la descripción' }, { required: false, max: 5000 });
  const preferredDates = textField(form, input, 'preferredDates', { ca: 'les dates preferides', es: 'las fechas preferidas' }, { required: false, max: 1000 });
  form.throwIfAny();
  return {
    ineCode: ineCode as string,
    requesterName: requesterName as string,
    email: email as string,
    topic: topic as string,
    description,
    preferredDates,
    language: isLanguage(input.language) ? input.language : language,
  };
};
