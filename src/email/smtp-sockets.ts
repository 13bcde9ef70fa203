/**
 * The SMTP connections the outbox sends through (nodemailer's pool, config/plugins.ts): opened here
 * so that they have Nagle's algorithm off, and closed at the app's destroy.
 *
 * Nodemailer opened a connection per message and left Nagle on: every message paid the server's
 * greeting and, at its end, a delayed ACK (about 40 ms on Linux) before the server's "250". On a
 * loopback relay that was 150 ms a message, about 7 messages a second per process; over one pooled
 * connection without Nagle it is a few milliseconds (docs/performance.md, "Tenth step"). Nodemailer
 * keeps pooled connections open between batches, so a process that destroys its app (the tests, the
 * command-line scripts) closes them here rather than waiting for the server's idle timeout.
 */
import net from 'net';

type SocketOptions = { host?: string; port?: number; connectionTimeout?: number };
type SocketCallback = (error: Error | null, socket?: { connection: net.Socket }) => void;

/** Nodemailer's `getSocket` option, with `closeAll` for the app's destroy. */
export type SmtpSockets = ((options: SocketOptions, callback: SocketCallback) => void) & { closeAll(): void };

export const smtpSockets = (): SmtpSockets => {
  const open = new Set<net.Socket>();
  const getSocket = ({ host, port = 25, connectionTimeout = 120000 }: SocketOptions, callback: SocketCallback) => {
    const socket = net.connect({ host, port, noDelay: true });
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    const timer = setTimeout(() => socket.destroy(new Error(`SMTP: no connection to ${host}:${port} within ${connectionTimeout} ms`)), connectionTimeout);
    const failed = (error: Error) => {
      clearTimeout(timer);
      callback(error);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      // From here nodemailer handles the socket's errors (it attaches its handlers in the callback).
      socket.off('error', failed);
      callback(null, { connection: socket });
    });
  };
  return Object.assign(getSocket, {
    closeAll() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  });
};
