/** Adds a professional (their role in a unit or an outside organisation) to a plan's team. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanMemberOption } from './planMembers.resource';

export const memberKey = (m: { member: string; organization: string }) => `${m.member}|${m.organization}`;

export function TeamMemberPicker({ id, options, team, onAdd }: {
  id: string;
  options: PlanMemberOption[];
  /** Who is in the team already (not offered again). */
  team: ReadonlyArray<{ member: string; organization: string }>;
  onAdd: (option: PlanMemberOption) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  return (
    <div className="inline-input">
      <label htmlFor={id} className="visually-hidden">{t('carePlan.new.addMember')}</label>
      <select id={id} className="input" value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid={id}>
        <option value="">{t('carePlan.new.chooseMember')}</option>
        {options.filter((o) => !team.some((m) => memberKey(m) === memberKey(o))).map((o) => (
          <option key={memberKey(o)} value={memberKey(o)}>{`${o.name}, ${o.organizationName}`}</option>
        ))}
      </select>
      <button type="button" className="button button-secondary" disabled={!chosen} data-testid={`${id}-add`} onClick={() => {
        const option = options.find((o) => memberKey(o) === chosen);
        if (option) onAdd(option);
        setChosen('');
      }}>
        {t('carePlan.new.addMember')}
      </button>
    </div>
  );
}
