import { freePort } from './browser';
import { outboxTick } from './outbox';
import { TestSmtp } from './smtp';
import { startApp, type TestApp } from './strapi';

/**
 * The app listening on a port of its own, with PUBLIC_URL pointing at it (the links in pages and
 * emails), for the pages a browser test drives; with `smtp: true`, a loopback SMTP server too, to
 * which the outbox sends every second.
 */
export async function startPublicApp(options: { smtp: true; env?: Record<string, string> }): Promise<{ app: TestApp; base: string; smtp: TestSmtp }>;
export async function startPublicApp(options?: { smtp?: false; env?: Record<string, string> }): Promise<{ app: TestApp; base: string }>;
export async function startPublicApp({ smtp = false, env = {} }: { smtp?: boolean; env?: Record<string, string> } = {}) {
  const mail = smtp ? new TestSmtp(await freePort()) : undefined;
  await mail?.start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const mailEnv: Record<string, string> = mail === undefined ? {} : { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port), OUTBOX_INTERVAL_SECONDS: '1' };
  const app = await startApp({ PUBLIC_URL: base, ...mailEnv, ...env });
  if (mail !== undefined) mail.nudge = outboxTick(app.strapi);
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  return { app, base, smtp: mail };
}
