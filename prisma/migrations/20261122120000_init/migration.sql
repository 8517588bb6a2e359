-- Initial schema. CHECK constraints back the absolute ranges (lib/engine/schema.ts) so that
-- no write path, however it is reached, can store an impossible value.

-- CreateTable
CREATE TABLE "Ward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "gradingSystem" TEXT NOT NULL DEFAULT 'ASTCT',
    "antipyreticsMaskFever" BOOLEAN NOT NULL DEFAULT true,
    "tociMinIntervalHours" REAL NOT NULL DEFAULT 8,
    "status" TEXT NOT NULL DEFAULT 'active',
    "dischargedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "Patient_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Patient_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Patient_check_1" CHECK ("weightKg" >= 0.5 AND "weightKg" <= 400),
    CONSTRAINT "Patient_check_2" CHECK ("status" IN ('active', 'discharged')),
    CONSTRAINT "Patient_check_3" CHECK ("tociMinIntervalHours" > 0)
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedesId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'final',
    "changeReason" TEXT,
    "idempotencyKey" TEXT,
    "patientId" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT NOT NULL,
    "temperatureC" REAL,
    "heartRate" INTEGER,
    "respiratoryRate" INTEGER,
    "systolicBP" INTEGER,
    "diastolicBP" INTEGER,
    "meanArterialPressure" INTEGER,
    "spo2" INTEGER,
    "oxygenDevice" TEXT NOT NULL DEFAULT 'room_air',
    "oxygenFlowLpm" REAL,
    "fio2" REAL,
    "iceScore" INTEGER,
    "consciousness" TEXT,
    "seizure" TEXT,
    "motorWeakness" BOOLEAN,
    "cerebralEdema" TEXT,
    "crsDeath" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    CONSTRAINT "Observation_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Observation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Observation_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Observation_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Observation_check_1" CHECK ("version" >= 1),
    CONSTRAINT "Observation_check_2" CHECK ("status" IN ('final', 'amended', 'entered_in_error')),
    CONSTRAINT "Observation_check_3" CHECK ("temperatureC" IS NULL OR ("temperatureC" >= 25 AND "temperatureC" <= 45)),
    CONSTRAINT "Observation_check_4" CHECK ("heartRate" IS NULL OR ("heartRate" >= 0 AND "heartRate" <= 300)),
    CONSTRAINT "Observation_check_5" CHECK ("respiratoryRate" IS NULL OR ("respiratoryRate" >= 0 AND "respiratoryRate" <= 80)),
    CONSTRAINT "Observation_check_6" CHECK ("systolicBP" IS NULL OR ("systolicBP" >= 0 AND "systolicBP" <= 300)),
    CONSTRAINT "Observation_check_7" CHECK ("diastolicBP" IS NULL OR ("diastolicBP" >= 0 AND "diastolicBP" <= 300)),
    CONSTRAINT "Observation_check_8" CHECK ("systolicBP" IS NULL OR "diastolicBP" IS NULL OR "diastolicBP" < "systolicBP"),
    CONSTRAINT "Observation_check_9" CHECK ("meanArterialPressure" IS NULL OR ("meanArterialPressure" >= 0 AND "meanArterialPressure" <= 300)),
    CONSTRAINT "Observation_check_10" CHECK ("spo2" IS NULL OR ("spo2" >= 0 AND "spo2" <= 100)),
    CONSTRAINT "Observation_check_11" CHECK ("oxygenFlowLpm" IS NULL OR ("oxygenFlowLpm" >= 0 AND "oxygenFlowLpm" <= 80)),
    CONSTRAINT "Observation_check_12" CHECK ("fio2" IS NULL OR ("fio2" >= 0.21 AND "fio2" <= 1.0)),
    CONSTRAINT "Observation_check_13" CHECK ("iceScore" IS NULL OR ("iceScore" >= 0 AND "iceScore" <= 10))
);

-- CreateTable
CREATE TABLE "VasopressorInfusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "observationId" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "doseMcgKgMin" REAL,
    CONSTRAINT "VasopressorInfusion_observationId_fkey" FOREIGN KEY ("observationId") REFERENCES "Observation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "VasopressorInfusion_check_1" CHECK ("doseMcgKgMin" IS NULL OR "doseMcgKgMin" >= 0)
);

-- CreateTable
CREATE TABLE "MedicationAdministration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedesId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'final',
    "changeReason" TEXT,
    "idempotencyKey" TEXT,
    "patientId" TEXT NOT NULL,
    "drug" TEXT NOT NULL,
    "doseMg" REAL NOT NULL,
    "route" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT NOT NULL,
    "flagsAtCharting" TEXT NOT NULL DEFAULT '',
    "overrideReason" TEXT,
    "overrideConfirmedById" TEXT,
    CONSTRAINT "MedicationAdministration_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "MedicationAdministration" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MedicationAdministration_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MedicationAdministration_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MedicationAdministration_overrideConfirmedById_fkey" FOREIGN KEY ("overrideConfirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MedicationAdministration_check_1" CHECK ("version" >= 1),
    CONSTRAINT "MedicationAdministration_check_2" CHECK ("status" IN ('final', 'amended', 'entered_in_error')),
    CONSTRAINT "MedicationAdministration_check_3" CHECK ("doseMg" > 0),
    CONSTRAINT "MedicationAdministration_check_4" CHECK ("drug" <> 'tocilizumab' OR "doseMg" <= 2000)
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "role" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_mrn_key" ON "Patient"("mrn");

-- CreateIndex
CREATE INDEX "Patient_wardId_status_idx" ON "Patient"("wardId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_supersedesId_key" ON "Observation"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_idempotencyKey_key" ON "Observation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Observation_patientId_effectiveAt_idx" ON "Observation"("patientId", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_lineageId_version_key" ON "Observation"("lineageId", "version");

-- CreateIndex
CREATE INDEX "VasopressorInfusion_observationId_idx" ON "VasopressorInfusion"("observationId");

-- CreateIndex
CREATE UNIQUE INDEX "MedicationAdministration_supersedesId_key" ON "MedicationAdministration"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "MedicationAdministration_idempotencyKey_key" ON "MedicationAdministration"("idempotencyKey");

-- CreateIndex
CREATE INDEX "MedicationAdministration_patientId_effectiveAt_idx" ON "MedicationAdministration"("patientId", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "MedicationAdministration_lineageId_version_key" ON "MedicationAdministration"("lineageId", "version");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
