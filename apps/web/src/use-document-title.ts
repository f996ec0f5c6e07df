import { useEffect } from 'react';

/** Sets the tab's title (and what a stream capture shows) while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
