// What an owner submits to register (or edit) a protected asset, validated the same way
// whether it comes from the form, a CSV row or the CMDB API. Field errors land on the
// path the form shows them at ("selector.value", "requirements.maxTtlSeconds", …).
import { z } from "zod";
import { ZContainmentRequirements } from "./requirements-schema";
import { ZSelector } from "./selectors";

export const CRITICALITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type TCriticality = (typeof CRITICALITIES)[number];

const text = (name: string, max: number) =>
  z.string({ error: `Enter ${name}.` }).trim().min(1, `Enter ${name}.`).max(max, `Keep ${name} under ${max} characters.`);

export const ZRegistrationInput = z.object({
  selector: ZSelector,
  businessService: text("the business service", 200),
  businessUnit: z.string().trim().max(200, "Keep the business unit under 200 characters.").default(""),
  assetClass: text("an asset class", 100),
  criticality: z.enum(CRITICALITIES, { error: `Pick a criticality: ${CRITICALITIES.join(", ").toLowerCase()}.` }),
  justification: text("a justification (why this asset needs special handling)", 2000),
  onCallContact: text("an on-call contact", 200),
  requirements: ZContainmentRequirements,
});
export type TRegistrationInput = z.output<typeof ZRegistrationInput>;
