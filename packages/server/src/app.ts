import Fastify, { type FastifyInstance } from 'fastify';
import type { OviConfig } from './config';
import type { Database } from './db/database';
import { upkeep, UPKEEP_INTERVAL_MS } from './db/embeddedUpkeep';
import { openDatabase } from './db/openDatabase';
import { keepingDone } from './storage/continuitySettled';
import { FIRST_KEEP_AFTER_MS, keepPresetWindows } from './storage/continuityKeptAhead';
import { loadFhirDefinitions } from './fhir/definitions';
import { ResourceStore } from './storage/resourceStore';
import { AccessPolicy } from './access/accessPolicy';
import { AuditLog } from './audit/auditLog';
import { FhirService } from './fhir/fhirService';
import { QuestionnaireChanges } from './guidance/questionnaireChanges';
import { registerQuestionnaireRoutes } from './http/questionnaireRoutes';
import { SettingsStore } from './settings/settingsStore';
import { Accounts } from './auth/accounts';
import { TokenService } from './auth/tokens';
import { AuthAudit } from './auth/authAudit';
import { GuidanceSettings } from './guidance/guidanceSettings';
import { ContactIntake } from './guidance/contactIntake';
import { ResolveTask } from './guidance/resolveTask';
import { AssessContact } from './guidance/assessContact';
import { guidanceSources } from './guidance/guidanceSources';
import { installErrorHandler } from './http/errorHandler';
import { requestLogSerializers } from './http/requestContext';
import { RefusalAudit } from './audit/refusalAudit';
import { installSecurityHeaders } from './http/securityHeaders';
import { registerFhirRoutes } from './http/fhirRoutes';
import { registerBundleRoutes } from './http/bundleRoutes';
import { DEFAULT_BUNDLE_LIMITS } from './fhir/transaction';
import { registerAuthRoutes } from './http/authRoutes';
import { registerSmartRoutes } from './smart/smartRoutes';
import { registerGuidanceRoutes } from './http/guidanceRoutes';
import { registerClientRoutes } from './http/clientRoutes';
import { registerContactRoutes } from './http/contactRoutes';
import { registerResidentRoutes } from './http/residentRoutes';
import { registerWebApp } from './http/webApp';
import { installMetrics } from './http/metrics';
import { frameworkErrorOptions, installBodyParsing } from './http/bodyParsing';
import { openGuidanceCount } from './guidance/guidanceStats';
import { seedDemoRegion } from './demo/seedDemo';
import { SchedulingSettings } from './scheduling/schedulingSettings';
import { SlotMaterializer } from './scheduling/slotMaterializer';
import { AppointmentChanges } from './scheduling/appointmentChanges';
import { BookAppointment } from './scheduling/bookAppointment';
import { registerSchedulingRoutes } from './http/schedulingRoutes';
import { registerMeasureRoutes } from './http/measureRoutes';
import { ConsultationRequests } from './consultation/consultationRequests';
import { AnswerConsultation } from './consultation/answerConsultation';
import { registerConsultationRoutes } from './http/consultationRoutes';
import { RecordVisitOutcome } from './scheduling/visitOutcome';
import { clockShifted, now as clockNow, startClockAt } from './time/clock';
import { createMailer } from './notifications/mailer';
import { AppointmentNotifier } from './notifications/appointmentNotifier';
import { MessageIntake } from './messages/messageIntake';
import { MessageSettingsStore } from './messages/messageSettings';
import { MessageNotifier } from './messages/messageNotifier';
import { registerMessageRoutes } from './messages/messageRoutes';
import { MeasurementIntake } from './selfMonitoring/measurementIntake';
import { GoalIntake } from './selfMonitoring/goalIntake';
import { registerSelfMonitoringRoutes } from './selfMonitoring/selfMonitoringRoutes';
import { registerCarePlanRoutes } from './carePlan/carePlanRoutes';
import { carePlanSettings } from './carePlan/carePlanSettings';
import { raiseDueReviews } from './carePlan/reviewTasks';
import { lookForMissingMeasurements } from './selfMonitoring/missingMeasurements';
import { OfferNotifier } from './notifications/offerNotifier';
import { WaitListMatching } from './scheduling/waitListMatching';
import { WaitList } from './scheduling/waitList';
import { registerWaitListRoutes } from './http/waitListRoutes';
import { FeedbackSettings } from './feedback/feedbackSettings';
import { FeedbackInvitations } from './feedback/feedbackInvitations';
import { FeedbackMail } from './feedback/feedbackMail';
import { FeedbackAnswers } from './feedback/feedbackAnswers';
import { FeedbackResultsService } from './feedback/feedbackResults';
import { registerFeedbackRoutes } from './feedback/feedbackRoutes';
import { HelpRequestSettingsStore } from './helpRequests/helpRequestSettings';
import { PublicFormGuard } from './helpRequests/publicFormGuard';
import { registerHelpRequestRoutes } from './helpRequests/helpRequestRoutes';
import { registerNoticeRoutes } from './socialNotices/noticeRoutes';
import { ClientPathStore } from './clientPaths/clientPathStore';
import { registerClientPathRoutes } from './clientPaths/clientPathRoutes';
import { ClientRegistration } from './clients/clientRegistration';
import { registerPortfolioRoutes } from './portfolio/portfolioRoutes';
import { PortfolioStore } from './portfolio/portfolioStore';
import { registerServiceFinderRoutes } from './serviceFinder/serviceFinderRoutes';
import { registerAdminSettingRoutes } from './http/adminSettingRoutes';
import { AdminSettings } from './settings/adminSettings';
import { SegmentationAnswers, byQuestionnaire } from './segmentation/segmentationAnswers';
import { SegmentPatient } from './segmentation/segmentPatient';
import { registerSegmentationRoutes } from './segmentation/segmentationRoutes';
import { installChat, type Chat } from './chat/installChat';

export interface OviServices {
  db: Database;
  store: ResourceStore;
  fhir: FhirService;
  accounts: Accounts;
  tokens: TokenService;
  guidanceSettings: GuidanceSettings;
  schedulingSettings: SchedulingSettings;
  materializer: SlotMaterializer;
  notifier: AppointmentNotifier;
  feedbackSettings: FeedbackSettings;
  feedbackMail: FeedbackMail;
  /** Set once the HTTP routes are installed. */
  chat?: Chat;
}

export interface Ovi {
  app: FastifyInstance;
  services: OviServices;
  close(): Promise<void>;
}

/** Wires the layers together: database → store → access/audit → FHIR service → HTTP. */
export async function createOvi(config: OviConfig): Promise<Ovi> {
  loadFhirDefinitions();
  startClockAt(config.clockStart);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const store = new ResourceStore(db);
  const access = new AccessPolicy(db, store);
  const audit = new AuditLog(store);
  const settings = new SettingsStore(db);
  const guidanceSettings = new GuidanceSettings(settings);
  guidanceSettings.useSources(guidanceSources(db));
  await guidanceSettings.ensureDefaults();
  const schedulingSettings = new SchedulingSettings(settings);
  await schedulingSettings.ensureDefaults();
  const mailer = createMailer(config.smtpUrl, config.mailFrom ?? 'Ovi <no-reply@ovi.invalid>');
  const notifier = new AppointmentNotifier(db, store, mailer, (m) => console.warn(m));
  const feedbackSettings = new FeedbackSettings(settings, store);
  await feedbackSettings.ensureDefaults();
  const feedbackInvitations = new FeedbackInvitations(store, feedbackSettings);
  const feedbackMail = new FeedbackMail(db, store, mailer, config.publicUrl, (m) => console.warn(m));
  const questionnaireChanges = new QuestionnaireChanges(guidanceSettings, db);
  const messageSettings = new MessageSettingsStore(settings);
  await messageSettings.ensureDefaults();
  const clientPaths = new ClientPathStore(settings, db);
  await clientPaths.ensureDefaults();
  const messageNotifier = new MessageNotifier(store, mailer, (m) => console.warn(m));
  const offerNotifier = new OfferNotifier(db, store, mailer, (m) => console.warn(m));
  const waitListMatching = new WaitListMatching(store, offerNotifier);
  const helpSettings = new HelpRequestSettingsStore(settings);
  await helpSettings.ensureDefaults();
  const fhir = new FhirService(
    db,
    store,
    access,
    audit,
    {
      // The segmentation questionnaires' answers are assessments, every other answer a contact.
      QuestionnaireResponse: byQuestionnaire(new SegmentationAnswers(store, access, db), new ContactIntake(store, access, guidanceSettings, db)),
      Task: new ConsultationRequests(store, access),
      Communication: new MessageIntake(store, access, guidanceSettings, messageSettings, db),
      Questionnaire: questionnaireChanges,
      Observation: new MeasurementIntake(db, store, settings),
      Goal: new GoalIntake(store),
      Patient: new ClientRegistration(db, audit),
    },
    { Appointment: new AppointmentChanges(store, schedulingSettings, notifier, waitListMatching), Questionnaire: questionnaireChanges },
  );
  const materializer = new SlotMaterializer(db, store, schedulingSettings, waitListMatching);
  const accounts = new Accounts(db, { ...(config.loginLimits ? { limits: config.loginLimits } : {}), audit: new AuthAudit(store) });
  const tokens = await TokenService.create(settings, config.tokenSecret, { ...(config.tokenRecheckSeconds !== undefined ? { recheckSeconds: config.tokenRecheckSeconds } : {}) });
  const services: OviServices = { db, store, fhir, accounts, tokens, guidanceSettings, schedulingSettings, materializer, notifier, feedbackSettings, feedbackMail };
  if (config.seedDemo) await seedDemoRegion(services);

  const app = Fastify({
    // Requests are logged without query values (they may hold identity codes): see urlForLog.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: requestLogSerializers, redact: ['req.headers.authorization', 'req.headers["x-access-reason"]'] },
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.OVI_TRUST_PROXY === 'true',
    ...frameworkErrorOptions,
  });
  installBodyParsing(app);
  installErrorHandler(app, new RefusalAudit(tokens, audit, store));
  installSecurityHeaders(app);
  installMetrics(app, { token: config.metricsToken, ...(config.metricsPublic !== undefined ? { public: config.metricsPublic } : {}), openQueue: () => openGuidanceCount(db) });
  app.get('/healthz', async () => {
    await db.query('SELECT 1');
    return { status: 'ok', database: db.kind, ...(clockShifted() ? { clock: clockNow().toISOString() } : {}) };
  });
  registerAuthRoutes(app, { accounts, tokens, store });
  // SMART apps: the OpenID provider, discovery, app tokens on the FHIR API, CORS (decision 027).
  await registerSmartRoutes(app, { db, accounts, tokens, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), ...(config.regionSignIn ? { regionSignIn: config.regionSignIn } : {}) });
  const bookAppointment = new BookAppointment(db, fhir, schedulingSettings, notifier, waitListMatching);
  registerFhirRoutes(app, { fhir, tokens, resolveTask: new ResolveTask(db, fhir, guidanceSettings, (message) => {
    // Answers in a message thread are e-mailed like any professional's message; other contacts' answers as before.
    if (message.inResponseTo) messageNotifier.messageSent(message);
  }, { invitations: feedbackInvitations, mail: feedbackMail }), assessContact: new AssessContact(db, fhir, guidanceSettings), answerConsultation: new AnswerConsultation(db, fhir), recordVisitOutcome: new RecordVisitOutcome(db, fhir, notifier, waitListMatching, { invitations: feedbackInvitations, mail: feedbackMail }), schedulingSettings, bookAppointment, segmentPatient: new SegmentPatient(db, fhir, settings) });
  registerBundleRoutes(app, { db, fhir, tokens, limits: config.bundleLimits ?? DEFAULT_BUNDLE_LIMITS });
  registerSchedulingRoutes(app, { tokens, store, settings: schedulingSettings, materializer });
  registerMeasureRoutes(app, { db, tokens });
  registerGuidanceRoutes(app, { db, fhir, tokens, settings: guidanceSettings });
  registerClientRoutes(app, { fhir, tokens, settings });
  registerConsultationRoutes(app, { db, fhir, tokens });
  registerContactRoutes(app, { fhir, tokens, settings });
  registerQuestionnaireRoutes(app, { fhir, tokens, changes: questionnaireChanges });
  registerResidentRoutes(app, { db, tokens });
  // Message settings, the wait list and self-monitoring limits: GET/PUT with If-Match and dry run.
  registerAdminSettingRoutes(app, { tokens, settings: new AdminSettings(settings) });
  registerMessageRoutes(app, { db, fhir, tokens, settings: messageSettings, notifier: messageNotifier });
  registerSelfMonitoringRoutes(app, { db, fhir, tokens, settings, warn: (m) => app.log.warn(m) });
  registerCarePlanRoutes(app, { db, fhir, tokens, settings, warn: (m) => app.log.warn(m) });
  registerWaitListRoutes(app, { tokens, waitList: new WaitList(db, fhir, schedulingSettings, waitListMatching, bookAppointment.mover, notifier) });
  registerFeedbackRoutes(app, {
    tokens,
    answers: new FeedbackAnswers(db, store, feedbackSettings),
    results: new FeedbackResultsService(db, store, audit, feedbackSettings, mailer),
    settings: feedbackSettings,
  });
  const publicForms = new PublicFormGuard(db, tokens.derivedKey('public-form'));
  registerHelpRequestRoutes(app, { db, fhir, tokens, guidance: guidanceSettings, settings: helpSettings, guard: publicForms });
  registerNoticeRoutes(app, { db, fhir, tokens, guidance: guidanceSettings, limits: helpSettings, guard: publicForms });
  registerServiceFinderRoutes(app, { db, guard: publicForms });
  registerClientPathRoutes(app, { paths: clientPaths, settings, tokens });
  registerPortfolioRoutes(app, { tokens, portfolio: new PortfolioStore(settings) });
  registerSegmentationRoutes(app, { db, fhir, tokens, settings });
  services.chat = await installChat(app, { db, fhir, tokens, guidance: guidanceSettings, settings, feedback: { invitations: feedbackInvitations, mail: feedbackMail }, guard: publicForms });
  await registerWebApp(app, config.webDir);
  await app.ready();
  const reminders = config.reminderIntervalMinutes
    ? setInterval(() => {
        void notifier.sendReminders().catch((e: unknown) => app.log.warn(`reminders failed: ${(e as Error).message}`));
        // Offers whose e-mail was not sent (the process that made them stopped first).
        void offerNotifier.send().catch((e: unknown) => app.log.warn(`wait-list offers failed: ${(e as Error).message}`));
        // Survey e-mails a process could not send right after its commit (it stopped, or knew no address).
        void feedbackMail.sendDue().catch((e: unknown) => app.log.warn(`feedback e-mails failed: ${(e as Error).message}`));
      }, config.reminderIntervalMinutes * 60_000)
    : undefined;
  reminders?.unref();
  // Missing home measurements are looked for by this job in every process, each minute; whichever
  // process claims the turn in the database looks, at most every MISSING_SWEEP_MINUTES
  // (selfMonitoring/missingMeasurements.ts). Not on queue reads: a region-wide look inside a
  // request, and a claim on one shared row per read, were what the queue's slowest answers waited on.
  // Shared plans' reviews coming due within the lead time reach the responsible worker's queue
  // the same way (carePlan/reviewTasks.ts: one per plan and date, under a lock).
  const missingSweep = setInterval(() => {
    void lookForMissingMeasurements(db, store, settings, clockNow()).catch((e: unknown) => app.log.warn(`looking for missing home measurements failed: ${(e as Error).message}`));
    void carePlanSettings(settings, (m) => app.log.warn(m))
      .then((s) => raiseDueReviews(db, store, clockNow(), s.reviewLeadDays))
      .catch((e: unknown) => app.log.warn(`plan review tasks failed: ${(e as Error).message}`));
  }, 60_000);
  missingSweep.unref();
  // The continuity figures of the dashboard's periods, kept ahead of the first manager of the
  // day (decision 044): shortly after start, then every continuityKeepMinutes. Every process
  // runs it; one keeps each window, the others wait and find it kept. A round still under way
  // at the next tick is left to end.
  let keptAhead: Promise<unknown> | undefined;
  let closing = false;
  const keepAhead = () => {
    if (keptAhead) return;
    const freshMinutes = Math.max(1, Math.floor((config.continuityKeepMinutes ?? 0) / 2));
    keptAhead = keepPresetWindows(db, clockNow(), freshMinutes, () => closing)
      .catch((e: unknown) => app.log.warn(`keeping continuity figures ahead failed: ${(e as Error).message}`))
      .finally(() => (keptAhead = undefined));
  };
  const continuityFirstKeep = config.continuityKeepMinutes ? setTimeout(keepAhead, FIRST_KEEP_AFTER_MS) : undefined;
  const continuityKeep = config.continuityKeepMinutes ? setInterval(keepAhead, config.continuityKeepMinutes * 60_000) : undefined;
  continuityFirstKeep?.unref();
  continuityKeep?.unref();
  // The embedded database has no autovacuum: its statistics and visibility are kept here (db/embeddedUpkeep.ts).
  const embeddedUpkeep =
    db.kind === 'pglite'
      ? setInterval(() => void upkeep(db).catch((e: unknown) => app.log.warn(`database upkeep failed: ${(e as Error).message}`)), UPKEEP_INTERVAL_MS)
      : undefined;
  embeddedUpkeep?.unref();
  return {
    app,
    services,
    close: async () => {
      if (reminders) clearInterval(reminders);
      clearInterval(missingSweep);
      if (embeddedUpkeep) clearInterval(embeddedUpkeep);
      closing = true;
      clearTimeout(continuityFirstKeep);
      clearInterval(continuityKeep);
      await services.chat?.stop();
      await app.close();
      // Continuity rows being kept (decisions 041, 044) end before their database does.
      await keptAhead;
      await keepingDone(db);
      await db.close();
    },
  };
}
