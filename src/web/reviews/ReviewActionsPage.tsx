import { Anchor, Badge, Button, Pagination, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayReadReviews, mayTickReviewAction } from '../../modules/reviews/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { type Column, RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { ActionDoneDialog } from './ActionDoneDialog.tsx';
import { type ReviewAction, useReviewActions, useTickReviewAction } from './data.ts';

const PAGE = 50;

/**
 * The actions of every management review, earliest due first, tracked to closure: ticked off with a note by
 * their responsible person, top management or a process owner. Someone who does not read reviews sees
 * their own actions here.
 */
export function ReviewActionsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [open, setOpen] = useState(true);
  const [page, setPage] = useState(1);
  const [ticking, setTicking] = useState<ReviewAction | null>(null);
  const list = useReviewActions(open, page, PAGE);
  const reopen = useTickReviewAction({ noForm: true });
  const who = { userId: me.id, roles: me.roles };
  const total = list.data?.total ?? 0;
  const columns: Column<ReviewAction>[] = [
    {
      key: 'review',
      header: t('reviews.field.code'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (a) =>
        mayReadReviews(me) ? (
          <Anchor component={Link} to={a.link}>
            {a.reviewCode}
          </Anchor>
        ) : (
          a.reviewCode
        ),
    },
    {
      key: 'title',
      header: t('reviews.actionField.title'),
      th: { miw: 220 },
      cell: (a) => (
        <>
          {a.title}
          {a.done && a.doneNote && (
            <Text size="xs" c="dimmed">
              {a.doneNote}
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'responsible',
      header: t('reviews.actionField.responsible'),
      cell: (a) => a.responsible?.name ?? '—',
    },
    {
      key: 'due',
      header: t('reviews.actionField.due'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (a) => (
        <Text size="sm" c={a.overdue ? 'red' : undefined}>
          {a.due ? formatDay(a.due, i18n.language) : '—'}
        </Text>
      ),
    },
    {
      key: 'state',
      header: t('reviews.field.state'),
      cell: (a) => (
        <Badge
          size="sm"
          variant="light"
          color={a.done ? 'green' : a.overdue ? 'red' : 'blue'}
          styles={wholeBadge}
        >
          {a.done ? t('reviews.done') : a.overdue ? t('reviews.overdue') : t('reviews.open')}
        </Badge>
      ),
    },
    {
      key: 'tick',
      cell: (a) => {
        if (!mayTickReviewAction(who, { responsibleId: a.responsible?.id ?? null })) return null;
        return a.done ? (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => reopen.save({ reviewId: a.reviewId, actionId: a.id, done: false })}
          >
            {t('reviews.reopen')}
          </Button>
        ) : (
          <Button size="xs" variant="light" onClick={() => setTicking(a)} data-testid="review-action-done">
            {t('reviews.markDone')}
          </Button>
        );
      },
    },
  ];
  return (
    <RegisterPage<ReviewAction>
      title={t('reviews.actionsTitle')}
      intro={mayReadReviews(me) ? t('reviews.actionsIntro') : t('reviews.actionsIntroOwn')}
      filters={
        <SegmentedControl
          w="fit-content"
          aria-label={t('reviews.actionsWhich')}
          value={open ? 'open' : 'all'}
          onChange={(v) => {
            setOpen(v === 'open');
            setPage(1);
          }}
          data={[
            { value: 'open', label: t('reviews.open') },
            { value: 'all', label: t('reviews.all') },
          ]}
        />
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (a) => a.id,
        empty: t('reviews.noActions'),
        emptyProps: { c: 'dimmed' },
        tableProps: { striped: true, 'data-testid': 'review-action-list' },
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    >
      {ticking && <ActionDoneDialog action={ticking} onClose={() => setTicking(null)} />}
    </RegisterPage>
  );
}
