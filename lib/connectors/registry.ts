import type { TActionType } from "@/lib/domain/types";

// How each action is enforced. Perimeter blocks are pulled by firewalls and bouncers from
// the feeds (enforced as soon as the containment commits); every other action is pushed
// to an outbound connector by a job, with retries.

export type TConnectorPlan = { connector: "perimeter-feed"; pull: true } | { connector: "webhook"; pull: false };

export function connectorPlanFor(action: TActionType): TConnectorPlan {
  return action === "block_ip" ? { connector: "perimeter-feed", pull: true } : { connector: "webhook", pull: false };
}
