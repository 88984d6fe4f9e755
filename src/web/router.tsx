import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { PageLoader } from './layout/PageLoader';
import { RouteError } from './layout/RouteError';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const PipelinePage = lazy(() => import('./pipeline/PipelinePage'));
const NewProjectPage = lazy(() => import('./projects/NewProjectPage'));
const ProjectPage = lazy(() => import('./projects/ProjectPage'));
const OrganisationsPage = lazy(() => import('./organisations/OrganisationsPage'));
const OrganisationPage = lazy(() => import('./organisations/OrganisationPage'));
const UsersPage = lazy(() => import('./admin/UsersPage'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage'));

function suspended(node: ReactNode) {
  return <Suspense fallback={<PageLoader />}>{node}</Suspense>;
}

export const router = createBrowserRouter([
  { path: '/login', element: suspended(<LoginPage />), errorElement: <RouteError /> },
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
      { path: 'admin/users', element: <UsersPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
