/**
 * A survey submission: `{ answers: [{ question, value }] }` checked against the session's survey,
 * every problem at once as field errors in the respondent's language.
 */
import { FormErrors } from '../../../../utils/form';
import type { Language } from '../../../../utils/language';
import { SCALE, TEXT_MAX, type SurveyQuestion } from '../../../survey/services/survey';

export type AnswerValue = number | string;
export type Answer = { question: string; value: AnswerValue };

const MAX_ANSWERS = 50;

/**
 * Checks a submitted `{ answers: [{ question, value }] }` against the survey's questions: known
 * keys, one answer each, the kind's range or options, every required question answered. All
 * problems at once, each under its question's key, in `language`. Empty optional answers are dropped.
 */
export const parseAnswers = (body: unknown, questions: SurveyQuestion[], language: Language): Answer[] => {
  const form = new FormErrors(language);
  const input = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (input === undefined || !Array.isArray(input.answers)) {
    form.add('answers', {
      ca: 'Cal enviar un objecte JSON amb la llista «answers»: [{ "question": "content", "value": 5 }, …].',
      es: 'Hay que enviar un objeto JSON con la lista «answers»: [{ "question": "content", "value": 5 }, …].',
    });
    form.throwIfAny();
  }
  const fields = input as Record<string, unknown> & { answers: unknown[] };
  for (const field of Object.keys(fields)) {
    if (field !== 'answers') form.add(field, { ca: `Camp desconegut «${field.slice(0, 40)}».`, es: `Campo desconocido «${field.slice(0, 40)}».` });
  }
  if (fields.answers.length > MAX_ANSWERS) {
    form.add('answers', { ca: `Massa respostes: com a màxim ${MAX_ANSWERS}.`, es: `Demasiadas respuestas: como máximo ${MAX_ANSWERS}.` });
    form.throwIfAny();
  }

  const byKey = new Map(questions.map((q) => [q.key, q]));
  const answers: Answer[] = [];
  const seen = new Set<string>();
  for (const raw of fields.answers) {
    const entry = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
    const extra = entry === undefined ? [] : Object.keys(entry).filter((k) => k !== 'question' && k !== 'value');
    if (entry === undefined || typeof entry.question !== 'string' || extra.length > 0) {
      form.add('answers', {
        ca: 'Cada resposta ha de ser un objecte amb només «question» i «value».',
        es: 'Cada respuesta debe ser un objeto con solo «question» y «value».',
      });
      continue;
    }
    const key = entry.question.slice(0, 40);
    const question = byKey.get(entry.question);
    if (question === undefined) {
      form.add(key, { ca: `L’enquesta no té cap pregunta «${key}».`, es: `La encuesta no tiene ninguna pregunta «${key}».` });
      continue;
    }
    if (seen.has(key)) {
      form.add(key, { ca: `La pregunta «${key}» té més d’una resposta.`, es: `La pregunta «${key}» tiene más de una respuesta.` });
      continue;
    }
    seen.add(key);
    const label = { ca: question.labelCa, es: question.labelEs };
    const value = entry.value;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (question.kind === 'scale') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < SCALE[0] || value > SCALE[SCALE.length - 1]) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser un nombre enter de l’1 al 5.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser un número entero del 1 al 5.`,
        });
        continue;
      }
      answers.push({ question: key, value });
    } else if (question.kind === 'choice') {
      const options = (question.options ?? []).map((o) => o.value);
      if (typeof value !== 'string' || !options.includes(value)) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser una d’aquestes: ${options.join(', ')}.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser una de estas: ${options.join(', ')}.`,
        });
        continue;
      }
      answers.push({ question: key, value });
    } else {
      const text = typeof value === 'string' ? value.trim().normalize('NFC') : undefined;
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (text === undefined || text.length > TEXT_MAX || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser un text de com a màxim ${TEXT_MAX} caràcters.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser un texto de como máximo ${TEXT_MAX} caracteres.`,
        });
        continue;
      }
      answers.push({ question: key, value: text });
    }
  }
  for (const q of questions) {
    const required = q.kind === 'text' ? q.required === true : q.required !== false;
    if (required && !answers.some((a) => a.question === q.key) && !form.has(q.key)) {
      form.add(q.key, { ca: `Falta la resposta a «${q.labelCa}» (${q.key}).`, es: `Falta la respuesta a «${q.labelEs}» (${q.key}).` });
    }
  }
  form.throwIfAny();
  return answers;
};
