import { useEffect } from 'react';

/** Sets the browser tab title to "<page> · <vendor>" while a portal page is shown. */
export function usePortalTitle(page: string | undefined, vendor: string | undefined): void {
  useEffect(() => {
    document.title = [page, vendor].filter(Boolean).join(' · ') || 'Engage';
  }, [page, vendor]);
}
