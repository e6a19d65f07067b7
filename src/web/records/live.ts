import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sharedKeys } from '../app/data.ts';
import { eventsUrl, workItemKeys } from './data.ts';

/**
 * Listens to Keel's server-sent events while the app is open: when someone changes a work item, the lists
 * and the item's page fetch it again. EventSource reconnects by itself after a network break.
 */
export function useLiveUpdates() {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(eventsUrl);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = new Set<string>();
    source.addEventListener('work-item', (e) => {
      const { number } = JSON.parse((e as MessageEvent).data) as { number: string };
      changed.add(number);
      // a burst of changes (a bulk update) refreshes once
      clearTimeout(timer);
      timer = setTimeout(() => {
        void qc.invalidateQueries({ queryKey: workItemKeys.lists() });
        void qc.invalidateQueries({ queryKey: workItemKeys.queues() });
        void qc.invalidateQueries({ queryKey: sharedKeys.notifications() });
        for (const n of changed) void qc.invalidateQueries({ queryKey: workItemKeys.item(n) });
        changed.clear();
      }, 150);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [qc]);
}
