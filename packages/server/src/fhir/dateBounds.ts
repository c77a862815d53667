/** The instants (UTC ISO strings) that a FHIR date or dateTime of any precision covers. */
export function dateBounds(value: string): [string, string] | undefined {
  if (/^\d{4}$/.test(value)) return [`${value}-01-01T00:00:00Z`, `${value}-12-31T23:59:59.999Z`];
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number) as [number, number];
    if (m < 1 || m > 12) return undefined;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${value}-01T00:00:00Z`, `${value}-${String(last).padStart(2, '0')}T23:59:59.999Z`];
  }
  if (!isRealDate(value.slice(0, 10))) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return [`${value}T00:00:00Z`, `${value}T23:59:59.999Z`];
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  const iso = new Date(t).toISOString();
  return [iso, iso];
}

/** Date.parse accepts 2026-02-30; a real calendar date survives the round trip. */
function isRealDate(ymd: string): boolean {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === ymd;
}
