-- CreateTable
CREATE TABLE "CampaignReminder" (
    "campaignId" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignReminder_pkey" PRIMARY KEY ("campaignId","deadline","daysBefore")
);

-- CreateTable
CREATE TABLE "RegistrationNotice" (
    "registrationId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationNotice_pkey" PRIMARY KEY ("registrationId","expiresAt","kind")
);

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "CampaignReminder" ADD CONSTRAINT "CampaignReminder_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "RegistrationCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
