/** A production start refuses missing, short or placeholder secrets. */
export const SECRET_VARIABLES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

const MIN_LENGTH = 16;
// Values shipped by templates and tutorials.
const KNOWN_DEFAULTS = /^(tobemodified\d*|changeme|change-me|secret|password|default|example|test|key\d*|somesecret|mysecret)$/i;

/** The secret variables that are missing, short, or a well-known placeholder. */
export const weakSecrets = (env: NodeJS.ProcessEnv): string[] =>
  SECRET_VARIABLES.filter((name) => {
    const value = env[name];
    if (value === undefined || value.trim() === '') return true;
    const parts = name === 'APP_KEYS' ? value.split(',') : [value];
    return parts.some((part) => part.trim().length < MIN_LENGTH || KNOWN_DEFAULTS.test(part.trim()));
  });

export const assertProductionSecrets = (env: NodeJS.ProcessEnv): void => {
  if (env.NODE_ENV !== 'production') return;
  const weak = weakSecrets(env);
  if (weak.length > 0) {
    throw new Error(
      `Refusing to start in production with weak or default secrets: ${weak.join(', ')}. ` +
        `Each needs ${MIN_LENGTH}+ random characters (APP_KEYS: a comma-separated list of such keys). ` +
        'Run `node scripts/ensure-env.js` to generate them into .env, or set them in the environment.'
    );
  }
};
