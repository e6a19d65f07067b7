import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, Verification } from '../../kernel/audit/routes.ts';
import { get, query } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import type { Page } from '../types.ts';

/** The audit log: its entries, newest first, and the check of its hash chain. */

export type { AuditEntry, Verification };

const key = areaKeys('audit');
export const auditKeys = { page: (offset: number, limit: number) => key('page', offset, limit) };

export const useAuditLog = (page: number, size: number) =>
  useQuery({
    queryKey: auditKeys.page((page - 1) * size, size),
    queryFn: () =>
      get<Page<AuditEntry>>(`/api/v1/audit-log?${query({ limit: size, offset: (page - 1) * size })}`),
    placeholderData: keepPreviousData,
  });

/** Walks the chain of sealed entries and says whether it is intact: a read, run when asked for. */
export const useVerifyAuditLog = () =>
  useMutation({ mutationFn: () => get<Verification>('/api/v1/audit-log/verification') });
