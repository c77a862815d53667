/** Text with the given words marked (<mark>), e.g. the words that raised a contact. Case does not matter. */
import type { ReactNode } from 'react';

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function Highlighted({ text, words }: { text: string; words: string[] }) {
  const wanted = [...new Set(words.map((w) => w.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${wanted.map(escape).join('|')})`, 'giu');
  const parts: ReactNode[] = text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
  return <>{parts}</>;
}
