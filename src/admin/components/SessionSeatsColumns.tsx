/** The sessions list's "Inscripcions" and "Places lliures" columns, from one admin request per page. */
import { Typography } from '@strapi/design-system';
import { getFetchClient } from '@strapi/strapi/admin';
import DataLoader from 'dataloader';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { message } from '../translations';

type Seats = { capacity: number | null; confirmed: number; seatsLeft: number | null };

const SESSION_UID = 'api::session.session';

// The cells of one list page ask together: one request for the page's sessions, not one per row.
let loader: DataLoader<string, Seats | null> | null = null;
const seatsLoader = () => {
  loader ??= new DataLoader<string, Seats | null>(
    async (ids) => {
      const { get } = getFetchClient();
      // Two columns ask for each row: one id per session in the request.
      const { data } = await get<{ data: Record<string, Seats> }>(`/admin/gomunicipal/sessions/seats?ids=${[...new Set(ids)].join(',')}`);
      return ids.map((id) => data.data[id] ?? null);
    },
    { cache: false, maxBatchSize: 200 }
  );
  return loader;
};

const SeatsCell = ({ documentId, field }: { documentId: string; field: 'confirmed' | 'seatsLeft' }) => {
  const { formatMessage } = useIntl();
  const [seats, setSeats] = useState<Seats | null>(null);
  useEffect(() => {
    let live = true;
    seatsLoader()
      .load(documentId)
      .then((value) => live && setSeats(value))
      .catch(() => live && setSeats(null));
    return () => {
      live = false;
    };
  }, [documentId]);
  if (seats === null) return <Typography textColor="neutral500">–</Typography>;
  const value = field === 'confirmed' ? seats.confirmed : seats.seatsLeft;
  return <Typography>{value === null ? formatMessage(message('gomunicipal.figures.unlimited')) : value}</Typography>;
};

type Header = {
  attribute: { type: string };
  label: string | { id: string; defaultMessage: string };
  searchable: boolean;
  sortable: boolean;
  name: string;
  cellFormatter?: (row: { documentId: string }) => JSX.Element;
};

/**
 * The `Admin/CM/pages/ListView/inject-column-in-table` hook: the sessions list gets two columns,
 * confirmed registrations and seats left, computed by the server (not stored on the session).
 */
export const addSeatsColumns = <L,>({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: L }) => {
  // The hook is not told which content type the list shows (its layout has no uid); the URL says it.
  if (!decodeURIComponent(window.location.pathname).includes(`/collection-types/${SESSION_UID}`)) return { displayedHeaders, layout };
  const column = (name: 'confirmed' | 'seatsLeft', label: ReturnType<typeof message>): Header => ({
    attribute: { type: 'custom' },
    label,
    searchable: false,
    sortable: false,
    name: `gomunicipal_${name}`,
    cellFormatter: (row) => <SeatsCell documentId={row.documentId} field={name} />,
  });
  return {
    displayedHeaders: [
      ...displayedHeaders,
      column('confirmed', message('gomunicipal.list.registrations')),
      column('seatsLeft', message('gomunicipal.list.seatsLeft')),
    ],
    layout,
  };
};
