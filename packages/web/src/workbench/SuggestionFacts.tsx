/** What the rules alone suggested: shown beside the assessment form, so the professional decides knowingly. */
import { useTranslation } from 'react-i18next';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { NEED_PARTS, needWord, type Need } from './needWords';

export function SuggestionFacts({ suggested }: { suggested: Need }) {
  const { t } = useTranslation();
  return (
    <div className="suggestion" data-testid="assessment-suggestion">
      <h3 className="reply-title">{t('assessment.suggested')}</h3>
      <dl className="facts facts-inline">
        {NEED_PARTS.filter((part) => suggested[part]).map((part) => (
          <div key={part}>
            <dt>{t(`assessment.${part}`)}</dt>
            <dd>{part === 'urgency' ? <UrgencyBadge urgency={suggested.urgency} /> : needWord(t, part, suggested[part])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
