import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { setUnauthorizedHandler } from './api/client';
import { ApiError } from './api/errors';
import { sessionQueryKey } from './auth/session';
import { router } from './router';

function createAppTheme(closeLabel: string, clearLabel: string) {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: 7,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    defaultRadius: 'sm',
    focusRing: 'auto',
    // Plain objects rather than Component.extend(): importing Modal or Select here would put them
    // in the entry chunk that the login page loads.
    components: {
      // Badges carry short labels (codes, states); never cut them to an ellipsis in narrow table cells.
      Badge: { styles: { root: { flexShrink: 0, minWidth: 'max-content' } } },
      // Mantine's close and clear buttons are icons only; give them names screen readers announce.
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Select: { defaultProps: { clearButtonProps: { 'aria-label': clearLabel } } },
      MultiSelect: { defaultProps: { clearButtonProps: { 'aria-label': clearLabel } } },
    },
  });
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const clearLabel = t('common.clear');
  const theme = useMemo(() => createAppTheme(closeLabel, clearLabel), [closeLabel, clearLabel]);

  useEffect(() => {
    // A 401 means the session ended; forgetting the user sends every page to /login.
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(sessionQueryKey, null);
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
