import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { PageLoader } from './layout/PageLoader';
import { RouteError } from './layout/RouteError';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const ForgotPasswordPage = lazy(() => import('./auth/ForgotPasswordPage'));
const SetPasswordPage = lazy(() => import('./auth/SetPasswordPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const PipelinePage = lazy(() => import('./pipeline/PipelinePage'));
const NewProjectPage = lazy(() => import('./projects/NewProjectPage'));
const ProjectPage = lazy(() => import('./projects/ProjectPage'));
const OrganisationsPage = lazy(() => import('./organisations/OrganisationsPage'));
const OrganisationPage = lazy(() => import('./organisations/OrganisationPage'));
const UsersPage = lazy(() => import('./admin/UsersPage'));
const TrialMailboxPage = lazy(() => import('./admin/TrialMailboxPage'));
const PurchaseOrdersPage = lazy(() => import('./purchase-orders/PurchaseOrdersPage'));
const NewPurchaseOrderPage = lazy(() => import('./purchase-orders/NewPurchaseOrderPage'));
const ImportPurchaseOrdersPage = lazy(() => import('./purchase-orders/ImportPurchaseOrdersPage'));
const PurchaseOrderPage = lazy(() => import('./purchase-orders/PurchaseOrderPage'));
const ContentPage = lazy(() => import('./content/ContentPage'));
const ContentItemPage = lazy(() => import('./content/ContentItemPage'));
const EmailTemplatePage = lazy(() => import('./content/EmailTemplatePage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const CapacityPage = lazy(() => import('./calendar/CapacityPage'));
const DossiersPage = lazy(() => import('./delivery/DossiersPage'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage'));
const PortalApp = lazy(() => import('./portal/PortalApp'));
const VerifyPage = lazy(() => import('./verify/VerifyPage'));

function suspended(node: ReactNode) {
  return <Suspense fallback={<PageLoader />}>{node}</Suspense>;
}

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />), errorElement: <RouteError /> },
  { path: '/forgot-password', element: suspended(<ForgotPasswordPage />), errorElement: <RouteError /> },
  // A password link from an email (a reset or an invitation): public, its token after '#'.
  { path: '/set-password', element: suspended(<SetPasswordPage />), errorElement: <RouteError /> },
  { path: '/portal/*', element: suspended(<PortalApp />), errorElement: <RouteError /> },
  // Public: anyone holding a sealed PDF checks it here, without an account.
  { path: '/verify', element: suspended(<VerifyPage />), errorElement: <RouteError /> },
  {
    path: '/',
    element: <RequireSession>{suspended(<AppLayout />)}</RequireSession>,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <PipelinePage /> },
      { path: 'projects/new', element: <NewProjectPage /> },
      { path: 'projects/:id', element: <ProjectPage /> },
      { path: 'organisations', element: <OrganisationsPage /> },
      { path: 'organisations/:id', element: <OrganisationPage /> },
      { path: 'purchase-orders', element: <PurchaseOrdersPage /> },
      { path: 'purchase-orders/new', element: <NewPurchaseOrderPage /> },
      { path: 'purchase-orders/import', element: <ImportPurchaseOrdersPage /> },
      { path: 'purchase-orders/:id', element: <PurchaseOrderPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'capacity', element: <CapacityPage /> },
      { path: 'dossiers', element: <DossiersPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/trial-mailbox', element: <TrialMailboxPage /> },
      { path: 'admin/content', element: <ContentPage /> },
      { path: 'admin/content/item', element: <ContentItemPage /> },
      { path: 'admin/email-templates/:key/:language', element: <EmailTemplatePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
