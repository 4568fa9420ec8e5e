-- CreateIndex
CREATE INDEX "AuditEvent_actorKind_id_idx" ON "AuditEvent"("actorKind", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorName_id_idx" ON "AuditEvent"("actorName", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_playbookKey_id_idx" ON "AuditEvent"("playbookKey", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_policyVersion_id_idx" ON "AuditEvent"("policyVersion", "id");


-- Hand-written below this line: indexes Prisma's schema language cannot express
-- (docs/BRIDGE-CALL.md, "Indexes", says which query uses which).

-- Full-text search over the feed's sentences. 'simple' (no stemming, no stop words):
-- summaries are full of addresses, host names and rule ids that English stemming mangles.
CREATE INDEX "AuditEvent_summary_fts" ON "AuditEvent" USING gin (to_tsvector('simple', "summary"));

-- The verdict filter ("show me what Reflex decided not to do").
CREATE INDEX "AuditEvent_verdict_id" ON "AuditEvent" (("data" ->> 'verdict'), "id") WHERE "type" = 'DECIDED';

-- IP and CIDR lookups: "which events, containments and alerts overlap this address or
-- range" as one GiST search (an address finds the ranges around it, a range the
-- addresses inside it). The cast goes through a function that answers NULL for a value
-- that is not an address, so one malformed row can never make an INSERT (the audit
-- writer's, the pipeline's) or this migration fail; such a row is simply not found.
-- PARALLEL RESTRICTED, not SAFE: an EXCEPTION block starts a subtransaction, which a
-- parallel worker may not ("cannot start subtransactions during a parallel operation").
CREATE FUNCTION "reflex_inet_or_null"("value" text) RETURNS inet
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED AS $$
BEGIN
  RETURN "value"::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

CREATE INDEX "AuditEvent_subject_inet" ON "AuditEvent" USING gist (("reflex_inet_or_null"("subjectValue")) inet_ops)
  WHERE "subjectKind" IN ('ip', 'cidr');
CREATE INDEX "Containment_target_inet" ON "Containment" USING gist (("reflex_inet_or_null"("targetValue")) inet_ops)
  WHERE "targetKind" IN ('ip', 'cidr');
CREATE INDEX "Alert_target_inet" ON "Alert" USING gist (("reflex_inet_or_null"("targetValue")) inet_ops)
  WHERE "targetKind" IN ('ip', 'cidr');

-- Accounts keep the case their source wrote; selector logic compares them case-insensitively.
CREATE INDEX "AuditEvent_subject_account_lower" ON "AuditEvent" (lower("subjectValue"), "id")
  WHERE "subjectKind" = 'account';
CREATE INDEX "Containment_target_account_lower" ON "Containment" (lower("targetValue"))
  WHERE "targetKind" = 'account';
CREATE INDEX "Alert_target_account_lower" ON "Alert" (lower("targetValue"), "receivedAt")
  WHERE "targetKind" = 'account';
