/**
 * Grade a timeline from a JSON file (or standard input) with the clinical engine.
 *
 *   npm run --silent engine -- FILE        FILE "-" reads standard input
 *   npm run --silent engine -- FILE --now 2026-03-02T06:00:00Z
 *
 * Prints the graded timeline (JSON) on stdout and exits 0. Invalid input prints nothing on stdout,
 * one line per wrong field on stderr ("observations[0].temperatureC: 450 is outside 25-45 °C"),
 * and exits 2; so do usage errors. When the input has no "now", the current time is used
 * (the engine itself never reads the clock). Format: docs/EXCHANGE-FORMAT.md.
 */
import { readFileSync } from "node:fs";
import { evaluateTimeline, formatIssues, isInstant, parseTimelineJson } from "../lib/engine/index";

const USAGE = `usage: npm run --silent engine -- FILE [--now ISO-TIME]
  FILE             timeline JSON (docs/EXCHANGE-FORMAT.md); "-" reads standard input
  --now ISO-TIME   evaluate at this time instead of the input's "now" (default: the current time)`;

const EXIT_INVALID = 2;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT_INVALID);
}

interface Arguments {
  file: string;
  now: string | null;
}

function parseArguments(args: string[]): Arguments {
  let file: string | null = null;
  let now: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) continue; // i < args.length: never
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === "--now") {
      const value = args[++i];
      if (value === undefined) fail(`--now needs a time, e.g. --now 2026-03-02T06:00:00Z\n${USAGE}`);
      if (!isInstant(value))
        fail(`--now: "${value}" is not a valid time; use ISO-8601 with a time zone, e.g. 2026-03-02T06:00:00Z`);
      now = value;
    } else if (arg.startsWith("-") && arg !== "-") {
      fail(`unknown option ${arg}\n${USAGE}`);
    } else if (file === null) {
      file = arg;
    } else {
      fail(`only one FILE can be graded at a time (got ${file} and ${arg})\n${USAGE}`);
    }
  }
  if (file === null) fail(USAGE);
  return { file, now };
}

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`cannot read ${file === "-" ? "standard input" : file}: ${detail}`);
  }
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const parsed = parseTimelineJson(readInput(args.file));
  if (!parsed.success) {
    const count = parsed.issues.length;
    fail(
      `${args.file === "-" ? "standard input" : args.file}: ${count} problem${count === 1 ? "" : "s"} in the timeline:\n${formatIssues(parsed.issues)}`,
    );
  }
  const now = args.now ?? parsed.data.now ?? new Date().toISOString();
  const output = evaluateTimeline({ ...parsed.data, now });
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main();
