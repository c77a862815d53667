import { describe, it, expect } from 'vitest';
import { defaultDangerWordGroups as groups } from './defaultDangerWords';
import { scanFreeText } from './freeTextScan';
import type { DangerWordGroup } from './safetyScreen';

const ids = (text: string): string[] => scanFreeText(text, groups).map((m) => m.groupId);
const group = (id: string, patterns: Partial<DangerWordGroup['patterns']>, urgency: 'emergent' | 'urgent' = 'urgent'): DangerWordGroup => ({
  id,
  label: { fi: id, sv: id, en: id },
  urgency,
  advice: urgency === 'emergent' ? ['call-112'] : [],
  patterns: { fi: [], sv: [], en: [], ...patterns },
});

describe('scanFreeText — the words a resident must not slip past', () => {
  it.each([
    // Finnish: inflected forms, compounds, spoken forms
    ['rintakipu', 'chest-pain'],
    ['Minulla on rintakipua', 'chest-pain'],
    ['rintaan sattuu kävellessä', 'chest-pain'],
    ['hengenahdistusta portaissa', 'chest-pain'],
    ['rintaa puristaa', 'heart-or-breathing'],
    ['kipu säteilee vasempaan käteen', 'heart-or-breathing'],
    ['en saa henkeä', 'heart-or-breathing'],
    ['vasen käsi puutuu', 'one-sided-or-numb'],
    ['jalka puutui illalla', 'one-sided-or-numb'],
    ['toinen puoli tuntuu oudolta', 'one-sided-or-numb'],
    ['toinen puoli kasvoista roikkuu', 'stroke'],
    ['puhe sammaltaa', 'stroke'],
    ['suupieli roikkuu', 'stroke'],
    ['yhtäkkiä käsi heikkeni', 'stroke'],
    ['itsemurha', 'suicidal-thoughts'],
    ['itsetuhoisia ajatuksia', 'suicidal-thoughts'],
    ['haluan tappaa itseni', 'suicidal-thoughts'],
    ['en jaksa elää', 'suicidal-thoughts'],
    ['olen kerännyt pillereitä', 'suicide-plan'],
    ['mies löi mua', 'violence'],
    ['pelkään mennä kotiin', 'violence'],
    ['verenvuoto ei lopu', 'bleeding'],
    ['pyörtyi suihkussa', 'unconscious'],
    ['kieli turpoaa', 'anaphylaxis'],
    ['kuumetta ja ihan sekava', 'sepsis'],
    ['kuumetta ja niska jäykkä', 'meningitis'],
    ['elämäni pahin päänsärky', 'worst-headache'],
    ['kuumetta 40,2', 'high-fever'],
    ['en pysty pissaamaan', 'bladder-bowel'],
    ['raskaana ja vuotoa', 'pregnancy'],
    ['kova vatsakipu', 'severe-abdominal-pain'],
    ['vaippa on ollut kuiva', 'dehydration'],
    ['vauvalla kuumetta', 'infant-fever'],
    ['kaatui ja löi päänsä', 'head-injury'],
    ['otin liikaa lääkkeitä', 'poisoning'],
    ['kotiväkivaltaa', 'violence-mentioned'],
    // Swedish, Finland-Swedish colloquial forms included
    ['bröstsmärta', 'chest-pain'],
    ['ont i bröstet', 'chest-pain'],
    ['tryck över bröstet', 'heart-or-breathing'],
    ['kan int andas', 'heart-or-breathing'],
    ['han sluddrar', 'stroke'],
    ['svag i ena sidan', 'stroke'],
    ['ena sidan', 'one-sided-or-numb'],
    ['domnar i handen', 'one-sided-or-numb'],
    ['självmord', 'suicidal-thoughts'],
    ['jag vill ta mitt liv', 'suicidal-thoughts'],
    ['har sparat tabletter', 'suicide-plan'],
    ['svimmade', 'unconscious'],
    ['hög feber', 'high-fever'],
    // English
    ['chest pain', 'chest-pain'],
    ['tight chest', 'heart-or-breathing'],
    ['slurred speech', 'stroke'],
    ['one side', 'one-sided-or-numb'],
    ['weak on one side', 'stroke'],
    ['I want to kill myself', 'suicidal-thoughts'],
    ['end my life', 'suicidal-thoughts'],
    ['my lips are swelling', 'anaphylaxis'],
    ['passed out', 'unconscious'],
    ['worst headache of my life', 'worst-headache'],
    ['stiff neck and a fever', 'meningitis'],
    ['the bleeding wont stop', 'bleeding'],
    ['he hit me', 'violence'],
    ['left the kids alone', 'violence'],
  ])('%j → %s', (text, groupId) => {
    expect(ids(text)).toContain(groupId);
  });

  it('finds the words however they are typed: case, punctuation, decomposed letters, no ä/ö, apostrophes', () => {
    for (const text of ['RINTAKIPUA!!!', 'rintakipua?', '(rintakipua)', 'rinta\u00ADkipua', '"Rintakipua."', 'rintakipua:']) {
      expect(ids(text), text).toContain('chest-pain');
    }
    expect(ids('ela\u0308ma\u0308ni pahin pa\u0308a\u0308nsa\u0308rky')).toContain('worst-headache');
    expect(ids('elamani pahin paansarky')).toContain('worst-headache');
    expect(ids('I CAN’T BREATHE')).toContain('heart-or-breathing');
    expect(ids('Bro\u0308stsma\u0308rta')).toContain('chest-pain');
  });

  it('counts negated mentions: nothing found here ever lowers urgency, so a missed "no" can only over-triage', () => {
    expect(ids('ei rintakipua')).toContain('chest-pain');
    expect(ids('no chest pain')).toContain('chest-pain');
    expect(ids('inte ont i bröstet')).toContain('chest-pain');
  });

  it.each([
    'Selkäkipu kolme viikkoa, istuminen on hankalaa.',
    'Rintamaito ei riitä vauvalle, imetys sattuu.',
    'Nenä vuotaa ja kurkku on kipeä.',
    'Vatsa on kova ja turvoksissa, ummetusta viikon.',
    'Kuumetta 38,5 ja nuhaa.',
    'Tarvitsisin uuden reseptin verenpainelääkkeisiin.',
    'Polvi on kipeä portaissa.',
    'Haluan lopettaa tupakoinnin.',
    'Hyvä tapa itsehoitoon?',
    'Kakkosluokkalainen ei halua mennä kouluun.',
    'Jag har snuva och lite halsont.',
    'Det slutar inte regna.',
    'Knät värker i trappor.',
    'Behöver förnya recept.',
    'I hit my knee on the table.',
    'Panic attacks make me avoid shops.',
    'It hit me hard when my dad died.',
    'I think I have food poisoning.',
    'I do not drink alcohol.',
    'I am confused about the form.',
    'The app does not recognise my ID.',
    'My face has uneven skin tone.',
    'Sciatica radiating down my left leg.',
    'Runny nose and sore throat.',
  ])('finds nothing in an ordinary message: %j', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('gives one match per group, at its first occurrence, with the words as written', () => {
    const matches = scanFreeText('Rintakipua aamulla. Illalla taas rintakipu ja kuumetta 40.', groups);
    expect(matches.map((m) => [m.groupId, m.matched])).toEqual([
      ['chest-pain', 'Rintakipua'],
      ['high-fever', 'kuumetta 40'],
    ]);
  });

  it('orders matches by where they occur in the text, ties in group order', () => {
    const a = group('a', { fi: ['kuume*'] });
    const b = group('b', { fi: ['kuume*'] });
    const c = group('c', { en: ['rash'] });
    expect(scanFreeText('rash and kuumetta', [a, b, c]).map((m) => m.groupId)).toEqual(['c', 'a', 'b']);
  });

  it("tries every language's patterns on every text (people mix languages)", () => {
    const g = group('g', { sv: ['ont bröstet'] });
    expect(scanFreeText('Minulla on ont i bröstet', [g])).toHaveLength(1);
  });

  it('copies label, urgency and advice from the group', () => {
    const g = group('g', { en: ['help'] }, 'emergent');
    const [m] = scanFreeText('Help!', [g]);
    expect(m).toEqual({ groupId: 'g', label: g.label, urgency: 'emergent', advice: ['call-112'], matched: 'Help' });
    m!.advice.push('crisis-line');
    expect(g.advice).toEqual(['call-112']);
  });

  it('finds nothing in empty or blank text', () => {
    expect(scanFreeText('', groups)).toEqual([]);
    expect(scanFreeText('  \n ', groups)).toEqual([]);
  });

  it('refuses to run with a broken pattern instead of silently skipping it', () => {
    expect(() => scanFreeText('kipu', [group('bad', { fi: ['a||b'] })])).toThrow('Danger-word group "bad" (fi): "a||b": empty alternative');
  });
});
