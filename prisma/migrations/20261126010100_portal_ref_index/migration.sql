-- Reconciliation looks up every portal_ref of an export batch; without this it scans the register.
CREATE INDEX "vaccination_records_portal_ref_idx" ON "vaccination_records"("portal_ref");
