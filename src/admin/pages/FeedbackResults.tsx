/** "Resultats de les enquestes": the admin page where editors read a session's or a period's results, free text and exports. */
import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { day, DistributionChart, Figure, number, TrendChart, type Responses, type SessionOption, type Summary } from '../components/FeedbackCharts';

/**
 * "Resultats de les enquestes": what an editor opens after a session. One session (the latest by
 * default) or a date range; per question a distribution chart, the trend across sessions, the free
 * text (only here, never public), and the exports.
 */
const FeedbackResults = () => {
  const { get } = useFetchClient();
  const [sessions, setSessions] = useState<SessionOption[]>([]);
  const [mode, setMode] = useState<'session' | 'range'>('session');
  // ?session=<documentId> (the home page's feedback widget links here with it) opens that session.
  const [session, setSession] = useState(() => new URLSearchParams(window.location.search).get('session') ?? '');
  const [from, setFrom] = useState(() => `${new Date().getFullYear() - 1}-01-01`);
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [summary, setSummary] = useState<Summary | null>(null);
  const [responses, setResponses] = useState<Responses | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ data: SessionOption[] }>('/admin/gomunicipal/feedback/sessions')
      .then((res) => {
        setSessions(res.data.data);
        if (res.data.data.length === 0) setMode('range');
        else setSession((chosen) => (res.data.data.some((s) => s.documentId === chosen) ? chosen : res.data.data[0].documentId));
      })
      .catch(() => setError('No s’han pogut carregar les sessions.'));
  }, [get]);

  const query = useMemo(() => {
    if (mode === 'session') return session ? `session=${encodeURIComponent(session)}` : null;
    return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  }, [mode, session, from, to]);

  useEffect(() => {
    if (query === null) return;
    setError(null);
    Promise.all([
      get<{ data: Summary }>(`/admin/gomunicipal/feedback/summary?${query}`),
      get<{ data: Responses }>(`/admin/gomunicipal/feedback/responses?${query}`),
    ])
      .then(([s, r]) => {
        setSummary(s.data.data);
        setResponses(r.data.data);
      })
      .catch((e: { response?: { data?: { error?: { message?: string } } } }) => {
        setSummary(null);
        setError(e.response?.data?.error?.message ?? 'No s’han pogut carregar els resultats.');
      });
  }, [get, query]);

  const download = async (what: 'summary' | 'responses', format: 'csv' | 'xlsx') => {
    if (query === null) return;
    const res = await get<Blob>(`/admin/gomunicipal/feedback/export/${what}.${format}?${query}`, { responseType: 'blob' });
    const url = URL.createObjectURL(res.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `valoracions-${what}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const texts = (responses?.questions ?? []).filter((q) => q.kind === 'text');
  const written = (responses?.rows ?? []).filter((r) => texts.some((q) => r[q.key] !== '' && r[q.key] !== undefined));

  return (
    <Page.Main>
      <Page.Title>Resultats de les enquestes</Page.Title>
      <Layouts.Header title="Resultats de les enquestes" subtitle="Valoracions de les sessions: per sessió o per període" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <label>
                <Typography variant="pi" fontWeight="bold">
                  Què voleu veure
                </Typography>
                <br />
                <select id="results-mode" value={mode} onChange={(e) => setMode(e.target.value as 'session' | 'range')}>
                  <option value="session">Una sessió</option>
                  <option value="range">Un període</option>
                </select>
              </label>
              {mode === 'session' ? (
                <label>
                  <Typography variant="pi" fontWeight="bold">
                    Sessió
                  </Typography>
                  <br />
                  <select id="results-session" value={session} onChange={(e) => setSession(e.target.value)}>
                    {sessions.map((s) => (
                      <option key={s.documentId} value={s.documentId}>
                        {`${day(s.startsAt)} · ${s.title}`}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <>
                  <label>
                    <Typography variant="pi" fontWeight="bold">
                      Des de
                    </Typography>
                    <br />
                    <input id="results-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
                  </label>
                  <label>
                    <Typography variant="pi" fontWeight="bold">
                      Fins a
                    </Typography>
                    <br />
                    <input id="results-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
                  </label>
                </>
              )}
              <Button variant="tertiary" onClick={() => download('summary', 'xlsx')}>
                Resum (XLSX)
              </Button>
              <Button variant="tertiary" onClick={() => download('summary', 'csv')}>
                Resum (CSV)
              </Button>
              <Button variant="tertiary" onClick={() => download('responses', 'xlsx')}>
                Respostes (XLSX)
              </Button>
              <Button variant="tertiary" onClick={() => download('responses', 'csv')}>
                Respostes (CSV)
              </Button>
            </Flex>
          </Box>

          {error !== null && (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          )}

          {summary !== null && (
            <>
              <Grid.Root gap={4}>
                <Grid.Item col={3} s={6} xs={12}>
                  <Figure label="Respostes" value={String(summary.responses)} testId="responses" />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12}>
                  <Figure label="Inscripcions confirmades" value={String(summary.confirmedRegistrations)} testId="confirmed" />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12}>
                  <Figure label="Taxa de resposta" value={summary.responseRate === null ? '—' : `${number(summary.responseRate, 1)} %`} testId="response-rate" />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12}>
                  <Figure
                    label="Sobre els assistents"
                    value={summary.attendeeResponseRate === null ? 'sense assistència' : `${number(summary.attendeeResponseRate, 1)} %`}
                    testId="attendee-rate"
                  />
                </Grid.Item>
              </Grid.Root>

              {summary.questions
                .filter((q) => q.kind !== 'text')
                .map((q) => (
                  <Box key={q.key} padding={4} background="neutral0" hasRadius shadow="tableShadow" data-question-card={q.key}>
                    <Typography variant="delta" tag="h2">
                      {q.label}
                    </Typography>
                    <Typography variant="pi" textColor="neutral600" tag="p" data-stats={q.key}>
                      {`${q.answers ?? 0} respostes`}
                      {q.kind === 'scale' ? ` · mitjana ${number(q.mean)} · mediana ${number(q.median)} · 4 i 5: ${number(q.topTwoBox, 1)} %` : ''}
                    </Typography>
                    <DistributionChart question={q} />
                  </Box>
                ))}

              {summary.series.length > 1 && (
                <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
                  <Typography variant="delta" tag="h2">
                    Evolució per sessió
                  </Typography>
                  <TrendChart series={summary.series} questions={summary.questions} />
                </Box>
              )}

              <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
                <Typography variant="delta" tag="h2">
                  Comentaris i temes proposats (no es publiquen)
                </Typography>
                {written.length === 0 ? (
                  <Typography tag="p">Cap resposta amb text.</Typography>
                ) : (
                  <ul data-free-text>
                    {written.map((r) => (
                      <li key={String(r.response)}>
                        {texts
                          .filter((q) => r[q.key] !== '')
                          .map((q) => (
                            <Typography key={q.key} tag="p">
                              <strong>{q.key === 'nextTopic' ? 'Tema proposat' : q.label}:</strong> {String(r[q.key])}
                            </Typography>
                          ))}
                        <Typography variant="pi" textColor="neutral600">
                          {`${r.session} · ${r.submittedOn}`}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                )}
              </Box>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default FeedbackResults;
