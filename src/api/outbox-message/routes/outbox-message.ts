/** Core routes of outbox messages: not for the Public role. */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::outbox-message.outbox-message');
