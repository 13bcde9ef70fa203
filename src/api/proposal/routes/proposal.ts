/** Core routes of proposals: not for the Public role (the public ones are 01-custom-proposal.ts). */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::proposal.proposal');
