/** Chooses the screen from the path and the signed-in user's roles (`GET /auth/me`). */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { AccessLog } from '../resident/AccessLog';
import { MyAppointments } from '../resident/MyAppointments';
import { MyContacts } from '../resident/MyContacts';
import { RegisterSharing } from '../resident/RegisterSharing';
import { SendContact } from '../resident/SendContact';
import { SelfBooking } from '../resident/booking/SelfBooking';
import { TeamSchedule } from '../workbench/teamSchedule/TeamSchedule';
import { ContactView } from '../workbench/ContactView';
import { PhoneContact } from '../workbench/PhoneContact';
import { Queue } from '../workbench/Queue';
import { MySchedule } from '../workbench/schedule/MySchedule';
import { CareGuaranteeRules } from '../admin/CareGuaranteeRules';
import { QuestionnaireList } from '../admin/QuestionnaireList';
import { RoutingRules } from '../admin/RoutingRules';
import { ScheduleTemplates } from '../admin/ScheduleTemplates';
import { AccessMeasures } from '../manager/AccessMeasures';
import { ManagerDashboard } from '../manager/ManagerDashboard';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/SessionContext';
import { AppShell } from '../components/AppShell';
import { Loading } from '../components/Loading';
import { useRouter } from './router';
import { PATHS, homeFor, isAllowed } from './routes';

// Only administrators edit the directory: its forms load when first opened.
const DirectoryPage = lazy(() => import('../admin/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
// The safety configuration is for administrators only, too.
const SafetyScreenPage = lazy(() => import('../admin/safety/SafetyScreenPage').then((m) => ({ default: m.SafetyScreenPage })));
const ConfigurationGaps = lazy(() => import('../admin/ConfigurationGaps').then((m) => ({ default: m.ConfigurationGaps })));
const AccessLifetimes = lazy(() => import('../admin/AccessLifetimes').then((m) => ({ default: m.AccessLifetimes })));

function Screen({ path }: { path: string }) {
  if (path.startsWith(`${PATHS.queue}/`)) return <ContactView taskId={decodeURIComponent(path.slice(PATHS.queue.length + 1))} />;
  if (path === PATHS.directory || path.startsWith(`${PATHS.directory}/`)) {
    return (
      <Suspense fallback={<Loading />}>
        <DirectoryPage path={path} />
      </Suspense>
    );
  }
  switch (path) {
    case PATHS.sendContact:
      return <SendContact />;
    case PATHS.myContacts:
      return <MyContacts />;
    case PATHS.accessLog:
      return <AccessLog />;
    case PATHS.sharing:
      return <RegisterSharing />;
    case PATHS.appointments:
      return <MyAppointments />;
    case PATHS.book:
      return <SelfBooking />;
    case PATHS.teamSchedule:
      return <TeamSchedule />;
    case PATHS.schedule:
      return <MySchedule />;
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
      return (
        <Suspense fallback={<Loading />}>
          <SafetyScreenPage />
        </Suspense>
      );
    case PATHS.configurationGaps:
      return (
        <Suspense fallback={<Loading />}>
          <ConfigurationGaps />
        </Suspense>
      );
    case PATHS.accessLifetimes:
      return (
        <Suspense fallback={<Loading />}>
          <AccessLifetimes />
        </Suspense>
      );
    case PATHS.figures:
      return <ManagerDashboard />;
    case PATHS.access:
      return <AccessMeasures />;
    default:
      return null;
  }
}

export function App() {
  const { status, user } = useSession();
  const { path, navigate, navigations } = useRouter();
  const roles = useMemo(() => user?.roles ?? [], [user]);
  const allowed = status === 'signed-in' && isAllowed(path, roles);

  useEffect(() => {
    // Signed in on a path that is not theirs (or on / or /login): go to their first screen.
    if (status === 'signed-in' && !isAllowed(path, roles)) navigate(homeFor(roles), { replace: true });
  }, [status, path, roles, navigate]);

  return (
    <AppShell>
      {status === 'checking' && <Loading />}
      {status === 'signed-out' && <LoginPage />}
      {/* Keyed by navigation: following a link to the current screen starts it afresh. */}
      {allowed && <Screen key={navigations} path={path} />}
    </AppShell>
  );
}
