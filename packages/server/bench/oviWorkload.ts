import { buildContactResponse, type ContactAnswers } from '../src/guidance/contactResponse';

/**
 * The requests the benchmarks send to an Ovi server (on PostgreSQL or embedded PGlite): an
 * audited create and read of a resident's Observation, a resident's contact (its response,
 * Task and audit record), the guidance queue, and booking the times `$find` proposes for the
 * queue's clients.
 */
export interface OviWorkload {
  createObservation(): Promise<boolean>;
  readObservation(i: number): Promise<boolean>;
  /** A resident sends a contact: validated, triaged, stored with its Task and audit record. */
  sendContact(): Promise<boolean>;
  /** Guidance staff record phone contacts for the queue's clients (a spread of urgencies) until `open` contacts wait; returns how many wait. */
  fillQueue(open: number, concurrency: number): Promise<number>;
  /** The first page of the queue, unfiltered. */
  getQueue(): Promise<boolean>;
  /** The queue as a workbench uses it: mostly the first page, some later pages and filters. */
  browseQueue(i: number): Promise<boolean>;
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

/** A resident's contact: back pain for weeks (non-urgent, to the physiotherapist). */
const RESIDENT_CONTACT: ContactAnswers = { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 5, description: 'Selkä on ollut kipeä kolme viikkoa.', 'contact-preference': 'message' };

/** What callers tell guidance staff on the phone: a spread of urgencies and professions. */
const PHONE_CONTACTS: ContactAnswers[] = [
  { reason: 'back-pain', 'back-red-flags': true, duration: 'days', severity: 8, description: 'Selkäkipu säteilee jalkoihin.', 'contact-preference': 'phone' },
  { reason: 'low-mood', 'self-harm': false, duration: 'months', severity: 5, description: 'Mieliala on ollut matala.', 'contact-preference': 'phone' },
  { reason: 'other', duration: 'days', severity: 2, description: 'Kysyisin rokotuksista.', 'contact-preference': 'phone' },
  { reason: 'chest', 'chest-severe': false, duration: 'days', severity: 3, description: 'Rintaa pistelee välillä.', 'contact-preference': 'phone' },
  { reason: 'money-housing', duration: 'months', severity: 4, description: 'Vuokra on jäänyt maksamatta.', 'contact-preference': 'phone' },
  { reason: 'back-pain', 'back-red-flags': false, duration: 'months', severity: 4, description: 'Selkä jumittaa aamuisin.', 'contact-preference': 'phone' },
];

/** Requests of the workbench queue: 6 in 10 the first page, the rest later pages and filters. */
const QUEUE_VIEWS = ['', '', '', '', '', '', '?page=2', '?urgency=urgent', '?channel=phone', '?claimed=nobody&page=3'];

export async function oviWorkload(base: string): Promise<OviWorkload> {
  const login = async (username: string) => {
    const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    return (await r.json()) as { access_token: string; fhirUser: string };
  };
  const resident = await login('resident');
  const guidance = await login('guidance');
  const headers = (token: string) => ({ 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` });
  const body = JSON.stringify(OBSERVATION(resident.fhirUser));
  const contact = JSON.stringify(buildContactResponse(resident.fhirUser, RESIDENT_CONTACT));
  const queueTotal = async () => ((await (await fetch(`${base}/api/guidance/queue?pageSize=1`, { headers: headers(guidance.access_token) })).json()) as { total: number }).total;
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
    async sendContact() {
      const r = await fetch(`${base}/fhir/R4/QuestionnaireResponse`, { method: 'POST', headers: headers(resident.access_token), body: contact });
      await r.arrayBuffer();
      return r.status === 201;
    },
    async fillQueue(open, concurrency) {
      const queue = (await (await fetch(`${base}/api/guidance/queue?pageSize=100`, { headers: headers(guidance.access_token) })).json()) as { items: Array<{ patient: { id: string } }> };
      const patients = [...new Set(queue.items.map((i) => i.patient.id))];
      let missing = open - (await queueTotal());
      let n = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (missing-- > 0) {
            const i = n++;
            const answers = PHONE_CONTACTS[i % PHONE_CONTACTS.length] ?? {};
            const r = await fetch(`${base}/fhir/R4/QuestionnaireResponse`, {
              method: 'POST',
              headers: { ...headers(guidance.access_token), 'x-access-reason': encodeURIComponent('Asiakas soitti') },
              body: JSON.stringify(buildContactResponse(`Patient/${patients[i % patients.length] ?? ''}`, answers, { channel: 'phone' })),
            });
            await r.arrayBuffer();
            if (r.status !== 201) throw new Error(`recording a phone contact failed: ${r.status}`);
          }
        }),
      );
      return queueTotal();
    },
    async browseQueue(i) {
      const r = await fetch(`${base}/api/guidance/queue${QUEUE_VIEWS[i % QUEUE_VIEWS.length] ?? ''}`, { headers: headers(guidance.access_token) });
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
      for (const patient of new Set(queue.items.map((i) => i.patient.id))) {
        const found = await fetch(`${base}/fhir/R4/Appointment/$find`, {
          method: 'POST',
          headers: headers(guidance.access_token),
          body: JSON.stringify({
            resourceType: 'Parameters',
            parameter: [
              { name: 'end', valueDateTime: new Date(Date.now() + 40 * 86_400_000).toISOString() },
              { name: 'patient', valueReference: { reference: `Patient/${patient}` } },
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
