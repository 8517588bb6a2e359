/**
 * Turns zod issues into lines a nurse can act on: `observations[0].temperatureC: 450 is outside 25-45 °C`.
 */
import { z } from "zod";
import { timelineInputSchema, showValue, type TimelineInput } from "./schema";

export interface FieldIssue {
  /** e.g. "observations[0].temperatureC"; "(input)" for the whole document. */
  path: string;
  message: string;
}

/** observations[0].oxygen.flowLpm */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || "(input)";
}

/** Fallback wording for issues a schema did not word itself. */
const fallbackError: z.core.$ZodErrorMap = (iss) => {
  if (iss.input === undefined && iss.code === "invalid_type") return "is required";
  return `${showValue(iss.input)} is not allowed here`;
};

/** One entry per wrong field; an unknown field gets its own entry naming it. */
export function describeIssues(error: z.ZodError | readonly z.core.$ZodIssue[]): FieldIssue[] {
  const issues = Array.isArray(error) ? error : (error as z.ZodError).issues;
  const described: FieldIssue[] = [];
  for (const issue of issues as readonly z.core.$ZodIssue[]) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) described.push({ path: formatPath([...issue.path, key]), message: issue.message });
    } else {
      described.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return described;
}

/** "path: message" lines, one per issue. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n");
}

export type ParseResult = { success: true; data: TimelineInput } | { success: false; issues: FieldIssue[] };

/** Validate an already-decoded value against timelineInputSchema. */
export function parseTimelineInput(value: unknown): ParseResult {
  const result = timelineInputSchema.safeParse(value, { error: fallbackError });
  return result.success ? { success: true, data: result.data } : { success: false, issues: describeIssues(result.error) };
}

/** Decode JSON text and validate it; bad JSON is reported as an issue on the whole input. */
export function parseTimelineJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { success: false, issues: [{ path: "(input)", message: `is not valid JSON: ${detail}` }] };
  }
  return parseTimelineInput(value);
}
