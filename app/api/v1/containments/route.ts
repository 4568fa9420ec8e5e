import { db } from "@/lib/db/client";
import { listContainments, ZContainmentQuery } from "@/lib/server/containments/list-containments";
import { ExpectedError, fieldErrorsOf } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";

export const GET = jsonRoute("containment:view", async (request) => {
  const query = ZContainmentQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ExpectedError("BAD_INPUT", query.error.issues[0]!.message, fieldErrorsOf(query.error));
  return Response.json(await listContainments(db(), query.data));
});
