// React Query keys for the audit feed and its chain status (one factory), and the fetcher.
export const auditKeys = {
  all: ["audit"] as const,
  feed: (query: string) => [...auditKeys.all, "feed", query] as const,
  chain: () => [...auditKeys.all, "chain"] as const,
};

/** GETs a console API and throws its error message (the API's `{ error: { message } }`). */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body as T;
}
