/** Words that say nothing about a topic, in Catalan and Spanish. */
const STOPWORDS = new Set(
  (
    'a al als amb com de del dels els en entre es et fer i la las les lo los me més mes no o per perque ' +
    'pero pot que qui quin quina se si sobre son sou un una uns unes y el ha han hem heu haig ens seu seva ' +
    'su sus tenim teniu tiene como con cual cuando donde para por porque sin una unos unas ya nuestro nostre ' +
    'ajudem ayudamos tajudem'
  ).split(' ')
);

/** The meaningful words of a title: no accents, lower case, no stop words, cut to a stem of 6 letters. */
export const stems = (text: string): Set<string> =>
  new Set(
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[·'’]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 2 && !STOPWORDS.has(word))
      .map((word) => word.slice(0, 6))
  );

/** How alike two titles are, 0 to 1: the share of stems they have in common (Jaccard). */
export const similarity = (a: Set<string>, b: Set<string>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared += 1;
  return shared / (a.size + b.size - shared);
};

/** The candidates most like `text`, best first, above `threshold`. */
export const mostSimilar = <T>(text: string, candidates: { text: string; item: T }[], limit = 5, threshold = 0.15): T[] => {
  const target = stems(text);
  return candidates
    .map((candidate) => ({ item: candidate.item, score: similarity(target, stems(candidate.text)) }))
    .filter((scored) => scored.score >= threshold)
    .sort((x, y) => y.score - x.score)
    .slice(0, limit)
    .map((scored) => scored.item);
};
