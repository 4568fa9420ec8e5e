// Small helpers for the sentences playbooks write. Analysts read them in the audit log and
// the escalation queue, where decide() embeds them after a colon or inside parentheses,
// so none of them ends with a full stop.
import type { TBlastRadius, TEntity, TEntityKind, TNormalizedAlert, TRegistration } from "@/lib/domain/types";

/** "2015-12-10T09:32:20Z": seconds are as precise as an analyst needs. */
export function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "45 s", "10 min", "24 h", "90 min". */
export function formatWindow(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** "1 failed login", "286 failed logins". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "a", "a and b", "a, b and c", "a, b, c, d, e and 3 more". */
export function listWords(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const parts = more > 0 ? [...shown, `${more} more`] : shown;
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** How the alert is named in a rationale: its title and rule. */
export function alertPhrase(alert: TNormalizedAlert): string {
  return `the ${alert.severity} severity alert "${alert.title}" (${alert.ruleId})`;
}

/** A blast-radius item for a protected-list registration. */
export function registrationItem(registration: TRegistration): string {
  return `registered: ${registration.businessService} (${registration.ownerName})`;
}

/** Items deduplicated in order, registrations (one item each, by id) last; count = items.length. */
export function buildBlastRadius(items: readonly string[], registrations: readonly TRegistration[]): TBlastRadius {
  const seenIds = new Set<string>();
  const regItems = registrations.filter((r) => !seenIds.has(r.id) && seenIds.add(r.id)).map(registrationItem);
  const unique = [...new Set(items), ...regItems];
  return { count: unique.length, items: unique };
}

/** The alert's target, which a playbook only gets after its `matches` said yes. */
export function requireTarget(alert: TNormalizedAlert, kind: TEntityKind, playbookKey: string): TEntity {
  const target = alert.target;
  if (target === null || target.kind !== kind) {
    throw new Error(`playbook ${playbookKey} needs an alert whose target is of kind ${kind}; got ${target?.kind ?? "no target"}`);
  }
  return target;
}

/** Keeps a score in [0, max] with three decimals, rounding down so it never exceeds what the rules gave. */
export function clampScore(value: number, max = 0.99): number {
  const clamped = Math.min(max, Math.max(0, value));
  return Math.floor(clamped * 1000 + 1e-9) / 1000;
}
