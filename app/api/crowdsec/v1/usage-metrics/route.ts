import { crowdsecRoute } from "@/lib/server/enforcement/crowdsec-route";

// Recent CrowdSec bouncers report usage metrics here every 30 minutes. Reflex tracks pulls
// itself (EnforcementPoint), so the report is accepted and dropped: 201 with no body, as
// CrowdSec's LAPI answers, keeps the bouncer from warning about an "older LAPI".
export const POST = crowdsecRoute(async () => new Response(null, { status: 201 }));
