import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

// Serves one PGlite to many PostgreSQL wire-protocol connections without letting them mix.
//
// PGlite is a single backend session. A real server gives every connection its own session;
// here all connections share one, so a connection must keep the session from its first
// message until PGlite is idle again, i.e. until PGlite answers ReadyForQuery with status
// 'I'. That one rule covers everything that lives in the session between messages: the
// extended protocol's unnamed statement and portal (Parse/Bind/Execute up to Sync),
// explicit transactions (status 'T', or 'E' after an error) and a COPY in progress.
// @electric-sql/pglite-socket 0.2.17 interleaved messages whenever no transaction block was
// open, so one connection's Bind ran against another's Parse (electric-sql/pglite#1046,
// lib/db/embedded.int.test.ts reproduces it).
//
// Waiting connections queue first come, first served, and a connection that keeps sending
// goes to the back of the queue each time PGlite is idle, so none starves. A connection
// that goes away while holding the session has its statement closed and its transaction
// rolled back, as a real backend would on exit. Session-wide state that outlives a turn is
// still shared (SET, named prepared statements, temporary tables): docs/DATABASE.md.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
const ROLLBACK = simpleQuery("ROLLBACK");

function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const header = Buffer.alloc(5);
  header.write("Q", 0);
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

/** Whether PGlite's answer ends with ReadyForQuery 'I': the session is free for others. */
function endsIdle(out: Uint8Array): boolean {
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  let last = -1;
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) last = at;
  return last >= 0 && bytes[last] === READY_FOR_QUERY && bytes[last + 5] === IDLE;
}

/** The session, handed to one connection at a time in the order they asked. */
class Session {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

export type TWireServer = { host: string; port: number; stop(): Promise<void> };

export async function serveOverWire(db: PGlite, options: { host: string; port: number }): Promise<TWireServer> {
  const session = new Session();
  const connections = new Set<{ socket: net.Socket; finished: Promise<void> }>();

  const accept = (socket: net.Socket) => {
    socket.setNoDelay(true);
    let unread: Buffer = Buffer.alloc(0);
    let startedUp = false;
    let terminated = false;
    let holding = false;
    // Everything a connection does runs on its own chain, one step after another, so that
    // its messages reach PGlite in order and its clean-up runs after its last batch.
    let chain = Promise.resolve();
    const queue = (step: () => Promise<void>) => {
      chain = chain.then(step).catch(() => {
        socket.destroy();
      });
    };

    const release = () => {
      if (!holding) return;
      holding = false;
      session.give();
    };

    // Messages already received still run after the client has gone, as on a real server,
    // which reads its socket to the end before it notices the disconnect.
    const execute = async (message: Uint8Array) => {
      if (!holding) {
        await session.take();
        holding = true;
      }
      let out: Uint8Array;
      try {
        out = await db.runExclusive(() => db.execProtocolRaw(message));
      } catch (error) {
        // PGlite itself failed: whatever state it is in, the session must not stay taken.
        await leave();
        throw error;
      }
      // A copy: PGlite answers a startup packet with a view of a buffer it reuses.
      if (socket.writable && out.length > 0) socket.write(Buffer.from(out));
      if (endsIdle(out)) release();
    };

    // What a backend does when its client leaves: drop the statement in progress and roll
    // back the open transaction, so the next connection finds the session idle.
    const leave = async () => {
      if (!holding) return;
      try {
        if (!endsIdle(await db.runExclusive(() => db.execProtocolRaw(SYNC)))) {
          await db.runExclusive(() => db.execProtocolRaw(ROLLBACK));
        }
      } finally {
        release();
      }
    };

    // Not the PostgreSQL protocol: nothing sensible can follow, so hang up.
    const refuse = () => {
      terminated = true;
      socket.destroy();
    };

    // Splits the bytes received so far into whole messages and queues them. The messages
    // of one read go to PGlite in one call: fewer round trips, same order.
    const receive = () => {
      const batch: Buffer[] = [];
      const flush = () => {
        if (batch.length === 0) return;
        const messages = Buffer.concat(batch.splice(0));
        queue(() => execute(messages));
      };
      while (!terminated) {
        if (!startedUp) {
          if (unread.length < 8) break;
          const length = unread.readInt32BE(0);
          if (length < 8) return refuse();
          if (unread.length < length) break;
          const code = unread.readInt32BE(4);
          const packet = Buffer.from(unread.subarray(0, length));
          unread = unread.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N"); // no encryption on loopback: the client goes on in plain text
          } else if (code === CANCEL_REQUEST) {
            terminated = true; // PGlite cannot interrupt a running statement
            socket.end();
          } else {
            startedUp = true;
            // Alone: PGlite reads nothing after a startup packet in the same call.
            queue(() => execute(packet));
          }
          continue;
        }
        if (unread.length < 5) break;
        const length = 1 + unread.readInt32BE(1);
        if (length < 5) return refuse();
        if (unread.length < length) break;
        const message = Buffer.from(unread.subarray(0, length));
        unread = unread.subarray(length);
        if (message[0] === TERMINATE) {
          terminated = true;
          flush();
          queue(async () => {
            await leave();
            socket.end();
          });
        } else {
          batch.push(message);
        }
      }
      flush();
    };

    socket.on("data", (chunk: Buffer) => {
      unread = unread.length > 0 ? Buffer.concat([unread, chunk]) : chunk;
      receive();
    });
    socket.on("error", () => socket.destroy());
    const connection = {
      socket,
      finished: new Promise<void>((resolve) =>
        socket.on("close", () => {
          queue(leave);
          void chain.then(() => {
            connections.delete(connection);
            resolve();
          });
        }),
      ),
    };
    connections.add(connection);
  };

  const server = net.createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host: address.address,
    port: address.port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const all = [...connections];
      for (const c of all) c.socket.destroy();
      await Promise.all(all.map((c) => c.finished));
      await closed;
    },
  };
}
