import type { CapabilityStatement } from '@medplum/fhirtypes';
import { DIRECTORY_TYPES, PERSONAL_TYPES } from './resourceTypes';
import { indexedParameters } from './searchParameters';

const OPERATIONS: Record<string, string[]> = { Task: ['assess', 'resolve', 'answer', 'claim', 'release'], Appointment: ['find', 'book', 'move', 'outcome'], Communication: ['read'] };

/** What this server really does: the types, interactions, search parameters and operations. */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  const resource = [...DIRECTORY_TYPES, ...PERSONAL_TYPES].sort().map((type) => ({
    type,
    versioning: 'versioned' as const,
    readHistory: true,
    updateCreate: false,
    conditionalCreate: false,
    conditionalUpdate: false,
    interaction: (type === 'AuditEvent' ? ['read', 'search-type'] : ['read', 'vread', 'update', 'history-instance', 'create', 'search-type']).map(
      (code) => ({ code: code as 'read' }),
    ),
    searchParam: [
      { name: '_id', type: 'token' as const },
      { name: '_lastUpdated', type: 'date' as const },
      ...[...indexedParameters(type).values()].map((p) => ({ name: p.code, type: p.kind })),
    ],
    ...(OPERATIONS[type] ? { operation: OPERATIONS[type].map((name) => ({ name, definition: `${baseUrl}/OperationDefinition/${type}-${name}` })) } : {}),
  }));
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
          cors: false,
          description: 'Bearer tokens from POST /auth/login. Access to personal data through a care relationship or a recorded reason (X-Access-Reason); every access is audited.',
        },
        resource: [
          ...resource,
          // Message attachments: uploaded as the raw file, read by those who may read their message (securityContext).
          { type: 'Binary' as const, versioning: 'no-version' as const, readHistory: false, updateCreate: false, interaction: [{ code: 'create' as const }, { code: 'read' as const }] },
        ].sort((a, b) => String(a.type).localeCompare(String(b.type))),
      },
    ],
  };
}
