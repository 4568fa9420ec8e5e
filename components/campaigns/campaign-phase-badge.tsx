import { Badge, type TBadgeTone } from "@/components/ui/badge";
import type { TCampaignPhase } from "@/lib/domain/campaign-dates";

const PHASE: Record<TCampaignPhase, { label: string; tone: TBadgeTone }> = {
  scheduled: { label: "scheduled", tone: "blue" },
  open: { label: "open", tone: "green" },
  "past-deadline": { label: "past deadline", tone: "amber" },
  closed: { label: "closed", tone: "gray" },
};

export function CampaignPhaseBadge({ phase }: { phase: TCampaignPhase }) {
  return <Badge tone={PHASE[phase].tone}>{PHASE[phase].label}</Badge>;
}
