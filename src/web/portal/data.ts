import { useQuery } from '@tanstack/react-query';
import type { ServiceStatus } from '../../modules/servicedesk/index.ts';
import { get } from '../api.ts';
import { areaKeys } from '../app/keys.ts';

/** The portal's own answer: how the reader's services are (the service desk's service status). */
export type { ServiceStatus };

const key = areaKeys('portal');
export const portalKeys = { status: (language: string) => key('service-status', language) };

export const useServiceStatus = (language: string) =>
  useQuery({
    queryKey: portalKeys.status(language),
    queryFn: () => get<{ items: ServiceStatus[] }>(`/api/v1/service-status?language=${language}`),
    refetchInterval: 60_000,
  });
