/** Core service of materials. */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::material.material');
