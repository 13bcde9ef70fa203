/** Home widget: the last session's feedback headline, linking to its Results page. */
import { Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { RESULTS } from '../links';
import { message } from '../translations';
import { Figure } from './Figure';
import { useDashboard } from './useDashboard';

const percent = (value: number | null, locale: string) =>
  value === null ? '—' : `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} %`;

/** Home page: the last session's survey at a glance (response rate, share of 4 and 5 per scale question), linking to the Results page. */
const FeedbackWidget = () => {
  const { formatMessage, locale } = useIntl();
  const { data, error } = useDashboard();
  if (error) return <Widget.Error>{formatMessage(message('gomunicipal.widget.error'))}</Widget.Error>;
  if (data === null) return <Widget.Loading />;
  const last = data.lastFeedback;
  if (last === null) return <Widget.NoData>{formatMessage(message('gomunicipal.widget.feedback.none'))}</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Link tag={NavLink} to={`${RESULTS}?session=${last.documentId}`}>
        {last.title}
      </Link>
      <Flex gap={8}>
        <Figure testId="gomunicipal-feedback-responses" value={last.responses} label={formatMessage(message('gomunicipal.widget.feedback.responses'))} />
        <Figure
          testId="gomunicipal-feedback-rate"
          value={percent(last.responseRate, locale)}
          label={formatMessage(message('gomunicipal.widget.feedback.rate'))}
        />
      </Flex>
      <Typography variant="sigma" textColor="neutral600">
        {formatMessage(message('gomunicipal.widget.feedback.topTwoBox'))}
      </Typography>
      {last.topTwoBox.map((q) => (
        <Flex key={q.question} justifyContent="space-between" gap={2}>
          <Typography>{q.label}</Typography>
          <Typography fontWeight="bold" data-testid={`gomunicipal-feedback-top2-${q.question}`}>
            {percent(q.value, locale)}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
};

export default FeedbackWidget;
