/** Narrowing the search: the way of meeting (default any) and the profession (default the rules' suggestion). */
import { useTranslation } from 'react-i18next';
import { VISIT_MODES } from '@ovi/domain/src/scheduleTemplate';
import { PROFESSIONS } from '@ovi/domain/src/types';

interface Props {
  mode: string;
  profession: string;
  suggested?: string;
  onMode: (mode: string) => void;
  onProfession: (profession: string) => void;
}

export function BookingFilters({ mode, profession, suggested, onMode, onProfession }: Props) {
  const { t } = useTranslation();
  const professions = [...PROFESSIONS.filter((p) => p !== 'guidance-nurse'), ...(suggested && !(PROFESSIONS as readonly string[]).includes(suggested) ? [suggested] : [])];
  const name = (p: string) => t(`profession.${p}`, { defaultValue: p });
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="booking-mode">{t('visitMode.label')}</label>
        <select id="booking-mode" className="input" value={mode} data-testid="booking-mode" onChange={(e) => onMode(e.target.value)}>
          <option value="">{t('visitMode.any')}</option>
          {VISIT_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`visitMode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="booking-profession">{t('booking.profession')}</label>
        <select id="booking-profession" className="input" value={profession} data-testid="booking-profession" onChange={(e) => onProfession(e.target.value)}>
          {professions.map((p) => (
            <option key={p} value={p}>
              {p === suggested ? t('booking.suggested', { name: name(p) }) : name(p)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
