// A 30-day stay on the patient page and through the API: the page opens on the last 24 h with one
// page of the table, the table's pages are links a keyboard reaches and the address keeps, the
// 'All' window says it is loading until its downsampled chart is drawn, and the API pages too.
import { test, expect, type Page } from "@playwright/test";
import { signIn, screenshotPath, openBoard } from "./helpers";

const PATIENT = "Ivan Longstay"; // the demo ward's 30 days charted every 15 minutes

/** The table's rows' bedside times, top to bottom. */
async function rowTimes(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: /^Observations in the/ });
  return table.locator("tbody > tr > td:first-child").allInnerTexts();
}

test("a nurse pages through a 30-day stay and switches to the whole stay", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "nurse");
  await openBoard(page);
  await page.getByRole("link", { name: PATIENT }).click();
  // The first read of a 30-day stay on a cold server grades 2,880 sets: seconds on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: PATIENT })).toBeVisible({ timeout: 30_000 });
  const path = new URL(page.url()).pathname;

  let firstPage: string[] = [];
  await test.step("The page opens on the last 24 h, newest first, one page of the table", async () => {
    const windows = page.getByRole("navigation", { name: "Chart time window" });
    await expect(windows.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(/^\d+ in the 24 h window; showing 1-25, newest first\./)).toBeVisible();
    firstPage = await rowTimes(page);
    expect(firstPage).toHaveLength(25);
    await page.screenshot({ path: screenshotPath("timeline-paging-24h"), fullPage: true });
  });

  await test.step("From the keyboard, page 2 holds the next 25 sets, older than page 1's", async () => {
    const pages = page.getByRole("navigation", { name: "Observation pages" });
    await pages.getByRole("link", { name: /^Page 2 of \d+$/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(pages.getByRole("link", { name: /^Page 2 of/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(/in the 24 h window; showing 26-50, newest first\./)).toBeVisible();
    const second = await rowTimes(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((time) => firstPage.includes(time))).toEqual([]);
  });

  await test.step("A refresh keeps page 2", async () => {
    await page.reload();
    await expect(
      page.getByRole("navigation", { name: "Observation pages" }).getByRole("link", { name: /^Page 2 of/ }),
    ).toHaveAttribute("aria-current", "page");
  });

  await test.step("'All' says it is loading until the whole stay's chart is drawn", async () => {
    // Hold the server's answer a moment so the loading state can be seen (and photographed).
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === path,
      async (route) => {
        if (route.request().headers()["rsc"]) await held;
        await route.continue();
      },
    );
    await page.getByRole("navigation", { name: "Chart time window" }).getByRole("link", { name: "All" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Loading the All window…" })).toBeVisible();
    await expect(page.locator(".pending-region")).toHaveAttribute("aria-busy", "true");
    await page.screenshot({ path: screenshotPath("timeline-paging-loading") });
    release();
    // Seconds on a busy machine: the server grades the whole stay for any window.
    await expect(page.getByText(/each point is the worst value/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("2880 in the All window; showing 1-25, newest first.")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
    await expect(page.locator(".pending-region")).toHaveAttribute("aria-busy", "false");
    // A new window starts at its newest page.
    expect(new URL(page.url()).searchParams.get("window")).toBe("all");
    expect(new URL(page.url()).searchParams.get("page")).toBeNull();
    await page.unroute((url) => url.pathname === path);
    await page.screenshot({ path: screenshotPath("timeline-paging-all"), fullPage: true });
  });

  await test.step("The last page of the whole stay holds its first sets", async () => {
    const pages = page.getByRole("navigation", { name: "Observation pages" });
    await pages.getByRole("link", { name: "Page 116 of 116" }).click();
    await expect(page.getByText("2880 in the All window; showing 2876-2880, newest first.")).toBeVisible();
    expect(await rowTimes(page)).toHaveLength(5);
    await expect(pages.getByRole("link", { name: "Older" })).toHaveCount(0);
  });
});

test("the timeline API answers with the default window's newest page, and pages through the stay", async ({ page }) => {
  await signIn(page, "nurse");
  const { patients } = (await (await page.request.get("/api/patients")).json()) as { patients: { id: string; name: string }[] };
  const id = patients.find((p) => p.name === PATIENT)!.id;
  type Answer = {
    observations: { id: string }[];
    window: { name: string };
    page: { number: number; pages: number; observations: number; older: string | null };
  };
  const first = await page.request.get(`/api/patients/${id}/timeline`);
  const body = await first.body();
  expect(body.byteLength, "default timeline payload").toBeLessThanOrEqual(200 * 1024);
  const answer = JSON.parse(body.toString()) as Answer;
  expect(answer.window.name).toBe("24h");
  expect(answer.page.number).toBe(1);
  expect(answer.observations).toHaveLength(50);

  const all = (await (await page.request.get(`/api/patients/${id}/timeline?window=all`)).json()) as Answer;
  expect(all.page).toMatchObject({ number: 1, pages: 58, observations: 2880 });
  const second = (await (await page.request.get(all.page.older!)).json()) as Answer;
  expect(second.page.number).toBe(2);
  expect(second.observations.map((o) => o.id).filter((o) => all.observations.some((a) => a.id === o))).toEqual([]);
});
