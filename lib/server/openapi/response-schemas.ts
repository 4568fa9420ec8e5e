import { z } from "zod";
import { ALERT_FORMATS, ENTITY_KINDS, VERDICTS } from "@/lib/domain/types";
import { ActorKind, AuditType, ContainmentStatus } from "@/lib/generated/prisma";
import { HTTP_STATUS } from "@/lib/server/errors";
import { SETTINGS } from "@/lib/server/settings/settings";

// What the routes answer. The routes build these objects in services without zod, so these
// schemas are the documented contract: tests/api/*.int.test.ts parse real answers with them,
// which keeps the OpenAPI document and the routes from drifting apart.

const ZTime = z.iso.datetime({ offset: true });

export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum([...(Object.keys(HTTP_STATUS) as (keyof typeof HTTP_STATUS)[]), "INTERNAL"]),
    message: z.string(),
    /** Field path → what to fix; absent on INTERNAL errors, `{}` when no field is to blame. */
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export const ZAlertOutcome = z.object({
  id: z.string(),
  externalId: z.string(),
  duplicate: z.boolean(),
  rejected: z.string().nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  containmentId: z.string().nullable(),
  escalationId: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZAlertIngestResult = z.object({
  format: z.enum(ALERT_FORMATS),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  alerts: z.array(ZAlertOutcome),
});

export const ZEventIngestResult = z.object({
  inserted: z.number().int(),
  detections: z.array(ZAlertOutcome.extend({ ip: z.string(), failures: z.number().int() })),
});

export const ZContainment = z.object({
  id: z.string(),
  number: z.number().int(),
  action: z.string(),
  targetKind: z.enum(ENTITY_KINDS),
  targetValue: z.string(),
  status: z.enum(ContainmentStatus),
  reason: z.string(),
  connector: z.string(),
  confidence: z.number(),
  blastRadiusCount: z.number().int(),
  policyVersion: z.number().int().nullable(),
  playbookKey: z.string().nullable(),
  createdAt: ZTime,
  activatedAt: ZTime.nullable(),
  expiresAt: ZTime,
  endedAt: ZTime.nullable(),
  releasedByName: z.string().nullable(),
  releaseReason: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const ZContainmentPage = z.object({
  containments: z.array(ZContainment),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const ZStoryEvent = z.object({
  id: z.string(),
  type: z.enum(AuditType),
  occurredAt: ZTime,
  actorName: z.string(),
  actorKind: z.enum(ActorKind),
  summary: z.string(),
  data: z.unknown(),
  hash: z.string(),
  prevHash: z.string().nullable(),
});

export const ZContainmentStory = z.object({
  containment: ZContainment.extend({ decisionId: z.string().nullable(), alertId: z.string().nullable() }),
  story: z.array(ZStoryEvent),
});

export const ZReleaseResult = z.object({
  containmentId: z.string(),
  status: z.enum(ContainmentStatus),
  alreadyReleased: z.boolean(),
  releasedBy: z.string().nullable(),
});

export const ZKillSwitchState = SETTINGS.killSwitch.schema;

export const ZCrowdSecDecision = z.object({
  id: z.number().int(),
  uuid: z.string(),
  origin: z.literal("reflex"),
  type: z.literal("ban"),
  scope: z.enum(["Ip", "Range"]),
  value: z.string(),
  duration: z.string(),
  until: ZTime,
  scenario: z.string(),
  simulated: z.literal(false),
});

export const ZCrowdSecStream = z.object({ new: z.array(ZCrowdSecDecision), deleted: z.array(ZCrowdSecDecision) });

export const ZCrowdSecMessage = z.object({ message: z.string() });
