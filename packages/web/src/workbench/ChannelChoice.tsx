/**
 * Phone or walk-in: the channel recorded with a contact staff enter for a client. A phone call
 * is the default, and it also answers how the client is contacted (by phone), so that question
 * is not asked.
 */
import { useTranslation } from 'react-i18next';
import type { StaffChannel } from '../api/contact.resource';

const CHANNELS: StaffChannel[] = ['phone', 'walk-in'];

export function ChannelChoice({ value, onChange }: { value: StaffChannel; onChange: (c: StaffChannel) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field choice" data-testid="contact-channel" aria-describedby="contact-channel-hint">
      <legend>{t('phone.channel')}</legend>
      <p id="contact-channel-hint" className="hint">
        {t(value === 'phone' ? 'workday.phone.callBack' : 'workday.phone.askHow')}
      </p>
      <div className="options options-inline">
        {CHANNELS.map((channel) => (
          <div className="option" key={channel}>
            <input
              type="radio"
              id={`channel-${channel}`}
              name="contact-channel"
              value={channel}
              checked={value === channel}
              data-testid={`channel-${channel}`}
              onChange={() => onChange(channel)}
            />
            <label htmlFor={`channel-${channel}`}>{t(`channel.${channel}`)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
