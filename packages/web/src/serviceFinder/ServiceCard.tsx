/** One service of the catalogue: what it is, open now?, how to reach it, who it is for, accessibility. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import type { ServiceCardView } from './serviceFinder.resource';
import './serviceFinder.css';

const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "ma–pe 8.00–16.00": consecutive days joined, hours as Finnish clocks write them. */
function hoursText(hours: ServiceCardView['hours'][number], day: (d: string) => string, allDay: string): string {
  const days = [...hours.days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b));
  const consecutive = days.every((d, i) => i === 0 || DAY_ORDER.indexOf(d) === DAY_ORDER.indexOf(days[i - 1] ?? '') + 1);
  const dayText = days.length > 2 && consecutive ? `${day(days[0] ?? '')}–${day(days[days.length - 1] ?? '')}` : days.map(day).join(', ');
  const time = hours.allDay ? allDay : `${(hours.from ?? '').replace(':', '.')}–${(hours.to ?? '').replace(':', '.')}`;
  return `${dayText} ${time}`;
}

export function ServiceCard({ service, headingLevel = 3 }: { service: ServiceCardView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const ages = service.ages;
  const opening = service.opening;
  return (
    <li className="card service-card" data-testid="service-card" data-service-id={service.id}>
      <div className="card-head">
        <Heading className="card-title">{service.name}</Heading>
        {opening.known && (
          <span className={opening.openNow ? 'badge badge-good' : 'badge badge-muted'} data-testid="service-open">
            {opening.alwaysOpen ? t('serviceFinder.alwaysOpen') : opening.openNow ? t('serviceFinder.openNow') : t('serviceFinder.closedNow')}
          </span>
        )}
      </div>
      {service.provider && (
        <p className="service-provider">
          {service.provider.name} · {t(`serviceFinder.providerKind.${service.provider.kind}`)}
        </p>
      )}
      <p>{service.description}</p>
      {service.reasons && service.reasons.length > 0 && service.reasons[0]?.kind !== 'filters-only' && (
        <p className="hint" data-testid="service-reason">
          {t('serviceFinder.why')}{' '}
          {service.reasons.map((r) => (r.kind === 'words' ? t('serviceFinder.reason.words', { language: t(`serviceFinder.language.${r.language ?? 'fi'}`) }) : t(`serviceFinder.reason.${r.kind}`))).join(', ')}
        </p>
      )}
      <dl className="service-facts">
        {service.phones.length > 0 && (
          <>
            <dt>{t('serviceFinder.phone')}</dt>
            <dd>
              {service.phones.map((p) => (
                <a key={p.href} className="service-phone" href={p.href} data-testid="service-phone">
                  {p.value}
                </a>
              ))}
            </dd>
          </>
        )}
        <dt>{t('serviceFinder.hours')}</dt>
        <dd>
          {service.hours.length === 0
            ? t('serviceFinder.hoursUnknown')
            : service.hours.map((h, i) => <span key={i} className="service-hours">{hoursText(h, (d) => t(`serviceFinder.days.${d}`), t('serviceFinder.allDay'))}</span>)}
          {opening.known && !opening.openNow && opening.nextOpening && (
            <span className="service-hours">{t('serviceFinder.opensAt', { time: formatDateTime(opening.nextOpening, lang) })}</span>
          )}
        </dd>
        {service.address && (
          <>
            <dt>{t('serviceFinder.address')}</dt>
            <dd>{service.address}</dd>
          </>
        )}
        {(service.email || service.website) && (
          <>
            <dt>{t('serviceFinder.online')}</dt>
            <dd>
              {service.email && <a href={`mailto:${service.email}`}>{service.email}</a>}
              {service.website && <a href={service.website} rel="noopener noreferrer">{service.website.replace(/^https?:\/\//, '')}</a>}
            </dd>
          </>
        )}
        <dt>{t('serviceFinder.forWhom')}</dt>
        <dd>
          {ages.low === undefined && ages.high === undefined
            ? t('serviceFinder.allAges')
            : ages.high === undefined
              ? t('serviceFinder.agesFrom', { low: ages.low })
              : t('serviceFinder.agesRange', { low: ages.low ?? 0, high: ages.high })}
        </dd>
        {service.languages.length > 0 && (
          <>
            <dt>{t('serviceFinder.languages')}</dt>
            <dd>{service.languages.map((l) => t(`serviceFinder.languageName.${l}`, { defaultValue: l })).join(', ')}</dd>
          </>
        )}
        {service.accessibility.length > 0 && (
          <>
            <dt>{t('serviceFinder.accessibility')}</dt>
            <dd data-testid="service-accessibility">{service.accessibility.map((a) => t(`serviceFinder.access.${a}`)).join(', ')}</dd>
          </>
        )}
      </dl>
    </li>
  );
}
