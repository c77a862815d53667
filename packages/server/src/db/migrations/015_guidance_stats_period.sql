-- Figures for a chosen period (GET /api/guidance/stats?from&to, guidance/guidanceStats.ts):
-- the client-guidance contacts that arrived in the period are found by their contact time
-- (Task.authoredOn as an instant, ovi_instant from migration 008) through this partial index,
-- so a week or a year of a region's contacts is read without scanning every Task ever stored.
CREATE INDEX resource_guidance_authored ON resource (ovi_instant(content ->> 'authoredOn'))
  WHERE resource_type = 'Task' AND content #>> '{code,coding,0,code}' = 'client-guidance';
