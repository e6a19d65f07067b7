import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Pagination,
  Paper,
  Select,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reviewStates } from '../../modules/reviews/lifecycle.ts';
import { mayPrepareReviews, maySetReviewSchedule } from '../../modules/reviews/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { type Column, FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import {
  type ReviewSchedule,
  type ReviewSummary,
  useReviewSchedule,
  useReviews,
  useSaveSchedule,
} from './data.ts';
import { reviewStateColour } from './format.ts';
import { PlanReview } from './PlanReview.tsx';

const PAGE = 20;

/** How often reviews are held, when the last was, and when the next is due (9.3's schedule). */
function ScheduleCard({ s, onEdit }: { s: ReviewSchedule; onEdit: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDay(d, i18n.language);
  return (
    <Paper withBorder p="md" data-testid="review-schedule">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm">{t('reviews.schedule.every', { count: s.everyMonths, days: s.remindDays })}</Text>
          <Text size="sm">
            {s.lastHeld ? (
              <>
                {t('reviews.schedule.lastHeld')}{' '}
                <Anchor component={Link} to={`/management-reviews/${s.lastHeld.id}`}>
                  {s.lastHeld.code}
                </Anchor>{' '}
                · {day(s.lastHeld.meetingOn)}
              </>
            ) : (
              t('reviews.schedule.noneHeld')
            )}
          </Text>
          {s.nextDue && (
            <Text size="sm" c={s.overdue ? 'red' : undefined}>
              {t('reviews.schedule.nextDue', { day: day(s.nextDue) })}
            </Text>
          )}
          {s.nextPlanned && (
            <Text size="sm">
              {t('reviews.schedule.nextPlanned')}{' '}
              <Anchor component={Link} to={`/management-reviews/${s.nextPlanned.id}`}>
                {s.nextPlanned.code}
              </Anchor>{' '}
              · {day(s.nextPlanned.meetingOn)}
            </Text>
          )}
        </div>
        {onEdit && (
          <Button size="xs" variant="default" onClick={onEdit} data-testid="review-schedule-edit">
            {t('reviews.schedule.title')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function ScheduleDialog({ s, onClose }: { s: ReviewSchedule; onClose: () => void }) {
  const { t } = useTranslation();
  const [everyMonths, setEvery] = useState(s.everyMonths);
  const [remindDays, setRemind] = useState(s.remindDays);
  const save = useSaveSchedule({ onSaved: onClose });
  return (
    <FormDialog
      title={t('reviews.schedule.title')}
      onClose={onClose}
      onSave={() => save.save({ body: { everyMonths, remindDays }, version: s.version })}
      saving={save.saving}
    >
      <NumberInput
        label={t('reviews.schedule.everyMonths')}
        min={1}
        max={36}
        value={everyMonths}
        onChange={(v) => setEvery(typeof v === 'number' ? v : 0)}
        error={save.errors.everyMonths}
      />
      <NumberInput
        label={t('reviews.schedule.remindDays')}
        description={t('reviews.schedule.remindHelp')}
        min={0}
        max={90}
        value={remindDays}
        onChange={(v) => setRemind(typeof v === 'number' ? v : 0)}
        error={save.errors.remindDays}
      />
    </FormDialog>
  );
}

/** Management reviews (9.3): the schedule, the reviews latest first, and the way to their actions. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [state, setState] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [scheduling, setScheduling] = useState(false);
  const list = useReviews(state, page, PAGE);
  const schedule = useReviewSchedule();
  const total = list.data?.total ?? 0;
  const day = (d: string) => formatDay(d, i18n.language);
  const columns: Column<ReviewSummary>[] = [
    {
      key: 'code',
      header: t('reviews.field.code'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => (
        <Anchor component={Link} to={`/management-reviews/${r.id}`}>
          {r.code}
        </Anchor>
      ),
    },
    { key: 'title', header: t('reviews.field.title'), th: { miw: 200 }, cell: (r) => r.title },
    {
      key: 'meeting',
      header: t('reviews.field.meetingOn'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => day(r.meetingOn),
    },
    {
      key: 'period',
      header: t('reviews.field.period'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => `${day(r.periodFrom)} – ${day(r.periodTo)}`,
    },
    { key: 'chair', header: t('reviews.field.chair'), cell: (r) => r.chair?.name ?? '—' },
    {
      key: 'state',
      header: t('reviews.field.state'),
      cell: (r) => (
        <Badge variant="light" color={reviewStateColour[r.state] ?? 'gray'} styles={wholeBadge}>
          {t(`reviews.state.${r.state}`)}
        </Badge>
      ),
    },
    { key: 'open', header: t('reviews.field.openActions'), td: { ta: 'right' }, cell: (r) => r.openActions },
  ];
  return (
    <RegisterPage<ReviewSummary>
      title={t('reviews.title')}
      intro={t('reviews.intro')}
      actions={
        <Button
          variant="default"
          component={Link}
          to="/management-reviews/actions"
          data-testid="review-actions-link"
        >
          {t('reviews.actionsTitle')}
        </Button>
      }
      create={{
        label: t('reviews.new'),
        testId: 'new-review',
        allowed: mayPrepareReviews(me),
        form: (close) => <PlanReview onClose={close} />,
      }}
      above={
        schedule.data && (
          <>
            {schedule.data.overdue && (
              <Alert color="orange" data-testid="review-overdue">
                {t('reviews.schedule.overdue')}
              </Alert>
            )}
            <ScheduleCard
              s={schedule.data}
              onEdit={maySetReviewSchedule(me) ? () => setScheduling(true) : null}
            />
          </>
        )
      }
      filters={
        <Select
          placeholder={t('reviews.field.state')}
          aria-label={t('reviews.field.state')}
          clearable
          data={reviewStates.map((s) => ({ value: s, label: t(`reviews.state.${s}`) }))}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          w={200}
        />
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (r) => r.id,
        empty: t('reviews.empty'),
        emptyProps: { c: 'dimmed' },
        tableProps: { striped: true, highlightOnHover: true, 'data-testid': 'reviews' },
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    >
      {scheduling && schedule.data && (
        <ScheduleDialog s={schedule.data} onClose={() => setScheduling(false)} />
      )}
    </RegisterPage>
  );
}
