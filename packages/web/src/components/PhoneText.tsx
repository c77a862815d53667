/**
 * Text with its phone numbers as `tel:` links, so a person in trouble can call with one tap.
 * The numbers come inside configured advice ("Kriisipuhelin 09 2525 0111 (24/7)"), so they
 * are found by shape: 112, 116 117, a number starting 0 or +.
 */
import type { ReactNode } from 'react';

const PHONE = /(\+\d{1,3}(?: ?\d){6,12}|\b0\d(?: ?\d){5,11}\b|\b116 ?117\b|\b112\b)/g;

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function PhoneText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const end = at + match[0].length;
    // A full stop or comma right after the number stays on its line.
    const punctuation = /^[.,;:!?)]/.exec(text.slice(end))?.[0] ?? '';
    parts.push(
      <span key={at} className="nowrap">
        <a className="tel-link" href={telHref(match[0])}>
          {match[0]}
        </a>
        {punctuation}
      </span>,
    );
    last = end + punctuation.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
