import "server-only";
import { headers } from "next/headers";

export type TRequestMeta = { ip: string | null; userAgent: string | null };

export function requestMetaFrom(h: Headers): TRequestMeta {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}

/** IP and user agent of the request being served (pages and server actions). */
export async function currentRequestMeta(): Promise<TRequestMeta> {
  return requestMetaFrom(await headers());
}
