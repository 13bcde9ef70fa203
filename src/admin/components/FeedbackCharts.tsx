/** The Results page's parts: the summary's types, number and date formats, the distribution and trend charts, a figure box. */
import { Box, Flex, Typography } from '@strapi/design-system';

export type Entry = { value: string; label: string; count: number; percentage: number };
export type Question = {
  key: string;
  kind: 'scale' | 'choice' | 'text';
  label: string;
  answers: number | null;
  distribution: Entry[] | null;
  mean: number | null;
  median: number | null;
  topTwoBox: number | null;
};
export type Point = { sessionId: string; title: string; startsAt: string; responses: number; means: { question: string; mean: number | null }[] };
export type Summary = {
  sessions: number;
  responses: number;
  confirmedRegistrations: number;
  attendees: number | null;
  responseRate: number | null;
  attendeeResponseRate: number | null;
  questions: Question[];
  series: Point[];
};
export type SessionOption = { documentId: string; title: string; startsAt: string };
export type Responses = { questions: { key: string; kind: string; label: string }[]; rows: Record<string, string | number>[] };

export const COLORS = ['#4945ff', '#ee5e52', '#328048', '#d9822f', '#7b79ff', '#0c75af'];
export const number = (value: number | null, digits = 2) =>
  value === null ? '—' : value.toLocaleString('ca-ES', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
export const day = (iso: string) => new Intl.DateTimeFormat('ca-ES', { timeZone: 'Europe/Madrid', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));

/** Horizontal bars: one per value, with its count and percentage written out (the chart is also its own table). */
export const DistributionChart = ({ question }: { question: Question }) => {
  const entries = question.distribution ?? [];
  const rowHeight = 30;
  const labelWidth = 150;
  const width = 560;
  const max = Math.max(1, ...entries.map((e) => e.count));
  return (
    <svg
      role="img"
      aria-label={`Distribució de les respostes: ${question.label}`}
      data-chart="distribution"
      data-question={question.key}
      width="100%"
      style={{ maxWidth: width }}
      viewBox={`0 0 ${width} ${entries.length * rowHeight + 4}`}
    >
      {entries.map((e, i) => {
        const length = ((width - labelWidth - 110) * e.count) / max;
        return (
          <g key={e.value} data-value={e.value} data-count={e.count} data-percentage={e.percentage} transform={`translate(0 ${i * rowHeight})`}>
            <title>{`${e.label}: ${e.count} (${number(e.percentage, 1)} %)`}</title>
            <text x={labelWidth - 8} y={rowHeight / 2 + 5} textAnchor="end" fontSize="13" fill="#32324d">
              {e.label}
            </text>
            <rect x={labelWidth} y={4} width={Math.max(length, e.count > 0 ? 2 : 0)} height={rowHeight - 10} rx={3} fill={COLORS[0]} />
            <text x={labelWidth + length + 8} y={rowHeight / 2 + 5} fontSize="13" fill="#32324d">
              {`${e.count} (${number(e.percentage, 1)} %)`}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

/** The mean of each scale question across sessions, in date order (1 to 5). */
export const TrendChart = ({ series, questions }: { series: Point[]; questions: Question[] }) => {
  const scales = questions.filter((q) => q.kind === 'scale');
  const width = 640;
  const height = 240;
  const pad = { left: 36, right: 16, top: 12, bottom: 28 };
  const x = (i: number) => pad.left + (series.length <= 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (series.length - 1));
  const y = (mean: number) => pad.top + ((5 - mean) * (height - pad.top - pad.bottom)) / 4;
  return (
    <Box>
      <svg role="img" aria-label="Evolució de la mitjana de cada pregunta per sessió" data-chart="trend" width="100%" style={{ maxWidth: width }} viewBox={`0 0 ${width} ${height}`}>
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#eaeaef" />
            <text x={pad.left - 8} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#666687">
              {v}
            </text>
          </g>
        ))}
        {scales.map((q, qi) => {
          const points = series
            .map((p, i) => ({ i, p, mean: p.means.find((m) => m.question === q.key)?.mean ?? null }))
            .filter((d): d is { i: number; p: Point; mean: number } => d.mean !== null);
          return (
            <g key={q.key} data-question={q.key}>
              <polyline fill="none" stroke={COLORS[qi % COLORS.length]} strokeWidth={2} points={points.map((d) => `${x(d.i)},${y(d.mean)}`).join(' ')} />
              {points.map((d) => (
                <circle key={d.p.sessionId} data-session={d.p.sessionId} data-mean={d.mean} cx={x(d.i)} cy={y(d.mean)} r={4} fill={COLORS[qi % COLORS.length]}>
                  <title>{`${d.p.title} (${day(d.p.startsAt)}): ${number(d.mean)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <Flex gap={4} wrap="wrap">
        {scales.map((q, qi) => (
          <Flex key={q.key} gap={2}>
            <Box background="neutral0" style={{ width: 12, height: 12, background: COLORS[qi % COLORS.length], borderRadius: 2 }} />
            <Typography variant="pi">{q.label}</Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
};

export const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="alpha" tag="p" data-figure={testId}>
      {value}
    </Typography>
  </Box>
);
