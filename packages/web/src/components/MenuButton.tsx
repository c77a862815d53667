/**
 * The disclosure button that opens the header's menu (language, sign-out, sections) on a narrow
 * screen: a phone held at 200 % zoom is under 200 CSS pixels wide, and the whole header would
 * otherwise fill the first screen. Wider screens never show it (styles.css, "Narrow header").
 */
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  controls: string;
  onToggle: () => void;
}

export function MenuButton({ open, controls, onToggle }: Props) {
  const { t } = useTranslation();
  return (
    <button type="button" className="menu-button" aria-expanded={open} aria-controls={controls} onClick={onToggle} data-testid="menu-button">
      <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        {open ? <path d="M4 4l12 12M16 4L4 16" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
      </svg>
      {t('phone.menu')}
    </button>
  );
}
