-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "wouldHaveVerdict" "Verdict";

-- Shadow decisions recorded before this column said what the rehearsal would have done
-- only in their first reason ("Shadow mode for …: would have executed — …", lib/domain/decide.ts).
UPDATE "Decision"
SET "wouldHaveVerdict" = (CASE substring("reasons"->>0 FROM ': would have ([a-z]+) — ')
  WHEN 'executed' THEN 'execute'
  WHEN 'escalated' THEN 'escalate'
  WHEN 'suppressed' THEN 'suppress'
  WHEN 'forbidden' THEN 'forbid'
END)::"Verdict"
WHERE "verdict" = 'shadow' AND "wouldHaveVerdict" IS NULL;
