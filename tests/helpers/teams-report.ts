/** Builds attendance reports in the format Microsoft Teams downloads (UTF-16LE with BOM, tab-separated, three sections), in English or Catalan. */

export type Activity = { name: string; email: string; duration: string };
export type Participant = { name: string; email: string; duration: string; role?: string };

const HEADERS = {
  en: {
    summary: '1. Summary',
    title: 'Meeting title',
    attended: 'Attended participants',
    start: 'Start time',
    end: 'End time',
    duration: 'Meeting duration',
    participants: '2. Participants',
    participantColumns: ['Name', 'First Join', 'Last Leave', 'In-Meeting Duration', 'Email', 'Participant ID (UPN)', 'Role'],
    activities: '3. In-Meeting Activities',
    activityColumns: ['Name', 'Join Time', 'Leave Time', 'Duration', 'Email', 'Role'],
    attendee: 'Attendee',
  },
  ca: {
    summary: '1. Resum',
    title: 'Títol de la reunió',
    attended: 'Participants que hi han assistit',
    start: "Hora d'inici",
    end: 'Hora de finalització',
    duration: 'Durada de la reunió',
    participants: '2. Participants',
    participantColumns: ['Nom', 'Primera entrada', 'Última sortida', 'Durada a la reunió', 'Correu electrònic', 'Identificador del participant (UPN)', 'Rol'],
    activities: '3. Activitats a la reunió',
    activityColumns: ['Nom', "Hora d'entrada", 'Hora de sortida', 'Durada', 'Correu electrònic', 'Rol'],
    attendee: 'Assistent',
  },
} as const;

/** The report's text (before encoding); `omit` leaves a section out. */
export const teamsReportText = (
  language: 'en' | 'ca',
  participants: Participant[],
  activities: Activity[],
  { omit }: { omit?: 'summary' | 'participants' | 'activities' } = {}
): string => {
  const h = HEADERS[language];
  const lines: string[] = [];
  if (omit !== 'summary') {
    lines.push(h.summary, `${h.title}\tDijous GOmunicipal`, `${h.attended}\t${participants.length}`, `${h.start}\t1/15/26, 9:58:02 AM`, `${h.end}\t1/15/26, 11:02:40 AM`, `${h.duration}\t1h 4m 38s`, '');
  }
  if (omit !== 'participants') {
    lines.push(h.participants, h.participantColumns.join('\t'));
    for (const p of participants) lines.push([p.name, '1/15/26, 10:00:00 AM', '1/15/26, 11:00:00 AM', p.duration, p.email, p.email, p.role ?? h.attendee].join('\t'));
    lines.push('');
  }
  if (omit !== 'activities') {
    lines.push(h.activities, h.activityColumns.join('\t'));
    for (const a of activities) lines.push([a.name, '1/15/26, 10:00:00 AM', '1/15/26, 10:30:00 AM', a.duration, a.email, h.attendee].join('\t'));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** UTF-16LE with its byte-order mark, as Teams saves the file. */
export const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
