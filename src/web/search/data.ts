import { useQuery } from '@tanstack/react-query';
import type { SearchHit } from '../../modules/servicedesk/index.ts';
import { get, query } from '../api.ts';
import { areaKeys } from '../app/keys.ts';

/** Full-text search over the work items the reader may see (the service desk's search). */
export type { SearchHit };

const key = areaKeys('search');
export const searchKeys = { hits: (q: string, offset: number, limit: number) => key(q, offset, limit) };

export const useSearch = (q: string, offset: number, limit: number) =>
  useQuery({
    queryKey: searchKeys.hits(q, offset, limit),
    enabled: q.trim().length > 0,
    queryFn: () => get<{ items: SearchHit[] }>(`/api/v1/search?${query({ q, limit, offset })}`),
  });
