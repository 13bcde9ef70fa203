/** What editors see of a session's registrations in the admin: the counts beside the session and the CSV export's rows. */
import type { Core } from '@strapi/strapi';
import { service } from '../../../utils/services';
import type { RegistrationRow } from '../rows';
import type { RegistrationSummary } from '../../../admin-api/types';

export type { RegistrationSummary };

const UID = 'api::registration.registration';


type ExportRow = RegistrationRow & {
  jobTitle: string | null;
  localEntityName: string | null;
  attended: boolean | null;
  createdAt: string;
  localEntity?: { name: string; ineCode: string | null } | null;
};

const editors = (strapi: Core.Strapi) => ({
  /** Counts of one session's registrations: by status, attended, and seats left; null for an unknown session. */
  async summary(sessionDocumentId: string): Promise<RegistrationSummary | null> {
    const session = (await strapi.db.query('api::session.session').findOne({
      select: ['capacity'],
      where: { documentId: sessionDocumentId },
    })) as { capacity: number | null } | null;
    if (session === null) return null;
    const counts = (await service(strapi, 'api::registration.seats').confirmedCounts([sessionDocumentId])).get(sessionDocumentId);
    const { confirmed = 0, waitlisted = 0, cancelled = 0, attended = 0 } = counts ?? {};
    return {
      session: sessionDocumentId,
      capacity: session.capacity,
      confirmed,
      waitlisted,
      cancelled,
      attended,
      seatsLeft: session.capacity === null ? null : Math.max(0, session.capacity - confirmed),
    };
  },

  /** One session's registrations for an editor's CSV export, oldest first. */
  async exportRows(sessionDocumentId: string) {
    const rows = (await strapi.db.query(UID).findMany({
      where: { session: { documentId: sessionDocumentId } },
      populate: { localEntity: { select: ['name', 'ineCode'] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    })) as ExportRow[];
    return rows.map((r) => ({
      fullName: r.fullName,
      email: r.email,
      localEntity: r.localEntity?.name ?? r.localEntityName ?? '',
      ineCode: r.localEntity?.ineCode ?? '',
      jobTitle: r.jobTitle ?? '',
      status: r.registrationStatus,
      attended: r.attended === true ? 'yes' : 'no',
      language: r.language,
      registeredAt: new Date(r.createdAt).toISOString(),
    }));
  },
});

export type RegistrationEditorsService = ReturnType<typeof editors>;

export default ({ strapi }: { strapi: Core.Strapi }) => editors(strapi);
