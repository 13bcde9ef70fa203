/**
 * The adversarial probe's requests (issue 22), for the bench scenario that mixes them into portal
 * traffic: a fragment bomb, a fragment cycle, a 20,000-term filter through variables (about 500 KB),
 * and a REST filter of 150 terms. Each must be refused with a 400 before any work, so that the
 * portal reads beside them keep their latency.
 */
'use strict';

const json = { 'content-type': 'application/json' };

const fragmentBomb = (levels) => {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Session { ...F${i + 1} ...F${i + 1} }`);
  return `query { sessions { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Session { title }`;
};

const orTerms = (n) => Array.from({ length: n }, (_, i) => ({ title: { eq: `t${i}` } }));

const hostileRequests = () => [
  { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: fragmentBomb(22) }) },
  {
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: JSON.stringify({ query: 'query { sessions { ...A } } fragment A on Session { title ...B } fragment B on Session { slug ...A }' }),
  },
  {
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: JSON.stringify({ query: 'query ($f: SessionFiltersInput) { sessions(filters: $f) { title } }', variables: { f: { or: orTerms(20000) } } }),
  },
  { method: 'GET', path: `/api/sessions?${Array.from({ length: 150 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&')}` },
];

module.exports = { hostileRequests, fragmentBomb, orTerms };
