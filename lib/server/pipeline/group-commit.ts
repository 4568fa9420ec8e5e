// Group commit: callers submit work at the same moment (concurrent HTTP requests, each with
// a few alerts); while the database is busy with earlier groups, new submissions wait and
// then go as ONE group, so a flood costs a fixed number of statements per group rather than
// per request. An idle committer runs a submission at once: batching adds no delay when
// there is nothing to batch with.
//
// If a group fails, each of its submissions is run again alone, so one caller's bad input
// fails only that caller.

export type TGroupCommitter<I, O> = {
  /** Resolves with one output per item, in order, once the group holding them has run. */
  submit(items: readonly I[]): Promise<O[]>;
};

type TSubmission<I, O> = { items: readonly I[]; resolve: (out: O[]) => void; reject: (error: unknown) => void };

export function groupCommitter<I, O>(options: {
  /** Runs one group; must return one output per item, in order. */
  run: (items: I[]) => Promise<O[]>;
  /** Groups running at once. */
  maxInFlight: number;
  /**
   * A group beyond the first in flight starts only with at least this many items: small
   * submissions wait and make the next group larger (less work per item), while big ones
   * (whole batches) overlap, so the database works on one while the console prepares the
   * other. Default 1: any group may start.
   */
  minItemsBeyondFirst?: number;
  /** A group takes whole submissions while they fit in this many items; a larger one goes alone. */
  maxItems: number;
}): TGroupCommitter<I, O> {
  const queue: TSubmission<I, O>[] = [];
  let inFlight = 0;

  async function runChecked(items: I[]): Promise<O[]> {
    const out = await options.run(items);
    if (out.length !== items.length) throw new Error(`a group of ${items.length} items produced ${out.length} results`);
    return out;
  }

  async function runGroup(group: TSubmission<I, O>[]): Promise<void> {
    try {
      const out = await runChecked(group.flatMap((s) => s.items));
      let offset = 0;
      for (const s of group) {
        s.resolve(out.slice(offset, offset + s.items.length));
        offset += s.items.length;
      }
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const s of group) await runChecked([...s.items]).then(s.resolve, s.reject);
    }
  }

  const queuedItems = () => queue.reduce((n, s) => n + s.items.length, 0);

  function pump(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      if (inFlight > 0 && Math.min(queuedItems(), options.maxItems) < (options.minItemsBeyondFirst ?? 1)) return;
      const group: TSubmission<I, O>[] = [];
      let size = 0;
      while (queue.length > 0 && (group.length === 0 || size + queue[0]!.items.length <= options.maxItems)) {
        const next = queue.shift()!;
        group.push(next);
        size += next.items.length;
      }
      inFlight++;
      void runGroup(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    submit(items) {
      if (items.length === 0) return Promise.resolve([]);
      return new Promise<O[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        pump();
      });
    },
  };
}
