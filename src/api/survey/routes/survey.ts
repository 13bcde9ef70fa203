/** Core routes of surveys: not for the Public role. */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::survey.survey');
