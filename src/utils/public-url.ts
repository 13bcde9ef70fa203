/** The app's public base URL (Strapi's `server.url`, from PUBLIC_URL), without a trailing slash: every link the app gives out starts with it. */
import type { Core } from '@strapi/strapi';

/** A base URL without its trailing slashes, so that a path can be appended. */
export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

export const publicUrl = (strapi: Core.Strapi): string => withoutTrailingSlash(strapi.config.get('server.url') as string);
