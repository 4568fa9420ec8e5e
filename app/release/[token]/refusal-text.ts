import type { TReleaseLinkRefusal } from "@/lib/domain/release-link-token";

// What a refused release link says, and what to do instead.
export const REFUSAL_TEXT: Record<TReleaseLinkRefusal, { title: string; body: string }> = {
  malformed: {
    title: "This release link is not valid",
    body: "It is not a link Reflex sent, or it was cut off. Copy the whole link from the notification, or release from the console.",
  },
  altered: {
    title: "This release link is not valid",
    body: "It does not carry Reflex's signature for this containment: it was changed or cut off. Nothing was released. Release from the console instead.",
  },
  used: {
    title: "This release link has already been used",
    body: "A release link works once. The containment's current state is in the console, and who used the link is in the audit log.",
  },
  expired: {
    title: "This release link has expired",
    body: "Release links are valid for one hour. Nothing was released. Sign in to the console and use its Release button.",
  },
};
