import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import "./globals.css";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { displayText } from "@/lib/format/display-text";
import { temperatureUnitOf } from "@/lib/users/temperature-unit";
import { TemperatureUnitSwitch } from "@/app/_components/temperature-unit-switch";
import { LateTaskBanner } from "@/app/_components/late-task-banner";

export const metadata: Metadata = {
  title: "CRS Watch",
  description: "Cytokine release syndrome and ICANS grading for the ward",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  const temperatureUnit = await temperatureUnitOf(user);
  return (
    <html lang="en-GB">
      <body>
        <header className="app-header">
          <Link href="/">CRS Watch</Link>
          <nav aria-label="Main">
            {user && can(user.role, "clinical:view") && <Link href="/">Ward board</Link>}
            {user && can(user.role, "clinical:view") && <Link href="/handoff">Handoff</Link>}
            {user && can(user.role, "dose:confirm-override") && <Link href="/confirmations">Limits to confirm</Link>}
            {user && can(user.role, "clinical:view") && <Link href="/tasks">My tasks</Link>}
            {user && can(user.role, "dosing-audit:view") && <Link href="/audit/doses">Dosing audit</Link>}
            {user && can(user.role, "ward-report:view") && <Link href="/reports">Ward report</Link>}
            {user && can(user.role, "audit-log:view") && <Link href="/audit/log">Audit log</Link>}
            {user && can(user.role, "users:manage") && <Link href="/admin/users">Users</Link>}
          </nav>
          {user ? (
            <span className="who">
              <TemperatureUnitSwitch unit={temperatureUnit} /> {displayText(user.displayName)} · {ROLE_LABELS[user.role]} ·{" "}
              <Link href="/account/password">Change password</Link> ·{" "}
              <form action="/logout" method="post" style={{ display: "inline" }}>
                <button type="submit" className="secondary" style={{ minHeight: 0, padding: ".1rem .5rem" }}>
                  Sign out
                </button>
              </form>
            </span>
          ) : null}
        </header>
        <main>
          {user && can(user.role, "clinical:view") && (
            // It reads the address (a replay page is silent): rendered on its own, never holding the page.
            <Suspense fallback={null}>
              <LateTaskBanner />
            </Suspense>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
