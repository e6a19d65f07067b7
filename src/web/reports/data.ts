import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ReportDistributionView,
  ReportScheduleView,
  ScheduleInput,
  SchedulePatch,
} from '../../modules/reports/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Page } from '../types.ts';

/**
 * Service reporting as the web reads and writes it (ISO/IEC 20000-1 9.4, docs/check-and-act.md): the
 * schedules of reports mailed each period, sending one now, and the distribution record that is 9.4's
 * evidence.
 */
export type {
  ReportDistributionView as Distribution,
  ReportScheduleView as ReportSchedule,
  ScheduleInput,
  SchedulePatch,
};

const key = areaKeys('service-reports');
export const reportKeys = {
  all: key(),
  schedules: (filter: string) => key('schedules', filter),
  distributions: (filter: string) => key('distributions', filter),
};

export function useReportSchedules(page: number, size: number) {
  const params = query({ limit: size, offset: (page - 1) * size });
  return useQuery({
    queryKey: reportKeys.schedules(params),
    queryFn: () => get<Page<ReportScheduleView>>(`/api/v1/report-schedules?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useDistributions(scheduleId: string | null, page: number, size: number) {
  const params = query({ limit: size, offset: (page - 1) * size, scheduleId });
  return useQuery({
    queryKey: reportKeys.distributions(params),
    queryFn: () => get<Page<ReportDistributionView>>(`/api/v1/report-distributions?${params}`),
    placeholderData: keepPreviousData,
  });
}

/** A schedule saved: a new one (POST), or one changed at the version read (PATCH). */
export type SaveSchedule = { id?: string; version?: number; body: ScheduleInput };

export const useSaveReportSchedule = (hooks?: SaveHooks<SaveSchedule, unknown>) =>
  useSaveMutation({
    send: ({ id, version, body }: SaveSchedule) =>
      id
        ? send('PATCH', `/api/v1/report-schedules/${id}`, body satisfies SchedulePatch, version)
        : send('POST', '/api/v1/report-schedules', body),
    refresh: [reportKeys.all],
    ...hooks,
  });

/** Switches a schedule on or off. */
export const useToggleSchedule = () =>
  useSaveMutation({
    noForm: true,
    send: ({ id, version, active }: { id: string; version: number; active: boolean }) =>
      send('PATCH', `/api/v1/report-schedules/${id}`, { active }, version),
    refresh: [reportKeys.all],
  });

/** Removes a schedule that has sent nothing yet. */
export const useDeleteSchedule = () =>
  useSaveMutation({
    noForm: true,
    send: (id: string) => send('DELETE', `/api/v1/report-schedules/${id}`),
    refresh: [reportKeys.all],
  });

/** Sends the report of the period just ended now; its distribution comes back. */
export const useSendNow = (hooks?: SaveHooks<string, ReportDistributionView>) =>
  useSaveMutation({
    noForm: true,
    send: (id: string) => send<ReportDistributionView>('POST', `/api/v1/report-schedules/${id}/send-now`),
    refresh: [reportKeys.all],
    ...hooks,
  });
