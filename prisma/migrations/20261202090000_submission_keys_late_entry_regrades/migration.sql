-- Submission keys bound to the request they were first used for (the fact tables' idempotencyKey
-- column only said which form stored a row, not what that form asked for), and late-entry
-- re-gradings as their own records (until now only in the audit events' JSON).
-- New tables only: Observation and MedicationAdministration are not rebuilt.
-- CreateTable
CREATE TABLE "SubmissionKey" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT,
    "write" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LateEntryRegrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "observationId" TEXT NOT NULL,
    "observationAt" DATETIME NOT NULL,
    "gradeBefore" INTEGER NOT NULL,
    "gradeAfter" INTEGER NOT NULL,
    "alertText" TEXT NOT NULL,
    "write" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "entryAt" DATETIME NOT NULL,
    "drug" TEXT,
    "doseMg" REAL,
    "chartedById" TEXT,
    "chartedByName" TEXT,
    "chartedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LateEntryRegrade_patientId_chartedAt_idx" ON "LateEntryRegrade"("patientId", "chartedAt");

-- CreateIndex
CREATE INDEX "LateEntryRegrade_causeId_idx" ON "LateEntryRegrade"("causeId");

-- Both are evidence of what was charted: append-only, like the facts and the audit trail.
CREATE TRIGGER "SubmissionKey_no_update" BEFORE UPDATE ON "SubmissionKey"
BEGIN SELECT RAISE(ABORT, 'SubmissionKey is append-only'); END;
CREATE TRIGGER "SubmissionKey_no_delete" BEFORE DELETE ON "SubmissionKey"
BEGIN SELECT RAISE(ABORT, 'SubmissionKey is append-only'); END;
CREATE TRIGGER "LateEntryRegrade_no_update" BEFORE UPDATE ON "LateEntryRegrade"
BEGIN SELECT RAISE(ABORT, 'LateEntryRegrade is append-only'); END;
CREATE TRIGGER "LateEntryRegrade_no_delete" BEFORE DELETE ON "LateEntryRegrade"
BEGIN SELECT RAISE(ABORT, 'LateEntryRegrade is append-only'); END;

-- Keys already used: no fingerprint was kept, so they replay when the write and target match.
INSERT OR IGNORE INTO "SubmissionKey" ("key", "fingerprint", "write", "targetId", "resultId", "createdAt")
SELECT "idempotencyKey", NULL,
  CASE WHEN "supersedesId" IS NULL THEN 'observation.create'
       WHEN "status" = 'entered_in_error' THEN 'observation.entered_in_error'
       ELSE 'observation.amend' END,
  COALESCE("supersedesId", "patientId"), "id", "recordedAt"
FROM "Observation" WHERE "idempotencyKey" IS NOT NULL;
INSERT OR IGNORE INTO "SubmissionKey" ("key", "fingerprint", "write", "targetId", "resultId", "createdAt")
SELECT "idempotencyKey", NULL,
  CASE WHEN "supersedesId" IS NULL THEN 'dose.create'
       WHEN "status" = 'entered_in_error' THEN 'dose.entered_in_error'
       ELSE 'dose.amend' END,
  COALESCE("supersedesId", "patientId"), "id", "recordedAt"
FROM "MedicationAdministration" WHERE "idempotencyKey" IS NOT NULL;

-- Re-gradings recorded so far in the audit events' snapshots.
INSERT INTO "LateEntryRegrade" ("id", "patientId", "observationId", "observationAt", "gradeBefore", "gradeAfter", "alertText",
  "write", "causeId", "entryAt", "drug", "doseMg", "chartedById", "chartedByName", "chartedAt")
SELECT lower(hex(randomblob(16))), json_extract(e."after", '$.patientId'), json_extract(c."value", '$.id'),
  replace(json_extract(c."value", '$.at'), 'Z', '+00:00'), json_extract(c."value", '$.before'), json_extract(c."value", '$.after'),
  COALESCE(json_extract(c."value", '$.text'), ''), e."action", e."entityId",
  replace(json_extract(e."after", '$.effectiveAt'), 'Z', '+00:00'), json_extract(e."after", '$.drug'), json_extract(e."after", '$.doseMg'),
  e."actorId", e."actorName", replace(json_extract(e."after", '$.recordedAt'), 'Z', '+00:00')
FROM "AuditEvent" e, json_each(e."after", '$.lateEntryChanges') c
WHERE e."action" IN ('observation.create', 'observation.amend', 'observation.entered_in_error', 'dose.create', 'dose.amend', 'dose.entered_in_error')
  AND json_valid(e."after") AND json_extract(e."after", '$.patientId') IS NOT NULL;
