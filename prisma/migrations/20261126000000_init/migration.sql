-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CISO', 'SOC', 'OWNER', 'VIEWER');

-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('ip', 'cidr', 'host', 'account', 'app');

-- CreateEnum
CREATE TYPE "Criticality" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "PolicyStatus" AS ENUM ('DRAFT', 'ACTIVE', 'SUPERSEDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('RECEIVED', 'DECIDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('execute', 'escalate', 'suppress', 'forbid', 'shadow');

-- CreateEnum
CREATE TYPE "ContainmentStatus" AS ENUM ('PENDING', 'ACTIVE', 'RELEASED', 'EXPIRED', 'FAILED');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('OPEN', 'APPROVED', 'REJECTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "HoldKind" AS ENUM ('INVESTIGATION', 'RELEASE_HOLDOFF');

-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('ingest', 'feed', 'bouncer', 'admin');

-- CreateEnum
CREATE TYPE "EnforcementChangeKind" AS ENUM ('ADDED', 'REMOVED');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('USER', 'AUTOMATION', 'TOKEN', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AuditType" AS ENUM ('ALERT_RECEIVED', 'ALERT_REJECTED', 'CONTEXT_QUERIED', 'ASSESSED', 'DECIDED', 'CONTAINMENT_EXECUTED', 'CONTAINMENT_FAILED', 'CONTAINMENT_EXPIRED', 'CONTAINMENT_RELEASED', 'RELEASE_REPEATED', 'ESCALATION_OPENED', 'ESCALATION_RESOLVED', 'HOLD_PLACED', 'HOLD_LIFTED', 'KILL_SWITCH_CHANGED', 'POLICY_CHANGED', 'REGISTRATION_CHANGED', 'CAMPAIGN_CHANGED', 'PLAYBOOK_CHANGED', 'TOKEN_CHANGED', 'USER_CHANGED', 'SETTINGS_CHANGED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetClass" (
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetClass_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RegistrationCampaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopeAssetClasses" TEXT[],
    "scopeBusinessUnits" TEXT[],
    "opensAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "cadenceDays" INTEGER NOT NULL,
    "reminderDaysBefore" INTEGER[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "RegistrationCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProtectedAsset" (
    "id" TEXT NOT NULL,
    "selectorKind" "EntityKind" NOT NULL,
    "selectorValue" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "campaignId" TEXT,
    "businessService" TEXT NOT NULL,
    "businessUnit" TEXT NOT NULL DEFAULT '',
    "assetClass" TEXT NOT NULL,
    "criticality" "Criticality" NOT NULL,
    "justification" TEXT NOT NULL,
    "onCallContact" TEXT NOT NULL,
    "requirements" JSONB NOT NULL,
    "certifiedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ProtectedAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PolicyStatus" NOT NULL DEFAULT 'DRAFT',
    "document" JSONB NOT NULL,
    "basedOnId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editVersion" INTEGER NOT NULL DEFAULT 1,
    "signedById" TEXT,
    "signedByName" TEXT,
    "signedAt" TIMESTAMP(3),
    "digest" TEXT,
    "signature" TEXT,
    "signingKeyId" TEXT,
    "supersededAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokeReason" TEXT,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL DEFAULT 'ed25519',
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Playbook" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "definition" JSONB NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Playbook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "targetKind" "EntityKind",
    "targetValue" TEXT,
    "entities" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "idempotencyKey" TEXT,
    "status" "AlertStatus" NOT NULL DEFAULT 'RECEIVED',
    "rejectReason" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContextEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceIp" TEXT,
    "account" TEXT,
    "host" TEXT,
    "program" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContextEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "playbookKey" TEXT NOT NULL,
    "playbookVersion" INTEGER NOT NULL,
    "policyVersionId" TEXT,
    "policyVersion" INTEGER,
    "action" TEXT NOT NULL,
    "targetKind" "EntityKind" NOT NULL,
    "targetValue" TEXT NOT NULL,
    "assetClass" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "blastRadiusCount" INTEGER NOT NULL,
    "blastRadius" JSONB NOT NULL,
    "reversible" BOOLEAN NOT NULL,
    "contextStatus" TEXT NOT NULL,
    "contextSummary" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "reasons" JSONB NOT NULL,
    "recommendation" TEXT,
    "approver" TEXT,
    "ttlSeconds" INTEGER,
    "registrationIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Containment" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "decisionId" TEXT,
    "action" TEXT NOT NULL,
    "targetKind" "EntityKind" NOT NULL,
    "targetValue" TEXT NOT NULL,
    "status" "ContainmentStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "blastRadiusCount" INTEGER NOT NULL,
    "policyVersion" INTEGER,
    "playbookKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "releasedById" TEXT,
    "releasedByName" TEXT,
    "releaseReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "Containment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnforcementChange" (
    "id" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint,
    "containmentId" TEXT NOT NULL,
    "kind" "EnforcementChangeKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnforcementChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnforcementPoint" (
    "id" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "cursor" BIGINT,
    "lastPullAt" TIMESTAMP(3),
    "intervalSecs" DOUBLE PRECISION,
    "pulls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EnforcementPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'OPEN',
    "recommendation" JSONB NOT NULL,
    "approver" TEXT,
    "assigneeId" TEXT,
    "slaDueAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolution" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationHold" (
    "id" TEXT NOT NULL,
    "kind" "HoldKind" NOT NULL DEFAULT 'INVESTIGATION',
    "selectorKind" "EntityKind" NOT NULL,
    "selectorValue" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,

    CONSTRAINT "InvestigationHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "partition" INTEGER NOT NULL,
    "partitionSeq" BIGINT NOT NULL,
    "type" "AuditType" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorEmail" TEXT,
    "actorRole" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "subjectKind" TEXT,
    "subjectValue" TEXT,
    "alertId" TEXT,
    "decisionId" TEXT,
    "containmentId" TEXT,
    "policyVersion" INTEGER,
    "playbookKey" TEXT,
    "data" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "partition" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "hash" TEXT,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("partition")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "TokenScope" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorSetting" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectorSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseLink" (
    "id" TEXT NOT NULL,
    "containmentId" TEXT NOT NULL,
    "addressee" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "RegistrationCampaign_deadline_idx" ON "RegistrationCampaign"("deadline");

-- CreateIndex
CREATE INDEX "ProtectedAsset_selectorKind_selectorValue_idx" ON "ProtectedAsset"("selectorKind", "selectorValue");

-- CreateIndex
CREATE INDEX "ProtectedAsset_ownerId_idx" ON "ProtectedAsset"("ownerId");

-- CreateIndex
CREATE INDEX "ProtectedAsset_expiresAt_idx" ON "ProtectedAsset"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_version_key" ON "PolicyVersion"("version");

-- CreateIndex
CREATE INDEX "PolicyVersion_status_idx" ON "PolicyVersion"("status");

-- CreateIndex
CREATE INDEX "Playbook_key_isCurrent_idx" ON "Playbook"("key", "isCurrent");

-- CreateIndex
CREATE UNIQUE INDEX "Playbook_key_version_key" ON "Playbook"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_idempotencyKey_key" ON "Alert"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Alert_targetKind_targetValue_occurredAt_idx" ON "Alert"("targetKind", "targetValue", "occurredAt");

-- CreateIndex
CREATE INDEX "Alert_receivedAt_idx" ON "Alert"("receivedAt");

-- CreateIndex
CREATE INDEX "Alert_status_idx" ON "Alert"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_source_externalId_key" ON "Alert"("source", "externalId");

-- CreateIndex
CREATE INDEX "ContextEvent_sourceIp_kind_occurredAt_idx" ON "ContextEvent"("sourceIp", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "ContextEvent_account_kind_occurredAt_idx" ON "ContextEvent"("account", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "ContextEvent_host_occurredAt_idx" ON "ContextEvent"("host", "occurredAt");

-- CreateIndex
CREATE INDEX "ContextEvent_kind_occurredAt_idx" ON "ContextEvent"("kind", "occurredAt");

-- CreateIndex
CREATE INDEX "Decision_createdAt_idx" ON "Decision"("createdAt");

-- CreateIndex
CREATE INDEX "Decision_verdict_createdAt_idx" ON "Decision"("verdict", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_targetKind_targetValue_idx" ON "Decision"("targetKind", "targetValue");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_alertId_playbookKey_key" ON "Decision"("alertId", "playbookKey");

-- CreateIndex
CREATE UNIQUE INDEX "Containment_number_key" ON "Containment"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Containment_decisionId_key" ON "Containment"("decisionId");

-- CreateIndex
CREATE INDEX "Containment_status_expiresAt_idx" ON "Containment"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Containment_targetKind_targetValue_createdAt_idx" ON "Containment"("targetKind", "targetValue", "createdAt");

-- CreateIndex
CREATE INDEX "Containment_createdAt_idx" ON "Containment"("createdAt");

-- CreateIndex
CREATE INDEX "EnforcementChange_txid_idx" ON "EnforcementChange"("txid");

-- CreateIndex
CREATE INDEX "EnforcementChange_containmentId_idx" ON "EnforcementChange"("containmentId");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementPoint_tokenId_key" ON "EnforcementPoint"("tokenId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_decisionId_key" ON "Escalation"("decisionId");

-- CreateIndex
CREATE INDEX "Escalation_status_slaDueAt_idx" ON "Escalation"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "InvestigationHold_selectorKind_selectorValue_idx" ON "InvestigationHold"("selectorKind", "selectorValue");

-- CreateIndex
CREATE INDEX "InvestigationHold_expiresAt_idx" ON "InvestigationHold"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectKind_subjectValue_id_idx" ON "AuditEvent"("subjectKind", "subjectValue", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_containmentId_idx" ON "AuditEvent"("containmentId");

-- CreateIndex
CREATE INDEX "AuditEvent_alertId_idx" ON "AuditEvent"("alertId");

-- CreateIndex
CREATE INDEX "AuditEvent_type_id_idx" ON "AuditEvent"("type", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_partition_partitionSeq_key" ON "AuditEvent"("partition", "partitionSeq");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorSetting_name_key" ON "ConnectorSetting"("name");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "ReleaseLink_containmentId_idx" ON "ReleaseLink"("containmentId");

-- AddForeignKey
ALTER TABLE "ProtectedAsset" ADD CONSTRAINT "ProtectedAsset_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtectedAsset" ADD CONSTRAINT "ProtectedAsset_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "RegistrationCampaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Containment" ADD CONSTRAINT "Containment_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementChange" ADD CONSTRAINT "EnforcementChange_containmentId_fkey" FOREIGN KEY ("containmentId") REFERENCES "Containment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementPoint" ADD CONSTRAINT "EnforcementPoint_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written below this line: rules Prisma's schema language cannot express.

-- The audit log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE FUNCTION "reflex_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "reflex_refuse_change"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "reflex_refuse_change"();

-- Enforcement changes are the bouncers' delta log: rewriting it would hide a change.
CREATE TRIGGER "EnforcementChange_append_only" BEFORE UPDATE OR DELETE ON "EnforcementChange"
  FOR EACH ROW EXECUTE FUNCTION "reflex_refuse_change"();

-- A signed policy never changes: only its lifecycle columns may move on.
CREATE FUNCTION "reflex_policy_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'policy version % is signed and cannot be deleted', OLD."version"
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" <> 'DRAFT' AND (
    NEW."document" IS DISTINCT FROM OLD."document" OR
    NEW."version" IS DISTINCT FROM OLD."version" OR
    NEW."digest" IS DISTINCT FROM OLD."digest" OR
    NEW."signature" IS DISTINCT FROM OLD."signature" OR
    NEW."signedById" IS DISTINCT FROM OLD."signedById" OR
    NEW."signedAt" IS DISTINCT FROM OLD."signedAt" OR
    NEW."signingKeyId" IS DISTINCT FROM OLD."signingKeyId" OR
    NEW."status" = 'DRAFT'
  ) THEN
    RAISE EXCEPTION 'policy version % is signed and cannot be changed', OLD."version"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "PolicyVersion_frozen_when_signed" BEFORE UPDATE OR DELETE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION "reflex_policy_frozen"();

-- Exactly one active policy version.
CREATE UNIQUE INDEX "PolicyVersion_one_active" ON "PolicyVersion" ("status") WHERE "status" = 'ACTIVE';

-- One live containment per target and action: concurrent duplicate alerts collide here.
CREATE UNIQUE INDEX "Containment_one_live_per_target" ON "Containment" ("action", "targetKind", "targetValue")
  WHERE "status" IN ('PENDING', 'ACTIVE');

-- The audit chain's partitions (lib/server/audit/partition.ts), each starting empty.
INSERT INTO "AuditChainHead" ("partition", "seq", "hash")
  SELECT p, 0, NULL FROM generate_series(0, 15) AS p;

-- Protected-list matching: "which registrations contain this IP" as an index search.
CREATE INDEX "ProtectedAsset_selector_inet" ON "ProtectedAsset" USING gist ((("selectorValue")::inet) inet_ops)
  WHERE "selectorKind" IN ('ip', 'cidr') AND "deletedAt" IS NULL;
