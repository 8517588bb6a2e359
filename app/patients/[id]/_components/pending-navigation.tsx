"use client";
/**
 * Switching the chart's window or the table's page re-reads the patient on the server; on a long
 * stay that is not instant, and a nurse who sees nothing happen clicks again. Inside a
 * `PendingRegion`, a `PendingLink` navigates in a transition: until the new window is drawn, the
 * region is marked busy (dimmed, `aria-busy`) and a status line says what is loading. The links
 * stay ordinary links: they work from the keyboard, in a new tab and without JavaScript.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";

interface Pending {
  /** What is loading, in words, while a navigation is under way; null when idle. */
  loading: string | null;
  go(href: string, what: string): void;
}

const PendingContext = createContext<Pending | null>(null);

export function PendingRegion({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [what, setWhat] = useState("");
  const go = (href: string, label: string) => {
    setWhat(label);
    startTransition(() => router.push(href, { scroll: false }));
  };
  const loading = pending ? what : null;
  return (
    <PendingContext value={{ loading, go }}>
      {/* Always in the page, so screen readers announce the text when it appears. */}
      <p role="status" className={loading ? "loading-status" : "visually-hidden"}>
        {loading ? `Loading ${loading}…` : ""}
      </p>
      <div className="pending-region" aria-busy={pending}>
        {children}
      </div>
    </PendingContext>
  );
}

export function PendingLink({
  href,
  what,
  children,
  ...rest
}: {
  href: string;
  /** Words for the status line: "Loading <what>…". */
  what: string;
  children: ReactNode;
  "aria-current"?: "page";
  "aria-label"?: string;
  className?: string;
}) {
  const pending = useContext(PendingContext);
  return (
    <Link
      href={href}
      scroll={false}
      onClick={(event) => {
        // A new tab or window (modifier keys, middle click) is the browser's business.
        if (!pending || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        pending.go(href, what);
      }}
      {...rest}
    >
      {children}
    </Link>
  );
}
