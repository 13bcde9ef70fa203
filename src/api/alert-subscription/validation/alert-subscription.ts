/** The alerts form: a request body in, a typed AlertSubscriptionInput out, or every problem at once as field errors. */
import { emailField, startForm } from '../../../utils/form';
import { isLanguage, type Language } from '../../../utils/language';
import type { AlertSubscriptionInput } from '../services/alerts';

const FIELDS = ['email', 'language', 'consent', 'website'] as const;

/** Checks an alerts subscription; every problem at once, in `language` (the page's). */
export const parseAlertSubscription = (body: unknown, language: Language, consentVersion: string): AlertSubscriptionInput => {
  const { input, form } = startForm(body, language, FIELDS, {
    ca: "Cal acceptar que desem l'adreça per enviar-vos els avisos.",
    es: 'Hay que aceptar que guardemos la dirección para enviaros los avisos.',
  });
  const email = emailField(form, input);
  form.throwIfAny();
  return { email: email as string, language: isLanguage(input.language) ? input.language : language, consentVersion };
};
