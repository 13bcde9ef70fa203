/**
 * Group commit. Calls for the same key that arrive while a batch of that key is being written
 * wait, and the next batch writes them together: one transaction, one lock and one commit for
 * many, instead of one each in a row. `write` answers one result per item, in order (an Error
 * for an item it refuses); if it throws (the transaction failed), each item of the batch is
 * retried alone, so that an item that breaks the batch fails alone. Items are written in arrival
 * order. In-process only: several processes each batch their own calls, and the lock `write`
 * takes keeps them apart. See "Registrations are written in groups" in docs/decisions.md.
 */
export const groupCommit = <T, R>(
  write: (key: string, items: T[]) => Promise<(R | Error)[]>,
  { maxBatch = 50 }: { maxBatch?: number } = {}
): ((key: string, item: T) => Promise<R>) => {
  type Pending = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };
  const queues = new Map<string, Pending[]>();

  const settle = async (key: string, batch: Pending[]): Promise<void> => {
    let results: (R | Error)[];
    try {
      results = await write(
        key,
        batch.map((pending) => pending.item)
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const pending of batch) await settle(key, [pending]);
      return;
    }
    batch.forEach((pending, index) => {
      const result = results[index];
      if (result instanceof Error) pending.reject(result);
      else pending.resolve(result);
    });
  };

  const drain = async (key: string, queue: Pending[]): Promise<void> => {
    while (queue.length > 0) await settle(key, queue.splice(0, maxBatch));
    queues.delete(key);
  };

  return (key, item) =>
    new Promise<R>((resolve, reject) => {
      const queue = queues.get(key);
      if (queue !== undefined) {
        queue.push({ item, resolve, reject });
        return;
      }
      const fresh = [{ item, resolve, reject }];
      queues.set(key, fresh);
      void drain(key, fresh);
    });
};
