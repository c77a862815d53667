/** The vignette set: 20 contacts each in Finnish, Swedish and English. */
import { englishVignettes } from './en';
import { finnishVignettes } from './fi';
import { swedishVignettes } from './sv';
import type { Vignette } from './vignette';

export const safetyVignettes: Vignette[] = [...finnishVignettes, ...swedishVignettes, ...englishVignettes];

export { formAnswers, type ContactForm } from './form';
export {
  formatVignetteReport,
  NEEDLESS_RAISING_LIMIT,
  vignetteReport,
  type Vignette,
  type VignetteOutcome,
  type VignetteReport,
} from './vignette';
