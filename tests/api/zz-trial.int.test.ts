import { expect, it } from "vitest";
import { GET } from "@/app/api/v1/containments/route";
it("no token", async () => {
  const res = await GET(new Request("http://localhost/api/v1/containments"), { params: Promise.resolve({}) });
  console.log(res.status, await res.text());
  expect(res.status).toBe(401);
});
