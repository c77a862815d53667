import type { FastifyInstance } from 'fastify';
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import {
  CLIENT_RESOURCES_QUESTIONNAIRE_URL,
  DEMAND_SCORE_CODE,
  PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL,
  RESOURCES_SCORE_CODE,
  SEGMENTATION_SYSTEMS,
  SEGMENTS,
  SEGMENT_OBSERVATION_CODE,
  describePairProblem,
  isSegment,
  pairProblems,
  segmentCounts,
  type Language,
} from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { TokenService } from '../auth/tokens';
import type { SettingsStore } from '../settings/settingsStore';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, forbidden, FhirError } from '../fhir/outcomes';
import { requestContext } from '../http/requestContext';
import { latestAnswer, latestSegments } from '../storage/segmentationReads';
import { now } from '../time/clock';
import { highNeedList } from './highNeedList';
import { segmentationSettings } from './segmentationSettings';

interface Deps {
  db: Database;
  fhir: FhirService;
  tokens: TokenService;
  settings: SettingsStore;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function languageOf(query: Record<string, unknown>): Language {
  const unknown = Object.keys(query).find((k) => k !== 'lang');
  if (unknown) throw badRequest(`Unknown parameter ${unknown.slice(0, 40)}: use lang`, [unknown.slice(0, 40)]);
  const lang = query.lang ?? 'fi';
  if (lang !== 'fi' && lang !== 'sv' && lang !== 'en') throw badRequest('lang must be fi, sv or en', ['lang']);
  return lang;
}

const score = (o: Observation, code: string) => o.component?.find((c) => c.code.coding?.[0]?.code === code)?.valueQuantity?.value;

/** Segmentation over HTTP: a client's segments with the care path, the high-need work list, managers' counts. */
export function registerSegmentationRoutes(app: FastifyInstance, { db, fhir, tokens, settings }: Deps): void {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, tokens);

  // The client's segment history (newest first) with the latest segment's care path in `lang`;
  // for the professional also where the two assessments stand. The client reads their own.
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/api/segmentation/patients/:id', async (request) => {
    const context = await ctx(request);
    const lang = languageOf(request.query ?? {});
    const id = request.params.id;
    if (!FHIR_ID.test(id)) throw badRequest('Not a Patient id', ['id']);
    const patient = `Patient/${id}`;
    // Whose history it is is decided first (a refusal audited: another resident's id is a 404);
    // the FHIR search then applies the registers and the audit as for any read of the client's data.
    await fhir.authorize(context, { resourceType: 'Observation', status: 'final', code: {}, subject: { reference: patient } }, 'search', [`Observation?subject=${patient}`], false);
    const bundle = await fhir.search(context, 'Observation', new URLSearchParams({ subject: patient, code: `${SEGMENTATION_SYSTEMS.observation}|${SEGMENT_OBSERVATION_CODE}`, _sort: '-date', _count: '100' }));
    const { value: config, version } = await segmentationSettings(settings);
    const history = (bundle.entry ?? []).flatMap((e) => {
      const o = e.resource as Observation;
      const code = o.valueCodeableConcept?.coding?.find((c) => c.system === SEGMENTATION_SYSTEMS.segment)?.code;
      if (!isSegment(code)) return [];
      return [{ id: o.id ?? '', segment: code, label: config.labels[code][lang], at: o.effectiveDateTime ?? '', by: o.performer?.[0]?.display, resourcesScore: score(o, RESOURCES_SCORE_CODE), demandScore: score(o, DEMAND_SCORE_CODE) }];
    });
    const latest = history[0];
    return {
      patient,
      settingVersion: version,
      segments: SEGMENTS.map((s) => ({ segment: s, label: config.labels[s][lang] })),
      latest: latest ? { ...latest, carePath: config.carePaths[latest.segment][lang] } : null,
      history,
      ...(isStaff(context.user) ? { assessments: await assessments(context, patient, config) } : {}),
    };
  });

  /** Where the two answers stand: each side's latest (if visible) and what stops a segment now. */
  async function assessments(context: RequestContext, patient: string, config: Awaited<ReturnType<typeof segmentationSettings>>['value']) {
    const visible = async (answer: (QuestionnaireResponse & { id: string }) | undefined) => {
      if (!answer) return undefined;
      try {
        await fhir.access.checkRegister(context.user, answer, { patients: [patient], byRecordedReason: false }, context.reason);
        return { id: answer.id, authored: answer.authored ?? '', by: answer.author?.display };
      } catch (error) {
        if (error instanceof FhirError && error.status === 403) return undefined;
        throw error;
      }
    };
    const [client, professional] = await Promise.all([
      latestAnswer(db, patient, CLIENT_RESOURCES_QUESTIONNAIRE_URL).then(visible),
      latestAnswer(db, patient, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL).then(visible),
    ]);
    const problems = pairProblems({ ...(client ? { client } : {}), ...(professional ? { professional } : {}) }, now(), config);
    return { client: client ?? null, professional: professional ?? null, problems: problems.map((p) => ({ ...p, text: describePairProblem(p) })), questionnaires: { client: CLIENT_RESOURCES_QUESTIONNAIRE_URL, professional: PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL } };
  }

  app.get<{ Querystring: Record<string, unknown> }>('/api/high-need', async (request) => highNeedList(db, fhir, settings, await ctx(request), request.query ?? {}));

  // Managers: clients by latest segment and municipality, never names; small groups hidden.
  app.get<{ Querystring: Record<string, unknown> }>('/api/high-need/summary', async (request) => {
    const context = await ctx(request);
    const lang = languageOf(request.query ?? {});
    if (!hasRole(context.user, 'manager')) throw forbidden('Only managers see the segment counts');
    const clients = await latestSegments(db);
    const names = new Map(clients.map((c) => [c.municipality, c.municipalityName]));
    const { value: config } = await segmentationSettings(settings);
    const table = segmentCounts(clients.filter((c) => isSegment(c.segment)));
    return {
      segments: SEGMENTS.map((s) => ({ segment: s, label: config.labels[s][lang] })),
      ...table,
      municipalities: table.municipalities.map((code) => ({ code, name: names.get(code) ?? null })),
    };
  });
}
