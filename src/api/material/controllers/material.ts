/** Core controller of materials (public reads only). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::material.material');
