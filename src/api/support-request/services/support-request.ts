/**
 * On-demand support requests: an eligible entity's request stored with the eligibility answer it
 * was accepted on, acknowledged to the requester and told to staff (through the outbox, in the same
 * transaction); an ineligible one refused with the reason. The form is checked in
 * controllers/validation/support-request.ts.
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import type { SupportRequestInput } from '../controllers/validation/support-request';

const UID = 'api::support-request.support-request';

const supportRequests = (strapi: Core.Strapi) => ({
  /**
   * Stores a support request of an eligible entity, with the eligibility answer it was accepted on,
   * and emails staff and the requester (through the outbox, in the same transaction). An ineligible
   * entity is refused with the reason and what to do; nothing is stored.
   */
  async submit(input: SupportRequestInput): Promise<{ status: 'pending'; reason: string }> {
    const language = input.language;
    // An unknown entity is a 404 here (it was one before the lookup had one home).
    const entity = await service(strapi, 'api::local-entity.local-entity').byIneCode(input.ineCode, language);
    const eligibility = await service(strapi, 'api::local-entity.eligibility').forEntity(entity);
    if (!eligibility.eligible) {
      // A PolicyError: a 403 whose message Strapi lets through (a plain ForbiddenError becomes "Forbidden").
      throw new errors.PolicyError(eligibility.reason[language], { code: 'NOT_ELIGIBLE', eligibility });
    }
    const outbox = service(strapi, 'api::outbox-message.outbox-message');
    await strapi.db.transaction(async () => {
      const created = await strapi.documents(UID).create({
        data: {
          localEntity: entity.documentId,
          requesterName: input.requesterName,
          email: input.email,
          topic: input.topic,
          description: input.description,
          preferredDates: input.preferredDates,
          requestStatus: 'pending',
          eligibilitySnapshot: { ...eligibility, checkedAt: new Date().toISOString() },
          language,
        },
      });
      const view = {
        fullName: input.requesterName,
        email: input.email,
        entity: entity.name,
        ineCode: entity.ineCode,
        topic: input.topic,
        description: input.description,
        preferredDates: input.preferredDates,
        eligibility: eligibility.reason.ca,
        adminUrl: `${publicUrl(strapi)}/admin/content-manager/collection-types/${UID}/${created.documentId}`,
      };
      await outbox.enqueueEmail('support-acknowledgement', input.email, language, view);
      const staff = strapi.config.get('support-requests.staffEmail', '') as string;
      if (staff !== '') await outbox.enqueueEmail('support-staff', staff, 'ca', view);
    });
    return { status: 'pending', reason: eligibility.reason[language] };
  },
});

export type SupportRequestService = ReturnType<typeof supportRequests>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => supportRequests(strapi));
