import { useEffect } from 'react';

/** Sets the browser tab title to "<page> · Engage" while the page is shown. */
export function useDocumentTitle(page: string | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} · Engage` : 'Engage';
  }, [page]);
}
