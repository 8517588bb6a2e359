"use client";
import { useEffect, useState } from "react";
import { formatWardDateTime, wardZoneName } from "@/lib/format/time";

/**
 * "Printed by Dr Philip Physician (Physician) at 2 Dec 12:10 (Europe/London, GMT)": who printed
 * and when. The time is the page's until the print dialog opens, then the moment of printing, so
 * a sheet left open for an hour before printing does not claim the earlier time.
 */
export function PrintedBy({
  who,
  role,
  serverNow,
  timeZone,
}: {
  who: string;
  role: string;
  serverNow: number;
  timeZone: string;
}) {
  const [at, setAt] = useState(serverNow);
  useEffect(() => {
    const stamp = () => setAt(Date.now());
    window.addEventListener("beforeprint", stamp);
    return () => window.removeEventListener("beforeprint", stamp);
  }, []);
  return (
    <span className="printed-by">
      Printed by {who} ({role}) at {formatWardDateTime(at, timeZone)} ({timeZone}, {wardZoneName(at, timeZone)})
    </span>
  );
}
