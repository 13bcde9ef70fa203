/** Core controller of recordings (public reads only). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::recording.recording');
