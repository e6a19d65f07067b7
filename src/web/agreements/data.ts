import { useQuery } from '@tanstack/react-query';
import type { AgreementView, BusinessCalendar, ServiceLevelReport } from '../../modules/agreements/index.ts';
import { get, query, saveRecord } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';

export type { Holiday, Interval } from '../../modules/agreements/index.ts';
/** Service level management: agreements (SLA, OLA, underpinning contracts), business calendars, reports. */
export type { AgreementView, BusinessCalendar, ServiceLevelReport };

const key = areaKeys('agreements');
export const agreementKeys = {
  all: key(),
  list: () => key('list'),
  uncovered: () => key('services-without-sla'),
  calendars: () => key('calendars'),
  report: (id: string, from: string, to: string) => key('report', id, from, to),
};

export const useAgreements = () =>
  useQuery({
    queryKey: agreementKeys.list(),
    queryFn: () => get<{ items: AgreementView[] }>('/api/v1/agreements'),
  });

/** The live services no SLA covers yet. */
export const useServicesWithoutSla = () =>
  useQuery({
    queryKey: agreementKeys.uncovered(),
    queryFn: () =>
      get<{ items: Array<{ id: string; name: string }> }>('/api/v1/agreements/services-without-sla'),
  });

type Save = { editing: { id: string; version: number } | undefined; body: object };
const versioned = (editing: Save['editing']) =>
  editing && { id: editing.id, ifMatch: `"${editing.version}"` };

/** Adds an agreement, or changes the one being edited at the version read. */
export const useSaveAgreement = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({
    send: async ({ editing, body }: Save) =>
      (await saveRecord('/api/v1/agreements', versioned(editing), body)).data,
    refresh: [agreementKeys.all],
    ...hooks,
  });

export const useCalendars = () =>
  useQuery({
    queryKey: agreementKeys.calendars(),
    queryFn: () => get<{ items: BusinessCalendar[] }>('/api/v1/calendars'),
  });

export const useSaveCalendar = (hooks?: SaveHooks<Save, unknown>) =>
  useSaveMutation({
    send: async ({ editing, body }: Save) =>
      (await saveRecord('/api/v1/calendars', versioned(editing), body)).data,
    refresh: [agreementKeys.calendars()],
    ...hooks,
  });

/** An agreement's service level report for the days from and to (inclusive), when they make a period. */
export const useServiceLevelReport = (id: string, from: string, to: string) =>
  useQuery({
    queryKey: agreementKeys.report(id, from, to),
    queryFn: () => get<ServiceLevelReport>(`/api/v1/agreements/${id}/report?${query({ from, to })}`),
    enabled: !!from && !!to && from <= to,
  });
