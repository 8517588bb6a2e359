-- The live stream's feed: one row per committed clinical write (lib/live). AUTOINCREMENT: SQLite
-- never hands out an id again, even after the newest row's transaction rolled back, so the
-- stream's event ids only grow.
-- CreateTable
CREATE TABLE "ClinicalChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "patientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "ClinicalChange_patientId_id_idx" ON "ClinicalChange"("patientId", "id");

-- Evidence of what changed when, like the audit trail: never changed or removed.
CREATE TRIGGER "ClinicalChange_no_update" BEFORE UPDATE ON "ClinicalChange"
BEGIN SELECT RAISE(ABORT, 'ClinicalChange is append-only'); END;
CREATE TRIGGER "ClinicalChange_no_delete" BEFORE DELETE ON "ClinicalChange"
BEGIN SELECT RAISE(ABORT, 'ClinicalChange is append-only'); END;
