import "server-only";

// The LAPI's decision filters, as bouncers send them in the query string: comma lists,
// compared without regard to case (CrowdSec compares scenarios with ContainsFold).

export type TDecisionFilter = {
  /** Lower-case scope names; null lets every scope through. */
  scopes: ReadonlySet<string> | null;
  /** Lower-case origins; null lets every origin through. */
  origins: ReadonlySet<string> | null;
  /** Lower-case words: the scenario must contain one of them (none given: no condition). */
  scenariosContaining: readonly string[];
  /** Lower-case words: the scenario must contain none of them. */
  scenariosNotContaining: readonly string[];
};

function list(value: string | null): string[] | null {
  if (value === null) return null;
  return value
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== "");
}

/** `defaultScopes` applies when the request has no `scopes` (the stream's default is "ip,range"). */
export function parseDecisionFilter(params: URLSearchParams, options: { defaultScopes?: string } = {}): TDecisionFilter {
  const scopes = list(params.get("scopes") ?? options.defaultScopes ?? null);
  const origins = list(params.get("origins"));
  return {
    scopes: scopes ? new Set(scopes) : null,
    origins: origins ? new Set(origins) : null,
    scenariosContaining: list(params.get("scenarios_containing")) ?? [],
    scenariosNotContaining: list(params.get("scenarios_not_containing")) ?? [],
  };
}

export const NO_FILTER: TDecisionFilter = { scopes: null, origins: null, scenariosContaining: [], scenariosNotContaining: [] };

export function passesFilter(d: { scope: string; origin: string; scenario: string }, filter: TDecisionFilter): boolean {
  if (filter.scopes && !filter.scopes.has(d.scope.toLowerCase())) return false;
  if (filter.origins && !filter.origins.has(d.origin.toLowerCase())) return false;
  const scenario = d.scenario.toLowerCase();
  if (filter.scenariosContaining.length > 0 && !filter.scenariosContaining.some((w) => scenario.includes(w))) return false;
  return !filter.scenariosNotContaining.some((w) => scenario.includes(w));
}
