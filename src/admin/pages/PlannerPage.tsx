/** "Planifica sessions": a range of months, the preview of the dates (and the months skipped, and why), then "Crea". */
import { Alert, Box, Button, Field, Flex, Link, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { SESSIONS } from '../links';
import { message, type MessageId } from '../translations';

type Plan = { create: string[]; skipped: { month: string; date: string | null; reason: 'august' | 'no-thursday' | 'existing' }[] };

/** YYYY-MM of the month `offset` months from now, Madrid time. */
const monthFromNow = (offset: number) => {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number);
  const index = year * 12 + month - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

const errorMessage = (error: unknown): string | undefined =>
  (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;

/**
 * "Planifica sessions": a range of months, the preview of the draft sessions the planner would
 * create (and the months it skips, with why), then "Crea".
 */
const PlannerPage = () => {
  const { formatMessage, locale } = useIntl();
  const { get, post } = useFetchClient();
  const [from, setFrom] = useState(monthFromNow(1));
  const [to, setTo] = useState(monthFromNow(3));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [created, setCreated] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The server answers in Catalan or Spanish; an English interface gets Catalan, the programme's language.
  const language = locale.startsWith('es') ? 'es' : 'ca';
  const day = (date: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure) ?? formatMessage(message('gomunicipal.planner.error')));
    } finally {
      setBusy(false);
    }
  };

  const preview = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setPlan(null);
    return run(async () => {
      const query = new URLSearchParams({ from, to, locale: language });
      setPlan((await get<{ data: Plan }>(`/admin/gomunicipal/planner/preview?${query}`)).data.data);
    });
  };

  const create = () =>
    run(async () => {
      const result = (await post<{ data: Plan }>(`/admin/gomunicipal/planner?locale=${language}`, { from, to })).data.data;
      setCreated(result);
      setPlan(null);
    });

  const reason = (skip: Plan['skipped'][number]) =>
    formatMessage(message(`gomunicipal.planner.reason.${skip.reason}` as MessageId), { date: skip.date === null ? '' : day(skip.date) });

  return (
    <Page.Main>
      <Page.Title>{formatMessage(message('gomunicipal.planner.title'))}</Page.Title>
      <Layouts.Header title={formatMessage(message('gomunicipal.planner.title'))} subtitle={formatMessage(message('gomunicipal.planner.intro'))} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
            <form onSubmit={preview} aria-label={formatMessage(message('gomunicipal.planner.title'))}>
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <Field.Root name="from" required>
                  <Field.Label>{formatMessage(message('gomunicipal.planner.from'))}</Field.Label>
                  <TextInput type="month" value={from} onChange={(e: FormEvent<HTMLInputElement>) => setFrom(e.currentTarget.value)} />
                </Field.Root>
                <Field.Root name="to" required>
                  <Field.Label>{formatMessage(message('gomunicipal.planner.to'))}</Field.Label>
                  <TextInput type="month" value={to} onChange={(e: FormEvent<HTMLInputElement>) => setTo(e.currentTarget.value)} />
                </Field.Root>
                <Button type="submit" variant="secondary" loading={busy && plan === null}>
                  {formatMessage(message('gomunicipal.planner.preview'))}
                </Button>
              </Flex>
            </form>
          </Box>

          {error !== null && (
            <Alert variant="danger" closeLabel="×" onClose={() => setError(null)} title={formatMessage(message('gomunicipal.planner.error'))}>
              <span data-testid="gomunicipal-planner-error">{error}</span>
            </Alert>
          )}

          {plan !== null && (
            <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" data-testid="gomunicipal-planner-preview">
              <Flex direction="column" alignItems="stretch" gap={4}>
                {plan.create.length === 0 ? (
                  <Typography>{formatMessage(message('gomunicipal.planner.nothing'))}</Typography>
                ) : (
                  <>
                    <Typography variant="delta" tag="h2">
                      {formatMessage(message('gomunicipal.planner.willCreate'))}
                    </Typography>
                    <ul>
                      {plan.create.map((date) => (
                        <li key={date} data-date={date}>
                          <Typography>{day(date)}</Typography>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {plan.skipped.length > 0 && (
                  <>
                    <Typography variant="delta" tag="h2">
                      {formatMessage(message('gomunicipal.planner.skipped'))}
                    </Typography>
                    <ul>
                      {plan.skipped.map((skip) => (
                        <li key={skip.month} data-month={skip.month}>
                          <Typography>
                            {monthName(skip.month)}: {reason(skip)}
                          </Typography>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {plan.create.length > 0 && (
                  <Box>
                    <Button onClick={create} loading={busy}>
                      {formatMessage(message('gomunicipal.planner.create'), { count: plan.create.length })}
                    </Button>
                  </Box>
                )}
              </Flex>
            </Box>
          )}

          {created !== null && (
            <Alert variant="success" closeLabel="×" onClose={() => setCreated(null)} title={formatMessage(message('gomunicipal.planner.created'), { count: created.create.length })}>
              <Link tag={NavLink} to={`${SESSIONS}?page=1&sort=startsAt:DESC&plugins[i18n][locale]=ca`}>
                {formatMessage(message('gomunicipal.planner.openList'))}
              </Link>
            </Alert>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default PlannerPage;
