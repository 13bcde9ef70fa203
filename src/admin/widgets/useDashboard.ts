/** The home page figures, fetched once for all the widgets that show them. */
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

// The figures' shape is the server's (type-only import: nothing of the server reaches the admin bundle).
import type { Dashboard } from '../../admin-api/types';

export type { Dashboard };

// The home page's widgets share one request: the first one to mount starts it, the others wait for it.
let pending: { at: number; promise: Promise<Dashboard> } | null = null;

export const useDashboard = (): { data: Dashboard | null; error: boolean } => {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ data: Dashboard | null; error: boolean }>({ data: null, error: false });
  useEffect(() => {
    if (pending === null || Date.now() - pending.at > 5000) {
      pending = { at: Date.now(), promise: get<{ data: Dashboard }>('/admin/gomunicipal/dashboard').then((response) => response.data.data) };
    }
    let live = true;
    pending.promise.then(
      (data) => live && setState({ data, error: false }),
      () => live && setState({ data: null, error: true })
    );
    return () => {
      live = false;
    };
  }, [get]);
  return state;
};
