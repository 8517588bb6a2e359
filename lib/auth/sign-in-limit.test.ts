// Issue 12, point 4: a stranger cannot lock the owner out, delays grow, and an unknown username
// answers in the time a known one does. Real SQLite (or PostgreSQL), real bcrypt.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/auth/login";
import { FAILURES_BY_USERNAME, FAILURES_BY_USERNAME_AND_ADDRESS } from "@/lib/auth/sign-in-limit";

const PASSWORD = "the owner's own passphrase";
const OWNER_DESK = "10.20.0.15";

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of ["owner", "grower", "timed"]) {
    await db.user.create({ data: { username, displayName: username, role: "nurse", passwordHash } });
  }
});

const T0 = new Date("2026-03-01T08:00:00Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

describe("sign-in limit by username and by client address", () => {
  it("a stranger's wrong passwords from other addresses lock the stranger out, not the owner at their usual address", async () => {
    expect(await authenticate({ username: "owner", password: PASSWORD }, T0, OWNER_DESK)).toMatchObject({ ok: true });

    // Three addresses guess until each is refused; together they reach the per-username limit.
    const strangers = ["203.0.113.5", "203.0.113.6", "203.0.113.7"];
    const answers: number[] = [];
    for (const [n, address] of strangers.entries()) {
      for (let i = 0; i <= FAILURES_BY_USERNAME_AND_ADDRESS; i++) {
        const result = await authenticate(
          { username: "owner", password: `guess ${n}.${i}` },
          after(60_000 + n * 1000 + i),
          address,
        );
        answers.push(result.ok ? 200 : result.status);
      }
    }
    const failures = answers.filter((status) => status === 401).length;
    const refused = answers.filter((status) => status === 429).length;
    console.log(
      `stranger: ${answers.length} attempts from ${strangers.length} addresses, ${failures} wrong passwords, ${refused} refused with 429`,
    );
    expect(failures).toBe(FAILURES_BY_USERNAME);
    expect(refused).toBe(answers.length - FAILURES_BY_USERNAME);

    // The owner, a minute later, at the usual desk: signed in.
    const owner = await authenticate({ username: "owner", password: PASSWORD }, after(120_000), OWNER_DESK);
    console.log(`owner at the usual address: ${owner.ok ? "signed in" : `refused ${owner.status}`}`);
    expect(owner).toMatchObject({ ok: true });
    // From an address the account never used, the username-wide limit holds.
    expect(await authenticate({ username: "owner", password: PASSWORD }, after(120_000), "198.51.100.9")).toMatchObject({
      ok: false,
      status: 429,
    });
  });

  it("delays grow with every further failure: 1 minute, then 2, then 4", async () => {
    const at = "192.0.2.44";
    const tryAt = async (ms: number, password = "wrong") => {
      const result = await authenticate({ username: "grower", password }, after(ms), at);
      return result.ok ? 200 : result.status;
    };
    for (let i = 0; i < FAILURES_BY_USERNAME_AND_ADDRESS; i++) expect(await tryAt(i * 1000)).toBe(401);
    const last = (FAILURES_BY_USERNAME_AND_ADDRESS - 1) * 1000;
    expect(await tryAt(last + 30_000, PASSWORD)).toBe(429);
    expect(await tryAt(last + 61_000)).toBe(401); // 1 minute passed: one more try, wrong
    expect(await tryAt(last + 61_000 + 90_000, PASSWORD)).toBe(429); // now 2 minutes
    expect(await tryAt(last + 61_000 + 121_000)).toBe(401);
    expect(await tryAt(last + 61_000 + 121_000 + 200_000, PASSWORD)).toBe(429); // now 4 minutes
    expect(await tryAt(last + 61_000 + 121_000 + 241_000, PASSWORD)).toBe(200);
  });

  it("an unknown username answers in the time a known one with a wrong password does", async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const time = async (username: string, i: number) => {
      const started = performance.now();
      // Two hours apart: the limit never steps in, both go through the password check.
      const result = await authenticate({ username, password: "not it" }, after(i * 7_200_000), `198.18.0.${i}`);
      expect(result).toMatchObject({ ok: false, status: 401 });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      known.push(await time("timed", i));
      unknown.push(await time("no-such-user", i));
    }
    const ratio = median(unknown) / median(known);
    console.log(
      `timing: median known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)} (12 each)`,
    );
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
