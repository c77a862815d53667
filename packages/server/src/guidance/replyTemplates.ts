import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import {
  defaultReplyTemplates,
  describeReplyTemplateProblem,
  validateReplyTemplates,
  type ReplyTemplateSet,
} from '@ovi/domain/src/replyTemplates';
import type { SettingsStore } from '../settings/settingsStore';
import { FhirError } from '../fhir/outcomes';

export const REPLY_TEMPLATES_SETTING = 'reply-templates';

export type StoredReplyTemplates = ReplyTemplateSet & { version: number };

/**
 * Ready-made replies per outcome in three languages: a versioned setting an administrator
 * edits (`app_setting` `reply-templates`); until one is saved, Ovi's defaults (version 0).
 */
export class ReplyTemplates {
  constructor(private readonly settings: SettingsStore) {}

  async get(): Promise<StoredReplyTemplates> {
    const stored = await this.settings.get<ReplyTemplateSet>(REPLY_TEMPLATES_SETTING);
    return { templates: (stored?.value ?? defaultReplyTemplates).templates, version: stored?.version ?? 0 };
  }

  /** Stores a set that passes every check; otherwise 400 with one issue per problem and nothing changes. */
  async replace(value: unknown, by: string): Promise<StoredReplyTemplates> {
    const { set, problems } = validateReplyTemplates(value);
    if (!set) {
      const issues: OperationOutcomeIssue[] = problems.map((p) => {
        const text = describeReplyTemplateProblem(p);
        return { severity: 'error', code: 'invalid', details: { text }, diagnostics: text, ...(p.path ? { expression: [p.path] } : {}) };
      });
      throw new FhirError(400, { resourceType: 'OperationOutcome', issue: issues });
    }
    const stored = await this.settings.put(REPLY_TEMPLATES_SETTING, set, by);
    return { ...set, version: stored.version };
  }
}
