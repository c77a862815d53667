import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { DIRECTORY_TYPES, PERSONAL_TYPES } from './resourceTypes';
import { indexedParameters } from './searchParameters';
import { interactionsOf } from './interactions';
import { operationDefinitionId, operationsOn } from './operationDefinitions';
import { smartOauthUris } from '../smart/smartConfiguration';

/** The parameters every stored type answers from the resource table itself. */
const COMMON_PARAMETERS = [
  { name: '_id', type: 'token' as const },
  { name: '_lastUpdated', type: 'date' as const },
];

/**
 * What this server really does, derived from the tables the routes and the search parser use:
 * each type's interactions (`interactionsOf`), the search parameters the parser accepts
 * (`indexedParameters`), and the operations with routes (`OPERATIONS`). Nothing is listed that
 * is refused; the conformance test tries every entry.
 */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  const stored = [...DIRECTORY_TYPES, ...PERSONAL_TYPES].map((type) => resourceEntry(baseUrl, type, [...COMMON_PARAMETERS, ...[...indexedParameters(type).values()].map((p) => ({ name: p.code, type: p.kind }))]));
  // Message attachments: uploaded as the raw file, read by those who may read their message (securityContext).
  const binary = resourceEntry(baseUrl, 'Binary', []);
  const definitions = resourceEntry(baseUrl, 'OperationDefinition', []);
  // The managers' indicators (computed, not stored): read, listed, and $evaluate-measure.
  const measures = resourceEntry(baseUrl, 'Measure', []);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Ovi', version: '0.1.0' },
    implementation: { description: 'Ovi social and health centre', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/json'],
    rest: [
      {
        mode: 'server',
        security: {
          // CORS for the browser origins of registered SMART apps only (smart/appCors.ts).
          cors: true,
          service: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }], text: 'Bearer tokens (RFC 6750): SMART App Launch 2 (OAuth 2.0 with PKCE, OpenID Connect) or POST /auth/login' },
          ],
          extension: [smartOauthUris(baseUrl)],
          description:
            'Send Authorization: Bearer <token>. A SMART app gets one through the OAuth endpoints named here ' +
            '(discovery at .well-known/smart-configuration under this base); its scopes narrow what the user may do. ' +
            "Ovi's own web app signs in through the same provider (client ovi-web) and exchanges that once for Ovi's session token (POST /auth/session); scripts may use POST /auth/login. " +
            'A missing or refused token is a 401 with WWW-Authenticate: Bearer; a token without the scope is a 403. Access to personal data needs a care relationship ' +
            'or a recorded reason (X-Access-Reason); every access and refusal is audited.',
        },
        resource: [...stored, binary, definitions, measures].sort((a, b) => String(a.type).localeCompare(String(b.type))),
        // POST of a Bundle to the base (fhir/transaction.ts): each entry as the single request it stands for.
        interaction: [
          { code: 'transaction', documentation: 'All or nothing in one database transaction; at most the configured number of entries (413 beyond)' },
          { code: 'batch', documentation: 'Each entry on its own; a failing entry answers its OperationOutcome' },
        ],
      },
    ],
  };
}

function resourceEntry(baseUrl: string, type: string, searchParam: CapabilityStatementRestResource['searchParam']): CapabilityStatementRestResource {
  const interactions = interactionsOf(type);
  const operations = operationsOn(type);
  const versioned = interactions.includes('vread');
  return {
    type: type as CapabilityStatementRestResource['type'],
    versioning: versioned ? 'versioned' : 'no-version',
    readHistory: versioned,
    updateCreate: false,
    // If-None-Exist is a search: only where the type is both created and searched here.
    conditionalCreate: interactions.includes('create') && interactions.includes('search-type'),
    // A conditional update is a search and then an update (or a conditional create): all three must work.
    conditionalUpdate: interactions.includes('update') && interactions.includes('search-type') && interactions.includes('create'),
    conditionalDelete: 'not-supported',
    interaction: interactions.map((code) => ({ code })),
    ...(searchParam && searchParam.length > 0 && interactions.includes('search-type') ? { searchParam } : {}),
    ...(operations.length > 0
      ? { operation: operations.map((op) => ({ name: op.code, definition: `${baseUrl}/OperationDefinition/${operationDefinitionId(op)}` })) }
      : {}),
  };
}
