import * as crowdsecDecisions from "@/app/api/crowdsec/v1/decisions/route";
import * as crowdsecStream from "@/app/api/crowdsec/v1/decisions/stream/route";
import * as crowdsecUsage from "@/app/api/crowdsec/v1/usage-metrics/route";
import * as alerts from "@/app/api/v1/alerts/route";
import * as events from "@/app/api/v1/events/route";
import * as blocklist from "@/app/api/v1/feeds/blocklist.txt/route";
import { apiTokenFrom } from "@/lib/server/auth/authorize";

// The endpoints machines call at flood rates (alert and event ingest, the firewalls' feed,
// the CrowdSec bouncers) are served by their own route handlers without Next.js's router,
// which costs more CPU per request than Reflex's work on a grouped alert
// (docs/BENCHMARKS.md). Only requests that carry an API token take this path: a console
// session is read through Next.js's request context, so cookie-only requests, unknown
// paths and methods a route does not export still go to Next.js.

type TRouteHandler = (request: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;
type TRouteModule = Partial<Record<"GET" | "HEAD" | "POST", TRouteHandler>>;

const ROUTES = new Map<string, { module: TRouteModule; tokenOnly: boolean }>([
  ["/api/v1/alerts", { module: alerts, tokenOnly: true }],
  ["/api/v1/events", { module: events, tokenOnly: true }],
  ["/api/v1/feeds/blocklist.txt", { module: blocklist, tokenOnly: true }],
  // The CrowdSec API knows only bouncer keys, never a session.
  ["/api/crowdsec/v1/decisions", { module: crowdsecDecisions, tokenOnly: false }],
  ["/api/crowdsec/v1/decisions/stream", { module: crowdsecStream, tokenOnly: false }],
  ["/api/crowdsec/v1/usage-metrics", { module: crowdsecUsage, tokenOnly: false }],
]);

const NO_PARAMS = { params: Promise.resolve({} as Record<string, never>) };

/** The handler serving this request outside Next.js, or null when Next.js should serve it. */
export function machineRouteFor(head: { method: string; url: string; headers: Headers }): ((request: Request) => Promise<Response>) | null {
  const route = ROUTES.get(new URL(head.url).pathname);
  const handler = route?.module[head.method as keyof TRouteModule];
  if (!route || !handler) return null;
  if (route.tokenOnly && !apiTokenFrom(head)) return null;
  return (request) => handler(request, NO_PARAMS);
}
