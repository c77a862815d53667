/**
 * Renders any Questionnaire view model as an accessible form: enableWhen, required,
 * translations; checks answers before sending and shows the server's field errors
 * (OperationOutcome issue.expression = linkId) next to the fields.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { pickText } from '../../api/fhir';
import {
  enabledLinkIds,
  questionsByLinkId,
  validateAnswers,
  type AnswerValue,
  type Answers,
  type Question,
  type QuestionnaireView,
} from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { ErrorMessage } from '../ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../ErrorSummary';
import { errorKey } from '../errorText';
import { QuestionList } from './QuestionField';
import { fieldIds } from './fieldIds';

interface Props {
  questionnaire: QuestionnaireView;
  onSubmit: (answers: Answers) => Promise<void>;
  /** Extra controls shown first inside the form (e.g. the channel of a phone contact). */
  header?: ReactNode;
  /** Problems of those extra controls, checked with the answers. */
  validateHeader?: () => SummaryItem[];
  /** Staff see the server's own wording after the plain message. */
  showServerDetail?: boolean;
  /**
   * Answers given before the form, on a screen of their own (the danger signs): they count
   * for "shown when" and for the checks, and are sent, but their questions are not shown again.
   */
  givenAnswers?: Answers;
  /** Answers filled in at the start, which the user may still change (a client path's matter). */
  initialAnswers?: Answers;
  /** Says a failed send in the caller's own words (e.g. a 403 when staff record a contact); otherwise the plain error. */
  describeFailure?: (error: unknown) => ReactNode | undefined;
}

/** Finds the linkId an issue's expression points at: `reason`, or `…item.where(linkId='reason')`. */
function linkIdOf(expression: string, questions: Map<string, Question>): string | undefined {
  if (questions.has(expression)) return expression;
  const quoted = /linkId\s*=\s*'([^']+)'/.exec(expression)?.[1];
  return quoted && questions.has(quoted) ? quoted : undefined;
}

const NONE_GIVEN: Answers = {};

export function QuestionnaireForm({ questionnaire, onSubmit, header, validateHeader, showServerDetail = false, givenAnswers = NONE_GIVEN, initialAnswers, describeFailure }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [answers, setAnswers] = useState<Answers>(() => ({ ...initialAnswers }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<SummaryItem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const questions = useMemo(() => questionsByLinkId(questionnaire.items), [questionnaire]);
  const allAnswers: Answers = { ...answers, ...givenAnswers };
  const enabled = enabledLinkIds(questionnaire.items, allAnswers);
  const shownHere = questionnaire.items.filter((q) => !(q.linkId in givenAnswers));

  const messageFor = (linkId: string, problem: string): string => {
    const q = questions.get(linkId);
    if (problem === 'range') return t('form.range', { min: q?.min ?? 0, max: q?.max ?? 10 });
    if (problem === 'tooLong') return t('form.tooLong', { max: q?.maxLength });
    return t('form.required');
  };

  const onAnswer = (linkId: string, value: AnswerValue | undefined) => {
    setAnswers((a) => ({ ...a, [linkId]: value }));
    setProblems(({ [linkId]: _cleared, ...rest }) => rest);
  };

  const showServerIssues = (error: ApiError) => {
    const fieldProblems: Record<string, string> = {};
    const other: SummaryItem[] = [];
    for (const issue of error.issues) {
      const linkId = issue.expression.map((e) => linkIdOf(e, questions)).find(Boolean);
      const detail = showServerDetail && issue.message ? ` (${issue.message})` : '';
      if (linkId) fieldProblems[linkId] = `${t('form.server')}${detail}`;
      else other.push({ message: `${t(errorKey(error))}${detail}` });
    }
    setProblems(fieldProblems);
    setGeneral(other.length > 0 || Object.keys(fieldProblems).length > 0 ? other : [{ message: t(errorKey(error)) }]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setFailure(undefined);
    const found = validateAnswers(questionnaire.items, allAnswers);
    const headerProblems = validateHeader?.() ?? [];
    const fieldMessages = Object.fromEntries(Object.entries(found).map(([linkId, p]) => [linkId, messageFor(linkId, p)]));
    setProblems(fieldMessages);
    setGeneral(headerProblems);
    setAttempt((n) => n + 1);
    if (Object.keys(fieldMessages).length > 0 || headerProblems.length > 0) return;
    setSubmitting(true);
    try {
      await onSubmit(allAnswers);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) showServerIssues(error);
      else setFailure(error);
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const summary: SummaryItem[] = [
    ...general,
    ...[...questions.keys()]
      .filter((linkId) => problems[linkId] && enabled.has(linkId))
      .map((linkId) => ({ fieldId: fieldIds(linkId).field, message: `${pickText(questions.get(linkId)?.text, lang)} – ${problems[linkId] ?? ''}` })),
  ];

  return (
    <form className="questionnaire" noValidate onSubmit={(e) => void submit(e)} data-testid="questionnaire-form" aria-busy={submitting}>
      <ErrorSummary items={summary} focusKey={attempt} />
      {failure !== undefined && (describeFailure?.(failure) ?? <ErrorMessage error={failure} />)}
      {header}
      <QuestionList questions={shownHere} answers={allAnswers} enabled={enabled} errors={problems} onAnswer={onAnswer} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submitting} data-testid="contact-submit">
          {submitting ? t('send.submitting') : t('send.submit')}
        </button>
      </div>
    </form>
  );
}
