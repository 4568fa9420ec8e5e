import type { TDb } from "@/lib/db/client";

// Demo data for the autonomic loop (signed policy, playbooks, protected assets) is added
// by the pipeline's seed; the foundation seeds people and asset classes only.
export async function seedDemoLoop(_client: TDb): Promise<void> {}
