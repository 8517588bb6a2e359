-- Sessions kept in the database, so that signing out, deactivation and a password change end them
-- at once; an administrator's password reset forces a new password at the next sign-in.
-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endedReason" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnonymousDenialCount" (
    "clientAddress" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "lastPath" TEXT NOT NULL,

    PRIMARY KEY ("clientAddress", "windowStart")
);

-- A NOT NULL boolean with a default is an ADD COLUMN: the table is not rebuilt.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- The sign-in limit also counts per client address.
-- CreateIndex
CREATE INDEX "SignInAttempt_clientAddress_at_idx" ON "SignInAttempt"("clientAddress", "at");


-- INSERT OR REPLACE (and REPLACE) resolves a key conflict by deleting the old row, and SQLite fires no
-- DELETE trigger for that unless recursive_triggers is on in the connection that sends it. A pragma
-- the app sets would not bind a connection opened past the app, so each append-only table refuses,
-- before the insert, a row whose key (the primary key and every UNIQUE key) is already taken: a
-- REPLACE never reaches its delete. The app never inserts a taken key except in a race for a
-- unique key (two corrections of one version), which keeps failing, now with this message
-- (lib/write/charting-write.ts isUniqueViolation reads both). PostgreSQL has no REPLACE, and its
-- INSERT ... ON CONFLICT DO UPDATE fires the UPDATE refusal (tests/store-safeguards.test.ts).
CREATE TRIGGER "AuditEvent_no_replace" BEFORE INSERT ON "AuditEvent"
WHEN EXISTS (SELECT 1 FROM "AuditEvent" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "SignInAttempt_no_replace" BEFORE INSERT ON "SignInAttempt"
WHEN EXISTS (SELECT 1 FROM "SignInAttempt" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'SignInAttempt is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "SubmissionKey_no_replace" BEFORE INSERT ON "SubmissionKey"
WHEN EXISTS (SELECT 1 FROM "SubmissionKey" WHERE "key" = NEW."key")
BEGIN SELECT RAISE(ABORT, 'SubmissionKey is append-only: a row with this key already exists and is never replaced'); END;
CREATE TRIGGER "LateEntryRegrade_no_replace" BEFORE INSERT ON "LateEntryRegrade"
WHEN EXISTS (SELECT 1 FROM "LateEntryRegrade" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'LateEntryRegrade is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "VasopressorInfusion_no_replace" BEFORE INSERT ON "VasopressorInfusion"
WHEN EXISTS (SELECT 1 FROM "VasopressorInfusion" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'VasopressorInfusion is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "Observation_no_replace" BEFORE INSERT ON "Observation"
WHEN EXISTS (SELECT 1 FROM "Observation" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'Observation is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "Observation_no_replace_supersedesId" BEFORE INSERT ON "Observation"
WHEN EXISTS (SELECT 1 FROM "Observation" WHERE "supersedesId" = NEW."supersedesId")
BEGIN SELECT RAISE(ABORT, 'Observation is append-only: a row with this supersedesId already exists and is never replaced'); END;
CREATE TRIGGER "Observation_no_replace_idempotencyKey" BEFORE INSERT ON "Observation"
WHEN EXISTS (SELECT 1 FROM "Observation" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'Observation is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "Observation_no_replace_lineageId_version" BEFORE INSERT ON "Observation"
WHEN EXISTS (SELECT 1 FROM "Observation" WHERE "lineageId" = NEW."lineageId" AND "version" = NEW."version")
BEGIN SELECT RAISE(ABORT, 'Observation is append-only: a row with this lineageId, version already exists and is never replaced'); END;
CREATE TRIGGER "MedicationAdministration_no_replace" BEFORE INSERT ON "MedicationAdministration"
WHEN EXISTS (SELECT 1 FROM "MedicationAdministration" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'MedicationAdministration is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "MedicationAdministration_no_replace_supersedesId" BEFORE INSERT ON "MedicationAdministration"
WHEN EXISTS (SELECT 1 FROM "MedicationAdministration" WHERE "supersedesId" = NEW."supersedesId")
BEGIN SELECT RAISE(ABORT, 'MedicationAdministration is append-only: a row with this supersedesId already exists and is never replaced'); END;
CREATE TRIGGER "MedicationAdministration_no_replace_idempotencyKey" BEFORE INSERT ON "MedicationAdministration"
WHEN EXISTS (SELECT 1 FROM "MedicationAdministration" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'MedicationAdministration is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "MedicationAdministration_no_replace_lineageId_version" BEFORE INSERT ON "MedicationAdministration"
WHEN EXISTS (SELECT 1 FROM "MedicationAdministration" WHERE "lineageId" = NEW."lineageId" AND "version" = NEW."version")
BEGIN SELECT RAISE(ABORT, 'MedicationAdministration is append-only: a row with this lineageId, version already exists and is never replaced'); END;
