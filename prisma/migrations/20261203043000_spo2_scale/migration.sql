-- NEWS2-SPO2: the patient's SpO2 scale (1, or 2 for hypercapnic respiratory failure), a physician's
-- decision, on the record and each of its versions. Added in place (no table rebuild), so the
-- tables keep their CHECKs and append-only triggers; every existing record is on scale 1, as the
-- engine read it until now.
ALTER TABLE "Patient" ADD COLUMN "spo2Scale" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "PatientVersion" ADD COLUMN "spo2Scale" INTEGER NOT NULL DEFAULT 1;
