/** Home widget: the next session, its registrations and seats left. */
import { Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { SESSIONS } from '../links';
import { message } from '../translations';
import { Figure } from './Figure';
import { useDashboard } from './useDashboard';

/** Home page: the next published session, its confirmed registrations and seats left. */
const NextSessionWidget = () => {
  const { formatMessage, locale } = useIntl();
  const { data, error } = useDashboard();
  if (error) return <Widget.Error>{formatMessage(message('gomunicipal.widget.error'))}</Widget.Error>;
  if (data === null) return <Widget.Loading />;
  const session = data.nextSession;
  if (session === null) return <Widget.NoData>{formatMessage(message('gomunicipal.widget.nextSession.none'))}</Widget.NoData>;
  const format = (iso: string) => new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Madrid', dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
  const when = format(session.startsAt);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {data.withoutLink.map((missing) => (
        <Typography key={missing.documentId} textColor="danger600" fontWeight="bold" data-testid="gomunicipal-no-meeting-link">
          ⚠{' '}
          <Link tag={NavLink} to={`${SESSIONS}/${missing.documentId}?plugins[i18n][locale]=ca`}>
            {formatMessage(message('gomunicipal.widget.noMeetingLink'), { title: missing.title, when: format(missing.startsAt) })}
          </Link>
        </Typography>
      ))}
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Link tag={NavLink} to={`${SESSIONS}/${session.documentId}?plugins[i18n][locale]=ca`}>
          {session.title}
        </Link>
        <Typography textColor="neutral600">{when}</Typography>
      </Flex>
      <Flex gap={8}>
        <Figure testId="gomunicipal-next-confirmed" value={session.confirmed} label={formatMessage(message('gomunicipal.figures.confirmed'))} />
        <Figure
          testId="gomunicipal-next-seats-left"
          value={session.seatsLeft === null ? formatMessage(message('gomunicipal.figures.unlimited')) : session.seatsLeft}
          label={formatMessage(message('gomunicipal.figures.seatsLeft'))}
        />
      </Flex>
    </Flex>
  );
};

export default NextSessionWidget;
