-- The unit each user reads and types temperatures in (C or F); temperatures are stored and graded
-- in °C whatever the choice. Added in place (Prisma's own diff would rebuild the table for a
-- NOT NULL column with a default; SQLite adds one directly).
-- AlterTable
ALTER TABLE "User" ADD COLUMN "temperatureUnit" TEXT NOT NULL DEFAULT 'C';
