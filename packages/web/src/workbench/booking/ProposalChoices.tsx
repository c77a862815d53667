/** Free times as one radio group, with "show more" paging: shared by staff booking and self-booking. */
import { useTranslation } from 'react-i18next';
import type { SlotProposal } from '../../api/appointment.resource';
import { FieldError } from '../../components/questionnaire/FieldError';
import { ProposalOption } from './ProposalOption';

export const PROPOSAL_PAGE = 5;
export const MAX_PROPOSALS = 50;

interface Props {
  legend: string;
  proposals: SlotProposal[];
  selected: string | undefined;
  onSelect: (key: string) => void;
  errorId: string;
  problem: string | undefined;
  loading: boolean;
  count: number;
  onMore: () => void;
  /** Passed on to each option (radio name, test ids, ranking badges). */
  option?: { name?: string; testId?: string; selectTestId?: string; showReasons?: boolean };
}

export function ProposalChoices({ legend, proposals, selected, onSelect, errorId, problem, loading, count, onMore, option = {} }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className={problem ? 'field choice has-error' : 'field choice'} aria-busy={loading}>
      <legend>{legend}</legend>
      <FieldError id={errorId} message={problem} />
      <ul className="options proposal-list">
        {proposals.map((p) => (
          <ProposalOption key={p.key} proposal={p} checked={p.key === selected} describedBy={problem ? errorId : undefined} onSelect={() => onSelect(p.key)} {...option} />
        ))}
      </ul>
      {proposals.length >= count && count < MAX_PROPOSALS && (
        <button type="button" className="link-button" onClick={onMore}>
          {t('booking.more')}
        </button>
      )}
    </fieldset>
  );
}
