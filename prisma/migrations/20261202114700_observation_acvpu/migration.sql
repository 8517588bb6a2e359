-- NEWS2-ACVPU: the level of consciousness as NEWS2 charts it (alert, new confusion, voice, pain,
-- unresponsive); null when not charted. A nullable column: the table is not rebuilt and keeps its
-- CHECK constraints and append-only triggers.
-- AlterTable
ALTER TABLE "Observation" ADD COLUMN "acvpu" TEXT;
