/** A table that scrolls sideways on narrow screens; the region is keyboard-scrollable and named. */
import type { ReactNode } from 'react';

export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
