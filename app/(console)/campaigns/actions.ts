"use server";

import { z } from "zod";
import { db } from "@/lib/db/client";
import { ZCampaignInput } from "@/lib/domain/campaign-input";
import { defineAction } from "@/lib/server/action-client";
import { auditActorOf } from "@/lib/server/auth/audit-actor";
import { closeCampaign, ZCloseCampaign } from "@/lib/server/campaigns/close-campaign";
import { editCampaign } from "@/lib/server/campaigns/edit-campaign";
import { openCampaign } from "@/lib/server/campaigns/open-campaign";

export const openCampaignAction = defineAction(
  { name: "openCampaign", permission: "campaign:manage", input: ZCampaignInput },
  async (input, { user, meta }) => openCampaign(db(), { input, createdById: user.id, actor: auditActorOf(user, meta), now: new Date() }),
);

export const editCampaignAction = defineAction(
  { name: "editCampaign", permission: "campaign:manage", input: z.intersection(z.object({ campaignId: z.uuid("Unknown campaign.") }), ZCampaignInput) },
  async ({ campaignId, ...input }, { user, meta }) => editCampaign(db(), { campaignId, input, actor: auditActorOf(user, meta) }),
);

export const closeCampaignAction = defineAction(
  { name: "closeCampaign", permission: "campaign:manage", input: ZCloseCampaign },
  async ({ campaignId, reason }, { user, meta }) => closeCampaign(db(), { campaignId, reason, actor: auditActorOf(user, meta), now: new Date() }),
);
