// The few parts of oidc-provider 8 (which ships no types) that Ovi uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, string | undefined>;
    session?: { accountId?: string };
    grantId?: string;
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    rejectOIDCScope(scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface KoaContext {
    path: string;
    status: number;
    body: unknown;
    method: string;
    querystring: string;
    oidc?: { route?: string };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    Grant: {
      new (properties: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    Client: { find(id: string): Promise<{ clientId: string; clientName?: string; redirectUris: string[] } | undefined> };
    AccessToken: { find(value: string): Promise<{ extra?: Record<string, unknown> } | undefined> };
  }

  export const interactionPolicy: {
    base(): { get(name: string): { checks: unknown[] } };
    Check: { new (reason: string, description: string, error: string, check: (ctx: never) => boolean): unknown; REQUEST_PROMPT: boolean; NO_NEED_TO_PROMPT: boolean };
  };

  export const errors: { InvalidTarget: new (message?: string) => Error; InvalidRequest: new (message?: string) => Error };
}
