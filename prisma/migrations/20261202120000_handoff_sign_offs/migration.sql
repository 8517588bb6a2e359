-- CreateTable
CREATE TABLE "HandoffSignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patientId" TEXT NOT NULL,
    "sheetAt" DATETIME NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedByName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "note" TEXT,
    "idempotencyKey" TEXT,
    CONSTRAINT "HandoffSignOff_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HandoffSignOff_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "HandoffSignOff_idempotencyKey_key" ON "HandoffSignOff"("idempotencyKey");

-- CreateIndex
CREATE INDEX "HandoffSignOff_patientId_signedAt_idx" ON "HandoffSignOff"("patientId", "signedAt");

-- Append-only: a sign-off is evidence of a handover; a later one stands beside it.
CREATE TRIGGER "HandoffSignOff_no_update" BEFORE UPDATE ON "HandoffSignOff"
BEGIN SELECT RAISE(ABORT, 'HandoffSignOff is append-only'); END;
CREATE TRIGGER "HandoffSignOff_no_delete" BEFORE DELETE ON "HandoffSignOff"
BEGIN SELECT RAISE(ABORT, 'HandoffSignOff is append-only'); END;
