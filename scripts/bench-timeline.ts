/**
 * What the 30-day patient's timeline costs a browser (a benchmark, not a test: no assertions):
 * the page's HTML bytes for the default window and 'All', the timeline API's bytes (default and a
 * later page), the DOM size, and Largest Contentful Paint in Chromium (median of 3 fresh loads).
 * Targets (issue 11): default API payload <= 200 KB, 'All' page <= 300 KB of HTML, LCP <= 1.0 s.
 *
 *   npx tsx scripts/bench-timeline.ts [--port 3403]
 * Needs a production build (`next build`).
 */
import { chromium } from "@playwright/test";
import { prepareDatabase, signIn, startServer } from "./harness/server";

const at = process.argv.indexOf("--port");
const PORT = Number(at >= 0 ? process.argv[at + 1] : process.env.BENCH_PORT || "3403");
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function bytesOf(url: string, cookie: string): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { bytes, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const database = prepareDatabase("crs-bench-timeline-");
  process.env.DATABASE_URL = database.env.DATABASE_URL;
  const server = await startServer(database, PORT, 60_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const base = server.baseUrl;
    const cookie = await signIn(base, "nurse", "nurse-demo");
    const { db } = await import("@/lib/db");
    const [longest] = await db.observation.groupBy({
      by: ["patientId"],
      _count: { _all: true },
      orderBy: { _count: { patientId: "desc" } },
      take: 1,
    });
    const id = longest!.patientId;
    console.log(`30-day patient: ${longest!._count._all} sets stored`);

    const targets = [
      ["page, default window", `/patients/${id}`],
      ["page, All", `/patients/${id}?window=all`],
      ["page, All, table page 5", `/patients/${id}?window=all&page=5`],
      ["API, default", `/api/patients/${id}/timeline`],
      ["API, All, page 2", `/api/patients/${id}/timeline?window=all&page=2`],
    ] as const;
    for (const [, url] of targets) await bytesOf(`${base}${url}`, cookie); // warm up
    for (const [label, url] of targets) {
      const samples = [];
      for (let i = 0; i < RUNS; i++) samples.push(await bytesOf(`${base}${url}`, cookie));
      console.log(
        `  ${label.padEnd(26)} ${kb(samples[0]!.bytes).padStart(8)}  server ${median(samples.map((s) => s.ms)).toFixed(0)} ms`,
      );
    }

    const [name, value] = cookie.split("=") as [string, string];
    // The sign-in page first: the same machine's LCP for a page with no data, as a yardstick.
    const pages = [["/login (yardstick)", "/login"] as const, ...targets.filter(([, url]) => !url.startsWith("/api"))];
    for (const [label, url] of pages) {
      const lcps: number[] = [];
      let nodes = 0;
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        if (url !== "/login") await context.addCookies([{ name, value, url: base }]);
        const page = await context.newPage();
        await page.goto(`${base}${url}`, { waitUntil: "load" });
        await page.locator("h1").first().waitFor();
        await page.waitForTimeout(300);
        const result = await page.evaluate(
          () =>
            new Promise<{ lcp: number; nodes: number }>((resolve) => {
              new PerformanceObserver((list) => {
                const entries = list.getEntries();
                resolve({ lcp: entries[entries.length - 1]?.startTime ?? NaN, nodes: document.getElementsByTagName("*").length });
              }).observe({ type: "largest-contentful-paint", buffered: true });
            }),
        );
        lcps.push(result.lcp);
        nodes = result.nodes;
        await context.close();
      }
      console.log(
        `  LCP ${label.padEnd(22)} median ${median(lcps).toFixed(0)} ms (${lcps.map((v) => v.toFixed(0)).join(", ")}), ${nodes} DOM nodes`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    database.remove();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
