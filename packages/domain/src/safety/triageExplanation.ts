/**
 * Why a contact got its urgency, in Finnish, Swedish and English, for the professional who
 * decides: what the rules said, which danger signs were ticked, which words were found.
 */
import type { Language, LocalizedText, Urgency } from '../types';
import { LANGUAGES } from '../validation';
import type { TextMatch } from './freeTextScan';
import type { DangerSign } from './safetyScreen';

const URGENCY_WORDS: Record<Language, Record<Urgency, string>> = {
  fi: { emergent: 'päivystyksellinen', urgent: 'kiireellinen', 'non-urgent': 'kiireetön', 'self-care': 'omahoito' },
  sv: { emergent: 'akut', urgent: 'brådskande', 'non-urgent': 'icke-brådskande', 'self-care': 'egenvård' },
  en: { emergent: 'emergent', urgent: 'urgent', 'non-urgent': 'non-urgent', 'self-care': 'self-care' },
};

const WORDING: Record<Language, { raised: string; signs: string; words: string; negation: string; rules: string }> = {
  fi: {
    raised: 'Kiireellisyyttä nostettiin: säännöt antoivat "{from}", turvaseulonta "{to}".',
    signs: 'Vastaaja valitsi vaaranmerkit: {0}.',
    words: 'Kuvauksessa on sanoja, jotka voivat viitata vakavaan tilaan: {0}.',
    negation: 'Sanahaku ei tunnista kieltoja ("ei rintakipua" lasketaan), joten lue teksti.',
    rules: 'Säännöt:',
  },
  sv: {
    raised: 'Brådskandegraden höjdes: reglerna gav "{from}", säkerhetsscreeningen "{to}".',
    signs: 'Den som svarade valde varningstecknen: {0}.',
    words: 'Beskrivningen innehåller ord som kan tyda på ett allvarligt tillstånd: {0}.',
    negation: 'Ordsökningen känner inte igen negationer ("inte ont i bröstet" räknas), så läs texten.',
    rules: 'Reglerna:',
  },
  en: {
    raised: 'Urgency was raised: the rules gave "{from}", the safety screen "{to}".',
    signs: 'The person answering chose the danger signs: {0}.',
    words: 'The description has words that may point to a serious condition: {0}.',
    negation: 'The word search does not understand negation ("no chest pain" counts), so read the text.',
    rules: 'Rules:',
  },
};

export interface TriageFindings {
  rule: { urgency: Urgency; explanation: LocalizedText };
  urgency: Urgency;
  dangerSigns: DangerSign[];
  textMatches: TextMatch[];
}

/**
 * The rule's explanation alone when the screen found nothing; otherwise first whether the
 * urgency was raised, the signs and the words (as the resident wrote them), then the rules.
 */
export function explainTriage(f: TriageFindings): LocalizedText {
  if (f.dangerSigns.length === 0 && f.textMatches.length === 0) return { ...f.rule.explanation };
  const text = (lang: Language): string => {
    const w = WORDING[lang];
    const parts: string[] = [];
    if (f.urgency !== f.rule.urgency) {
      parts.push(w.raised.replace('{from}', URGENCY_WORDS[lang][f.rule.urgency]).replace('{to}', URGENCY_WORDS[lang][f.urgency]));
    }
    if (f.dangerSigns.length > 0) parts.push(w.signs.replace('{0}', f.dangerSigns.map((s) => s.label[lang]).join('; ')));
    if (f.textMatches.length > 0) {
      const words = f.textMatches.map((m) => `"${m.matched}" (${m.label[lang]})`).join(', ');
      parts.push(w.words.replace('{0}', words), w.negation);
    }
    parts.push(`${w.rules} ${f.rule.explanation[lang]}`);
    return parts.join(' ');
  };
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, text(lang)])) as LocalizedText;
}
