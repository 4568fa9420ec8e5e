import pg from "pg";

// Every API request looks its token up, and under a flood of single alerts that statement
// was about a seventh of an alert's CPU (docs/BENCHMARKS.md). So tokens found are kept in
// the process, but only while a session LISTENing for changes to them is up: a trigger on
// "ApiToken" notifies on this channel when a token is revoked, renamed or deleted, by any
// means, and every process empties its cache when the commit's notification arrives.
// While no such session is up (starting, reconnecting, a database switched under the
// process, or PGlite, whose single session hands notifications to whichever connection
// asks next) nothing is cached. And an entry is served for MAX_AGE_MS at most, so a
// notification lost on a connection that died silently delays a revocation by that much,
// not forever.

/** The trigger on "ApiToken" notifies here (migration 20261127102000_api_token_change_notify). */
const TOKEN_CHANGED_CHANNEL = "reflex_api_token_revoked";

/** How the listening session shows in pg_stat_activity. */
export const APPLICATION_NAME = "reflex token revocations";

const RETRY_MS = [1000, 5000, 30_000] as const;

/** The longest a cached token is served without reading the database again. */
export const MAX_AGE_MS = 30_000;

export class TokenCache<T> {
  readonly #entries = new Map<string, { value: T; storedAt: number }>();
  /** Bumped by every invalidation: a lookup that began before one must not fill the cache. */
  #generation = 0;
  #url: string | null = null;
  #session: pg.Client | null = null;
  #listening = false;
  #starting: Promise<boolean> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #failures = 0;

  /** Whether tokens are cached now: a revocation listener is up. */
  get listening(): boolean {
    return this.#listening;
  }

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.#listening ? this.#entries.get(key) : undefined;
    if (!entry || now - entry.storedAt >= MAX_AGE_MS) return undefined;
    return entry.value;
  }

  /** Read before the database lookup; hand it back to `set` with the result. */
  generation(): number {
    return this.#generation;
  }

  set(key: string, value: T, generation: number, now = Date.now()): void {
    if (this.#listening && generation === this.#generation) this.#entries.set(key, { value, storedAt: now });
  }

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** Starts (or moves) the listening session for this database; resolves to whether the cache is on. */
  listen(url: string): Promise<boolean> {
    if (this.#url === url) return this.#starting ?? Promise.resolve(this.#listening);
    this.#stopSession();
    this.#url = url;
    this.#failures = 0;
    return this.#start();
  }

  /** Closes the session: nothing is cached until `listen` is called again. */
  async stop(): Promise<void> {
    const session = this.#session;
    this.#stopSession();
    this.#url = null;
    await session?.end().catch(() => undefined);
  }

  #start(): Promise<boolean> {
    const url = this.#url;
    if (!url) return Promise.resolve(false);
    // keepAlive: the session only listens, so without TCP keepalives a dead peer could go unnoticed for hours.
    const session = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, keepAlive: true, connectionTimeoutMillis: 10_000 });
    this.#session = session;
    const lost = () => this.#lost(session);
    session.on("error", lost);
    session.on("end", lost);
    session.on("notification", () => this.invalidate());
    // Assigned before the first await inside can finish, so `finally` sees its own promise.
    let starting: Promise<boolean> | null = null;
    starting = (async () => {
      try {
        await session.connect();
        const [row] = (await session.query<{ version: string }>("SELECT version() AS version")).rows;
        if (row?.version.includes("PGlite")) {
          if (this.#session === session) this.#session = null;
          await session.end().catch(() => undefined);
          return false;
        }
        await session.query(`LISTEN ${TOKEN_CHANGED_CHANNEL}`);
        if (this.#session !== session) return false;
        this.invalidate();
        this.#listening = true;
        this.#failures = 0;
        return true;
      } catch {
        lost();
        return false;
      } finally {
        if (this.#starting === starting) this.#starting = null;
      }
    })();
    this.#starting = starting;
    return starting;
  }

  #lost(session: pg.Client): void {
    if (this.#session !== session) return;
    this.#session = null;
    this.#listening = false;
    this.invalidate();
    session.end().catch(() => undefined);
    const delay = RETRY_MS[Math.min(this.#failures++, RETRY_MS.length - 1)];
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#session) void this.#start();
    }, delay);
    this.#retry.unref();
  }

  #stopSession(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const session = this.#session;
    this.#session = null;
    this.#listening = false;
    this.invalidate();
    session?.end().catch(() => undefined);
  }
}
