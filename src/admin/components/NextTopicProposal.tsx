/** On a feedback response: turn its "next topic" into a proposal. */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useParams } from 'react-router-dom';

const RESPONSE_UID = 'api::feedback-response.feedback-response';

/** Beside a survey response: turn its "topic you would like next" into a topic proposal, in one step. */
export const NextTopicProposal = () => {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const { post } = useFetchClient();
  const [result, setResult] = useState<{ ok: boolean; text: string; documentId?: string } | null>(null);
  if (slug !== RESPONSE_UID || id === undefined || id === 'create') return null;

  const convert = async () => {
    try {
      const res = await post<{ data: { documentId: string; title: string } }>(`/admin/gomunicipal/feedback-responses/${id}/proposal`, {});
      setResult({ ok: true, text: `Proposta creada: «${res.data.data.title}».`, documentId: res.data.data.documentId });
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      setResult({ ok: false, text: message ?? 'No s’ha pogut crear la proposta.' });
    }
  };

  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" width="100%">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Tema proposat
        </Typography>
        <Typography variant="pi">Converteix el tema que proposa aquesta resposta en una proposta per revisar (sense dades de qui respon).</Typography>
        <Button variant="secondary" onClick={convert} disabled={result?.ok === true}>
          Converteix en proposta
        </Button>
        {result !== null && (
          <Typography textColor={result.ok ? 'success600' : 'danger600'} role={result.ok ? 'status' : 'alert'}>
            {result.text}{' '}
            {result.documentId !== undefined && (
              <a href={`/admin/content-manager/collection-types/api::proposal.proposal/${result.documentId}`}>Obre-la</a>
            )}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};
