import { OVI_FHIR_BASE, type LocalizedText } from '@ovi/domain';
import { FhirError } from '../fhir/outcomes';

/** Why accepting or joining was refused (409): `OperationOutcome.issue[].details.coding`. */
export const WAIT_LIST_ISSUE_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/wait-list-issue`;

type WaitListIssue = 'offer-taken' | 'offer-expired' | 'offer-closed' | 'visit-passed';

/** A refusal in codes for programs and in fi/sv/en words (`details.text` as JSON), like booking's. */
function waitListConflict(code: WaitListIssue, text: LocalizedText): FhirError {
  return new FhirError(409, {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'conflict', details: { coding: [{ system: WAIT_LIST_ISSUE_SYSTEM, code }], text: JSON.stringify(text) }, diagnostics: text.en }],
  });
}

export const offerTaken = () =>
  waitListConflict('offer-taken', {
    fi: 'Valitettavasti joku ehti ottaa tämän ajan ensin. Nykyinen aikasi pysyy, ja olet yhä jonossa aikaisempaan aikaan.',
    sv: 'Tyvärr hann någon ta den här tiden först. Din nuvarande tid står kvar och du står fortfarande i kö till en tidigare tid.',
    en: 'Sorry, someone else took this time first. Your current appointment stays, and you are still on the wait list for an earlier time.',
  });

export const offerExpired = () =>
  waitListConflict('offer-expired', {
    fi: 'Tämän ajan tarjous on päättynyt. Nykyinen aikasi pysyy, ja olet yhä jonossa.',
    sv: 'Erbjudandet om den här tiden har gått ut. Din nuvarande tid står kvar och du står fortfarande i kö.',
    en: 'This offer has expired. Your current appointment stays, and you are still on the wait list.',
  });

export const offerClosed = () =>
  waitListConflict('offer-closed', {
    fi: 'Tämä tarjous ei ole enää voimassa: aika on jo vaihdettu tai poistettu jonosta.',
    sv: 'Erbjudandet gäller inte längre: tiden har redan bytts eller tagits bort från kön.',
    en: 'This offer is no longer open: the appointment was already changed or taken off the wait list.',
  });

export const visitPassed = () =>
  waitListConflict('visit-passed', {
    fi: 'Aika on niin pian, ettei aikaisempaa aikaa voi enää jonottaa.',
    sv: 'Tiden är så snart att du inte längre kan köa till en tidigare tid.',
    en: 'This appointment is too soon to wait for an earlier time.',
  });
