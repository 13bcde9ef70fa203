/** Home widget: email that failed after its last attempt. */
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { FAILED_MESSAGES } from '../links';
import { message } from '../translations';
import { Figure } from './Figure';
import { useDashboard } from './useDashboard';

/** Home page: emails that gave up after their last attempt (the outbox worker's `failed`). */
const OutboxWidget = () => {
  const { formatMessage } = useIntl();
  const { data, error } = useDashboard();
  if (error) return <Widget.Error>{formatMessage(message('gomunicipal.widget.error'))}</Widget.Error>;
  if (data === null) return <Widget.Loading />;
  return (
    <Figure
      testId="gomunicipal-failed-messages"
      value={data.failedOutboxMessages}
      label={formatMessage(message('gomunicipal.figures.failedMessages'))}
      to={FAILED_MESSAGES}
    />
  );
};

export default OutboxWidget;
