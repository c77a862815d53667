/**
 * The requests the benchmarks send to an Ovi server (on PostgreSQL or embedded PGlite): an
 * audited create and read of a resident's Observation, the guidance queue, and booking the
 * times `$find` proposes for the queue's clients.
 */
export interface OviWorkload {
  createObservation(): Promise<boolean>;
  readObservation(i: number): Promise<boolean>;
  getQueue(): Promise<boolean>;
  /** Proposals for every client in the queue; call before `book`. */
  findProposals(): Promise<number>;
  book(i: number): Promise<boolean>;
  readonly booked: number;
  readonly conflicts: number;
}

export const OBSERVATION = (subject: string) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
  subject: { reference: subject },
  effectiveDateTime: new Date().toISOString(),
  valueQuantity: { value: 72.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

export async function oviWorkload(base: string): Promise<OviWorkload> {
  const login = async (username: string) => {
    const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    return (await r.json()) as { access_token: string; fhirUser: string };
  };
  const resident = await login('resident');
  const guidance = await login('guidance');
  const headers = (token: string) => ({ 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` });
  const body = JSON.stringify(OBSERVATION(resident.fhirUser));
  const ids: string[] = [];
  const proposals: unknown[] = [];
  let booked = 0;
  let conflicts = 0;
  return {
    async createObservation() {
      const r = await fetch(`${base}/fhir/R4/Observation`, { method: 'POST', headers: headers(resident.access_token), body });
      const created = (await r.json()) as { id: string };
      if (r.status === 201) ids.push(created.id);
      return r.status === 201;
    },
    async readObservation(i) {
      const r = await fetch(`${base}/fhir/R4/Observation/${ids[i % ids.length] ?? ''}`, { headers: headers(resident.access_token) });
      await r.arrayBuffer();
      return r.status === 200;
    },
    async getQueue() {
      const r = await fetch(`${base}/api/guidance/queue`, { headers: headers(guidance.access_token) });
      await r.arrayBuffer();
      return r.status === 200;
    },
    async findProposals() {
      const queue = (await (await fetch(`${base}/api/guidance/queue`, { headers: headers(guidance.access_token) })).json()) as { items: Array<{ patient: { id: string } }> };
      for (const item of queue.items) {
        const found = await fetch(`${base}/fhir/R4/Appointment/$find`, {
          method: 'POST',
          headers: headers(guidance.access_token),
          body: JSON.stringify({
            resourceType: 'Parameters',
            parameter: [
              { name: 'end', valueDateTime: new Date(Date.now() + 40 * 86_400_000).toISOString() },
              { name: 'patient', valueReference: { reference: `Patient/${item.patient.id}` } },
              { name: 'count', valueInteger: 50 },
            ],
          }),
        });
        for (const entry of ((await found.json()) as { entry?: Array<{ resource: { resourceType: string } }> }).entry ?? []) {
          if (entry.resource.resourceType === 'Appointment') proposals.push(entry.resource);
        }
      }
      return proposals.length;
    },
    async book(i) {
      const r = await fetch(`${base}/fhir/R4/Appointment/$book`, {
        method: 'POST',
        headers: headers(guidance.access_token),
        body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'appointment', resource: proposals[i % proposals.length] }] }),
      });
      await r.arrayBuffer();
      if (r.status === 201) booked++;
      if (r.status === 409) conflicts++;
      return r.status === 201 || r.status === 409;
    },
    get booked() {
      return booked;
    },
    get conflicts() {
      return conflicts;
    },
  };
}
