"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * When an action that was running ends with a field refused, focus goes to the first refused
 * field, so that its message is read out with it. Otherwise nothing announces it: the submit
 * button, disabled while the action ran, let focus fall to the page.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, pending: boolean): void {
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    wasPending.current = pending;
  }, [container, pending]);
}
