// Starting points for the policy editor. Both return fresh objects each call, so a caller
// may edit one without touching the next.
import { ACTION_TYPES, type TActionType, type TPolicyCell, type TPolicyDocument, type TPolicyRule } from "./types";
import { DEFAULT_ASSET_CLASS_KEYS, type TDefaultAssetClass } from "./asset-class";

const HOUR = 3600;

/** Conservative thresholds that only matter once someone switches a cell to autonomous. */
function escalateCell(): TPolicyCell {
  return { mode: "escalate", minConfidence: 0.9, maxBlastRadius: 1, ttlSeconds: HOUR, requireContext: true, allowIrreversible: false };
}

function grid(override: (action: TActionType, assetClass: TDefaultAssetClass) => Partial<TPolicyCell>): TPolicyRule[] {
  return ACTION_TYPES.flatMap((action) =>
    DEFAULT_ASSET_CLASS_KEYS.map((assetClass) => ({ action, assetClass, ...escalateCell(), ...override(action, assetClass) })),
  );
}

/**
 * Every cell escalates: a new installation starts by putting recommendations in front of
 * analysts, and the CISO switches cells to autonomous (or shadow, to rehearse) one by one.
 */
export function defaultPolicyDocument(): TPolicyDocument {
  return {
    rules: grid(() => ({})),
    defaultRule: escalateCell(),
    failMode: "escalate",
    escalationSlaMinutes: 30,
    rationale:
      "Starting policy: nothing is contained without a human decision. Each escalation arrives with a recommendation; switch cells to autonomous once their recommendations have proven right.",
  };
}

/** The demo: external IPs are blocked on their own, crown jewels are never isolated, a rehearsal runs on session revocation. */
export function demoPolicyDocument(): TPolicyDocument {
  return {
    rules: grid((action, assetClass) => {
      if (action === "block_ip" && assetClass === "external-ip") {
        return { mode: "autonomous", minConfidence: 0.8, maxBlastRadius: 5, ttlSeconds: 4 * HOUR, requireContext: true };
      }
      if (action === "isolate_host" && assetClass === "crown-jewel") return { mode: "forbidden" };
      if (action === "revoke_sessions" && assetClass === "human-account") {
        return { mode: "shadow", minConfidence: 0.85, maxBlastRadius: 1, ttlSeconds: HOUR };
      }
      return {};
    }),
    defaultRule: escalateCell(),
    failMode: "escalate",
    escalationSlaMinutes: 30,
    rationale:
      "Block external IPs autonomously when a playbook is at least 80% confident, the block touches at most 5 assets and the context check finds no legitimate traffic; blocks expire after 4 hours. Never isolate a crown-jewel host. Rehearse session revocation for human accounts in shadow mode. Everything else goes to an analyst.",
  };
}
