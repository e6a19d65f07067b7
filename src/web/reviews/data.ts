import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AttendeesInput,
  DecisionInput,
  ReviewActionInput,
  ReviewActionView,
  ReviewInput,
  ReviewInputsView,
  ReviewPatch,
  ReviewSchedule,
  ReviewSummary,
  ReviewView,
} from '../../modules/reviews/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { governanceKeys } from '../governance/data.ts';
import type { Page } from '../types.ts';

/**
 * Management reviews as the web reads and writes them (ISO/IEC 20000-1 9.3, docs/check-and-act.md): the
 * reviews and their schedule, one review's inputs assembled from live data (frozen once held), the meeting's
 * attendance, decisions and actions, and the actions of every review tracked to closure.
 */
export type {
  AttendeesInput,
  DecisionInput,
  ReviewActionInput,
  ReviewActionView as ReviewAction,
  ReviewInput,
  ReviewInputsView as ReviewInputs,
  ReviewPatch,
  ReviewSchedule,
  ReviewSummary,
  ReviewView as Review,
};
export type ScheduleInput = Pick<ReviewSchedule, 'everyMonths' | 'remindDays'>;
export type ReviewStep = ReviewView['transitions'][number];

const key = areaKeys('reviews');
export const reviewKeys = {
  all: key(),
  list: (filter: string) => key('list', filter),
  one: (id: string) => key('one', id),
  // apart from the review's own key: a comment saved does not assemble every input again; a step does
  inputs: (id: string) => areaKeys('review-inputs')(id),
  actions: (filter: string) => key('actions', filter),
  schedule: () => key('schedule'),
};

/** What a review's change makes stale: the reviews, their actions, and the leadership dashboard that shows them. */
const stale = [reviewKeys.all, governanceKeys.leadership()];

export const pdfUrl = (id: string) => `/api/v1/management-reviews/${id}/minutes.pdf`;

export function useReviews(state: string | null, page: number, size: number) {
  const params = query({ limit: size, offset: (page - 1) * size, state });
  return useQuery({
    queryKey: reviewKeys.list(params),
    queryFn: () => get<Page<ReviewSummary>>(`/api/v1/management-reviews?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useReview = (id: string) =>
  useQuery({
    queryKey: reviewKeys.one(id),
    queryFn: () => get<ReviewView>(`/api/v1/management-reviews/${id}`),
  });

/** The inputs as assembled now from live data, or as frozen when the review was held. */
export const useReviewInputs = (id: string) =>
  useQuery({
    queryKey: reviewKeys.inputs(id),
    queryFn: () => get<ReviewInputsView>(`/api/v1/management-reviews/${id}/inputs`),
  });

export function useReviewActions(open: boolean, page: number, size: number) {
  const params = query({ limit: size, offset: (page - 1) * size, open: open ? 'true' : undefined });
  return useQuery({
    queryKey: reviewKeys.actions(params),
    queryFn: () => get<Page<ReviewActionView>>(`/api/v1/review-actions?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useReviewSchedule = (enabled = true) =>
  useQuery({
    queryKey: reviewKeys.schedule(),
    enabled,
    queryFn: () => get<ReviewSchedule>('/api/v1/management-review-schedule'),
  });

export const usePlanReview = (hooks?: SaveHooks<ReviewInput, ReviewView>) =>
  useSaveMutation({
    send: (body: ReviewInput) => send<ReviewView>('POST', '/api/v1/management-reviews', body),
    refresh: stale,
    ...hooks,
  });

/** Changes the plan or comments inputs (commentary merges: an empty text removes one comment). */
export const useUpdateReview = (
  id: string,
  hooks?: SaveHooks<{ patch: ReviewPatch; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: ReviewPatch; version: number }) =>
      send('PATCH', `/api/v1/management-reviews/${id}`, patch, version),
    refresh: stale,
    ...hooks,
  });

/** A step of the review: prepare, hold, approve (with the minutes), cancel (with the reason). */
export type StepRequest = { step: ReviewStep; input: Record<string, string>; version: number };

export const useReviewStep = (id: string, hooks?: SaveHooks<StepRequest, unknown>) =>
  useSaveMutation({
    send: ({ step, input, version }: StepRequest) =>
      send('POST', `/api/v1/management-reviews/${id}/${step}`, input, version),
    refresh: [...stale, reviewKeys.inputs(id)],
    ...hooks,
  });

export const useSetAttendees = (
  id: string,
  hooks?: SaveHooks<{ body: AttendeesInput; version: number }, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: ({ body, version }: { body: AttendeesInput; version: number }) =>
      send('PUT', `/api/v1/management-reviews/${id}/attendees`, body, version),
    refresh: stale,
    ...hooks,
  });

export const useAddDecision = (id: string, hooks?: SaveHooks<DecisionInput, unknown>) =>
  useSaveMutation({
    send: (body: DecisionInput) => send('POST', `/api/v1/management-reviews/${id}/decisions`, body),
    refresh: stale,
    ...hooks,
  });

export const useAddReviewAction = (id: string, hooks?: SaveHooks<ReviewActionInput, unknown>) =>
  useSaveMutation({
    send: (body: ReviewActionInput) => send('POST', `/api/v1/management-reviews/${id}/actions`, body),
    refresh: stale,
    ...hooks,
  });

export type ActionDone = { reviewId: string; actionId: string; done: boolean; note?: string };

/** Ticks a review action off with a note, or opens it again. */
export const useTickReviewAction = (hooks?: SaveHooks<ActionDone, unknown>) =>
  useSaveMutation({
    send: ({ reviewId, actionId, done, note }: ActionDone) =>
      send('PATCH', `/api/v1/management-reviews/${reviewId}/actions/${actionId}`, { done, note }),
    refresh: stale,
    ...hooks,
  });

export const useSaveSchedule = (hooks?: SaveHooks<{ body: ScheduleInput; version: number }, unknown>) =>
  useSaveMutation({
    send: ({ body, version }: { body: ScheduleInput; version: number }) =>
      send('PUT', '/api/v1/management-review-schedule', body, version),
    refresh: [reviewKeys.schedule()],
    ...hooks,
  });
