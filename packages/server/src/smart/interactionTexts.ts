/** The languages of the log-in and consent pages, chosen by Accept-Language (Finnish first). */
export type PageLanguage = 'fi' | 'sv' | 'en';

export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  const found = ranked.find((r) => r.lang === 'fi' || r.lang === 'sv' || r.lang === 'en');
  return (found?.lang as PageLanguage | undefined) ?? 'fi';
}

export interface PageTexts {
  loginTitle: string;
  loginIntro: (app: string) => string;
  username: string;
  password: string;
  logIn: string;
  consentTitle: string;
  consentIntro: (app: string, user: string) => string;
  allow: string;
  deny: string;
  denyHint: string;
  scopes: Record<string, string>;
  readTypes: (types: string, who: 'patient' | 'user') => string;
  writeTypes: (types: string, who: 'patient' | 'user') => string;
  everyType: string;
  wrongCredentials: string;
  tooMany: (seconds: number) => string;
  expired: string;
  staffNoPatient: string;
  errorTitle: string;
  errorHint: string;
  regionSignIn: string;
  regionOr: string;
  regionRefused: string;
  regionFailed: string;
}

export const TEXTS: Record<PageLanguage, PageTexts> = {
  fi: {
    loginTitle: 'Kirjaudu Oviin',
    loginIntro: (app) => `Sovellus ”${app}” pyytää pääsyä tietoihisi Ovissa. Kirjaudu ensin sisään.`,
    username: 'Käyttäjätunnus',
    password: 'Salasana',
    logIn: 'Kirjaudu',
    consentTitle: 'Annatko sovellukselle luvan?',
    consentIntro: (app, user) => `Sovellus ”${app}” pyytää lupaa käyttää tietoja käyttäjänä ${user}:`,
    allow: 'Salli',
    deny: 'Älä salli',
    denyHint: 'Voit perua luvan myöhemmin kirjautumalla ulos sovelluksesta. Ovi kirjaa jokaisen sovelluksen tekemän haun.',
    scopes: {
      openid: 'tietää, kuka olet',
      fhirUser: 'nähdä nimesi ja asiakas- tai ammattilaistunnisteesi',
      profile: 'nähdä nimesi',
      offline_access: 'pysyä kirjautuneena, kunnes perut luvan',
      'launch/patient': 'tietää, kenen tiedoista on kyse (sinun)',
    },
    readTypes: (types, who) => `lukea ${who === 'patient' ? 'omia tietojasi' : 'tietoja, jotka saat nähdä'}: ${types}`,
    writeTypes: (types, who) => `tallentaa ${who === 'patient' ? 'omiin tietoihisi' : 'tietoja'}: ${types}`,
    everyType: 'kaikki tiedot',
    wrongCredentials: 'Väärä käyttäjätunnus tai salasana.',
    tooMany: (s) => `Liian monta epäonnistunutta yritystä. Yritä uudelleen ${s} sekunnin kuluttua.`,
    expired: 'Kirjautuminen vanheni. Palaa sovellukseen ja aloita uudelleen.',
    regionSignIn: 'Kirjaudu alueen ammattilaistunnuksella',
    regionOr: 'Ammattilainen voi kirjautua myös alueen omalla tunnuksella:',
    regionRefused: 'Alueen tunnuksellasi ei ole Ovissa ammattilaistiliä. Kirjaudu Ovin tunnuksella tai pyydä pääkäyttäjää lisäämään Terhikki-numerosi tietoihisi.',
    regionFailed: 'Kirjautuminen alueen palvelussa ei onnistunut. Yritä uudelleen.',
    errorTitle: 'Sovellus ei saanut lupaa',
    errorHint: 'Palaa sovellukseen ja yritä uudelleen. Jos virhe toistuu, kerro siitä sovelluksen tekijälle.',
    staffNoPatient: 'Ammattilaisena et voi antaa sovellukselle yhden asiakkaan tietoja tällä tavalla; vain käyttäjätason luvat annetaan.',
  },
  sv: {
    loginTitle: 'Logga in i Ovi',
    loginIntro: (app) => `Appen ”${app}” ber om tillgång till dina uppgifter i Ovi. Logga in först.`,
    username: 'Användarnamn',
    password: 'Lösenord',
    logIn: 'Logga in',
    consentTitle: 'Ger du appen lov?',
    consentIntro: (app, user) => `Appen ”${app}” ber om lov att använda uppgifter som användaren ${user}:`,
    allow: 'Tillåt',
    deny: 'Tillåt inte',
    denyHint: 'Du kan återkalla lovet senare genom att logga ut ur appen. Ovi loggar varje sökning appen gör.',
    scopes: {
      openid: 'veta vem du är',
      fhirUser: 'se ditt namn och din klient- eller yrkesidentifierare',
      profile: 'se ditt namn',
      offline_access: 'förbli inloggad tills du återkallar lovet',
      'launch/patient': 'veta vems uppgifter det gäller (dina)',
    },
    readTypes: (types, who) => `läsa ${who === 'patient' ? 'dina egna uppgifter' : 'uppgifter som du får se'}: ${types}`,
    writeTypes: (types, who) => `spara ${who === 'patient' ? 'i dina egna uppgifter' : 'uppgifter'}: ${types}`,
    everyType: 'alla uppgifter',
    wrongCredentials: 'Fel användarnamn eller lösenord.',
    tooMany: (s) => `För många misslyckade försök. Försök igen om ${s} sekunder.`,
    expired: 'Inloggningen gick ut. Gå tillbaka till appen och börja om.',
    regionSignIn: 'Logga in med regionens yrkeskonto',
    regionOr: 'En yrkesperson kan också logga in med regionens eget konto:',
    regionRefused: 'Ditt regionkonto har inget yrkeskonto i Ovi. Logga in med ditt Ovi-konto eller be administratören lägga till ditt Terhikki-nummer.',
    regionFailed: 'Inloggningen i regionens tjänst misslyckades. Försök igen.',
    errorTitle: 'Appen fick inte lov',
    errorHint: 'Gå tillbaka till appen och försök igen. Om felet upprepas, berätta det för appens utvecklare.',
    staffNoPatient: 'Som yrkesperson kan du inte ge appen en enskild klients uppgifter på detta sätt; bara behörigheter på användarnivå ges.',
  },
  en: {
    loginTitle: 'Log in to Ovi',
    loginIntro: (app) => `The app “${app}” asks for access to your data in Ovi. Log in first.`,
    username: 'User name',
    password: 'Password',
    logIn: 'Log in',
    consentTitle: 'Do you allow the app?',
    consentIntro: (app, user) => `The app “${app}” asks to use data as the user ${user}:`,
    allow: 'Allow',
    deny: 'Do not allow',
    denyHint: 'You can withdraw this later by logging out of the app. Ovi records every search the app makes.',
    scopes: {
      openid: 'know who you are',
      fhirUser: 'see your name and your client or professional identifier',
      profile: 'see your name',
      offline_access: 'stay logged in until you withdraw this',
      'launch/patient': 'know whose data it is about (yours)',
    },
    readTypes: (types, who) => `read ${who === 'patient' ? 'your own data' : 'data you may see'}: ${types}`,
    writeTypes: (types, who) => `save ${who === 'patient' ? 'to your own data' : 'data'}: ${types}`,
    everyType: 'all data',
    wrongCredentials: 'Wrong user name or password.',
    tooMany: (s) => `Too many failed attempts. Try again in ${s} seconds.`,
    expired: 'The log-in expired. Go back to the app and start again.',
    regionSignIn: 'Sign in with your region staff account',
    regionOr: 'Professionals can also sign in with the region’s own account:',
    regionRefused: 'Your region account has no staff account in Ovi. Log in with your Ovi account, or ask the administrator to add your Terhikki number.',
    regionFailed: 'Signing in at the region’s service did not work. Try again.',
    errorTitle: 'The app did not get permission',
    errorHint: 'Go back to the app and try again. If this happens again, tell the app’s maker.',
    staffNoPatient: 'As a professional you cannot give an app one client’s data this way; only user-level permissions are given.',
  },
};
