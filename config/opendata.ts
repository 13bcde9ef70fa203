import type { Core } from '@strapi/strapi';

/** The open-data catalogue (/opendata/; read with `strapi.config.get('opendata.<name>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** The licence of every dataset, as an IRI (CC BY 4.0 unless configured). */
  licence: env('OPENDATA_LICENSE', 'https://creativecommons.org/licenses/by/4.0/'),
  /** An organisational mailbox for the contact point (never a person's); empty: the contact point is the open-data page. */
  contactEmail: env('OPENDATA_CONTACT_EMAIL', ''),
});

export default config;
