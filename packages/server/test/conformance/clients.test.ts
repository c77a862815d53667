import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { MedplumClient, validateResource } from '@medplum/core';
import type { AllergyIntolerance, Bundle, CapabilityStatement, Condition, Observation, Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../../src/fhir/definitions';
import { r4SchemaProblems } from '../support/fhirJsonSchema';
import type { TestServer } from '../api/oviTestServer';
import { BACKENDS, startOn } from '../api/backends';

/**
 * Every resource a client library got back, Bundles and their entries too, checked with the R4
 * definitions (Medplum's validator) and, independently, with HL7's R4 JSON schema.
 */
function expectValid(resource: Resource | undefined): void {
  expect(resource).toBeDefined();
  expect(() => validateResource(resource as Resource), JSON.stringify(resource).slice(0, 300)).not.toThrow();
  expect(r4SchemaProblems(resource), JSON.stringify(resource).slice(0, 300)).toEqual([]);
  if (resource?.resourceType === 'Bundle') for (const e of resource.entry ?? []) expectValid(e.resource);
}

/** fhir-kit-client types its answers loosely (FhirResource): read them as the R4 type asked for. */
const got = async <T>(answer: Promise<unknown> | undefined): Promise<T> => (await answer) as T;
type KitBody = Parameters<Client['create']>[0]['body'];
const kitBody = (resource: Resource) => resource as unknown as KitBody;

/** At most this many pages: a server whose `next` never ends fails here instead of hanging. */
const PAGE_LIMIT = 20;

const condition = (patient: string, code: string, text: string): Condition => ({
  resourceType: 'Condition',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code }], text },
  subject: { reference: patient },
  recordedDate: '2026-11-20T10:00:00+02:00',
});

/**
 * Issue 12: two independent FHIR client libraries, used unchanged, read, search and page,
 * create, update and read history against Ovi, and everything they get back is valid R4.
 */
describe.each(BACKENDS)('independent FHIR clients against Ovi on %s', (backend) => {
  let server: TestServer;
  let physician: { token: string; fhirUser: string };
  let resident: { token: string; fhirUser: string };
  const conditionIds: string[] = [];

  beforeAll(async () => {
    loadFhirDefinitions();
    server = await startOn(backend);
    physician = await server.login('physician');
    resident = await server.login('resident');
    // The physician works with the resident (a care team formed in Ovi).
    await server.ovi.services.store.create({ resourceType: 'CareTeam', status: 'active', subject: { reference: resident.fhirUser }, participant: [{ member: { reference: physician.fhirUser } }] });
  });
  afterAll(async () => server?.close());

  describe('fhir-kit-client', () => {
    const kit = () => new Client({ baseUrl: `${server.url}/fhir/R4`, bearerToken: physician.token });

    it('reads the CapabilityStatement and the client', async () => {
      const metadata = await got<CapabilityStatement>(kit().capabilityStatement());
      expectValid(metadata);
      expect(metadata.rest?.[0]?.resource?.find((r) => r.type === 'Condition')?.interaction?.map((i) => i.code)).toContain('update');
      const patient = await got<Resource>(kit().read({ resourceType: 'Patient', id: resident.fhirUser.split('/')[1] as string }));
      expectValid(patient);
      expect(patient.id).toBe(resident.fhirUser.split('/')[1]);
    });

    it('creates diagnoses, then pages a search to its end following next, each once', async () => {
      const codes = [['I10', 'Verenpainetauti'], ['E11.9', 'Tyypin 2 diabetes'], ['J45.9', 'Astma'], ['M54.5', 'Alaselkäkipu'], ['F32.9', 'Masennustila']] as const;
      for (const [code, text] of codes) {
        const made = await got<Condition>(kit().create({ resourceType: 'Condition', body: kitBody(condition(resident.fhirUser, code, text)) }));
        expectValid(made);
        conditionIds.push(made.id as string);
      }
      const seen: string[] = [];
      let page = await got<Bundle | undefined>(kit().search({ resourceType: 'Condition', searchParams: { subject: resident.fhirUser, _count: 2 } }));
      let pages = 0;
      while (page && pages < PAGE_LIMIT) {
        expectValid(page);
        pages++;
        seen.push(...(page.entry ?? []).map((e) => e.resource?.id as string));
        page = await got<Bundle | undefined>(kit().nextPage({ bundle: page as unknown as Parameters<Client['nextPage']>[0]['bundle'] }));
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual([...conditionIds].sort());
    });

    it('updates a diagnosis and reads its history and old version', async () => {
      const id = conditionIds[0] as string;
      const current = await got<Condition>(kit().read({ resourceType: 'Condition', id }));
      const resolved = { ...current, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] }, abatementDateTime: '2026-11-28' };
      const updated = await got<Condition>(kit().update({ resourceType: 'Condition', id, body: kitBody(resolved) }));
      expectValid(updated);
      expect(updated.clinicalStatus?.coding?.[0]?.code).toBe('resolved');
      const history = await got<Bundle>(kit().history({ resourceType: 'Condition', id }));
      expectValid(history);
      expect(history.type).toBe('history');
      expect(history.entry?.map((e) => e.resource?.meta?.versionId)).toEqual([updated.meta?.versionId, current.meta?.versionId]);
      const old = await got<Condition>(kit().vread({ resourceType: 'Condition', id, version: current.meta?.versionId as string }));
      expectValid(old);
      expect(old.clinicalStatus?.coding?.[0]?.code).toBe('active');
    });

    it('gets the refusals as OperationOutcomes (a resident writing a diagnosis)', async () => {
      const residentKit = new Client({ baseUrl: `${server.url}/fhir/R4`, bearerToken: resident.token });
      const error = await residentKit.create({ resourceType: 'Condition', body: kitBody(condition(resident.fhirUser, 'I10', 'x')) }).catch((e: unknown) => e);
      const response = (error as { response?: { status: number; data: Resource } }).response;
      expect(response?.status).toBe(403);
      expect(response?.data.resourceType).toBe('OperationOutcome');
      expectValid(response?.data);
    });
  });

  describe('MedplumClient', () => {
    const medplum = (token = physician.token) => {
      const client = new MedplumClient({ baseUrl: `${server.url}/`, fhirUrlPath: 'fhir/R4/', fetch: (url: string, init?: RequestInit) => fetch(url, init) });
      client.setAccessToken(token);
      return client;
    };

    it('creates an allergy and an Observation, updates the allergy and reads its history', async () => {
      const client = medplum();
      const allergy = await client.createResource<AllergyIntolerance>({
        resourceType: 'AllergyIntolerance',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'unconfirmed' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '256259004', display: 'Pollen' }], text: 'Koivun siitepöly' },
        patient: { reference: resident.fhirUser },
      });
      expectValid(allergy);
      const confirmed = await client.updateResource<AllergyIntolerance>({ ...allergy, verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] } });
      expectValid(confirmed);
      expect(confirmed.meta?.versionId).not.toBe(allergy.meta?.versionId);
      const history = await client.readHistory('AllergyIntolerance', allergy.id as string);
      expectValid(history);
      expect(history.entry).toHaveLength(2);
      const observation = await client.createResource<Observation>({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
        subject: { reference: resident.fhirUser },
        effectiveDateTime: '2026-11-20T10:05:00+02:00',
        valueQuantity: { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      });
      expectValid(observation);
      const corrected = await client.updateResource<Observation>({ ...observation, status: 'amended', valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } });
      expectValid(corrected);
      expect(corrected.status).toBe('amended');
      expectValid(await client.readResource('Observation', observation.id as string));
    });

    it('pages a search to its end (searchResourcePages) and counts with _count=0', async () => {
      const client = medplum();
      const seen: string[] = [];
      let pages = 0;
      for await (const page of client.searchResourcePages('Condition', { subject: resident.fhirUser, _count: '2' })) {
        for (const r of page) expectValid(r);
        seen.push(...page.map((r) => r.id as string));
        if (++pages >= PAGE_LIMIT) break;
      }
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual([...conditionIds].sort());
      const counted = await client.search('Condition', { subject: resident.fhirUser, _count: '0' });
      expectValid(counted);
      expect(counted.total).toBe(5);
      expect(counted.link?.some((l) => l.relation === 'next')).toBe(false);
    });

    it('lets the resident read their own immunization record and allergies, as the client', async () => {
      const client = medplum(resident.token);
      const allergies = await client.searchResources('AllergyIntolerance', {});
      expect(allergies.map((a) => a.code?.text)).toEqual(['Koivun siitepöly']);
      for (const a of allergies) expectValid(a);
      await expect(client.createResource(condition(resident.fhirUser, 'I10', 'x'))).rejects.toThrow();
    });
  });
});
