-- AlterEnum
ALTER TYPE "AuditType" ADD VALUE 'RELEASE_LINK_REFUSED' AFTER 'RELEASE_REPEATED';

-- CreateTable
CREATE TABLE "AlertEntity" (
    "alertId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "EntityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertEntity_pkey" PRIMARY KEY ("alertId","position")
);

-- CreateIndex
CREATE INDEX "AlertEntity_kind_value_receivedAt_idx" ON "AlertEntity"("kind", "value", "receivedAt");

-- AddForeignKey
ALTER TABLE "AlertEntity" ADD CONSTRAINT "AlertEntity_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below.

-- An alert's non-target entities (the source of a login burst, the host an account logged
-- in to) land in "AlertEntity" by trigger, so every writer of alerts (the API, replay, the
-- seed) fills it without knowing, and a batch insert costs one extra statement, not one per
-- alert. Malformed entity entries are skipped, never allowed to fail the alert's insert.
CREATE FUNCTION "reflex_alert_related_entities"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AlertEntity" ("alertId", "position", "kind", "value", "role", "receivedAt")
  SELECT n."id", e.ord::int, (e.item ->> 'kind')::"EntityKind", e.item ->> 'value', e.item ->> 'role', n."receivedAt"
  FROM inserted n
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(n."entities") = 'array' THEN n."entities" ELSE '[]'::jsonb END)
    WITH ORDINALITY AS e(item, ord)
  WHERE jsonb_typeof(e.item) = 'object'
    AND e.item ->> 'role' IS NOT NULL AND e.item ->> 'role' <> 'target'
    AND e.item ->> 'kind' IN ('ip', 'cidr', 'host', 'account', 'app')
    AND e.item ->> 'value' IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Alert_related_entities" AFTER INSERT ON "Alert"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "reflex_alert_related_entities"();

-- Alerts stored before this migration.
INSERT INTO "AlertEntity" ("alertId", "position", "kind", "value", "role", "receivedAt")
SELECT a."id", e.ord::int, (e.item ->> 'kind')::"EntityKind", e.item ->> 'value', e.item ->> 'role', a."receivedAt"
FROM "Alert" a
CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a."entities") = 'array' THEN a."entities" ELSE '[]'::jsonb END)
  WITH ORDINALITY AS e(item, ord)
WHERE jsonb_typeof(e.item) = 'object'
  AND e.item ->> 'role' IS NOT NULL AND e.item ->> 'role' <> 'target'
  AND e.item ->> 'kind' IN ('ip', 'cidr', 'host', 'account', 'app')
  AND e.item ->> 'value' IS NOT NULL;

-- The same lookups as on alert targets (20261126235221_audit_feed_and_lookup).
CREATE INDEX "AlertEntity_inet" ON "AlertEntity" USING gist (("reflex_inet_or_null"("value")) inet_ops)
  WHERE "kind" IN ('ip', 'cidr');
CREATE INDEX "AlertEntity_account_lower" ON "AlertEntity" (lower("value"), "receivedAt")
  WHERE "kind" = 'account';

-- Wildcard host lookups ("*.pay.corp.example"): a suffix match, which a B-tree answers as a
-- prefix match on the reversed name.
CREATE INDEX "AuditEvent_subject_host_reversed" ON "AuditEvent" (reverse("subjectValue") text_pattern_ops)
  WHERE "subjectKind" = 'host';
CREATE INDEX "Containment_target_host_reversed" ON "Containment" (reverse("targetValue") text_pattern_ops)
  WHERE "targetKind" = 'host';
CREATE INDEX "Alert_target_host_reversed" ON "Alert" (reverse("targetValue") text_pattern_ops)
  WHERE "targetKind" = 'host';
CREATE INDEX "AlertEntity_host_reversed" ON "AlertEntity" (reverse("value") text_pattern_ops)
  WHERE "kind" = 'host';
