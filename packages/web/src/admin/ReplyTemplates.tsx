/**
 * Ready-made replies per outcome, in Finnish, Swedish and English (`GET /api/reply-templates`,
 * `PUT /api/admin/reply-templates`). The administrator adds, edits and removes them; the form
 * checks them as the server does (every language, length limits) and places each problem,
 * the server's too, next to its field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome, type Language } from '@ovi/domain/src/types';
import { REPLY_TEMPLATE_LIMITS, validateReplyTemplates, type ReplyTemplateProblem } from '@ovi/domain/src/replyTemplates';
import { ApiError } from '../api/client';
import { fetchReplyTemplates, saveReplyTemplates, type ReplyTemplate } from '../api/replyTemplates.resource';
import { ErrorMessage } from '../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { LANGUAGES } from '../i18n';
import { ReplyTemplateFields, fieldIdOf, type Draft, type Part } from './ReplyTemplateFields';

let nextKey = 0;
const toDraft = (template: ReplyTemplate): Draft => ({ ...template, key: `t${++nextKey}` });

/** A new id no other template has: `<outcome>-<n>`. */
function newId(outcome: GuidanceOutcome, drafts: Draft[]): string {
  for (let n = 1; ; n++) {
    const id = `${outcome}-${n}`;
    if (!drafts.some((d) => d.id === id)) return id;
  }
}

/** `templates[2].text.sv` → the field of that draft; other paths belong to the form. */
function fieldOf(path: string, drafts: Draft[]): { key: string; part: Part; lang: Language } | undefined {
  const m = /^templates\[(\d+)\]\.(title|text)\.(fi|sv|en)$/.exec(path);
  const draft = m ? drafts[Number(m[1])] : undefined;
  return m && draft ? { key: draft.key, part: m[2] as Part, lang: m[3] as Language } : undefined;
}

export function ReplyTemplates() {
  const { t } = useTranslation();
  const stored = useAsync(() => fetchReplyTemplates(true), []);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [version, setVersion] = useState<number>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!stored.data) return;
    setDrafts(stored.data.templates.map(toDraft));
    setVersion(stored.data.version);
  }, [stored.data]);

  const messageOf = (p: { code: string; max?: number }): string => {
    if (p.code === 'required') return t('workday.admin.required');
    if (p.code === 'too-long') return t('workday.admin.tooLong', { max: p.max });
    if (p.code === 'too-many-for-outcome') return t('workday.admin.tooManyForOutcome', { max: REPLY_TEMPLATE_LIMITS.perOutcome });
    if (p.code === 'too-many') return t('workday.admin.tooMany', { max: REPLY_TEMPLATE_LIMITS.total });
    return t('workday.admin.invalid');
  };

  /** Problems placed on their fields; the rest listed for the whole form. */
  const showProblems = (problems: Array<{ path: string; code: string; max?: number; message?: string }>) => {
    const placed: Record<string, string> = {};
    const rest: string[] = [];
    for (const p of problems) {
      const field = fieldOf(p.path, drafts);
      if (field) placed[fieldIdOf(field.key, field.part, field.lang)] ??= messageOf(p);
      else rest.push(p.message ?? messageOf(p));
    }
    setErrors(placed);
    setGeneral(rest);
    setAttempt((n) => n + 1);
  };

  const edit = (key: string, next: Draft) => {
    setDrafts((all) => all.map((d) => (d.key === key ? next : d)));
    setDone(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFailure(undefined);
    setDone(false);
    const templates: ReplyTemplate[] = drafts.map(({ key: _key, ...template }) => template);
    const { problems } = validateReplyTemplates({ templates });
    if (problems.length > 0) return showProblems(problems as ReplyTemplateProblem[]);
    setErrors({});
    setGeneral([]);
    setSaving(true);
    try {
      const saved = await saveReplyTemplates(templates);
      setDrafts(saved.templates.map(toDraft));
      setVersion(saved.version);
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        // The server's own check: each issue names its field in `expression`.
        showProblems(error.issues.map((i) => ({ path: i.expression[0] ?? '', code: /longer than/.test(i.message) ? 'too-long' : /required/.test(i.message) ? 'required' : 'invalid', message: i.message })));
      } else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...drafts.flatMap((d) =>
      (['title', 'text'] as const).flatMap((part) =>
        LANGUAGES.flatMap((lang) => {
          const id = fieldIdOf(d.key, part, lang);
          const message = errors[id];
          return message ? [{ fieldId: id, message: `${t(`workday.admin.${part}In.${lang}`)} (${t(`outcome.${d.outcome}`)}) – ${message}` }] : [];
        }),
      ),
    ),
  ];
  const forbidden = failure instanceof ApiError && failure.status === 403;

  return (
    <>
      <PageHeading title={t('workday.admin.title')}>{t('workday.admin.title')}</PageHeading>
      <p className="lead">{t('workday.admin.intro')}</p>
      {stored.loading && !stored.data && <Loading />}
      {stored.error !== undefined && !stored.data && <ErrorMessage error={stored.error} onRetry={stored.reload} />}
      {stored.data && (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="reply-templates" aria-busy={saving}>
          <ErrorSummary items={summary} focusKey={attempt} />
          {forbidden ? (
            <div role="alert" className="notice notice-error">
              <p>{t('workday.admin.forbidden')}</p>
            </div>
          ) : (
            failure !== undefined && <ErrorMessage error={failure} />
          )}
          {GUIDANCE_OUTCOMES.map((outcome) => {
            const mine = drafts.filter((d) => d.outcome === outcome);
            return (
              <section key={outcome} className="panel" aria-labelledby={`templates-${outcome}`} data-testid="reply-templates-outcome" data-outcome={outcome}>
                <h2 id={`templates-${outcome}`}>{t(`outcome.${outcome}`)}</h2>
                {mine.length === 0 && <p className="muted">{t(outcome === 'booked' ? 'workday.admin.noneBooked' : 'workday.admin.none')}</p>}
                {mine.map((draft, i) => (
                  <ReplyTemplateFields
                    key={draft.key}
                    draft={draft}
                    number={i + 1}
                    errors={errors}
                    onChange={(next) => edit(draft.key, next)}
                    onRemove={() => {
                      setDrafts((all) => all.filter((d) => d.key !== draft.key));
                      setDone(false);
                    }}
                  />
                ))}
                {mine.length < REPLY_TEMPLATE_LIMITS.perOutcome && (
                  <button
                    type="button"
                    className="button button-secondary"
                    data-testid="reply-template-add"
                    data-outcome={outcome}
                    onClick={() => {
                      setDrafts((all) => [...all, toDraft({ id: newId(outcome, all), outcome, title: { fi: '', sv: '', en: '' }, text: { fi: '', sv: '', en: '' } })]);
                      setDone(false);
                    }}
                  >
                    {t('workday.admin.add', { outcome: t(`outcome.${outcome}`) })}
                  </button>
                )}
              </section>
            );
          })}
          <p className="hint">{t('workday.admin.appliesAtOnce')}</p>
          {version !== undefined && <p className="muted small">{t('workday.admin.version', { version })}</p>}
          <button type="submit" className="button button-primary" disabled={saving} data-testid="reply-templates-save">
            {saving ? t('workday.admin.saving') : t('workday.admin.save')}
          </button>
          <StatusMessage tone="success" testId="reply-templates-saved">
            {done ? t('workday.admin.saved') : undefined}
          </StatusMessage>
        </form>
      )}
    </>
  );
}
