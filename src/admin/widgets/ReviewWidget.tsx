import { Flex } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { message } from '../translations';
import { Figure } from './Figure';
import { useDashboard } from './useDashboard';

const list = (uid: string, filters: string) => `/content-manager/collection-types/${uid}?page=1&${filters}`;

export const PROPOSALS_WAITING = list(
  'api::proposal.proposal',
  'filters[$and][0][reviewStatus][$in][0]=received&filters[$and][0][reviewStatus][$in][1]=under_review'
);
export const SUPPORT_REQUESTS_PENDING = list('api::support-request.support-request', 'filters[$and][0][requestStatus][$eq]=pending');

/** Home page: topic proposals and support requests that wait for someone, linking to those lists. */
const ReviewWidget = () => {
  const { formatMessage } = useIntl();
  const { data, error } = useDashboard();
  if (error) return <Widget.Error>{formatMessage(message('gomunicipal.widget.error'))}</Widget.Error>;
  if (data === null) return <Widget.Loading />;
  return (
    <Flex gap={8} alignItems="flex-start">
      <Figure testId="gomunicipal-proposals-waiting" value={data.proposalsWaiting} label={formatMessage(message('gomunicipal.figures.proposals'))} to={PROPOSALS_WAITING} />
      <Figure
        testId="gomunicipal-support-pending"
        value={data.supportRequestsPending}
        label={formatMessage(message('gomunicipal.figures.supportRequests'))}
        to={SUPPORT_REQUESTS_PENDING}
      />
    </Flex>
  );
};

export default ReviewWidget;
