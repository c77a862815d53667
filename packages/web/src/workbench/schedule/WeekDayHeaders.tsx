/** The header row of a week table: a first column, then each day as a button that opens it. */
import { formatShortDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

interface Props {
  firstColumn: string;
  days: string[];
  today: string;
  onOpenDay: (day: string) => void;
}

export function WeekDayHeaders({ firstColumn, days, today, onOpenDay }: Props) {
  const lang = useLanguage();
  return (
    <tr>
      <th scope="col">{firstColumn}</th>
      {days.map((d) => (
        <th key={d} scope="col" className={d === today ? 'week-today' : undefined} aria-current={d === today ? 'date' : undefined}>
          <button type="button" className="link-button" onClick={() => onOpenDay(d)}>
            {formatShortDay(d, lang)}
          </button>
        </th>
      ))}
    </tr>
  );
}
