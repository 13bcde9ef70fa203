import type { Modules } from '@strapi/strapi';
import type { SurveyQuestion, SurveyService } from '../api/survey/services/survey';

const UID = 'api::survey.survey';

/**
 * Surveys are checked before they are written, from the admin or anywhere else: a question that
 * already has answers keeps its kind, keys are unique, choices have options (SurveyService).
 */
export const checkSurvey: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID || (context.action !== 'create' && context.action !== 'update')) return next();
  const data = (context.params as { data?: { questions?: SurveyQuestion[] } }).data;
  await (strapi.service(UID) as unknown as SurveyService).checkQuestions(data?.questions);
  return next();
};
