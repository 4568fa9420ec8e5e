import type { TEntityKind } from "@/lib/domain/types";

export const SELECTOR_KIND_LABELS: Record<TEntityKind, string> = {
  ip: "IP address",
  cidr: "CIDR range",
  host: "Host name (exact or *.wildcard)",
  account: "Account (user or service account)",
  app: "Application tag",
};
