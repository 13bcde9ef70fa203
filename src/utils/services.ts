/**
 * Typed access to the app's services, keyed by UID: the one place where Strapi's untyped
 * `strapi.service(uid)` is given the type of what the factory returns (the shape of
 * pluginpal/strapi-webtools' `getPluginService`). A new service adds a line here instead of a
 * cast at each call site.
 */
import type { Core } from '@strapi/strapi';
import type { AlertSubscriptionService } from '../api/alert-subscription/services/alerts';
import type { CatalogRequestImportService } from '../api/catalog-request/services/import';
import type { FeedbackService } from '../api/feedback-response/services/feedback-response';
import type { InvitationsService } from '../api/feedback-response/services/invitations';
import type { ResultsService } from '../api/feedback-response/services/results';
import type { RollupsService } from '../api/feedback-response/services/rollups';
import type { EligibilityService } from '../api/local-entity/services/eligibility';
import type { LocalEntityService } from '../api/local-entity/services/local-entity';
import type { ComarcaImportService } from '../api/local-entity/services/comarcas';
import type { ReachService } from '../api/local-entity/services/reach';
import type { OutboxService } from '../api/outbox-message/services/outbox-message';
import type { ProposalService } from '../api/proposal/services/proposal';
import type { ReviewService } from '../api/proposal/services/review';
import type { AttendanceService } from '../api/registration/services/attendance';
import type { RegistrationEditorsService } from '../api/registration/services/editors';
import type { RegistrationJobsService } from '../api/registration/services/jobs';
import type { NotificationsService } from '../api/registration/services/notifications';
import type { RegistrationService } from '../api/registration/services/registration';
import type { SeatsService } from '../api/registration/services/seats';
import type { CalendarService } from '../api/session/services/calendar';
import type { SessionChangesService } from '../api/session/services/changes';
import type { PlannerService } from '../api/session/services/planner';
import type { SessionPortalService } from '../api/session/services/session';
import type { SupportRequestService } from '../api/support-request/services/support-request';
import type { SurveyService } from '../api/survey/services/survey';

export type Services = {
  'api::alert-subscription.alerts': AlertSubscriptionService;
  'api::catalog-request.import': CatalogRequestImportService;
  'api::feedback-response.feedback-response': FeedbackService;
  'api::feedback-response.invitations': InvitationsService;
  'api::feedback-response.results': ResultsService;
  'api::feedback-response.rollups': RollupsService;
  'api::local-entity.eligibility': EligibilityService;
  'api::local-entity.local-entity': LocalEntityService;
  'api::local-entity.comarcas': ComarcaImportService;
  'api::local-entity.reach': ReachService;
  'api::outbox-message.outbox-message': OutboxService;
  'api::proposal.proposal': ProposalService;
  'api::proposal.review': ReviewService;
  'api::registration.attendance': AttendanceService;
  'api::registration.editors': RegistrationEditorsService;
  'api::registration.jobs': RegistrationJobsService;
  'api::registration.notifications': NotificationsService;
  'api::registration.registration': RegistrationService;
  'api::registration.seats': SeatsService;
  'api::session.calendar': CalendarService;
  'api::session.changes': SessionChangesService;
  'api::session.planner': PlannerService;
  'api::session.session': SessionPortalService;
  'api::support-request.support-request': SupportRequestService;
  'api::survey.survey': SurveyService;
};

export const service = <K extends keyof Services>(strapi: Core.Strapi, uid: K): Services[K] => strapi.service(uid) as unknown as Services[K];
