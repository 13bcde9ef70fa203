/** The first super admin from ADMIN_EMAIL / ADMIN_PASSWORD, when there is no admin user. */
import type { Core } from '@strapi/strapi';

const STRONG_PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/;

/**
 * When there is no admin user yet and ADMIN_EMAIL / ADMIN_PASSWORD are set, creates that super
 * admin so that scripts and CI can log in. Otherwise the admin shows its registration screen.
 */
export const ensureFirstAdmin = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD;
  if (email === undefined || email === '' || password === undefined || password === '') return;

  const users = strapi.service('admin::user');
  if (await users.exists()) return;

  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new Error(`ADMIN_EMAIL is not an email address: "${email}".`);
  }
  if (!STRONG_PASSWORD.test(password)) {
    throw new Error(
      'ADMIN_PASSWORD is too weak for the admin: use at least 8 characters with a lower-case letter, an upper-case letter and a digit.'
    );
  }
  await users.createFirstAdmin({
    email: email.toLowerCase(),
    password,
    firstname: env.ADMIN_FIRSTNAME ?? 'Admin',
    lastname: env.ADMIN_LASTNAME ?? 'GOmunicipal',
  });
  strapi.log.info(`Created the first admin user ${email.toLowerCase()} from ADMIN_EMAIL.`);
};
