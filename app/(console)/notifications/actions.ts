"use server";

import { z } from "zod";
import { db } from "@/lib/db/client";
import { defineAction } from "@/lib/server/action-client";
import { markNotificationsRead } from "@/lib/server/notifications/mark-notifications-read";

export const markNotificationsReadAction = defineAction(
  { name: "markNotificationsRead", permission: "console:view", input: z.object({}) },
  async (_input, { user }) => markNotificationsRead(db(), { userId: user.id, now: new Date() }),
);
