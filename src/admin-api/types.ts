/**
 * The shapes of what the admin routes answer, shared by the server that computes them and the admin
 * panel that shows them. Types only, with no imports, so that the admin bundle can import them.
 */
export type RegistrationSummary = {
  session: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  seatsLeft: number | null;
};

export type NextSession = {
  documentId: string;
  title: string;
  startsAt: string;
  eventStatus: string;
  capacity: number | null;
  confirmed: number;
  seatsLeft: number | null;
};

/** The headline of the last session's survey: response rate and top-2-box of each scale question. */
export type LastFeedback = {
  documentId: string;
  title: string;
  startsAt: string;
  responses: number;
  responseRate: number | null;
  topTwoBox: { question: string; label: string; value: number | null }[];
};

/** A published session starting within a day that has no meeting link yet: the reminder would go without it. */
export type SessionWithoutLink = { documentId: string; title: string; startsAt: string };

export type Dashboard = {
  nextSession: NextSession | null;
  /** Sessions starting within 24 hours without a meeting link. */
  withoutLink: SessionWithoutLink[];
  lastFeedback: LastFeedback | null;
  /** Proposals a reviewer has still to decide on: received or under review. */
  proposalsWaiting: number;
  /** Support requests nobody has handled yet. */
  supportRequestsPending: number;
  /** Outbox messages that gave up after their last attempt. */
  failedOutboxMessages: number;
};

export type EntityReach = {
  ineCode: string | null;
  name: string;
  kind: string;
  comarca: string | null;
  registrations: number;
  /** Different people (by email) marked attended. */
  attendees: number;
  sessionsAttended: number;
  resourcesCompleted: number;
  eligible: boolean;
  proposals: number;
  supportRequests: number;
  /** Registered, proposed a topic or asked for support in the range. */
  engaged: boolean;
};

export type ReachGroup = { key: string | null; entities: number; reached: number; registrations: number; attendees: number };

export type Reach = {
  from: string | null;
  to: string | null;
  entities: number;
  reached: number;
  registrations: number;
  /** Registrations in the range whose person chose no local entity. */
  registrationsWithoutEntity: number;
  attendees: number;
  byKind: ReachGroup[];
  byComarca: ReachGroup[];
  rows: EntityReach[];
};

/** What registrants have been told of a session: the fields that matter to them. */
export type ToldState = { startsAt: string; durationMinutes: number | null; eventStatus: string; meetingUrl: string | null };

/** The net change of a session since its registrants were last told. */
export type SessionChange = {
  rescheduled?: { from: ToldState; to: ToldState };
  postponed?: boolean;
  cancelled?: boolean;
  reinstated?: boolean;
  linkChanged?: boolean;
};

/** What the admin shows on a session: the change that will be sent, when, to how many people. */
export type PendingNotice = {
  change: SessionChange;
  dueAt: string | null;
  held: boolean;
  recipients: { confirmed: number; waitlisted: number };
};
