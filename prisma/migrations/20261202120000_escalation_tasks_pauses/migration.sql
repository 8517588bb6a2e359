-- Escalation tasks and paused observations (CLINICAL-RULES.md sections 8 and 9): acknowledgements
-- of tasks, observation pauses (versioned: a resume is a new version), refused and not-possible
-- sets, and the patient's own observation interval.
-- AlterTable
ALTER TABLE "Patient" ADD COLUMN "obsIntervalMinutes" INTEGER CONSTRAINT "Patient_obsIntervalMinutes_check" CHECK ("obsIntervalMinutes" IS NULL OR ("obsIntervalMinutes" >= 5 AND "obsIntervalMinutes" <= 1440));

-- CreateTable
CREATE TABLE "Acknowledgement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "taskKind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "correctsId" TEXT,
    "changeReason" TEXT,
    "idempotencyKey" TEXT,
    CONSTRAINT "Acknowledgement_role_check" CHECK ("role" IN ('nurse', 'physician')),
    CONSTRAINT "Acknowledgement_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Acknowledgement_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ObservationPause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedesId" TEXT,
    "patientId" TEXT NOT NULL,
    "fromAt" DATETIME NOT NULL,
    "untilAt" DATETIME,
    "reason" TEXT NOT NULL,
    "changeReason" TEXT,
    "recordedAt" DATETIME NOT NULL,
    "recordedById" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    CONSTRAINT "ObservationPause_until_check" CHECK ("untilAt" IS NULL OR "untilAt" > "fromAt"),
    CONSTRAINT "ObservationPause_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "ObservationPause" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ObservationPause_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ObservationPause_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- OBS-STATUS: a set is charted, refused or not possible (the latter two with a reason). Added
-- in place (ALTER TABLE keeps the table's CHECK constraints and append-only triggers); every
-- existing row was a charted set.
ALTER TABLE "Observation" ADD COLUMN "setStatus" TEXT NOT NULL DEFAULT 'charted' CONSTRAINT "Observation_setStatus_check" CHECK ("setStatus" IN ('charted', 'refused', 'not_possible'));
ALTER TABLE "Observation" ADD COLUMN "statusReason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Acknowledgement_idempotencyKey_key" ON "Acknowledgement"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Acknowledgement_patientId_at_idx" ON "Acknowledgement"("patientId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationPause_supersedesId_key" ON "ObservationPause"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationPause_idempotencyKey_key" ON "ObservationPause"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ObservationPause_patientId_fromAt_idx" ON "ObservationPause"("patientId", "fromAt");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationPause_lineageId_version_key" ON "ObservationPause"("lineageId", "version");

-- Clinical facts: never changed or removed (a correction is a new row).
CREATE TRIGGER "Acknowledgement_no_update" BEFORE UPDATE ON "Acknowledgement"
BEGIN SELECT RAISE(ABORT, 'Acknowledgement is append-only'); END;
CREATE TRIGGER "Acknowledgement_no_delete" BEFORE DELETE ON "Acknowledgement"
BEGIN SELECT RAISE(ABORT, 'Acknowledgement is append-only'); END;
CREATE TRIGGER "ObservationPause_no_update" BEFORE UPDATE ON "ObservationPause"
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only'); END;
CREATE TRIGGER "ObservationPause_no_delete" BEFORE DELETE ON "ObservationPause"
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only'); END;
