-- Access measures at a region's scale (scheduling/accessReport.ts, decision 018).
-- T3 counts every professional with non-urgent booking time in the horizon, also one whose
-- every time is booked: whether a schedule has any time (free or booked) is read through this
-- index instead of scanning every slot ever made.
CREATE INDEX slot_availability_schedule_start ON slot_availability (schedule_id, start_at);
-- Waiting times are over the visits realised in the period: found by their start through this
-- partial index, so a month of a region's visits does not read every Appointment stored.
CREATE INDEX resource_appointment_fulfilled_start ON resource (ovi_instant(content ->> 'start'))
  WHERE resource_type = 'Appointment' AND content ->> 'status' = 'fulfilled';
