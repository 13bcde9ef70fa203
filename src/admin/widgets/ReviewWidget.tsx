/** Home widget: proposals and support requests waiting for a reviewer. */
import { Flex } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PROPOSALS_WAITING, SUPPORT_REQUESTS_PENDING } from '../links';
import { message } from '../translations';
import { Figure } from './Figure';
import { useDashboard } from './useDashboard';

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
