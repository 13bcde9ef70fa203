/** Core controller of surveys (editors edit them in the admin). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::survey.survey');
