/**
 * Questions between professionals: the inbox (asked of the user, their team or service, to
 * answer) and the outbox (asked by the user: waiting or answered). Questions are asked from a
 * client's contact view; answers show there too, in the client's history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchConsultations, type ConsultationBox, type ConsultationItem } from '../../api/consultation.resource';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useAsync } from '../../components/useAsync';
import { ConsultationCard } from './ConsultationCard';
import { announceConsultationsChanged } from './consultationEvents';

function Group({ title, empty, items, box, testId, onAnswered }: { title: string; empty: string; items: ConsultationItem[]; box: ConsultationBox; testId: string; onAnswered: () => void }) {
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="card-list">
          {items.map((item) => (
            <ConsultationCard key={item.task} item={item} box={box} onAnswered={onAnswered} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConsultationsPage() {
  const { t } = useTranslation();
  const [box, setBox] = useState<ConsultationBox>('inbox');
  const [answered, setAnswered] = useState(false);
  const items = useAsync(() => fetchConsultations(box), [box]);
  const open = items.data?.filter((i) => i.open) ?? [];
  const closed = items.data?.filter((i) => !i.open) ?? [];
  const onAnswered = () => {
    setAnswered(true);
    announceConsultationsChanged();
    items.reload();
  };

  return (
    <>
      <PageHeading title={t('consultations.title')}>{t('consultations.title')}</PageHeading>
      <p className="lead">{t('consultations.intro')}</p>
      <div role="group" aria-label={t('consultations.boxes')} className="segmented">
        {(['inbox', 'outbox'] as const).map((b) => (
          <button
            key={b}
            type="button"
            className="segment"
            aria-pressed={box === b}
            data-testid={`consultations-${b}`}
            onClick={() => {
              setAnswered(false);
              setBox(b);
            }}
          >
            {t(`consultations.${b}`)}
          </button>
        ))}
      </div>
      <StatusMessage tone="success" testId="consultation-answered">
        {answered ? t('consultations.answered') : undefined}
      </StatusMessage>
      {items.loading && !items.data && <Loading />}
      {items.error !== undefined && !items.loading && <ErrorMessage error={items.error} onRetry={items.reload} />}
      {items.data && (
        <div data-testid={`consultations-${box}-list`}>
          <Group
            title={box === 'inbox' ? t('consultations.toAnswer') : t('consultations.waiting')}
            empty={box === 'inbox' ? t('consultations.noneToAnswer') : t('consultations.noneWaiting')}
            items={open}
            box={box}
            testId="consultations-open"
            onAnswered={onAnswered}
          />
          <Group title={t('consultations.answeredTitle')} empty={t('consultations.noneAnswered')} items={closed} box={box} testId="consultations-closed" onAnswered={onAnswered} />
        </div>
      )}
    </>
  );
}
