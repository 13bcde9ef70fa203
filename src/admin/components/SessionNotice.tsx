/** The box beside a published session: the change its registrants will be told of, with "send now" and "hold". */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { PendingNotice, SessionChange, ToldState } from '../../admin-api/types';

const SESSION_UID = 'api::session.session';
/** The box looks again this often: a save elsewhere on the page starts or ends a pending change. */
const REFRESH_MS = 5000;

const when = (state: ToldState) =>
  new Intl.DateTimeFormat('ca-ES', { timeZone: 'Europe/Madrid', dateStyle: 'full', timeStyle: 'short' }).format(new Date(state.startsAt)) +
  (state.durationMinutes === null ? '' : ` (${state.durationMinutes} min)`);

/** "el 2/12/26 a les 17:11" (Madrid time). */
const dueText = (iso: string) => {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat('ca-ES', { timeZone: 'Europe/Madrid', dateStyle: 'short' }).format(date);
  const hour = new Intl.DateTimeFormat('ca-ES', { timeZone: 'Europe/Madrid', timeStyle: 'short' }).format(date);
  return `el ${day} a les ${hour}`;
};

/** One line per part of the net change, as the message will say it. */
const lines = (change: SessionChange): string[] => {
  const result: string[] = [];
  if (change.cancelled === true) result.push('La sessió es cancel·la: rebran la cancel·lació i el calendari la traurà.');
  if (change.postponed === true) result.push('La sessió s’ajorna.');
  if (change.reinstated === true) result.push('La sessió torna a estar programada.');
  if (change.rescheduled !== undefined) result.push(`Data: ${when(change.rescheduled.from)} → ${when(change.rescheduled.to)}`);
  if (change.linkChanged === true) result.push('Enllaç de la reunió nou (només a les persones confirmades).');
  return result;
};

/**
 * Beside a published session in the content manager: what its registrants will be told after the
 * quiet period, to how many people and when, with the editor's two choices: send it now, or hold
 * it (nothing goes until it is released). Nothing is shown when no change is pending.
 */
export const SessionNotice = () => {
  const { slug, id } = useParams<{ slug: string; id: string }>();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [notice, setNotice] = useState<PendingNotice | null>(null);
  const [busy, setBusy] = useState(false);
  const isSession = slug === SESSION_UID && id !== undefined && id !== 'create';

  const load = useCallback(() => {
    if (!isSession) return;
    get<{ data: PendingNotice | null }>(`/admin/gomunicipal/sessions/${id}/notice`)
      .then((response) => setNotice(response.data.data))
      .catch(() => setNotice(null));
  }, [get, id, isSession]);

  useEffect(() => {
    load();
    if (!isSession) return undefined;
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load, isSession]);

  if (!isSession || notice === null) return null;

  const act = async (path: string, body: object, done: (result: unknown) => string) => {
    setBusy(true);
    try {
      const response = await post<{ data: unknown }>(`/admin/gomunicipal/sessions/${id}/notice/${path}`, body);
      toggleNotification({ type: 'success', message: done(response.data.data) });
    } catch {
      toggleNotification({ type: 'danger', message: 'No s’ha pogut fer. Torneu-ho a provar.' });
    } finally {
      setBusy(false);
      load();
    }
  };

  const { confirmed, waitlisted } = notice.recipients;
  const people = `${confirmed} ${confirmed === 1 ? 'persona confirmada' : 'persones confirmades'}` + (waitlisted > 0 ? ` i ${waitlisted} en llista d’espera` : '');

  return (
    <Box padding={4} background="warning100" hasRadius shadow="tableShadow" width="100%" data-testid="gomunicipal-session-notice">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Avís pendent als inscrits
        </Typography>
        {lines(notice.change).map((line) => (
          <Typography key={line}>{line}</Typography>
        ))}
        <Typography>S’enviarà a {people}.</Typography>
        <Typography textColor="neutral600">
          {notice.held ? 'Retingut: no s’enviarà fins que el deixeu anar.' : notice.dueAt === null ? '' : `S’enviarà ${dueText(notice.dueAt)}, si no hi ha més canvis.`}
        </Typography>
        <Button disabled={busy} onClick={() => act('send', {}, (result) => `Enviat: ${(result as { written: number }).written} missatges a la cua.`)}>
          Envia-ho ara
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => act('hold', { held: !notice.held }, () => (notice.held ? 'S’enviarà al final del període.' : 'Retingut.'))}
        >
          {notice.held ? 'Deixa-ho anar' : 'Retén-ho'}
        </Button>
      </Flex>
    </Box>
  );
};
