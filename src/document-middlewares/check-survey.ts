/** Document middleware: a survey question with answers keeps its kind; one default survey. */
import type { Modules } from '@strapi/strapi';
import type { SurveyQuestion } from '../api/survey/services/survey';
import { service } from '../utils/services';

const UID = 'api::survey.survey';

/**
 * Surveys are checked before they are written, from the admin or anywhere else: a question that
 * already has answers keeps its kind, keys are unique, choices have options, and one survey is
 * the default (SurveyService).
 */
export const checkSurvey: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID) return next();
  if (context.action !== 'create' && context.action !== 'update') {
    const result = await next();
    if (context.action === 'delete') service(strapi, UID).forget();
    return result;
  }
  const params = context.params as { documentId?: string; data?: { questions?: SurveyQuestion[]; isDefault?: boolean } };
  const surveys = service(strapi, UID);
  await surveys.checkQuestions(params.data?.questions);
  if (params.data?.isDefault === true) await surveys.checkSingleDefault(params.documentId);
  const result = await next();
  surveys.forget();
  return result;
};
