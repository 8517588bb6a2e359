-- Append-only tables added since the INSERT OR REPLACE guard (20261202120000) get the same guard:
-- REPLACE deletes a conflicting row without firing its DELETE trigger, so an insert whose primary
-- or unique key is taken is refused before it happens. PostgreSQL needs none: ON CONFLICT DO
-- UPDATE is refused by the UPDATE trigger (tests/store-safeguards.test.ts).
CREATE TRIGGER "ClinicalChange_no_replace" BEFORE INSERT ON "ClinicalChange"
WHEN EXISTS (SELECT 1 FROM "ClinicalChange" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'ClinicalChange is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "HandoffSignOff_no_replace" BEFORE INSERT ON "HandoffSignOff"
WHEN EXISTS (SELECT 1 FROM "HandoffSignOff" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'HandoffSignOff is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "HandoffSignOff_no_replace_idempotencyKey" BEFORE INSERT ON "HandoffSignOff"
WHEN EXISTS (SELECT 1 FROM "HandoffSignOff" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'HandoffSignOff is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "PatientWeight_no_replace" BEFORE INSERT ON "PatientWeight"
WHEN EXISTS (SELECT 1 FROM "PatientWeight" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'PatientWeight is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "PatientWeight_no_replace_supersedesId" BEFORE INSERT ON "PatientWeight"
WHEN EXISTS (SELECT 1 FROM "PatientWeight" WHERE "supersedesId" = NEW."supersedesId")
BEGIN SELECT RAISE(ABORT, 'PatientWeight is append-only: a row with this supersedesId already exists and is never replaced'); END;
CREATE TRIGGER "PatientWeight_no_replace_idempotencyKey" BEFORE INSERT ON "PatientWeight"
WHEN EXISTS (SELECT 1 FROM "PatientWeight" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'PatientWeight is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "PatientWeight_no_replace_lineageId_version" BEFORE INSERT ON "PatientWeight"
WHEN EXISTS (SELECT 1 FROM "PatientWeight" WHERE "lineageId" = NEW."lineageId" AND "version" = NEW."version")
BEGIN SELECT RAISE(ABORT, 'PatientWeight is append-only: a row with this lineageId, version already exists and is never replaced'); END;
CREATE TRIGGER "DoseConfirmation_no_replace" BEFORE INSERT ON "DoseConfirmation"
WHEN EXISTS (SELECT 1 FROM "DoseConfirmation" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'DoseConfirmation is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "DoseConfirmation_no_replace_idempotencyKey" BEFORE INSERT ON "DoseConfirmation"
WHEN EXISTS (SELECT 1 FROM "DoseConfirmation" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'DoseConfirmation is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "Acknowledgement_no_replace" BEFORE INSERT ON "Acknowledgement"
WHEN EXISTS (SELECT 1 FROM "Acknowledgement" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'Acknowledgement is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "Acknowledgement_no_replace_idempotencyKey" BEFORE INSERT ON "Acknowledgement"
WHEN EXISTS (SELECT 1 FROM "Acknowledgement" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'Acknowledgement is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "ObservationPause_no_replace" BEFORE INSERT ON "ObservationPause"
WHEN EXISTS (SELECT 1 FROM "ObservationPause" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only: a row with this id already exists and is never replaced'); END;
CREATE TRIGGER "ObservationPause_no_replace_supersedesId" BEFORE INSERT ON "ObservationPause"
WHEN EXISTS (SELECT 1 FROM "ObservationPause" WHERE "supersedesId" = NEW."supersedesId")
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only: a row with this supersedesId already exists and is never replaced'); END;
CREATE TRIGGER "ObservationPause_no_replace_idempotencyKey" BEFORE INSERT ON "ObservationPause"
WHEN EXISTS (SELECT 1 FROM "ObservationPause" WHERE "idempotencyKey" = NEW."idempotencyKey")
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only: a row with this idempotencyKey already exists and is never replaced'); END;
CREATE TRIGGER "ObservationPause_no_replace_lineageId_version" BEFORE INSERT ON "ObservationPause"
WHEN EXISTS (SELECT 1 FROM "ObservationPause" WHERE "lineageId" = NEW."lineageId" AND "version" = NEW."version")
BEGIN SELECT RAISE(ABORT, 'ObservationPause is append-only: a row with this lineageId, version already exists and is never replaced'); END;
