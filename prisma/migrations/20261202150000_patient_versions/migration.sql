-- CreateTable
CREATE TABLE "PatientVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT,
    "mrn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "weightKg" REAL NOT NULL,
    "weightMeasuredAt" DATETIME NOT NULL,
    "wardId" TEXT NOT NULL,
    "bed" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "therapy" TEXT NOT NULL,
    "infusionAt" DATETIME NOT NULL,
    "gradingSystem" TEXT NOT NULL,
    "antipyreticsMaskFever" BOOLEAN NOT NULL,
    "tociMinIntervalHours" REAL NOT NULL,
    "obsIntervalMinutes" INTEGER,
    "status" TEXT NOT NULL,
    "dischargedAt" DATETIME,
    "recordedAt" DATETIME NOT NULL,
    "recordedById" TEXT,
    CONSTRAINT "PatientVersion_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PatientVersion_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PatientVersion_patientId_recordedAt_idx" ON "PatientVersion"("patientId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PatientVersion_patientId_version_key" ON "PatientVersion"("patientId", "version");

-- Append-only: a patient's record is corrected by a new version with its reason, never rewritten.
CREATE TRIGGER "PatientVersion_no_update" BEFORE UPDATE ON "PatientVersion"
BEGIN SELECT RAISE(ABORT, 'PatientVersion is append-only'); END;
CREATE TRIGGER "PatientVersion_no_delete" BEFORE DELETE ON "PatientVersion"
BEGIN SELECT RAISE(ABORT, 'PatientVersion is append-only'); END;
-- INSERT OR REPLACE deletes a conflicting row without firing the DELETE trigger: refused first.
CREATE TRIGGER "PatientVersion_no_replace" BEFORE INSERT ON "PatientVersion"
WHEN EXISTS (SELECT 1 FROM "PatientVersion" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'PatientVersion is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "PatientVersion_no_replace_patientId_version" BEFORE INSERT ON "PatientVersion"
WHEN EXISTS (SELECT 1 FROM "PatientVersion" WHERE "patientId" = NEW."patientId" AND "version" = NEW."version")
BEGIN SELECT RAISE(ABORT, 'PatientVersion is append-only: a row with this patientId, version already exists and is never replaced'); END;

-- Every patient admitted before versions existed gets one: the record as it stood now, dated at its
-- admission (what the replay used for every instant until now). Changes made before this migration
-- are in the audit trail (patient.edit events keep the record before and after).
INSERT INTO "PatientVersion" (
    "id", "patientId", "version", "change", "reason", "mrn", "name", "birthDate", "sex", "weightKg", "weightMeasuredAt",
    "wardId", "bed", "product", "therapy", "infusionAt", "gradingSystem", "antipyreticsMaskFever", "tociMinIntervalHours",
    "obsIntervalMinutes", "status", "dischargedAt", "recordedAt", "recordedById"
)
SELECT
    'backfill-' || "id", "id", "version", 'backfill', 'The record as it stood when patient versions began', "mrn", "name", "birthDate", "sex",
    "weightKg", "weightMeasuredAt", "wardId", "bed", "product", "therapy", "infusionAt", "gradingSystem", "antipyreticsMaskFever",
    "tociMinIntervalHours", "obsIntervalMinutes", "status", "dischargedAt", "createdAt", "createdById"
FROM "Patient";
