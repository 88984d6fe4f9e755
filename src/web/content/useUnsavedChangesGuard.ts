import { useEffect } from 'react';
import { useBlocker } from 'react-router';

/** Asks before leaving with unsaved changes: inside the app (router blocker) and when closing or reloading the tab. */
export function useUnsavedChangesGuard(isDirty: boolean) {
  // The search counts too: a content item's address is `/admin/content/item?path=…`.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (!isDirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);
  return blocker;
}
