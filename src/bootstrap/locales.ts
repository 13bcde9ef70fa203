/** The content locales: Catalan (default) and Spanish, on the first start. */
import type { Core } from '@strapi/strapi';

export const CONTENT_LOCALES = [
  { code: 'ca', name: 'Català (ca)' },
  { code: 'es', name: 'Español (es)' },
] as const;

export type ContentLocale = (typeof CONTENT_LOCALES)[number]['code'];

type Locale = { id: number; code: string; isDefault: boolean };

/**
 * Catalan is the default content locale and Spanish the second one. On a new database the i18n
 * plugin has just created English as its default; it is removed then, before any content exists.
 */
export const ensureLocales = async (strapi: Core.Strapi, { firstRun }: { firstRun: boolean }): Promise<void> => {
  const service = strapi.plugin('i18n').service('locales');
  const existing = (await service.find()) as Locale[];
  for (const locale of CONTENT_LOCALES) {
    if (!existing.some((l) => l.code === locale.code)) await service.create({ ...locale });
  }
  const defaultLocale = await service.getDefaultLocale();
  if (firstRun || defaultLocale === undefined || defaultLocale === null) {
    await service.setDefaultLocale({ code: 'ca' });
  }
  const english = existing.find((l) => l.code === 'en');
  if (firstRun && english !== undefined) await service.delete({ id: english.id });
};
