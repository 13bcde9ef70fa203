import { freePort } from './browser';
import { outboxTick } from './outbox';
import { TestSmtp } from './smtp';
import { startApp, type TestApp } from './strapi';

/**
 * The app with a loopback SMTP server, to which the outbox sends every second, and at once while a
 * test waits for a message (`smtp.nudge`).
 */
export const startAppWithSmtp = async (env: Record<string, string> = {}): Promise<{ app: TestApp; smtp: TestSmtp }> => {
  const smtp = new TestSmtp(await freePort());
  await smtp.start();
  let app: TestApp;
  try {
    app = await startApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTBOX_INTERVAL_SECONDS: '1', ...env });
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  smtp.nudge = outboxTick(app.strapi);
  return { app, smtp };
};

/**
 * The app listening on a port of its own, with PUBLIC_URL pointing at it (the links in pages and
 * emails), for the pages a browser test drives; with `smtp: true`, a loopback SMTP server too
 * (`startAppWithSmtp`).
 */
export async function startPublicApp(options: { smtp: true; env?: Record<string, string> }): Promise<{ app: TestApp; base: string; smtp: TestSmtp }>;
export async function startPublicApp(options?: { smtp?: false; env?: Record<string, string> }): Promise<{ app: TestApp; base: string }>;
export async function startPublicApp({ smtp = false, env = {} }: { smtp?: boolean; env?: Record<string, string> } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = smtp ? await startAppWithSmtp({ PUBLIC_URL: base, ...env }) : { app: await startApp({ PUBLIC_URL: base, ...env }), smtp: undefined };
  await new Promise<void>((resolve) => started.app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  return { app: started.app, base, smtp: started.smtp };
}
