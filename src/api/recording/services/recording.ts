/** Core service of recordings. */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::recording.recording');
