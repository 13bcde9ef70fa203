/** The app's public base URL (Strapi's `server.url`, from PUBLIC_URL), without a trailing slash: every link the app gives out starts with it. */
import type { Core } from '@strapi/strapi';

export const publicUrl = (strapi: Core.Strapi): string => (strapi.config.get('server.url') as string).replace(/\/+$/, '');
