-- Sign-in attempts get their own record: the sign-in limit counts failures per username with an
-- indexed query on this table instead of searching the audit trail's JSON text.
-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "username" TEXT NOT NULL,
    "userId" TEXT,
    "clientAddress" TEXT,
    "outcome" TEXT NOT NULL,
    CONSTRAINT "SignInAttempt_outcome_check" CHECK ("outcome" IN ('success', 'wrong_password', 'unknown_user', 'inactive', 'rate_limited')),
    CONSTRAINT "SignInAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SignInAttempt_username_at_idx" ON "SignInAttempt"("username", "at");

-- Evidence, like the audit trail: an attempt is never changed or removed.
CREATE TRIGGER "SignInAttempt_no_update" BEFORE UPDATE ON "SignInAttempt"
BEGIN SELECT RAISE(ABORT, 'SignInAttempt is append-only'); END;
CREATE TRIGGER "SignInAttempt_no_delete" BEFORE DELETE ON "SignInAttempt"
BEGIN SELECT RAISE(ABORT, 'SignInAttempt is append-only'); END;
