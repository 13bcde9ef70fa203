/** Core controller of outbox messages (editors read them in the admin). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::outbox-message.outbox-message');
