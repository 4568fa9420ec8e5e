import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";

// What a refused approval link says, and what to do instead.
export const APPROVAL_REFUSAL_TEXT: Record<TReleaseLinkRefusal, { title: string; body: string }> = {
  malformed: {
    title: "This approval link is not valid",
    body: "It is not a link Reflex sent, or it was cut off. Copy the whole link, or answer from the console.",
  },
  altered: {
    title: "This approval link is not valid",
    body: "It does not carry Reflex's signature for this request: it was changed or cut off. Nothing was approved. Ask the SOC for a new link.",
  },
  used: {
    title: "This approval link has already been used",
    body: "An approval link works once. The request's outcome and who answered it are in the console's audit log.",
  },
  expired: {
    title: "This approval link has expired",
    body: "Approval links are valid for 24 hours. Nothing was approved. Ask the SOC for a new link, or sign in to the console.",
  },
};
