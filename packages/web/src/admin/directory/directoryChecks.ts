/** What the directory forms check before sending: field → i18n key of the problem. */
import type { DirectoryForms, DirectoryKind } from '../../api/directory.resource';

export type Problems = Record<string, string>;

const blank = (s: string) => s.trim() === '';

export function checkForm<K extends DirectoryKind>(kind: K, form: DirectoryForms[K]): Problems {
  const problems: Problems = {};
  const need = (field: string, value: string) => {
    if (blank(value)) problems[field] = 'directory.check.required';
  };
  switch (kind) {
    case 'organizations': {
      const f = form as DirectoryForms['organizations'];
      need('name', f.name);
      if (!blank(f.municipalityCode) && !/^\d{3}$/.test(f.municipalityCode.trim())) problems.municipalityCode = 'directory.check.municipality';
      break;
    }
    case 'locations': {
      const f = form as DirectoryForms['locations'];
      need('name', f.name);
      if (!blank(f.postalCode) && !/^\d{5}$/.test(f.postalCode.trim())) problems.postalCode = 'directory.check.postalCode';
      break;
    }
    case 'services': {
      const f = form as DirectoryForms['services'];
      need('name', f.name);
      need('providedBy', f.providedBy);
      break;
    }
    case 'professionals': {
      const f = form as DirectoryForms['professionals'];
      need('given', f.given);
      need('family', f.family);
      if (!blank(f.terhikki) && !/^\d{5,12}$/.test(f.terhikki.trim())) problems.terhikki = 'directory.check.terhikki';
      if (!blank(f.suosikki) && !/^\d{5,12}$/.test(f.suosikki.trim())) problems.suosikki = 'directory.check.suosikki';
      if (f.languages.length === 0) problems.languages = 'directory.check.languages';
      need('profession', f.profession);
      need('organization', f.organization);
      break;
    }
    case 'teams': {
      const f = form as DirectoryForms['teams'];
      need('name', f.name);
      need('status', f.status);
      f.participants.forEach((p, i) => {
        need(`participants.${i}.profession`, p.profession);
        need(`participants.${i}.member`, p.member);
      });
      break;
    }
  }
  return problems;
}
