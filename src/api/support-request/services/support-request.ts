import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bodyObject, commonFields, emailField, FormErrors, textField, unknownFields } from '../../../utils/form';
import { ineCodeProblem } from '../../../utils/ine';
import { isLanguage, type Language } from '../../../utils/language';
import type { EligibilityService } from '../../local-entity/services/eligibility';
import type { OutboxService } from '../../outbox-message/services/outbox-message';

const UID = 'api::support-request.support-request';
const FIELDS = ['localEntity', 'requesterName', 'email', 'topic', 'description', 'preferredDates', 'consent', 'language', 'website'] as const;

export type SupportRequestInput = {
  ineCode: string;
  requesterName: string;
  email: string;
  topic: string;
  description?: string;
  preferredDates?: string;
  language: Language;
};

/** Checks a support request form; every problem at once, in `language`. */
export const parseSupportRequest = (body: unknown, language: Language): SupportRequestInput => {
  const input = bodyObject(body, language);
  const form = new FormErrors(language);
  unknownFields(form, input, FIELDS);
  commonFields(form, input, {
    ca: 'Cal acceptar el tractament de les dades personals per enviar la petició.',
    es: 'Hay que aceptar el tratamiento de los datos personales para enviar la petición.',
  });
  const ineCode = textField(form, input, 'localEntity', { ca: "el codi INE de l'ens local", es: 'el código INE del ente local' }, { required: true, max: 6 });
  if (ineCode !== undefined && ineCodeProblem(ineCode) !== undefined) {
    form.add('localEntity', {
      ca: `«${ineCode}» no és un codi INE: sis xifres, l'última de control.`,
      es: `«${ineCode}» no es un código INE: seis cifras, la última de control.`,
    });
  }
  const requesterName = textField(form, input, 'requesterName', { ca: 'el nom de la persona de contacte', es: 'el nombre de la persona de contacto' }, { required: true, min: 2, max: 150 });
  const email = emailField(form, input);
  const topic = textField(form, input, 'topic', { ca: 'el tema', es: 'el tema' }, { required: true, min: 5, max: 200 });
  const description = textField(form, input, 'description', { ca: 'la descripció', es: 'la descripción' }, { required: false, max: 5000 });
  const preferredDates = textField(form, input, 'preferredDates', { ca: 'les dates preferides', es: 'las fechas preferidas' }, { required: false, max: 1000 });
  form.throwIfAny();
  return {
    ineCode: ineCode as string,
    requesterName: requesterName as string,
    email: email as string,
    topic: topic as string,
    description,
    preferredDates,
    language: isLanguage(input.language) ? input.language : language,
  };
};

const supportRequests = (strapi: Core.Strapi) => ({
  /**
   * Stores a support request of an eligible entity, with the eligibility answer it was accepted on,
   * and emails staff and the requester (through the outbox, in the same transaction). An ineligible
   * entity is refused with the reason and what to do; nothing is stored.
   */
  async submit(input: SupportRequestInput): Promise<{ status: 'pending'; reason: string }> {
    const language = input.language;
    const entity = (await strapi.db.query('api::local-entity.local-entity').findOne({
      where: { ineCode: input.ineCode },
      select: ['id', 'documentId', 'name', 'ineCode', 'kind'],
    })) as { id: number; documentId: string; name: string; ineCode: string; kind: string } | null;
    if (entity === null) {
      throw new errors.NotFoundError(
        language === 'es' ? `No conocemos ningún ente local con el código INE ${input.ineCode}.` : `No coneixem cap ens local amb el codi INE ${input.ineCode}.`
      );
    }
    const eligibility = await (strapi.service('api::local-entity.eligibility') as unknown as EligibilityService).forEntity(entity);
    if (!eligibility.eligible) {
      // A PolicyError: a 403 whose message Strapi lets through (a plain ForbiddenError becomes "Forbidden").
      throw new errors.PolicyError(eligibility.reason[language], { code: 'NOT_ELIGIBLE', eligibility });
    }
    const outbox = strapi.service('api::outbox-message.outbox-message') as unknown as OutboxService;
    const publicUrl = (strapi.config.get('server.url') as string).replace(/\/+$/, '');
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
        adminUrl: `${publicUrl}/admin/content-manager/collection-types/${UID}/${created.documentId}`,
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
