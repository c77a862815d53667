/** Where the OpenID provider is mounted; its issuer is `<origin>/oauth`. */
export const OAUTH_PREFIX = '/oauth';

/**
 * The SMART App Launch 2.x discovery document (`/.well-known/smart-configuration`): where an
 * app sends the user to authorise it and exchanges the code, and what Ovi supports.
 */
export function smartConfiguration(origin: string) {
  const issuer = `${origin}${OAUTH_PREFIX}`;
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/token/revocation`,
    userinfo_endpoint: `${issuer}/me`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'fhirUser', 'profile', 'launch/patient', 'offline_access', 'patient/*.rs', 'user/*.rs', 'patient/*.read', 'user/*.read', 'user/*.cruds'],
    capabilities: [
      'launch-standalone',
      'client-public',
      'context-standalone-patient',
      'permission-patient',
      'permission-user',
      'permission-v1',
      'permission-v2',
      'permission-offline',
      'sso-openid-connect',
    ],
  };
}

/** The CapabilityStatement's SMART extension (`oauth-uris`) for a FHIR base URL (`<origin>/fhir/R4`). */
export function smartOauthUris(fhirBase: string) {
  const issuer = `${new URL(fhirBase).origin}${OAUTH_PREFIX}`;
  return {
    url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
    extension: [
      { url: 'authorize', valueUri: `${issuer}/auth` },
      { url: 'token', valueUri: `${issuer}/token` },
      { url: 'revoke', valueUri: `${issuer}/token/revocation` },
    ],
  };
}
