/** The advice kinds a sign or word group gives, as words ("call 112, crisis line"). */
import { useTranslation } from 'react-i18next';

export function AdviceKinds({ kinds }: { kinds: string[] }) {
  const { t } = useTranslation();
  if (kinds.length === 0) return <>{t('common.notGiven')}</>;
  return <>{kinds.map((kind) => t(`advice.${kind}`, { defaultValue: kind })).join(', ')}</>;
}
