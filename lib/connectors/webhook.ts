import { createHmac } from "node:crypto";
import { z } from "zod";

// The generic signed webhook: a JSON POST whose body is signed with HMAC-SHA256 over
// "<timestamp>.<body>", so the receiver can check both origin and freshness.

export const ZWebhookConfig = z.object({
  url: z.url({ message: "Enter the full URL, e.g. https://hooks.example.com/reflex." }),
  secret: z.string().min(16, "Use a shared secret of at least 16 characters."),
});
export type TWebhookConfig = z.infer<typeof ZWebhookConfig>;

export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export async function deliverWebhook(config: TWebhookConfig, payload: unknown, now = new Date()): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const response = await fetch(config.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Reflex-Webhook/1",
      "x-reflex-timestamp": timestamp,
      "x-reflex-signature": signWebhookBody(config.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`webhook ${config.url} answered ${response.status} ${response.statusText}`);
}
