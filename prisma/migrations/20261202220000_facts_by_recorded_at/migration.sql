-- The rows a patient was charted lately, found without reading the whole stay: the fact cache
-- brings a patient changed by a write or two up to date from them (lib/timeline/fact-cache.ts).
-- CreateIndex
CREATE INDEX "Observation_patientId_recordedAt_idx" ON "Observation"("patientId", "recordedAt");

-- CreateIndex
CREATE INDEX "MedicationAdministration_patientId_recordedAt_idx" ON "MedicationAdministration"("patientId", "recordedAt");
