import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MB, withServerHeap } from "./server-memory.mjs";

describe("withServerHeap", () => {
  it("adds the heap limit to NODE_OPTIONS, keeping what was there", () => {
    expect(withServerHeap({ PORT: "3000" })).toEqual({ PORT: "3000", NODE_OPTIONS: `--max-old-space-size=${SERVER_HEAP_MB}` });
    expect(withServerHeap({ NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS).toBe(
      `--enable-source-maps --max-old-space-size=${SERVER_HEAP_MB}`,
    );
  });

  it("leaves an operator's own limit alone", () => {
    const env = { NODE_OPTIONS: "--max-old-space-size=2048" };
    expect(withServerHeap(env)).toBe(env);
  });

  it("does not change the environment it is given", () => {
    const env = { NODE_OPTIONS: "" };
    withServerHeap(env);
    expect(env).toEqual({ NODE_OPTIONS: "" });
  });
});
