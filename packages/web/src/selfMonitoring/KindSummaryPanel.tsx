/** One kind of home measurement: the trend with the target band, the averages and the latest values as tables. */
import { useTranslation } from 'react-i18next';
import { KINDS, QUANTITIES } from '@ovi/domain/src/selfMonitoring/measures';
import type { Average } from '@ovi/domain/src/selfMonitoring/statistics';
import { TableWrap } from '../components/TableWrap';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { TrendChart } from './TrendChart';
import type { KindSummary } from './selfMonitoring.resource';

const LATEST = 10;

export function KindSummaryPanel({ summary }: { summary: KindSummary }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const kind = summary.kind;
  const quantities = KINDS[kind].quantities.filter((q) => summary.measurements.some((m) => m.values[q] !== undefined));
  const charted = kind === 'blood-pressure' ? quantities.filter((q) => q !== 'pulse') : quantities;
  const unit = (q: (typeof quantities)[number]) => QUANTITIES[q].unit.replace('mm[Hg]', 'mmHg');
  const targetText = summary.plan?.targets.map((tg) => `${t(`selfMonitoring.quantity.${tg.quantity}`)} ${tg.low ?? ''}–${tg.high ?? ''} ${unit(tg.quantity)}`).join(', ');
  const id = `sm-${kind}`;
  return (
    <section className="panel sm-kind" aria-labelledby={`${id}-title`} data-testid={`sm-kind-${kind}`}>
      <h2 id={`${id}-title`}>{t(`selfMonitoring.kind.${kind}`)}</h2>
      <p>{targetText ? t('selfMonitoring.target', { target: targetText }) : t('selfMonitoring.noTarget')}
        {summary.plan?.everyDays ? ` ${t('selfMonitoring.every', { count: summary.plan.everyDays })}` : ''}</p>
      {summary.measurements.length > 0 && (
        <TrendChart measurements={summary.measurements} quantities={charted} targets={summary.plan?.targets ?? []} label={t('selfMonitoring.chartLabel', { kind: t(`selfMonitoring.kind.${kind}`) })} />
      )}
      {summary.measurements.length > 0 ? (
        <TableWrap labelledBy={`${id}-latest`}>
          <table>
            <caption id={`${id}-latest`}>{t('selfMonitoring.latest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('selfMonitoring.when')}</th>
                {quantities.map((q) => <th scope="col" key={q}>{t(`selfMonitoring.quantity.${q}`)} ({unit(q)})</th>)}
                <th scope="col">{t('selfMonitoring.context')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.measurements.slice(0, LATEST).map((m) => (
                <tr key={m.id} className={m.interpretation ? `sm-flag-${m.interpretation}` : undefined}>
                  <td>{formatDateTime(m.at, lang)}</td>
                  {quantities.map((q) => <td key={q}>{m.values[q] !== undefined ? formatNumber(m.values[q] as number, lang) : '–'}</td>)}
                  <td>
                    {m.contexts.map((c) => t(`selfMonitoring.contexts.${c}`)).join(', ')}
                    {m.interpretation && <strong> {t(`selfMonitoring.flag.${m.interpretation}`)}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('selfMonitoring.noneYet')}</p>
      )}
      {quantities.map((q) => {
        const a = summary.averages[q];
        if (!a) return null;
        return <Averages key={q} id={`${id}-${q}-avg`} title={t('selfMonitoring.averagesOf', { quantity: t(`selfMonitoring.quantity.${q}`) })} groups={[...a.timeOfDay.map((g) => ({ ...g, label: t(`selfMonitoring.timeOfDay.${g.group}`) })), ...a.context.map((g) => ({ ...g, label: t(`selfMonitoring.contexts.${g.group}`) })), ...a.weekly.map((g) => ({ ...g, label: t('selfMonitoring.weekOf', { date: g.group }) }))]} />;
      })}
    </section>
  );
}

function Averages({ id, title, groups }: { id: string; title: string; groups: Array<Average & { label: string }> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <TableWrap labelledBy={id}>
      <table className="sm-averages">
        <caption id={id}>{title}</caption>
        <thead><tr><th scope="col">{t('selfMonitoring.group')}</th><th scope="col">{t('selfMonitoring.mean')}</th><th scope="col">{t('selfMonitoring.count')}</th></tr></thead>
        <tbody>{groups.map((g) => <tr key={`${g.label}`}><th scope="row">{g.label}</th><td>{formatNumber(g.mean, lang)}</td><td>{g.count}</td></tr>)}</tbody>
      </table>
    </TableWrap>
  );
}
