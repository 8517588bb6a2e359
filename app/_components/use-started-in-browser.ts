"use client";
// False while the page is server HTML (and during hydration), true once it runs in the browser:
// controls that only work with the page's script (keyboard shortcuts) say so by being disabled until then.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useStartedInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
