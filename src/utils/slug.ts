/** A URL-safe slug: ASCII lower case, words joined by hyphens ("sol·licituds" gives "sollicituds"). */
export const slugify = (text: string, maxLength = 80): string => {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[·.'’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
};
