import { assertProductionSecrets, weakSecrets } from '../../src/bootstrap/secrets';
import { requestLanguage } from '../../src/utils/language';
import { publicReadProblem } from '../../src/utils/read-rules';

const strong = {
  APP_KEYS: 'a7Gk2pQ9xLm4Rt8Vz1Bc,Yw3Ns6Hd0Fj5Ke9Up2',
  API_TOKEN_SALT: 'Qm8Zr2Lx7Tc4Vn1Bs6Hk',
  ADMIN_JWT_SECRET: 'Jd3Wp9Fa6Yq0Xe5Ru2Mi',
  TRANSFER_TOKEN_SALT: 'Ob7Ct1Gu4Ze8Nv2Ly5Pw',
  JWT_SECRET: 'Ks6Dq0Hm3Bx9Tf2Wa8Rj',
  ENCRYPTION_KEY: 'Vg1Ep5Lz8Cs4Ni7Uo0Qh',
};

describe('production secrets', () => {
  it('finds nothing weak in long random secrets', () => {
    expect(weakSecrets(strong)).toEqual([]);
  });

  it('names missing, short and placeholder secrets, including one weak APP_KEYS key', () => {
    const env = {
      ...strong,
      JWT_SECRET: undefined,
      API_TOKEN_SALT: 'short',
      ADMIN_JWT_SECRET: 'tobemodified',
      APP_KEYS: `${strong.APP_KEYS},toBeModified1`,
    };
    expect(weakSecrets(env).sort()).toEqual(['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'APP_KEYS', 'JWT_SECRET']);
  });

  it('refuses a production start with weak secrets and says which', () => {
    expect(() => assertProductionSecrets({ ...strong, NODE_ENV: 'production', ENCRYPTION_KEY: 'changeme' })).toThrow(
      /ENCRYPTION_KEY/
    );
    expect(() => assertProductionSecrets({ ...strong, NODE_ENV: 'production' })).not.toThrow();
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
  });
});

describe('public read rule', () => {
  it('allows published content in ca and es', () => {
    expect(publicReadProblem({})).toBeUndefined();
    expect(publicReadProblem({ status: 'published', locale: 'es' })).toBeUndefined();
  });

  it('refuses drafts, publication filters and unknown locales, naming the parameter', () => {
    expect(publicReadProblem({ status: 'draft' })?.param).toBe('status');
    expect(publicReadProblem({ hasPublishedVersion: 'false' })?.param).toBe('hasPublishedVersion');
    expect(publicReadProblem({ publicationFilter: 'never-published' })?.param).toBe('publicationFilter');
    const locale = publicReadProblem({ locale: 'xx' });
    expect(locale?.param).toBe('locale');
    expect(locale?.message.ca).toContain('«xx»');
    expect(locale?.message.es).toContain('Idioma desconocido');
  });

  it('answers in the locale asked for, else the Accept-Language, else Catalan', () => {
    expect(requestLanguage('es', 'ca')).toBe('es');
    expect(requestLanguage(undefined, 'fr-FR,es;q=0.8,ca;q=0.5')).toBe('es');
    expect(requestLanguage('xx', undefined)).toBe('ca');
  });
});
