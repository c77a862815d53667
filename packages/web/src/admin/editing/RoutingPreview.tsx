/**
 * What a change of the routing rules does, in words: of the latest contacts, how many would be
 * suggested elsewhere (from → to, with the deciding rule); small numbers stay hidden. And a
 * rule set in words, for a version in the history.
 */
import { useTranslation } from 'react-i18next';
import type { ChangePreview, RoutedAs, RoutingRuleSet } from '../../api/admin.resource';
import { pickText } from '../../api/fhir';
import type { Question } from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { conditionText } from '../conditionText';

export function RoutingEffect({ dryRun, before, after }: { dryRun: NonNullable<ChangePreview['dryRun']>; before: RoutingRuleSet; after: RoutingRuleSet }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const ruleName = (set: RoutingRuleSet, id: string) => (id === 'fallback' ? t('admin.rules.fallback') : pickText(set.rules.find((r) => r.id === id)?.title, lang) || id);
  const routed = (r: RoutedAs, set: RoutingRuleSet) =>
    t('adminEdit.preview.routed', {
      urgency: t(`urgency.${r.urgency}`, { defaultValue: r.urgency }),
      profession: t(`profession.${r.profession}`, { defaultValue: r.profession }),
      service: t(`service.${r.service}`, { defaultValue: r.service }),
      rule: ruleName(set, r.ruleId),
    });
  if (dryRun.contacts === 0) return <p data-testid="dryrun-none">{t('adminEdit.preview.noContacts')}</p>;
  return (
    <div data-testid="dryrun">
      <p>{t('adminEdit.preview.summary', { contacts: dryRun.contacts, unchanged: dryRun.unchanged })}</p>
      {dryRun.moves.length === 0 ? (
        <p data-testid="dryrun-no-moves">{t('adminEdit.preview.noMoves')}</p>
      ) : (
        <ul className="move-list" data-testid="dryrun-moves">
          {dryRun.moves.map((move, i) => (
            <li key={i} data-testid="dryrun-move">
              <strong>{typeof move.contacts === 'number' ? t('adminEdit.preview.contacts', { count: move.contacts }) : t('adminEdit.preview.fewerThanFive')}</strong>
              <span className="move-route">
                {t('adminEdit.preview.from')} {routed(move.before, before)}
              </span>
              <span className="move-route">
                {t('adminEdit.preview.to')} {routed(move.after, after)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{t('adminEdit.preview.onlySuggestion')}</p>
    </div>
  );
}

/** A rule set as a numbered list in words (a version in the history). */
export function RulesInWords({ set, questions }: { set: RoutingRuleSet; questions: Map<string, Question> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const target = (x: { urgency: string; profession: string; service: string }) =>
    [t(`urgency.${x.urgency}`, { defaultValue: x.urgency }), t(`profession.${x.profession}`, { defaultValue: x.profession }), t(`service.${x.service}`, { defaultValue: x.service })].join(', ');
  const rules = [...(set.rules ?? [])].sort((a, b) => a.order - b.order);
  return (
    <ol className="plain-list-numbered">
      {rules.map((rule) => (
        <li key={rule.id}>
          <strong>{pickText(rule.title, lang) || rule.id}</strong>: {(rule.when ?? []).map((c) => conditionText(c, questions, t, lang)).join(` ${t('admin.rules.and')} `)}
          {(rule.unless ?? []).length > 0 && ` (${t('admin.rules.unless')} ${(rule.unless ?? []).map((c) => conditionText(c, questions, t, lang)).join(` ${t('admin.rules.and')} `)})`} → {target(rule.then)}
        </li>
      ))}
      {set.fallback && (
        <li>
          <strong>{t('admin.rules.fallback')}</strong> → {target(set.fallback)}
        </li>
      )}
    </ol>
  );
}
