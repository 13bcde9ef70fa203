/** "Abast": the admin page of the programme's reach across the local entities (the reach service's figures), with filters, sorting and exports. */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { EntityReach, Reach, ReachGroup as Group } from '../../admin-api/types';

// The answer's shape is the server's (type-only import).
type Row = EntityReach;

const COLUMNS: { key: keyof Row; label: string; sortable?: boolean }[] = [
  { key: 'name', label: 'Ens local', sortable: true },
  { key: 'kind', label: 'Tipus' },
  { key: 'comarca', label: 'Comarca' },
  { key: 'registrations', label: 'Inscripcions', sortable: true },
  { key: 'attendees', label: 'Persones assistents', sortable: true },
  { key: 'sessionsAttended', label: 'Sessions', sortable: true },
  { key: 'resourcesCompleted', label: 'Recursos completats', sortable: true },
  { key: 'eligible', label: 'Pot demanar suport' },
  { key: 'proposals', label: 'Propostes', sortable: true },
  { key: 'supportRequests', label: 'Sol·licituds de suport', sortable: true },
];

const GroupTable = ({ caption, groups, empty }: { caption: string; groups: Group[]; empty: string }) => (
  <table>
    <caption>
      <Typography variant="delta" tag="span">
        {caption}
      </Typography>
    </caption>
    <thead>
      <tr>
        <th scope="col">Grup</th>
        <th scope="col">Ens</th>
        <th scope="col">Hi han participat</th>
        <th scope="col">Inscripcions</th>
        <th scope="col">Persones assistents</th>
      </tr>
    </thead>
    <tbody>
      {groups.map((g) => (
        <tr key={g.key ?? ''}>
          <th scope="row">{g.key ?? empty}</th>
          <td>{g.entities}</td>
          <td>{g.reached}</td>
          <td>{g.registrations}</td>
          <td>{g.attendees}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const ReachPage = () => {
  const { get } = useFetchClient();
  const [from, setFrom] = useState(() => `${new Date().getFullYear() - 1}-01-01`);
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [filter, setFilter] = useState('all');
  const [sort, setSort] = useState<keyof Row>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [reach, setReach] = useState<Reach | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&filter=${filter}&sort=${String(sort)}&order=${order}`;

  useEffect(() => {
    get<{ data: Reach }>(`/admin/gomunicipal/reach?${query}`)
      .then((res) => {
        setReach(res.data.data);
        setError(null);
      })
      .catch((e: { response?: { data?: { error?: { message?: string } } } }) => setError(e.response?.data?.error?.message ?? 'No s’han pogut carregar les xifres.'));
  }, [get, query]);

  const download = async (format: 'csv' | 'xlsx') => {
    const response = await get<Blob>(`/admin/gomunicipal/reach/export.${format}?${query}`, { responseType: 'blob' });
    const url = URL.createObjectURL(response.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `abast.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const sortBy = (key: keyof Row) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(key === 'name' ? 'asc' : 'desc');
    }
  };

  return (
    <Page.Main>
      <Page.Title>Abast</Page.Title>
      <Layouts.Header title="Abast" subtitle="Quins ens locals de la província ha arribat el programa, i quins encara no" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <label>
                <Typography variant="pi" fontWeight="bold">
                  Des de
                </Typography>
                <br />
                <input id="reach-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                <Typography variant="pi" fontWeight="bold">
                  Fins a
                </Typography>
                <br />
                <input id="reach-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <label>
                <Typography variant="pi" fontWeight="bold">
                  Ens que es mostren
                </Typography>
                <br />
                <select id="reach-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
                  <option value="all">Tots</option>
                  <option value="engaged">Hi han participat</option>
                  <option value="never">No hi han participat mai</option>
                  <option value="eligibleNoSupport">Poden demanar suport i no ho han fet</option>
                </select>
              </label>
              <Button variant="secondary" onClick={() => download('csv')}>
                Descarrega CSV
              </Button>
              <Button variant="secondary" onClick={() => download('xlsx')}>
                Descarrega XLSX
              </Button>
            </Flex>
          </Box>
          {error !== null ? (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          ) : null}
          {reach === null ? null : (
            <>
              <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
                <Typography variant="beta" tag="h2" id="reach-total">
                  {`${reach.reached} de ${reach.entities} ens locals hi han participat`}
                </Typography>
                <Typography tag="p">{`${reach.registrations} inscripcions, ${reach.attendees} persones assistents. ${reach.registrationsWithoutEntity} inscripcions no diuen de quin ens són.`}</Typography>
              </Box>
              <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
                <Flex gap={6} wrap="wrap" alignItems="flex-start">
                  <GroupTable caption="Per tipus d’ens" groups={reach.byKind} empty="—" />
                  <GroupTable caption="Per comarca" groups={reach.byComarca} empty="Sense comarca" />
                </Flex>
              </Box>
              <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" overflow="auto">
                <table id="reach-table">
                  <caption>
                    <Typography variant="delta" tag="span">{`Ens locals (${reach.rows.length})`}</Typography>
                  </caption>
                  <thead>
                    <tr>
                      {COLUMNS.map((c) => (
                        <th key={c.key} scope="col" aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                          {c.sortable ? (
                            <button type="button" onClick={() => sortBy(c.key)}>
                              {c.label}
                            </button>
                          ) : (
                            c.label
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {reach.rows.map((r) => (
                      <tr key={r.ineCode ?? r.name}>
                        <th scope="row">{r.name}</th>
                        <td>{r.kind}</td>
                        <td>{r.comarca ?? ''}</td>
                        <td>{r.registrations}</td>
                        <td>{r.attendees}</td>
                        <td>{r.sessionsAttended}</td>
                        <td>{r.resourcesCompleted}</td>
                        <td>{r.eligible ? 'sí' : 'no'}</td>
                        <td>{r.proposals}</td>
                        <td>{r.supportRequests}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Box>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ReachPage;
