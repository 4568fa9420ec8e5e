import { db } from "@/lib/db/client";
import { getContainmentStory } from "@/lib/server/containments/get-containment-story";
import { jsonRoute } from "@/lib/server/http/json-route";

export const GET = jsonRoute<{ id: string }>("containment:view", async (_request, { params }) =>
  Response.json(await getContainmentStory(db(), params.id)),
);
