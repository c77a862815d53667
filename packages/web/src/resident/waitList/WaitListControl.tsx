/**
 * On an upcoming booked appointment: wait for an earlier time (optionally not before or after
 * a time of day, weekdays only), or, when waiting, what was asked and a button to stop.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { joinWaitList, leaveWaitList, type WaitListEntry, type WaitWindowView } from '../../api/waitList.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLanguage } from '../../i18n/useLanguage';
import { refusalText } from './refusal';

const FROM = ['08:00', '09:00', '10:00', '12:00', '14:00'];
const TO = ['12:00', '14:00', '16:00', '18:00'];

interface Props {
  appointmentId: string;
  entry?: WaitListEntry;
  onChanged: (change: 'joined' | 'left') => void;
}

export function WaitListControl({ appointmentId, entry, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState<WaitWindowView>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const panelRef = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    if (open) panelRef.current?.querySelector('select')?.focus();
  }, [open]);

  const act = async (work: () => Promise<unknown>, change: 'joined' | 'left') => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
      setOpen(false);
      onChanged(change);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const refused = refusalText(failure, lang);
  const problem = failure === undefined ? null : refused ? <p role="alert" className="notice notice-info">{refused}</p> : <ErrorMessage error={failure} />;

  if (entry) {
    const parts = [entry.notBefore && t('waitList.notBeforeShort', { time: entry.notBefore }), entry.notAfter && t('waitList.notAfterShort', { time: entry.notAfter }), entry.weekdaysOnly && t('waitList.weekdaysShort')].filter(Boolean);
    return (
      <div className="wait-list-control" data-testid="wait-list-waiting">
        <p>
          <strong>{t('waitList.waiting')}</strong>
          {parts.length > 0 && ` (${parts.join(', ')})`}
        </p>
        {problem}
        <button type="button" className="button button-secondary" disabled={busy} data-testid="wait-list-leave" onClick={() => void act(() => leaveWaitList(appointmentId), 'left')}>
          {t('waitList.leave')}
        </button>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="wait-list-control">
        <button type="button" className="button button-secondary" data-testid="wait-list-open" onClick={() => setOpen(true)}>
          {t('waitList.open')}
        </button>
      </div>
    );
  }
  return (
    <fieldset ref={panelRef} className="wait-list-control field-group" data-testid="wait-list-form">
      <legend>{t('waitList.formTitle')}</legend>
      <p className="hint">{t('waitList.formIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('waitList.notBefore')}</label>
        <select id={`${id}-from`} className="input" value={hours.notBefore ?? ''} onChange={(e) => setHours({ ...hours, notBefore: e.target.value || undefined })}>
          <option value="">{t('waitList.anyTime')}</option>
          {FROM.map((time) => (
            <option key={time} value={time}>
              {time}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('waitList.notAfter')}</label>
        <select id={`${id}-to`} className="input" value={hours.notAfter ?? ''} onChange={(e) => setHours({ ...hours, notAfter: e.target.value || undefined })}>
          <option value="">{t('waitList.anyTime')}</option>
          {TO.filter((time) => !hours.notBefore || time > hours.notBefore).map((time) => (
            <option key={time} value={time}>
              {time}
            </option>
          ))}
        </select>
      </div>
      <div className="option">
        <input id={`${id}-weekdays`} type="checkbox" checked={hours.weekdaysOnly === true} onChange={(e) => setHours({ ...hours, weekdaysOnly: e.target.checked })} />
        <label htmlFor={`${id}-weekdays`}>{t('waitList.weekdaysOnly')}</label>
      </div>
      {problem}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy} data-testid="wait-list-join" onClick={() => void act(() => joinWaitList(appointmentId, hours), 'joined')}>
          {t('waitList.join')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => setOpen(false)}>
          {t('waitList.notNow')}
        </button>
      </div>
    </fieldset>
  );
}
