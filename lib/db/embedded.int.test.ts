import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "./embedded";

// The embedded server must let several pg connections share PGlite's one session as if
// each had its own: parameterised (extended-protocol) queries and explicit transactions
// from different connections must never mix. This file starts its own embedded server,
// whatever database the rest of the suite runs on.

let embedded: TEmbeddedDatabase;
const open: pg.Client[] = [];

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({});
  proxy = await startFragmentingProxy(new URL(embedded.url));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.end().catch(() => {})));
});

afterAll(async () => {
  await proxy.close();
  await embedded.stop();
});

/**
 * TCP keeps no message boundaries: under load, a client's Parse/Bind/Execute/Sync reach
 * the server in pieces, with other connections' bytes in between. The tests connect
 * through this proxy, which forwards every chunk in two halves, each an event-loop turn
 * after the piece before, so that happens on every query.
 */
async function startFragmentingProxy(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let chain = Promise.resolve();
    const later = (send: () => void) => {
      chain = chain.then(() => new Promise<void>((resolve) => setImmediate(() => (send(), resolve()))));
    };
    client.on("data", (chunk: Buffer) => {
      const half = Math.ceil(chunk.length / 2);
      later(() => upstream.write(chunk.subarray(0, half)));
      if (chunk.length > half) later(() => upstream.write(chunk.subarray(half)));
    });
    client.on("close", () => later(() => upstream.end()));
    upstream.pipe(client);
    upstream.on("close", () => client.destroy());
    for (const s of [client, upstream]) s.on("error", () => s.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let proxy: Awaited<ReturnType<typeof startFragmentingProxy>>;

async function connect(): Promise<pg.Client> {
  const client = new pg.Client(proxy.url);
  // A server-side failure must fail the test, not crash the worker with an unhandled event.
  client.on("error", () => {});
  await client.connect();
  open.push(client);
  return client;
}

async function connectMany(n: number): Promise<pg.Client[]> {
  return Promise.all(Array.from({ length: n }, connect));
}

/** Drops the TCP connection without a Terminate message, like a crashed client. */
function kill(client: pg.Client): void {
  open.splice(open.indexOf(client), 1);
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}

async function fresh(table: string): Promise<void> {
  const c = await connect();
  await c.query(`DROP TABLE IF EXISTS ${table}`);
  await c.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, tag text NOT NULL)`);
}

describe("embedded wire server", () => {
  it("answers every connection's parameterised queries with its own parameters", async () => {
    const clients = await connectMany(8);
    // Every connection has its own statement: a Bind or Execute that lands on another
    // connection's Parse fails or answers with the other statement's result.
    const answers = await Promise.all(
      clients.map(async (c, ci) => {
        const got: unknown[] = [];
        for (let i = 0; i < 40; i++) {
          const r =
            ci % 2 === 0
              ? await c.query(`SELECT $1::int * ${ci + 1} AS a, $2::text AS b`, [i, `c${ci}`])
              : await c.query(`SELECT $1::int * ${ci + 1} AS a, $2::text || $3::text AS b`, [i, `c${ci}`, "!"]);
          got.push(r.rows[0]);
        }
        return got;
      }),
    );
    answers.forEach((got, ci) => {
      expect(got).toEqual(Array.from({ length: 40 }, (_, i) => ({ a: i * (ci + 1), b: ci % 2 === 0 ? `c${ci}` : `c${ci}!` })));
    });
  });

  it("keeps other connections' writes out of a transaction that rolls back", async () => {
    await fresh("wire_rollback");
    const [txClient, ...others] = await connectMany(5);
    const rounds = 15;
    const writesPerClient = 20;

    const doomed = (async () => {
      for (let r = 0; r < rounds; r++) {
        await txClient!.query("BEGIN");
        await txClient!.query("INSERT INTO wire_rollback (tag) VALUES ($1)", [`doomed-${r}`]);
        // Inside its transaction a connection sees its own write and nobody else's.
        const seen = await txClient!.query("SELECT tag FROM wire_rollback WHERE tag LIKE $1", ["doomed-%"]);
        expect(seen.rows).toEqual([{ tag: `doomed-${r}` }]);
        await txClient!.query("ROLLBACK");
      }
    })();
    const writers = others.map(async (c, ci) => {
      for (let i = 0; i < writesPerClient; i++) {
        await c.query("INSERT INTO wire_rollback (tag) VALUES ($1)", [`kept-${ci}-${i}`]);
        const visible = await c.query("SELECT count(*)::int AS n FROM wire_rollback WHERE tag LIKE $1", ["doomed-%"]);
        expect(visible.rows[0].n).toBe(0);
      }
    });
    await Promise.all([doomed, ...writers]);

    const check = await connect();
    const { rows } = await check.query("SELECT tag FROM wire_rollback ORDER BY tag");
    const expected = others.flatMap((_, ci) => Array.from({ length: writesPerClient }, (_, i) => `kept-${ci}-${i}`));
    expect(rows.map((r) => r.tag)).toEqual([...expected].sort());
  });

  it("does not run other connections' queries inside a failed transaction", async () => {
    const [failing, ...others] = await connectMany(4);
    const aborted = (async () => {
      for (let r = 0; r < 10; r++) {
        await failing!.query("BEGIN");
        await expect(failing!.query("SELECT 1 / $1::int", [0])).rejects.toThrow(/division by zero/);
        await expect(failing!.query("SELECT $1::int", [1])).rejects.toThrow(/current transaction is aborted/);
        await failing!.query("ROLLBACK");
        await expect(failing!.query("SELEC $1::int", [r])).rejects.toThrow(/syntax error/);
      }
    })();
    const healthy = others.map(async (c, ci) => {
      for (let i = 0; i < 20; i++) {
        const r = await c.query("SELECT $1::int + 1 AS n", [ci * 100 + i]);
        expect(r.rows[0].n).toBe(ci * 100 + i + 1);
      }
    });
    await Promise.all([aborted, ...healthy]);
  });

  it("rolls back the open transaction of a connection that goes away, and serves the others", async () => {
    await fresh("wire_abandoned");
    for (const leave of ["terminate", "drop"] as const) {
      const [quitter, waiting] = await connectMany(2);
      await quitter!.query("BEGIN");
      await quitter!.query("INSERT INTO wire_abandoned (tag) VALUES ($1)", [`abandoned-${leave}`]);
      // Sent while the quitter holds the session: answered once it has gone.
      const count = waiting!.query("SELECT count(*)::int AS n FROM wire_abandoned WHERE tag LIKE $1", ["abandoned-%"]);
      if (leave === "terminate") await quitter!.end();
      else kill(quitter!);
      expect((await count).rows[0].n).toBe(0);
      const after = await waiting!.query("INSERT INTO wire_abandoned (tag) VALUES ($1) RETURNING tag", [`after-${leave}`]);
      expect(after.rows[0].tag).toBe(`after-${leave}`);
    }
    const check = await connect();
    const { rows } = await check.query("SELECT tag FROM wire_abandoned ORDER BY tag");
    expect(rows.map((r) => r.tag)).toEqual(["after-drop", "after-terminate"]);
  });

  it("hangs up on bytes that are not the wire protocol, and goes on serving the others", async () => {
    const target = new URL(embedded.url);
    const stranger = net.connect(Number(target.port), target.hostname);
    const closed = new Promise<void>((resolve) => stranger.on("close", () => resolve()));
    stranger.on("error", () => {});
    stranger.write(Buffer.alloc(8)); // a startup packet 0 bytes long
    await closed;
    const c = await connect();
    expect((await c.query("SELECT $1::text AS t", ["still here"])).rows).toEqual([{ t: "still here" }]);
  });

  it("gives a waiting connection its turn while another keeps sending queries", async () => {
    const [busy, other] = await connectMany(2);
    const order: string[] = [];
    const hammer = (async () => {
      for (let i = 0; i < 200; i++) await busy!.query("SELECT $1::int", [i]);
      order.push("busy done");
    })();
    await busy!.query("SELECT 1");
    await other!.query("SELECT $1::text", ["once"]);
    order.push("other done");
    await hammer;
    expect(order).toEqual(["other done", "busy done"]);
  });
});
