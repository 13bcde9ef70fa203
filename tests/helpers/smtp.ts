import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
export class TestSmtp {
  readonly messages: ParsedMail[] = [];
  /** SMTP connections accepted so far. */
  connections = 0;
  /**
   * Run before each look at the messages while waiting: for an app in this process, its outbox
   * worker's own task (`outboxTick`, tests/helpers/outbox.ts), so that a message goes out as soon
   * as it is due instead of at the worker's next tick (up to a second of idle machine per wait).
   */
  nudge: (() => Promise<unknown>) | undefined;
  private server: SMTPServer | undefined;

  /** `delayMs`: how long the server takes over each message before it accepts it (a slow relay). */
  constructor(
    readonly port: number,
    readonly delayMs = 0
  ) {}

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // At stop, as a relay being shut down: sessions still open (the app's pooled connection) get
      // half a second to finish, then a 421 and the end of the connection (smtp-server waits 30 s).
      closeTimeout: 500,
      onConnect: (_session, callback) => {
        this.connections += 1;
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    // A client that dies mid-conversation (a killed app process) is the client's problem, not ours.
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(address)));
  }

  /** Waits until `predicate` holds for the messages received (polling), or fails after `ms`. */
  async waitFor(predicate: (messages: ParsedMail[]) => boolean, ms = 20000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      await this.nudge?.();
      if (predicate(this.messages)) return;
      if (Date.now() > deadline) {
        throw new Error(`SMTP: condition not met within ${ms} ms; received: ${this.messages.map((m) => `${m.to && 'text' in m.to ? m.to.text : '?'} ${m.subject}`).join(' | ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.nudge === undefined ? 100 : 20));
    }
  }
}
