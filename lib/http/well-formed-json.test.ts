import { describe, expect, it } from "vitest";
import { actionBodyIsWellFormed, isWellFormedText, jsonTextIsWellFormed } from "./well-formed-json";

describe("lone surrogates in JSON bodies", () => {
  it("finds a lone surrogate in any string or key, at any depth", () => {
    const bodies = [
      String.raw`{"username":"\ud800","password":"x"}`,
      String.raw`{"note":"fine \udc00"}`,
      String.raw`{"a":[{"b":"x\ud83d"}]}`,
      String.raw`{"\udfff":1}`,
      String.raw`["\ud800\ud800\udc00"]`,
    ];
    const missed = bodies.filter((b) => jsonTextIsWellFormed(b));
    console.log(`well-formed JSON: ${bodies.length} bodies with lone surrogates, ${missed.length} missed`);
    expect(missed).toEqual([]);
  });
  it("accepts real text, including pairs and emoji", () => {
    expect(jsonTextIsWellFormed(String.raw`{"note":"\ud83d\ude00 😀 José Ωmega 中文"}`)).toBe(true);
    expect(jsonTextIsWellFormed(`{"temperature":39.1}`)).toBe(true);
    expect(isWellFormedText("plain")).toBe(true);
    expect(isWellFormedText("\ud800")).toBe(false);
  });
  it("leaves text that is not JSON to the route handler", () => {
    expect(jsonTextIsWellFormed("{not json")).toBe(true);
    expect(jsonTextIsWellFormed("")).toBe(true);
  });
});

describe("lone surrogates in server-action bodies", () => {
  it.each([
    ['["$undefined","\\ud800"]', false],
    ['[{"username":"\\udc00x"}]', false],
    ["plain \ud800 text", false],
    ['["\\ud83d\\ude00 a pair is a character"]', true],
    ['["a backslash then u: \\\\ud800 is text"]', true],
    ['["$K1"]\r\n--boundary\r\nContent-Disposition: form-data; name="1_username"\r\n\r\nnurse', true],
  ])("%j is well formed: %s", (body, expected) => {
    expect(actionBodyIsWellFormed(body)).toBe(expected);
  });
});
