/** "Importa l'assistència": beside a session, the Teams attendance report (or an email/minutes CSV) previewed, then confirmed (the attendance service decides). */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useParams } from 'react-router-dom';

type Preview = { minimumMinutes: number; matched: number; belowMinimum: number; absent: number; unregistered: number; withoutEmail: number; changes: number; updated?: number };

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return window.btoa(binary);
};

export const ImportAttendance = () => {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const { post } = useFetchClient();
  const [file, setFile] = useState<string | null>(null);
  const [minimum, setMinimum] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (slug !== 'api::session.session' || id === undefined || id === 'create') return null;

  const send = async (path: string, content: string) => {
    try {
      const res = await post<{ data: Preview }>(`/admin/gomunicipal/sessions/${id}/${path}`, { file: content, minimumMinutes: minimum === '' ? undefined : Number(minimum) });
      setPreview(res.data.data);
      setError(null);
    } catch (e) {
      setError((e as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'No s’ha pogut llegir el fitxer.');
      setPreview(null);
    }
  };

  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" width="100%">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Importa l'assistència
        </Typography>
        <label>
          <Typography variant="pi">Informe d'assistència de Teams (o CSV amb email i minutes)</Typography>
          <input
            type="file"
            accept=".csv,.tsv,text/csv"
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              if (chosen === undefined) return;
              const content = await toBase64(chosen);
              setFile(content);
              await send('attendance/preview', content);
            }}
          />
        </label>
        <label>
          <Typography variant="pi">Mínim de minuts (per defecte, la meitat de la sessió)</Typography>
          <input type="number" min={0} value={minimum} onChange={(e) => setMinimum(e.target.value)} />
        </label>
        {error !== null ? (
          <Typography textColor="danger600" role="alert">
            {error}
          </Typography>
        ) : null}
        {preview !== null ? (
          <div role="status">
            <Typography tag="p">{`Hi han assistit (${preview.minimumMinutes} min o més): ${preview.matched}`}</Typography>
            <Typography tag="p">{`Per sota del mínim: ${preview.belowMinimum}`}</Typography>
            <Typography tag="p">{`Inscrits que no hi són: ${preview.absent}`}</Typography>
            <Typography tag="p">{`Assistents sense inscripció (no es desen): ${preview.unregistered + preview.withoutEmail}`}</Typography>
            <Typography tag="p">{preview.updated === undefined ? `Canvis: ${preview.changes}` : `Desat: ${preview.updated} inscripcions actualitzades`}</Typography>
          </div>
        ) : null}
        {file !== null && preview !== null && preview.updated === undefined ? (
          <Button onClick={() => send('attendance', file)}>Confirma la importació</Button>
        ) : null}
      </Flex>
    </Box>
  );
};
