/**
 * The three client paths the family centre's critical client groups were given (seed 003:
 * divorcing families, children with neuropsychiatric symptoms, children and young people
 * with mental-health or substance-use worries). Services are linked per region: a region
 * adds its own catalogue's services (the demo region does in demo/serviceCatalogue.ts).
 */
import type { LocalizedText } from '../types';
import type { ClientPathsConfig } from './clientPaths';

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

export const defaultClientPaths: ClientPathsConfig = {
  paths: [
    {
      id: 'divorce',
      title: t('Perhe eroaa', 'Familjen går igenom en skilsmässa', 'A family going through divorce'),
      summary: t(
        'Ero on iso muutos koko perheelle. Apua saa sopimiseen, lasten tukemiseen ja omaan jaksamiseen – myös ennen kuin ero on päätetty.',
        'En skilsmässa är en stor förändring för hela familjen. Du kan få hjälp med att komma överens, stödja barnen och orka själv – också innan beslutet är fattat.',
        'A divorce is a big change for the whole family. Help is available for agreeing on things, supporting the children and coping yourself – also before the decision is made.',
      ),
      steps: [
        {
          title: t('Puhukaa ajoissa', 'Prata i tid', 'Talk early'),
          text: t(
            'Perheneuvolan ja perheasioiden sovittelun työntekijät auttavat, kun mietitte eroa tai kun riidat kuormittavat. Käynnit ovat maksuttomia.',
            'Familjerådgivningen och medlingen i familjeärenden hjälper när ni funderar på skilsmässa eller när grälen tynger. Besöken är avgiftsfria.',
            'The family counselling clinic and family mediation help when you are considering divorce or when arguments weigh on you. Visits are free of charge.',
          ),
          expect: t(
            'Ensimmäinen aika yleensä 2–4 viikon sisällä. Voitte tulla yhdessä tai erikseen.',
            'Den första tiden brukar ges inom 2–4 veckor. Ni kan komma tillsammans eller var för sig.',
            'The first appointment is usually within 2–4 weeks. You can come together or separately.',
          ),
        },
        {
          title: t('Sopikaa lasten asioista', 'Kom överens om barnens ärenden', "Agree on the children's matters"),
          text: t(
            'Lastenvalvoja vahvistaa sopimuksen lasten huollosta, asumisesta, tapaamisista ja elatuksesta. Vahvistettu sopimus on yhtä pätevä kuin tuomioistuimen päätös.',
            'Barnatillsyningsmannen fastställer avtalet om barnens vårdnad, boende, umgänge och underhåll. Ett fastställt avtal gäller som ett domstolsbeslut.',
            "The child welfare supervisor confirms your agreement on the children's custody, residence, contact and maintenance. A confirmed agreement is as valid as a court decision.",
          ),
          expect: t(
            'Varaa aika lastenvalvojalle puhelimitse. Tapaamiseen tullaan yleensä yhdessä; väkivallan uhan vuoksi voi pyytää erilliset tapaamiset.',
            'Boka tid hos barnatillsyningsmannen per telefon. Man kommer oftast tillsammans; vid hot om våld kan ni be om separata möten.',
            'Book a time with the child welfare supervisor by phone. Parents usually come together; if there is a threat of violence, you can ask for separate meetings.',
          ),
        },
        {
          title: t('Tukekaa lasta', 'Stöd barnet', 'Support the child'),
          text: t(
            'Kerro lapselle erosta yhdessä ja hänen ikätasollaan. Neuvola, koulukuraattori ja järjestöjen vertaisryhmät tukevat lasta ja vanhempia.',
            'Berätta om skilsmässan för barnet tillsammans och på barnets nivå. Rådgivningen, skolkuratorn och organisationernas kamratgrupper stöder barn och föräldrar.',
            "Tell the child about the divorce together and at the child's level. The child health clinic, school social worker and peer groups of NGOs support children and parents.",
          ),
        },
        {
          title: t('Pidä huolta itsestäsi', 'Ta hand om dig själv', 'Look after yourself'),
          text: t(
            'Jos et jaksa tai tilanne on riitainen tai pelottava, ota yhteyttä. Väkivallan uhatessa soita 112.',
            'Om du inte orkar eller situationen är konfliktfylld eller skrämmande, ta kontakt. Vid hot om våld, ring 112.',
            'If you cannot cope or the situation is full of conflict or frightening, get in touch. If there is a threat of violence, call 112.',
          ),
        },
      ],
      services: [],
      contact: {
        reason: 'child-family',
        matter: t('Perheemme on eroamassa ja tarvitsemme tukea.', 'Vår familj går igenom en skilsmässa och vi behöver stöd.', 'Our family is going through a divorce and we need support.'),
      },
    },
    {
      id: 'neuropsychiatric',
      title: t('Lapsella on neuropsykiatrisia oireita', 'Barnet har neuropsykiatriska symtom', 'A child with neuropsychiatric symptoms'),
      summary: t(
        'Keskittymisen, tarkkaavaisuuden, vuorovaikutuksen tai tunteiden säätelyn pulmat näkyvät kotona, päiväkodissa tai koulussa. Tukea saa ennen diagnoosia ja ilman sitä.',
        'Svårigheter med koncentration, uppmärksamhet, samspel eller att reglera känslor syns hemma, i daghemmet eller i skolan. Stöd ges före och utan diagnos.',
        'Difficulties with concentration, attention, interaction or regulating emotions show at home, in day care or at school. Support is available before and without a diagnosis.',
      ),
      steps: [
        {
          title: t('Kerro huolestasi', 'Berätta om din oro', 'Tell someone about your worry'),
          text: t(
            'Puhu neuvolan terveydenhoitajan, päiväkodin tai koulun kanssa. Kirjatkaa, missä tilanteissa oireet näkyvät.',
            'Tala med hälsovårdaren på rådgivningen, daghemmet eller skolan. Skriv upp i vilka situationer symtomen syns.',
            'Talk to the public health nurse at the clinic, day care or school. Write down the situations where the symptoms show.',
          ),
        },
        {
          title: t('Arvio ja arjen tuki', 'Bedömning och stöd i vardagen', 'Assessment and everyday support'),
          text: t(
            'Perheneuvolan psykologi ja nepsy-valmentaja arvioivat tilanteen ja antavat keinoja arkeen. Koulun oppilashuolto sovittaa opetuksen tuen.',
            'Familjerådgivningens psykolog och en neuropsykiatrisk coach bedömer situationen och ger verktyg för vardagen. Skolans elevhälsa anpassar stödet i undervisningen.',
            "The family counselling clinic's psychologist and a neuropsychiatric coach assess the situation and give tools for daily life. School pupil welfare adjusts support in teaching.",
          ),
          expect: t(
            'Arvio tehdään usean käynnin aikana 1–3 kuukaudessa. Tarvittaessa lääkäri lähettää lastenneurologian tai -psykiatrian tutkimuksiin.',
            'Bedömningen görs under flera besök på 1–3 månader. Vid behov remitterar läkaren till barnneurologisk eller barnpsykiatrisk utredning.',
            'The assessment takes several visits over 1–3 months. If needed, a doctor refers the child to paediatric neurology or child psychiatry.',
          ),
        },
        {
          title: t('Vertaistuki vanhemmille', 'Kamratstöd för föräldrar', 'Peer support for parents'),
          text: t(
            'Järjestöjen vertaisryhmissä ja kursseilla vanhemmat saavat tietoa ja jaksamista.',
            'I organisationernas kamratgrupper och kurser får föräldrar kunskap och ork.',
            'Peer groups and courses run by NGOs give parents knowledge and strength.',
          ),
        },
      ],
      services: [],
      contact: {
        reason: 'child-family',
        matter: t(
          'Olen huolissani lapseni keskittymisestä ja käyttäytymisestä (neuropsykiatriset oireet).',
          'Jag är orolig för mitt barns koncentration och beteende (neuropsykiatriska symtom).',
          "I am worried about my child's concentration and behaviour (neuropsychiatric symptoms).",
        ),
      },
    },
    {
      id: 'youth-mental-health',
      title: t('Huoli nuoren mielenterveydestä tai päihteistä', 'Oro för en ungs psykiska hälsa eller rusmedel', "Worry about a young person's mental health or substance use"),
      summary: t(
        'Mieliala, vetäytyminen, koulunkäynnin vaikeudet tai päihteiden käyttö huolettavat. Apua saa nopeasti ja matalalla kynnyksellä – nuori voi hakea sitä myös itse.',
        'Humör, tillbakadragenhet, svårigheter i skolan eller rusmedel oroar. Hjälp finns snabbt och med låg tröskel – den unga kan också söka den själv.',
        "Mood, withdrawal, trouble at school or substance use are a worry. Help is quick and easy to reach – a young person can also seek it alone.",
      ),
      steps: [
        {
          title: t('Jos henki on vaarassa', 'Om livet är i fara', 'If a life is in danger'),
          text: t(
            'Jos nuori puhuu itsensä vahingoittamisesta tai on myrkytystilassa, soita 112. Kriisipuhelin vastaa ympäri vuorokauden.',
            'Om den unga talar om att skada sig själv eller är förgiftad, ring 112. Kristelefonen svarar dygnet runt.',
            'If the young person talks about harming themselves or is intoxicated, call 112. The crisis line answers round the clock.',
          ),
        },
        {
          title: t('Ota puheeksi', 'Ta upp saken', 'Bring it up'),
          text: t(
            'Kerro nuorelle, mitä olet huomannut, ja kuuntele. Kouluterveydenhoitaja, kuraattori ja psykologi ovat koulussa nuoren tukena.',
            'Berätta för den unga vad du har märkt, och lyssna. Skolhälsovårdaren, kuratorn och psykologen finns i skolan som stöd.',
            'Tell the young person what you have noticed, and listen. The school nurse, school social worker and psychologist are there to support them.',
          ),
        },
        {
          title: t('Nuorten matalan kynnyksen palvelut', 'Lågtröskeltjänster för unga', 'Easy-to-reach services for young people'),
          text: t(
            'Nuorten mielenterveys- ja päihdetiimi ja Ohjaamo ottavat vastaan ilman lähetettä. Myös vanhemmat saavat neuvoa.',
            'Ungdomarnas team för psykisk hälsa och missbruk och Navigatorn tar emot utan remiss. Även föräldrar får råd.',
            "The young people's mental health and substance use team and Ohjaamo see young people without a referral. Parents get advice too.",
          ),
          expect: t(
            'Yhteydenottoon vastataan yleensä saman tai seuraavan arkipäivän aikana. Hoidon tarve arvioidaan viimeistään kolmen arkipäivän kuluessa.',
            'Kontakten besvaras oftast samma eller nästa vardag. Vårdbehovet bedöms senast inom tre vardagar.',
            'Contacts are usually answered the same or the next working day. The need for care is assessed within three working days at the latest.',
          ),
        },
      ],
      services: [],
      contact: {
        reason: 'low-mood',
        matter: t(
          'Olen huolissani nuoren mielialasta tai päihteiden käytöstä.',
          'Jag är orolig för en ungs humör eller bruk av rusmedel.',
          "I am worried about a young person's mood or substance use.",
        ),
      },
    },
  ],
};
