import { generateKeyPairSync } from "node:crypto";
import type { TDb, TTx } from "@/lib/db/client";

// The server's Ed25519 key, generated on first use and kept in the database so every
// instance signs with the same key. The public key is shown in Settings so anyone can
// check a signed policy without trusting Reflex.

export type TSigningKey = { id: string; publicKeyPem: string; privateKeyPem: string };

export async function getOrCreateSigningKey(client: TDb | TTx): Promise<TSigningKey> {
  const existing = await client.signingKey.findFirst({ orderBy: { createdAt: "asc" } });
  if (existing) return { id: existing.id, publicKeyPem: existing.publicKey, privateKeyPem: existing.privateKey };
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const created = await client.signingKey.create({
    data: {
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    },
  });
  return { id: created.id, publicKeyPem: created.publicKey, privateKeyPem: created.privateKey };
}
