-- Clinical records are evidence: the audit trail and the versioned clinical facts are append-only
-- in the database itself, whatever code path reaches it. A correction is a new row, never an edit.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;

CREATE TRIGGER "Observation_no_update" BEFORE UPDATE ON "Observation"
BEGIN SELECT RAISE(ABORT, 'Observation versions are append-only: chart an amendment'); END;
CREATE TRIGGER "Observation_no_delete" BEFORE DELETE ON "Observation"
BEGIN SELECT RAISE(ABORT, 'Observation versions are append-only: mark entered in error'); END;

CREATE TRIGGER "VasopressorInfusion_no_update" BEFORE UPDATE ON "VasopressorInfusion"
BEGIN SELECT RAISE(ABORT, 'VasopressorInfusion is append-only'); END;
CREATE TRIGGER "VasopressorInfusion_no_delete" BEFORE DELETE ON "VasopressorInfusion"
BEGIN SELECT RAISE(ABORT, 'VasopressorInfusion is append-only'); END;

CREATE TRIGGER "MedicationAdministration_no_update" BEFORE UPDATE ON "MedicationAdministration"
BEGIN SELECT RAISE(ABORT, 'Dose versions are append-only: chart an amendment'); END;
CREATE TRIGGER "MedicationAdministration_no_delete" BEFORE DELETE ON "MedicationAdministration"
BEGIN SELECT RAISE(ABORT, 'Dose versions are append-only: mark entered in error'); END;
