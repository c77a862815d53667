/**
 * Ready-made replies per outcome in three languages: `GET /api/reply-templates` (staff, admins)
 * and `PUT /api/admin/reply-templates` (admins; a 400 names each problem's place in `expression`).
 */
import type { GuidanceOutcome, Language } from '@ovi/domain/src/types';
import type { ReplyTemplate } from '@ovi/domain/src/replyTemplates';
import { api } from './client';

export type { ReplyTemplate };

export interface ReplyTemplateSet {
  templates: ReplyTemplate[];
  version: number;
}

let cached: Promise<ReplyTemplateSet> | undefined;

/** Read once per page load for the decision form; saving refreshes it. */
export function fetchReplyTemplates(fresh = false): Promise<ReplyTemplateSet> {
  if (fresh || !cached) {
    cached = api.get<Partial<ReplyTemplateSet>>('/api/reply-templates').then(
      (answer) => ({ templates: answer.templates ?? [], version: answer.version ?? 0 }),
      (error: unknown) => {
        cached = undefined;
        throw error;
      },
    );
  }
  return cached;
}

export async function saveReplyTemplates(templates: ReplyTemplate[]): Promise<ReplyTemplateSet> {
  const { data } = await api.put<Partial<ReplyTemplateSet>>('/api/admin/reply-templates', { templates });
  const saved = { templates: data.templates ?? [], version: data.version ?? 0 };
  cached = Promise.resolve(saved);
  return saved;
}

export function templatesOf(set: ReplyTemplateSet | undefined, outcome: GuidanceOutcome | undefined): ReplyTemplate[] {
  return outcome ? (set?.templates ?? []).filter((t) => t.outcome === outcome) : [];
}

export function templateText(template: ReplyTemplate, lang: Language): string {
  return template.text[lang] || template.text.fi;
}
