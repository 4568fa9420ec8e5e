-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "approvers" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "assigneeName" TEXT,
ADD COLUMN     "resolvedByName" TEXT;

-- AlterTable
ALTER TABLE "InvestigationHold" ADD COLUMN     "liftReason" TEXT,
ADD COLUMN     "liftedByName" TEXT;

-- CreateTable
CREATE TABLE "ApprovalLink" (
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "addressee" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApprovalLink_escalationId_idx" ON "ApprovalLink"("escalationId");

-- CreateIndex
CREATE INDEX "Escalation_resolvedAt_idx" ON "Escalation"("resolvedAt");

-- CreateIndex
CREATE INDEX "Escalation_approvers_idx" ON "Escalation" USING GIN ("approvers");

-- AddForeignKey
ALTER TABLE "ApprovalLink" ADD CONSTRAINT "ApprovalLink_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
