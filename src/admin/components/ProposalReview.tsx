/** The box beside a proposal: its state, the allowed actions, similar proposals and sessions. */
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';

type Review = {
  status: string;
  next: string[];
  similarProposals: { documentId: string; title: string; status: string }[];
  similarSessions: { documentId: string; title: string; startsAt: string }[];
  upcomingSessions: { documentId: string; title: string; startsAt: string }[];
};

const UID = 'api::proposal.proposal';
const LABEL: Record<string, string> = {
  received: 'Rebuda',
  under_review: 'En revisió',
  accepted: 'Acceptada',
  scheduled: 'Programada',
  declined: 'Declinada',
  duplicate: 'Duplicada',
};
const ACTION: Record<string, string> = {
  under_review: 'Comença la revisió',
  accepted: 'Accepta',
  scheduled: 'Programa',
  declined: 'Declina',
  duplicate: 'Marca com a duplicada',
};
const day = (iso: string) => new Date(iso).toLocaleDateString('ca-ES', { timeZone: 'Europe/Madrid' });

/** Beside a proposal: its state, the similar proposals and sessions, and one action per allowed transition. */
export const ProposalReview = () => {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [review, setReview] = useState<Review | null>(null);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [session, setSession] = useState('');
  const [original, setOriginal] = useState('');
  const isProposal = slug === UID && id !== undefined && id !== 'create';

  const load = useCallback(() => {
    if (!isProposal) return;
    get<{ data: Review }>(`/admin/gomunicipal/proposals/${id}/review`)
      .then((response) => setReview(response.data.data))
      .catch(() => setReview(null));
  }, [get, id, isProposal]);
  useEffect(load, [load]);

  if (!isProposal || review === null) return null;

  const act = async (to: string) => {
    try {
      await post(`/admin/gomunicipal/proposals/${id}/transition`, {
        to,
        note: note || undefined,
        publicAnswer: answer || undefined,
        session: to === 'scheduled' ? session : undefined,
        duplicateOf: to === 'duplicate' ? original : undefined,
      });
      toggleNotification({ type: 'success', message: `Proposta: ${LABEL[to]}` });
      window.location.reload();
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      toggleNotification({ type: 'danger', message: message ?? "No s'ha pogut canviar l'estat." });
    }
  };

  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" width="100%">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Revisió
        </Typography>
        <Typography>Estat: {LABEL[review.status] ?? review.status}</Typography>
        {review.similarProposals.length > 0 && (
          <Box>
            <Typography variant="pi" fontWeight="bold">Propostes semblants</Typography>
            {review.similarProposals.map((p) => (
              <Typography key={p.documentId} variant="pi" tag="p">
                {p.title} ({LABEL[p.status] ?? p.status})
              </Typography>
            ))}
          </Box>
        )}
        {review.similarSessions.length > 0 && (
          <Box>
            <Typography variant="pi" fontWeight="bold">Sessions semblants</Typography>
            {review.similarSessions.map((s) => (
              <Typography key={s.documentId} variant="pi" tag="p">
                {s.title} ({day(s.startsAt)})
              </Typography>
            ))}
          </Box>
        )}
        {review.next.length > 0 && (
          <>
            <Field.Root name="note">
              <Field.Label>Nota interna (historial)</Field.Label>
              <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
            </Field.Root>
            <Field.Root name="publicAnswer" hint="S'envia per correu a qui la va proposar. Obligatòria per declinar.">
              <Field.Label>Resposta pública</Field.Label>
              <Textarea value={answer} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setAnswer(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </>
        )}
        {review.next.includes('scheduled') && (
          <Field.Root name="session">
            <Field.Label>Sessió que la tractarà</Field.Label>
            <SingleSelect value={session} onChange={(value: string | number) => setSession(String(value))} placeholder="Trieu una sessió">
              {review.upcomingSessions.map((s) => (
                <SingleSelectOption key={s.documentId} value={s.documentId}>
                  {`${day(s.startsAt)} · ${s.title}`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        )}
        {review.next.includes('duplicate') && review.similarProposals.length > 0 && (
          <Field.Root name="duplicateOf">
            <Field.Label>Proposta original (si és duplicada)</Field.Label>
            <SingleSelect value={original} onChange={(value: string | number) => setOriginal(String(value))} placeholder="Trieu la proposta original">
              {review.similarProposals.map((p) => (
                <SingleSelectOption key={p.documentId} value={p.documentId}>
                  {p.title}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        )}
        {review.next.map((to) => (
          <Button key={to} variant={to === 'declined' ? 'danger-light' : 'secondary'} onClick={() => act(to)}>
            {ACTION[to] ?? to}
          </Button>
        ))}
      </Flex>
    </Box>
  );
};
