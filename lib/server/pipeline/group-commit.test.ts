import { describe, expect, it } from "vitest";
import { groupCommitter } from "./group-commit";

/** A run function whose groups the test releases by hand, recording what each held. */
function controlledRun() {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(items);
      pending.push(() => (items.includes(13) ? reject(new Error("thirteen")) : resolve(items.map((i) => `done ${i}`))));
    });
  const releaseAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { groups, run, releaseAll };
}

describe("groupCommitter", () => {
  it("runs a lone submission at once, as its own group", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 1, maxItems: 100 });
    const done = committer.submit([1, 2]);
    expect(c.groups).toEqual([[1, 2]]);
    await c.releaseAll();
    await expect(done).resolves.toEqual(["done 1", "done 2"]);
  });

  it("groups submissions that arrive while the database is busy, and gives each caller its own outputs", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 1, maxItems: 100 });
    const first = committer.submit([1]);
    const waiting = [committer.submit([2]), committer.submit([3, 4]), committer.submit([5])];
    expect(c.groups).toEqual([[1]]);
    await c.releaseAll();
    expect(c.groups).toEqual([[1], [2, 3, 4, 5]]);
    await expect(first).resolves.toEqual(["done 1"]);
    await expect(Promise.all(waiting)).resolves.toEqual([["done 2"], ["done 3", "done 4"], ["done 5"]]);
  });

  it("keeps groups within maxItems, but never splits or starves a larger submission", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 1, maxItems: 3 });
    const all = [committer.submit([1]), committer.submit([2, 3]), committer.submit([4, 5]), committer.submit([6, 7, 8, 9]), committer.submit([10])];
    await c.releaseAll();
    await Promise.all(all);
    expect(c.groups).toEqual([[1], [2, 3], [4, 5], [6, 7, 8, 9], [10]]);
  });

  it("runs up to maxInFlight groups at once", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 2, maxItems: 100 });
    const all = [committer.submit([1]), committer.submit([2]), committer.submit([3]), committer.submit([4])];
    expect(c.groups).toEqual([[1], [2]]);
    await c.releaseAll();
    await Promise.all(all);
    expect(c.groups).toEqual([[1], [2], [3, 4]]);
  });

  it("starts a group beside a running one only when it is big enough", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 2, maxItems: 10, minItemsBeyondFirst: 4 });
    const all = [committer.submit([1]), committer.submit([2]), committer.submit([3, 4])];
    expect(c.groups).toEqual([[1]]);
    all.push(committer.submit([5]));
    expect(c.groups).toEqual([[1], [2, 3, 4, 5]]);
    all.push(committer.submit([6]));
    await c.releaseAll();
    await Promise.all(all);
    expect(c.groups).toEqual([[1], [2, 3, 4, 5], [6]]);
  });

  it("when a group fails, runs its submissions alone so only the bad one fails", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 1, maxItems: 100 });
    const first = committer.submit([1]);
    const good = committer.submit([2]);
    const bad = committer.submit([13, 14]).catch((error: Error) => error.message);
    const alsoGood = committer.submit([15]);
    await c.releaseAll();
    await first;
    await expect(good).resolves.toEqual(["done 2"]);
    await expect(bad).resolves.toBe("thirteen");
    await expect(alsoGood).resolves.toEqual(["done 15"]);
    expect(c.groups).toEqual([[1], [2, 13, 14, 15], [2], [13, 14], [15]]);
  });

  it("rejects a run that answers a different number of items than it was given", async () => {
    const committer = groupCommitter<number, number>({ run: async (items) => items.slice(1), maxInFlight: 1, maxItems: 10 });
    await expect(committer.submit([1, 2])).rejects.toThrow("a group of 2 items produced 1 results");
  });

  it("answers an empty submission without running anything", async () => {
    const c = controlledRun();
    const committer = groupCommitter({ run: c.run, maxInFlight: 1, maxItems: 10 });
    await expect(committer.submit([])).resolves.toEqual([]);
    expect(c.groups).toEqual([]);
  });
});
