/**
 * Free times of one visit type for the resident, for the next 30 days ($find with
 * `appointment-type`), earliest first; "Book" books the chosen one ($book). A time someone
 * else took meanwhile (409) is said in words and the list is fetched again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bookProposal, findSlots, type AppointmentView } from '../../api/appointment.resource';
import { ApiError } from '../../api/client';
import { pickText } from '../../api/fhir';
import type { VisitTypeView } from '../../api/schedule.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAsync } from '../../components/useAsync';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { useLanguage } from '../../i18n/useLanguage';
import { MAX_PROPOSALS, PROPOSAL_PAGE, ProposalChoices } from '../../workbench/booking/ProposalChoices';
import { startOfDay, todayInHelsinki } from '../../workbench/schedule/scheduleDays';

const DAYS = 30;

interface Props {
  visitType: VisitTypeView;
  /** `Patient/<id>`: the resident themself. */
  patientRef: string;
  /** Prefix for ids, unique on the page. */
  idPrefix: string;
  bookLabel: string;
  onBooked: (appointment: AppointmentView) => void;
}

export function TimePicker({ visitType, patientRef, idPrefix, bookLabel, onBooked }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [span] = useState(() => {
    const start = new Date();
    return { start, end: new Date(start.getTime() + DAYS * 86_400_000) };
  });
  const [mode, setMode] = useState('');
  /** Optional: the first day to show times from ('' = from now). */
  const [fromDay, setFromDay] = useState('');
  const [count, setCount] = useState(PROPOSAL_PAGE);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [chooseFirst, setChooseFirst] = useState(false);
  const [taken, setTaken] = useState(false);
  const [booking, setBooking] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const search = useAsync(
    () => {
      const from = /^\d{4}-\d{2}-\d{2}$/.test(fromDay) ? startOfDay(fromDay).getTime() : 0;
      const start = new Date(Math.max(Date.now(), span.start.getTime(), from));
      return findSlots({ start, end: span.end, visitType: visitType.code, patient: patientRef, visitMode: mode || undefined, count });
    },
    [visitType.code, patientRef, mode, fromDay, count, tick],
  );
  const proposals = search.data?.proposals ?? [];
  const chosen = proposals.find((p) => p.key === selected);
  const errorId = `${idPrefix}-time-error`;
  const modeId = `${idPrefix}-mode`;
  const fromId = `${idPrefix}-from`;
  const today = todayInHelsinki();
  const resetList = () => {
    setSelected(undefined);
    setCount(PROPOSAL_PAGE);
    setTaken(false);
  };

  const book = async () => {
    setFailure(undefined);
    if (!chosen) {
      setChooseFirst(true);
      document.querySelector<HTMLInputElement>(`input[name="${idPrefix}-time"]`)?.focus();
      return;
    }
    setBooking(true);
    try {
      onBooked(await bookProposal(chosen.token));
    } catch (e) {
      setBooking(false);
      if (e instanceof ApiError && e.status === 409) {
        setTaken(true);
        setSelected(undefined);
        setTick((n) => n + 1);
      } else {
        setFailure(e);
      }
    }
  };

  return (
    <div className="time-picker">
      <div className="filters">
        {visitType.modes.length > 1 && (
          <div className="field">
            <label htmlFor={modeId}>{t('selfBook.mode')}</label>
            <select
              id={modeId}
              className="input"
              value={mode}
              onChange={(e) => {
                setMode(e.target.value);
                resetList();
              }}
            >
              <option value="">{t('selfBook.anyMode')}</option>
              {visitType.modes.map((m) => (
                <option key={m} value={m}>
                  {t(`visitMode.${m}`, { defaultValue: m })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={fromId}>{t('selfBook.fromDay')}</label>
          <p id={`${fromId}-hint`} className="hint">
            {t('selfBook.fromDayHint')}
          </p>
          <input
            id={fromId}
            type="date"
            className="input"
            value={fromDay}
            min={today}
            max={addCalendarDays(today, DAYS - 1)}
            aria-describedby={`${fromId}-hint`}
            onChange={(e) => {
              setFromDay(e.target.value);
              resetList();
            }}
          />
        </div>
      </div>
      {taken && (
        <div role="alert" className="notice notice-error">
          <p>{t('selfBook.taken')}</p>
        </div>
      )}
      {search.loading && (
        <p className="loading" role="status">
          {t('booking.searching')}
        </p>
      )}
      {search.error !== undefined && <ErrorMessage error={search.error} onRetry={search.reload} />}
      {search.data?.warning && proposals.length > 0 && (
        <p className="callout callout-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          {pickText(search.data.warning, lang)}
        </p>
      )}
      {search.data && proposals.length === 0 && <p className="empty">{t('selfBook.none', { days: DAYS })}</p>}
      {proposals.length > 0 && (
        <ProposalChoices
          legend={t('selfBook.times', { days: DAYS })}
          proposals={proposals}
          selected={selected}
          onSelect={(key) => {
            setSelected(key);
            setChooseFirst(false);
          }}
          errorId={errorId}
          problem={chooseFirst ? t('booking.chooseFirst') : undefined}
          loading={search.loading}
          count={count}
          onMore={() => setCount((n) => Math.min(MAX_PROPOSALS, n + PROPOSAL_PAGE))}
          option={{ name: `${idPrefix}-time`, testId: 'selfbook-proposal', selectTestId: 'selfbook-proposal-select', showReasons: false }}
        />
      )}
      {failure !== undefined && <ErrorMessage error={failure} />}
      {proposals.length > 0 && (
        <button type="button" className="button button-primary" disabled={booking} data-testid="selfbook-book" onClick={() => void book()}>
          {booking ? t('booking.booking') : bookLabel}
        </button>
      )}
    </div>
  );
}
