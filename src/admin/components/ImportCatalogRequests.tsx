/** "Importa CSV" in the catalogue requests list: the all-or-nothing import with its per-row errors. */
import { Button } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useRef, useState, type ChangeEvent } from 'react';
import { useParams } from 'react-router-dom';

type Report = { rows: number; created: number; updated: number; unchanged: number };
type RowProblem = { line: number; errors: string[] };

const UID = 'api::catalog-request.catalog-request';

/** "Importa CSV" in the list of catalogue requests: all or nothing, with every bad row reported. */
export const ImportCatalogRequests = () => {
  const { slug } = useParams<{ slug: string }>();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  if (slug !== UID) return null;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setBusy(true);
    try {
      const response = await post<{ data: Report }>('/admin/gomunicipal/catalog-requests/import', { csv: await file.text() });
      const r = response.data.data;
      toggleNotification({
        type: 'success',
        message: `${file.name}: ${r.rows} files, ${r.created} noves, ${r.updated} actualitzades, ${r.unchanged} sense canvis.`,
      });
      window.location.reload();
    } catch (error) {
      const details = (error as { response?: { data?: { error?: { message?: string; details?: { rows?: RowProblem[] } } } } }).response?.data?.error;
      const rows = (details?.details?.rows ?? []).map((row) => `línia ${row.line}: ${row.errors.join('; ')}`);
      toggleNotification({
        type: 'danger',
        title: details?.message ?? "No s'ha pogut importar el fitxer.",
        message: rows.slice(0, 20).join(' · ') || ' ',
        timeout: 30000,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input ref={input} type="file" accept=".csv,text/csv" hidden onChange={upload} aria-label="Fitxer CSV" />
      <Button variant="secondary" loading={busy} onClick={() => input.current?.click()}>
        Importa CSV
      </Button>
    </>
  );
};
