-- Weight history (TOCI-WEIGHT) and dose confirmations (TOCI-CONFIRM) as their own append-only
-- facts. New tables only: Patient and MedicationAdministration are not rebuilt; the admission
-- weight stays on Patient (weightKg at weightMeasuredAt) as the first measurement of the history,
-- and a physician's confirmation stored on a dose version before this migration
-- (overrideConfirmedById) still counts as a confirmation made when that version was charted.
-- CreateTable
CREATE TABLE "PatientWeight" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedesId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'final',
    "changeReason" TEXT,
    "idempotencyKey" TEXT,
    "patientId" TEXT NOT NULL,
    "measuredAt" DATETIME NOT NULL,
    "kg" REAL NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT NOT NULL,
    CONSTRAINT "PatientWeight_check_1" CHECK ("version" >= 1),
    CONSTRAINT "PatientWeight_check_2" CHECK ("status" IN ('final', 'amended', 'entered_in_error')),
    CONSTRAINT "PatientWeight_check_3" CHECK ("kg" >= 0.5 AND "kg" <= 400),
    CONSTRAINT "PatientWeight_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "PatientWeight" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PatientWeight_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PatientWeight_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DoseConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "doseId" TEXT NOT NULL,
    "flags" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "confirmedAt" DATETIME NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    CONSTRAINT "DoseConfirmation_check_1" CHECK ("flags" <> ''),
    CONSTRAINT "DoseConfirmation_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DoseConfirmation_doseId_fkey" FOREIGN KEY ("doseId") REFERENCES "MedicationAdministration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DoseConfirmation_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PatientWeight_supersedesId_key" ON "PatientWeight"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "PatientWeight_idempotencyKey_key" ON "PatientWeight"("idempotencyKey");

-- CreateIndex
CREATE INDEX "PatientWeight_patientId_measuredAt_idx" ON "PatientWeight"("patientId", "measuredAt");

-- CreateIndex
CREATE UNIQUE INDEX "PatientWeight_lineageId_version_key" ON "PatientWeight"("lineageId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "DoseConfirmation_idempotencyKey_key" ON "DoseConfirmation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "DoseConfirmation_doseId_confirmedAt_idx" ON "DoseConfirmation"("doseId", "confirmedAt");

-- CreateIndex
CREATE INDEX "DoseConfirmation_patientId_idx" ON "DoseConfirmation"("patientId");

-- Both are charted facts: a correction is a new row, never an edit.
CREATE TRIGGER "PatientWeight_no_update" BEFORE UPDATE ON "PatientWeight"
BEGIN SELECT RAISE(ABORT, 'Weight versions are append-only: chart a correction'); END;
CREATE TRIGGER "PatientWeight_no_delete" BEFORE DELETE ON "PatientWeight"
BEGIN SELECT RAISE(ABORT, 'Weight versions are append-only: mark entered in error'); END;
CREATE TRIGGER "DoseConfirmation_no_update" BEFORE UPDATE ON "DoseConfirmation"
BEGIN SELECT RAISE(ABORT, 'DoseConfirmation is append-only'); END;
CREATE TRIGGER "DoseConfirmation_no_delete" BEFORE DELETE ON "DoseConfirmation"
BEGIN SELECT RAISE(ABORT, 'DoseConfirmation is append-only'); END;
