/** Polite live region for progress and success; errors use ErrorMessage (role=alert). */
import type { ReactNode } from 'react';

export function StatusMessage({ children, tone = 'info', testId }: { children?: ReactNode; tone?: 'info' | 'success'; testId?: string }) {
  return (
    <div role="status" aria-live="polite" className={children ? `notice notice-${tone}` : 'visually-hidden'} data-testid={children ? testId : undefined}>
      {children}
    </div>
  );
}
