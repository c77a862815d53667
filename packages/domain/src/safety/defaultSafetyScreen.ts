/**
 * The default safety screen of the contact questionnaire: the danger signs a resident can
 * tick first, before anything else, and the danger words looked for in the description.
 * Data, not logic: a region can replace it (validateSafetyScreen,
 * checkScreenAgainstQuestionnaire). Each danger sign is something that needs help now, so
 * each is emergent and each tells the resident to call 112.
 */
import type { LocalizedText } from '../types';
import { defaultDangerWordGroups } from './defaultDangerWords';
import type { DangerSign, SafetyScreen } from './safetyScreen';

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

/** A bodily emergency: the ambulance first, then the health centre's physician follows up. */
const medical = (code: string, label: LocalizedText): DangerSign => ({
  code,
  label,
  urgency: 'emergent',
  advice: ['call-112'],
  profession: 'physician',
  service: 'primary-care',
});

const signs: DangerSign[] = [
  medical(
    'chest',
    t('Rintakipu tai hengenahdistus levossa', 'Bröstsmärta eller andnöd i vila', 'Chest pain, or breathlessness at rest'),
  ),
  medical(
    'stroke',
    t(
      'Aivoinfarktin merkkejä: suupieli roikkuu, käsi tai jalka ei jaksa, puhe puuroutuu',
      'Tecken på stroke: mungipan hänger, armen eller benet orkar inte, talet sluddrar',
      'Signs of stroke: the face droops, an arm or leg is weak, speech is slurred',
    ),
  ),
  medical('bleeding', t('Runsas verenvuoto, joka ei lakkaa', 'Kraftig blödning som inte slutar', 'Heavy bleeding that does not stop')),
  medical(
    'unconscious',
    t(
      'Tajuttomuus, pyörtyminen tai äkillinen sekavuus',
      'Medvetslöshet, svimning eller plötslig förvirring',
      'Unconsciousness, fainting or sudden confusion',
    ),
  ),
  medical(
    'allergy',
    t(
      'Vaikea allerginen reaktio: kasvot tai kurkku turpoavat, hengittäminen on vaikeaa',
      'Svår allergisk reaktion: ansiktet eller halsen svullnar, det är svårt att andas',
      'Severe allergic reaction: the face or throat swells, breathing is hard',
    ),
  ),
  {
    code: 'suicide-plan',
    label: t(
      'Itsemurha-ajatuksia ja suunnitelma tai aikomus toteuttaa ne',
      'Självmordstankar och en plan eller avsikt att genomföra dem',
      'Thoughts of suicide with a plan or an intent to act on them',
    ),
    urgency: 'emergent',
    // 112 when life is in danger now; the crisis line to talk to someone at once.
    advice: ['call-112', 'crisis-line'],
    profession: 'psychiatric-nurse',
    service: 'primary-care',
  },
  {
    code: 'danger-to-others',
    label: t(
      'Lapsi tai joku muu on välittömässä vaarassa, esimerkiksi kotona on väkivaltaa',
      'Ett barn eller någon annan är i omedelbar fara, till exempel våld i hemmet',
      'A child or someone else is in immediate danger, for example violence at home',
    ),
    urgency: 'emergent',
    // 112 also reaches the social emergency service (sosiaalipäivystys).
    advice: ['call-112', 'social-emergency'],
    profession: 'social-worker',
    service: 'social-services',
  },
];

export const defaultSafetyScreen: SafetyScreen = {
  version: 1,
  questionLinkId: 'danger-signs',
  noneCode: 'none',
  textLinkIds: ['description'],
  signs,
  wordGroups: defaultDangerWordGroups,
};
