import fc from 'fast-check';
import { groupCommit } from '../../src/utils/group-commit';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Item = { key: string; value: number; refused: boolean; poison: boolean; delay: number };

/**
 * A writer that records its batches, answers value * 10 per item (an Error for refused items), and
 * throws for a batch holding a poison item, as a failed transaction would.
 */
const recordingWriter = (maxBatch: number) => {
  const batches: { key: string; values: number[] }[] = [];
  const inFlight = new Set<string>();
  const problems: string[] = [];
  const write = async (key: string, items: Item[]): Promise<(number | Error)[]> => {
    if (inFlight.has(key)) problems.push(`two batches of ${key} at once`);
    if (items.length > maxBatch) problems.push(`a batch of ${items.length} > ${maxBatch}`);
    inFlight.add(key);
    await tick(items[0].delay);
    inFlight.delete(key);
    if (items.some((item) => item.poison)) throw new Error('transaction failed');
    batches.push({ key, values: items.map((item) => item.value) });
    return items.map((item) => (item.refused ? new Error(`refused ${item.value}`) : item.value * 10));
  };
  return { write, batches, problems };
};

describe('groupCommit', () => {
  it('batches calls that arrive while a batch of the same key is written, in arrival order', async () => {
    const { write, batches } = recordingWriter(50);
    const submit = groupCommit(write);
    const calls = Array.from({ length: 12 }, (_, value) => submit('a', { key: 'a', value, refused: false, poison: false, delay: 5 }));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 12 }, (_, value) => value * 10));
    // The first call is written at once, the other eleven, which arrived meanwhile, together.
    expect(batches).toEqual([
      { key: 'a', values: [0] },
      { key: 'a', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
    ]);
  });

  it('answers every call with its own result, keeps keys apart, and fails only what broke', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c'),
            refused: fc.boolean(),
            poison: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
            delay: fc.integer({ min: 0, max: 3 }),
            pause: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 1, maxLength: 40 }
        ),
        fc.integer({ min: 1, max: 6 }),
        async (specs, maxBatch) => {
          const { write, batches, problems } = recordingWriter(maxBatch);
          const submit = groupCommit(write, { maxBatch });
          const outcomes: Promise<{ value: number; result?: number; error?: string }>[] = [];
          for (const [value, spec] of specs.entries()) {
            const item: Item = { key: spec.key, value, refused: spec.refused, poison: spec.poison, delay: spec.delay };
            outcomes.push(
              submit(spec.key, item).then(
                (result) => ({ value, result }),
                (error: Error) => ({ value, error: error.message })
              )
            );
            if (spec.pause > 0) await tick(spec.pause);
          }
          const settled = await Promise.all(outcomes);
          expect(problems).toEqual([]);
          for (const [value, spec] of specs.entries()) {
            const outcome = settled[value];
            if (spec.poison) expect(outcome).toEqual({ value, error: 'transaction failed' });
            else if (spec.refused) expect(outcome).toEqual({ value, error: `refused ${value}` });
            else expect(outcome).toEqual({ value, result: value * 10 });
          }
          // Per key, what was written is every item but the poisoned ones, each once, in arrival order.
          for (const key of ['a', 'b', 'c']) {
            const written = batches.filter((batch) => batch.key === key).flatMap((batch) => batch.values);
            const expected = specs.flatMap((spec, value) => (spec.key === key && !spec.poison ? [value] : []));
            expect(written).toEqual(expected);
          }
        }
      ),
      { numRuns: 60 }
    );
  });
});
