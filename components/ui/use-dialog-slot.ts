"use client";

import { useState } from "react";

export type TDialogSlot<T> = {
  /** What the dialog shows, kept while it is closed; null before the first opening. */
  shown: { value: T; opening: number; open: boolean } | null;
  show: (value: T) => void;
  hide: () => void;
};

/**
 * For a dialog opened on one of many things (a row, a grid cell): it stays mounted, closed
 * through `open`, so that the native dialog gives focus back to the button that opened it,
 * and `opening` counts the openings, to key the dialog so that each opening starts fresh.
 */
export function useDialogSlot<T>(): TDialogSlot<T> {
  const [shown, setShown] = useState<TDialogSlot<T>["shown"]>(null);
  return {
    shown,
    show: (value) => setShown((last) => ({ value, opening: (last?.opening ?? 0) + 1, open: true })),
    hide: () => setShown((last) => (last?.open ? { ...last, open: false } : last)),
  };
}
