/** Where the home page's figures lead: content-manager lists filtered as the figures count. */
const list = (uid: string, filters: string) => `/content-manager/collection-types/${uid}?page=1&${filters}`;

export const SESSIONS = '/content-manager/collection-types/api::session.session';

export const PROPOSALS_WAITING = list(
  'api::proposal.proposal',
  'filters[$and][0][reviewStatus][$in][0]=received&filters[$and][0][reviewStatus][$in][1]=under_review'
);

export const SUPPORT_REQUESTS_PENDING = list('api::support-request.support-request', 'filters[$and][0][requestStatus][$eq]=pending');

export const FAILED_MESSAGES = list('api::outbox-message.outbox-message', 'filters[$and][0][deliveryStatus][$eq]=failed');

/** The admin's Results page of the feedback surveys (src/admin/pages/FeedbackResults.tsx). */
export const RESULTS = '/gomunicipal/results';
