/** The box beside a session's edit view: its registration counts and the CSV export. */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { RegistrationSummary } from '../../admin-api/types';

// The counts' shape is the server's (type-only import).
type Summary = Omit<RegistrationSummary, 'session'>;

const SESSION_UID = 'api::session.session';

/**
 * Beside a session in the content manager: its registrations at a glance, the list of them
 * (where attendance is marked) and their CSV export.
 */
export const SessionRegistrations = () => {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const { get } = useFetchClient();
  const [summary, setSummary] = useState<Summary | null>(null);
  const isSession = slug === SESSION_UID && id !== undefined && id !== 'create';

  useEffect(() => {
    if (!isSession) return;
    get<{ data: Summary }>(`/admin/gomunicipal/sessions/${id}/registrations`)
      .then((response) => setSummary(response.data.data))
      .catch(() => setSummary(null));
  }, [get, id, isSession]);

  if (!isSession || summary === null) return null;

  const download = async () => {
    const response = await get<Blob>(`/admin/gomunicipal/sessions/${id}/registrations.csv`, { responseType: 'blob' });
    const url = URL.createObjectURL(response.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `inscripcions-${id}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const list = `/content-manager/collection-types/api::registration.registration?filters[$and][0][session][documentId][$eq]=${id}`;

  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" width="100%">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Inscripcions
        </Typography>
        <Typography>Confirmades: {summary.confirmed}</Typography>
        <Typography>Llista d'espera: {summary.waitlisted}</Typography>
        <Typography>Cancel·lades: {summary.cancelled}</Typography>
        <Typography>Hi han assistit: {summary.attended}</Typography>
        <Typography>
          Places lliures: {summary.seatsLeft === null ? 'sense límit' : `${summary.seatsLeft} de ${summary.capacity}`}
        </Typography>
        {summary.capacity !== null && summary.confirmed > summary.capacity ? (
          <Typography textColor="warning700" data-testid="gomunicipal-over-capacity">
            La capacitat ({summary.capacity}) és inferior a les {summary.confirmed} inscripcions confirmades: no es treu ningú, i no se n’hi afegeix cap
            fins que n’hi hagi menys.
          </Typography>
        ) : null}
        <Button variant="secondary" tag="a" href={`/admin${list}`}>
          Veure i marcar l'assistència
        </Button>
        <Button variant="tertiary" onClick={download}>
          Descarrega CSV
        </Button>
      </Flex>
    </Box>
  );
};
