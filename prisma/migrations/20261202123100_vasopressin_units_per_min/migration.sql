-- Rev 2: vasopressin is charted in units/min, the other vasopressors in mcg/kg/min. A new nullable
-- column, so the append-only table is not rebuilt. Rows charted before keep what they say: a
-- vasopressin dose typed as mcg/kg/min is shown as charted and never converted (no UPDATE: the
-- table is append-only, and a dose per kg cannot become a dose per minute without guessing).
-- AlterTable
ALTER TABLE "VasopressorInfusion" ADD COLUMN "doseUnitsPerMin" REAL;
