/**
 * Attendance from the meeting's own report: matches the minutes of an attendance file
 * (attendance-report.ts) to a session's registrations by email, previews what would change, and
 * writes `minutesAttended` and `attended` all or nothing. The `attended` flag is what the seats
 * service counts (confirmedAttended) for the response rate, the invitations and the dashboard.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../../messages';
import type { Language } from '../../../utils/language';
import { AttendanceFileError, readAttendanceFile } from '../attendance-report';

const REGISTRATION = 'api::registration.registration';

type Row = {
  id: number;
  documentId: string;
  fullName: string;
  email: string;
  registrationStatus: string;
  attended: boolean | null;
  minutesAttended: number | null;
};

export type AttendanceLine = {
  registration: string;
  fullName: string;
  status: string;
  minutes: number;
  attended: boolean;
  changes: boolean;
};

export type AttendancePreview = {
  session: string;
  format: 'teams' | 'csv';
  durationMinutes: number;
  minimumMinutes: number;
  /** Registrations found in the report at or above the minimum. */
  matched: number;
  /** Registrations found in the report below the minimum. */
  belowMinimum: number;
  /** Registrations of the session not in the report (set to not attended). */
  absent: number;
  /** People in the report who had not registered: counted, never named. */
  unregistered: number;
  /** Report rows without an email (guests by link). */
  withoutEmail: number;
  /** Registrations whose stored attendance would change. */
  changes: number;
  lines: AttendanceLine[];
};

export type AttendanceResult = AttendancePreview & { updated: number };

const attendance = (strapi: Core.Strapi) => {
  const plan = async (sessionDocumentId: string, file: Buffer, minimum: unknown, language: Language): Promise<{ preview: AttendancePreview; rows: Row[] }> => {
    const session = (await strapi.db.query('api::session.session').findOne({
      select: ['durationMinutes'],
      where: { documentId: sessionDocumentId },
    })) as { durationMinutes: number } | null;
    if (session === null) throw new errors.NotFoundError(t(language, 'attendance.unknownSession', { id: sessionDocumentId.slice(0, 40) }));
    const duration = session.durationMinutes;
    const share = strapi.config.get('attendance.minimumShare', 0.5) as number;
    let minimumMinutes = Math.round(duration * share * 10) / 10;
    if (minimum !== undefined && minimum !== null && minimum !== '') {
      const value = Number(minimum);
      if (!Number.isInteger(value) || value < 0 || value > duration) {
        throw new errors.ValidationError(t(language, 'attendance.badMinimum', { max: duration }), { param: 'minimumMinutes' });
      }
      minimumMinutes = value;
    }

    let report;
    try {
      report = readAttendanceFile(file);
    } catch (error) {
      if (error instanceof AttendanceFileError) throw new errors.ValidationError(error.describe(language), { line: error.line, problem: error.key });
      throw error;
    }

    const rows = (await strapi.db.query(REGISTRATION).findMany({
      select: ['id', 'documentId', 'fullName', 'email', 'registrationStatus', 'attended', 'minutesAttended'],
      where: { session: { documentId: sessionDocumentId }, registrationStatus: { $ne: 'cancelled' } },
      orderBy: [{ id: 'asc' }],
    })) as Row[];
    const registered = new Set(rows.map((row) => row.email.trim().toLowerCase()));
    const lines: AttendanceLine[] = rows.map((row) => {
      const seconds = report.seconds.get(row.email.trim().toLowerCase());
      const minutes = seconds === undefined ? 0 : Math.floor(seconds / 60);
      const attended = seconds !== undefined && seconds >= minimumMinutes * 60;
      return {
        registration: row.documentId,
        fullName: row.fullName,
        status: row.registrationStatus,
        minutes,
        attended,
        changes: row.minutesAttended !== minutes || (row.attended === true) !== attended,
      };
    });
    const present = rows.filter((row) => report.seconds.has(row.email.trim().toLowerCase())).length;
    const matched = lines.filter((line) => line.attended).length;
    return {
      rows,
      preview: {
        session: sessionDocumentId,
        format: report.format,
        durationMinutes: duration,
        minimumMinutes,
        matched,
        belowMinimum: present - matched,
        absent: rows.length - present,
        unregistered: [...report.seconds.keys()].filter((email) => !registered.has(email)).length,
        withoutEmail: report.withoutEmail,
        changes: lines.filter((line) => line.changes).length,
        lines,
      },
    };
  };

  return {
    /** What importing `file` would do to the session's registrations; writes nothing. */
    async preview(sessionDocumentId: string, file: Buffer, minimum: unknown, language: Language): Promise<AttendancePreview> {
      return (await plan(sessionDocumentId, file, minimum, language)).preview;
    },

    /** Writes the import in one transaction (only the rows that change): a second import of the same file updates none. */
    async confirm(sessionDocumentId: string, file: Buffer, minimum: unknown, language: Language): Promise<AttendanceResult> {
      return strapi.db.transaction(async () => {
        const { preview, rows } = await plan(sessionDocumentId, file, minimum, language);
        let updated = 0;
        for (const [index, line] of preview.lines.entries()) {
          if (!line.changes) continue;
          await strapi.db.query(REGISTRATION).update({ where: { id: rows[index].id }, data: { minutesAttended: line.minutes, attended: line.attended } });
          updated += 1;
        }
        return { ...preview, updated };
      });
    },
  };
};

export type AttendanceService = ReturnType<typeof attendance>;

export default ({ strapi }: { strapi: Core.Strapi }) => attendance(strapi);
