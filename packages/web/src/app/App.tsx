/** Chooses the screen from the path and the signed-in user's roles (`GET /auth/me`). */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/SessionContext';
import { AppShell } from '../components/AppShell';
import { Loading } from '../components/Loading';
import { useRouter } from './router';
import { FOLDED_INTO_DASHBOARD, PATHS, homeFor, isAllowed, isPublicPath } from './routes';
import { HELP_PATH, HelpButton, NOTICE_PATH } from '../helpRequests/HelpButton';
import { ChatLink } from '../chat/ChatLink';

// Every screen is its own chunk, loaded when first opened, so the first page (the log-in page,
// often on a resident's phone) carries no resident, workbench, admin or manager screens.
// The chunk files: `npm run build` lists them; the budget: test/e2e/firstLoad.browser.test.ts.
const SendContact = lazy(() => import('../resident/SendContact').then((m) => ({ default: m.SendContact })));
const MyContacts = lazy(() => import('../resident/MyContacts').then((m) => ({ default: m.MyContacts })));
const AccessLog = lazy(() => import('../resident/AccessLog').then((m) => ({ default: m.AccessLog })));
const RegisterSharing = lazy(() => import('../resident/RegisterSharing').then((m) => ({ default: m.RegisterSharing })));
const MyAppointments = lazy(() => import('../resident/MyAppointments').then((m) => ({ default: m.MyAppointments })));
const SelfBooking = lazy(() => import('../resident/booking/SelfBooking').then((m) => ({ default: m.SelfBooking })));
const MessagesPage = lazy(() => import('../messages/MessagesPage').then((m) => ({ default: m.MessagesPage })));
const ThreadPage = lazy(() => import('../messages/ThreadPage').then((m) => ({ default: m.ThreadPage })));
const MyMeasurements = lazy(() => import('../selfMonitoring/MyMeasurements').then((m) => ({ default: m.MyMeasurements })));
const ClientMonitoring = lazy(() => import('../selfMonitoring/ClientMonitoring').then((m) => ({ default: m.ClientMonitoring })));
const MyCarePlan = lazy(() => import('../carePlan/MyCarePlan').then((m) => ({ default: m.MyCarePlan })));
const PlanEditor = lazy(() => import('../carePlan/PlanEditor').then((m) => ({ default: m.PlanEditor })));
const ActingFor = lazy(() => import('../resident/ActingFor').then((m) => ({ default: m.ActingFor })));
const Queue = lazy(() => import('../workbench/Queue').then((m) => ({ default: m.Queue })));
const ContactView = lazy(() => import('../workbench/ContactView').then((m) => ({ default: m.ContactView })));
const PhoneContact = lazy(() => import('../workbench/PhoneContact').then((m) => ({ default: m.PhoneContact })));
const MySchedule = lazy(() => import('../workbench/schedule/MySchedule').then((m) => ({ default: m.MySchedule })));
const VisitView = lazy(() => import('../workbench/schedule/VisitView').then((m) => ({ default: m.VisitView })));
const ConsultationsPage = lazy(() => import('../workbench/consultations/ConsultationsPage').then((m) => ({ default: m.ConsultationsPage })));
const TeamSchedule = lazy(() => import('../workbench/teamSchedule/TeamSchedule').then((m) => ({ default: m.TeamSchedule })));
const QuestionnaireList = lazy(() => import('../admin/QuestionnaireList').then((m) => ({ default: m.QuestionnaireList })));
const RoutingRules = lazy(() => import('../admin/RoutingRules').then((m) => ({ default: m.RoutingRules })));
const CareGuaranteeRules = lazy(() => import('../admin/CareGuaranteeRules').then((m) => ({ default: m.CareGuaranteeRules })));
const ScheduleTemplates = lazy(() => import('../admin/ScheduleTemplates').then((m) => ({ default: m.ScheduleTemplates })));
const DirectoryPage = lazy(() => import('../admin/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const SafetyScreenPage = lazy(() => import('../admin/safety/SafetyScreenPage').then((m) => ({ default: m.SafetyScreenPage })));
const ConfigurationGaps = lazy(() => import('../admin/ConfigurationGaps').then((m) => ({ default: m.ConfigurationGaps })));
const SmallSettings = lazy(() => import('../admin/settings/SmallSettings').then((m) => ({ default: m.SmallSettings })));
const SmartAppsPage = lazy(() => import('../admin/smartApps/SmartAppsPage').then((m) => ({ default: m.SmartAppsPage })));
const OpeningHoursPage = lazy(() => import('../admin/hours/OpeningHoursPage').then((m) => ({ default: m.OpeningHoursPage })));
const AccessLifetimes = lazy(() => import('../admin/AccessLifetimes').then((m) => ({ default: m.AccessLifetimes })));
const ReplyTemplates = lazy(() => import('../admin/ReplyTemplates').then((m) => ({ default: m.ReplyTemplates })));
const NoticeForm = lazy(() => import('../socialNotices/NoticeForm').then((m) => ({ default: m.NoticeForm })));
const NoticeQueue = lazy(() => import('../socialNotices/NoticeQueue').then((m) => ({ default: m.NoticeQueue })));
const HelpRequestPage = lazy(() => import('../helpRequests/HelpRequestPage').then((m) => ({ default: m.HelpRequestPage })));
const ServiceFinderPage = lazy(() => import('../serviceFinder/ServiceFinderPage').then((m) => ({ default: m.ServiceFinderPage })));
const ClientPathPage = lazy(() => import('../clientPaths/ClientPathPage').then((m) => ({ default: m.ClientPathPage })));
const ClientPathsAdmin = lazy(() => import('../clientPaths/ClientPathsAdmin').then((m) => ({ default: m.ClientPathsAdmin })));
const MyFeedback = lazy(() => import('../feedback/MyFeedback').then((m) => ({ default: m.MyFeedback })));
const SurveyPage = lazy(() => import('../feedback/SurveyPage').then((m) => ({ default: m.SurveyPage })));
const FeedbackResultsPage = lazy(() => import('../feedback/FeedbackResultsPage').then((m) => ({ default: m.FeedbackResultsPage })));
const PortfolioPage = lazy(() => import('../portfolio/PortfolioPage').then((m) => ({ default: m.PortfolioPage })));
const DashboardPage = lazy(() => import('../dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const MySegment = lazy(() => import('../segmentation/MySegment').then((m) => ({ default: m.MySegment })));
const HighNeedPage = lazy(() => import('../segmentation/HighNeedPage').then((m) => ({ default: m.HighNeedPage })));
const SegmentationAdmin = lazy(() => import('../segmentation/SegmentationAdmin').then((m) => ({ default: m.SegmentationAdmin })));
const ChatPage = lazy(() => import('../chat/ChatPage').then((m) => ({ default: m.ChatPage })));
const ChatConsole = lazy(() => import('../chat/ChatConsole').then((m) => ({ default: m.ChatConsole })));

/** An older address that now lives elsewhere: replaced in the history, its query (the period) kept. */
function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(`${to}${window.location.search}`, { replace: true }), [navigate, to]);
  return null;
}

function Screen({ path }: { path: string }) {
  const folded = FOLDED_INTO_DASHBOARD[path];
  if (folded) return <Redirect to={folded} />;
  if (path.startsWith(`${PATHS.services}/paths/`)) return <ClientPathPage id={decodeURIComponent(path.slice(`${PATHS.services}/paths/`.length))} />;
  if (path === PATHS.services) return <ServiceFinderPage />;
  if (path === PATHS.clientPathsAdmin) return <ClientPathsAdmin />;
  if (path.startsWith(`${PATHS.schedule}/visit/`)) return <VisitView id={decodeURIComponent(path.slice(`${PATHS.schedule}/visit/`.length))} />;
  if (path.startsWith(`${PATHS.messages}/`)) return <ThreadPage threadId={decodeURIComponent(path.slice(PATHS.messages.length + 1))} />;
  if (path.startsWith(`${PATHS.myFeedback}/`)) return <MyFeedback id={decodeURIComponent(path.slice(PATHS.myFeedback.length + 1))} />;
  if (path.startsWith(`${PATHS.queue}/`)) return <ContactView taskId={decodeURIComponent(path.slice(PATHS.queue.length + 1))} />;
  if (path === PATHS.directory || path.startsWith(`${PATHS.directory}/`)) {
    return <DirectoryPage path={path} />;
  }
  if (path === PATHS.dashboard || path.startsWith(`${PATHS.dashboard}/`)) return <DashboardPage path={path} />;
  if (path === '/care-plans' || path.startsWith('/care-plans/')) return <PlanEditor patientId={path.startsWith('/care-plans/') ? decodeURIComponent(path.slice('/care-plans/'.length)) : undefined} />;
  if (path === '/monitoring' || path.startsWith('/monitoring/')) return <ClientMonitoring patientId={path.startsWith('/monitoring/') ? decodeURIComponent(path.slice('/monitoring/'.length)) : undefined} />;
  switch (path) {
    case PATHS.chat: return <ChatPage />;
    case PATHS.chatConsole: return <ChatConsole />;
    case '/my-measurements': return <MyMeasurements />;
    case '/my-everyday': return <MySegment />;
    case '/high-need': return <HighNeedPage />;
    case '/admin/segmentation': return <SegmentationAdmin />;
    case '/my-plan': return <MyCarePlan />;
    case PATHS.sendContact:
      return <SendContact />;
    case PATHS.myContacts:
      return <MyContacts />;
    case PATHS.accessLog:
      return <AccessLog />;
    case PATHS.sharing:
      return <RegisterSharing />;
    case PATHS.messages: return <MessagesPage />;
    case '/acting-for': return <ActingFor />;
    case PATHS.appointments:
      return <MyAppointments />;
    case PATHS.book:
      return <SelfBooking />;
    case PATHS.teamSchedule:
      return <TeamSchedule />;
    case PATHS.schedule:
      return <MySchedule />;
    case PATHS.consultations:
      return <ConsultationsPage />;
    case PATHS.queue:
      return <Queue />;
    case PATHS.phoneContact:
      return <PhoneContact />;
    case PATHS.questionnaires:
      return <QuestionnaireList />;
    case PATHS.routingRules:
      return <RoutingRules />;
    case PATHS.careGuarantee:
      return <CareGuaranteeRules />;
    case PATHS.schedules:
      return <ScheduleTemplates />;
    case PATHS.safetyScreen:
      return <SafetyScreenPage />;
    case PATHS.configurationGaps:
      return <ConfigurationGaps />;
    case '/admin/reply-templates': return <ReplyTemplates />;
    case '/admin/settings': return <SmallSettings />;
    case '/admin/smart-apps': return <SmartAppsPage />;
    case '/admin/opening-hours': return <OpeningHoursPage />;
    case PATHS.accessLifetimes:
      return <AccessLifetimes />;
    case PATHS.portfolio:
      return <PortfolioPage />;
    case PATHS.myFeedback:
      return <MyFeedback />;
    case PATHS.feedbackResults:
      return <FeedbackResultsPage />;
    case PATHS.notices:
      return <NoticeQueue />;
    case PATHS.sendNotice:
      return <NoticeForm />;
    default:
      return null;
  }
}

export function App() {
  const { status, user } = useSession();
  const { path, navigate, navigations } = useRouter();
  const roles = useMemo(() => user?.roles ?? [], [user]);
  const registers = useMemo(() => user?.registers ?? [], [user]);
  // A survey link from an e-mail opens without logging in (the link is its key), signed in or not.
  const surveyToken = path.startsWith(PATHS.feedbackLink) ? decodeURIComponent(path.slice(PATHS.feedbackLink.length)) : undefined;
  // The service finder and client paths are for anyone, logged in or not.
  const open = isPublicPath(path);
  const allowed = (status === 'signed-in' && isAllowed(path, roles, registers)) || (open && status !== 'checking');

  useEffect(() => {
    // Signed in on a path that is not theirs (or on / or /login): go to their first screen.
    if (status === 'signed-in' && !surveyToken && !open && !isAllowed(path, roles, registers)) navigate(homeFor(roles, registers), { replace: true });
  }, [status, path, roles, registers, navigate, surveyToken, open]);

  if (surveyToken !== undefined) {
    return (
      <AppShell>
        <Suspense fallback={<Loading />}>
          <SurveyPage source={{ token: surveyToken }} />
        </Suspense>
      </AppShell>
    );
  }

  return (
    <AppShell>
      {status === 'checking' && <Loading />}
      {/* Without logging in: the help button's form and the notice form; the front page offers both. */}
      {status === 'signed-out' && !open && (path === HELP_PATH || path === NOTICE_PATH) && (
        <Suspense fallback={<Loading />}>{path === HELP_PATH ? <HelpRequestPage /> : <NoticeForm />}</Suspense>
      )}
      {status === 'signed-out' && !open && path !== HELP_PATH && path !== NOTICE_PATH && (
        <>
          {/* The page's heading and the log-in form first; the help button right after them. */}
          <LoginPage />
          <HelpButton />
          <ChatLink />
        </>
      )}
      {/* Keyed by navigation: following a link to the current screen starts it afresh. */}
      {allowed && (
        <Suspense fallback={<Loading />}>
          <Screen key={navigations} path={path} />
        </Suspense>
      )}
    </AppShell>
  );
}
