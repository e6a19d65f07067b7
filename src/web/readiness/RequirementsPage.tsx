import { Badge, Button, Checkbox, Group, Pagination, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mayAddRequirement, mayKeepRequirement } from '../../modules/readiness/policy.ts';
import { formatDay } from '../app/dates.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { PAGE, type Requirement, useReadiness, useRequirements } from './data.ts';
import { ReadinessTabs } from './ReadinessTabs.tsx';
import { RequirementForm, RequirementStepDialog } from './RequirementForm.tsx';

type Acting = { requirement: Requirement; what: 'edit' | 'review' | 'retire' } | null;

/**
 * The organisation's own requirements (a contract's, a law's) in the clause register: each filed under a
 * clause, owned, and reviewed every so many months; an overdue review makes its clause stale.
 */
export function RequirementsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  // the rules ask who someone is as the server knows them: their user id and roles
  const who = { userId: me.id, roles: me.roles };
  const [retired, setRetired] = useState(false);
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<Acting>(null);
  const [params, setParams] = useSearchParams();
  const clause = params.get('clause');
  const list = useRequirements({ retired, clause, page });
  const readiness = useReadiness(i18n.language);
  const clauses = (readiness.data?.clauses ?? []).map((c) => ({
    value: c.number,
    label: `${c.number} ${c.title}`,
  }));
  const total = list.data?.total ?? 0;
  return (
    <RegisterPage<Requirement>
      title={t('readiness.title')}
      above={
        <Stack gap="xs">
          <ReadinessTabs />
          <Text size="sm" c="dimmed">
            {t('readiness.req.intro')}
          </Text>
        </Stack>
      }
      create={{
        label: t('readiness.req.new'),
        testId: 'new-requirement',
        allowed: mayAddRequirement(who),
        form: (close) => <RequirementForm clauses={clauses} onClose={close} />,
      }}
      filters={
        <Group align="flex-end">
          <Select
            label={t('readiness.req.clause')}
            placeholder={t('readiness.req.allClauses')}
            searchable
            clearable
            data={clauses}
            value={clause}
            onChange={(v) => {
              setParams(v ? { clause: v } : {});
              setPage(1);
            }}
            w={320}
          />
          <Checkbox
            label={t('readiness.req.showRetired')}
            checked={retired}
            onChange={(e) => {
              setRetired(e.currentTarget.checked);
              setPage(1);
            }}
          />
        </Group>
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        empty: t('readiness.req.none'),
        rowKey: (r) => r.id,
        tableProps: { striped: true, 'data-testid': 'requirements' },
        columns: [
          {
            key: 'code',
            header: t('readiness.req.code'),
            cell: (r) => r.code,
            td: { style: { whiteSpace: 'nowrap' } },
          },
          {
            key: 'title',
            header: t('readiness.req.title'),
            cell: (r) => (
              <Stack gap={0}>
                <Text size="sm">{r.title}</Text>
                {r.reference && (
                  <Text size="xs" c="dimmed">
                    {r.reference}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: 'source',
            header: t('readiness.req.source'),
            cell: (r) => t(`readiness.req.sources.${r.source}`),
          },
          { key: 'clause', header: t('readiness.req.clause'), cell: (r) => r.clause ?? '—' },
          { key: 'owner', header: t('readiness.req.owner'), cell: (r) => r.ownerName ?? '—' },
          {
            key: 'review',
            header: t('readiness.req.reviewDue'),
            cell: (r) =>
              r.retired ? (
                <Badge color="gray" variant="light">
                  {t('readiness.req.retired')}
                </Badge>
              ) : (
                <Text size="sm" c={r.overdue ? 'red' : undefined}>
                  {formatDay(r.reviewDue, i18n.language)}
                  {r.overdue && ` · ${t('readiness.req.overdue')}`}
                </Text>
              ),
          },
          {
            key: 'actions',
            header: '',
            cell: (r) =>
              !r.retired &&
              mayKeepRequirement(who, r) && (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setActing({ requirement: r, what: 'edit' })}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setActing({ requirement: r, what: 'review' })}
                    data-testid={`review-${r.code}`}
                  >
                    {t('readiness.req.review')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setActing({ requirement: r, what: 'retire' })}
                  >
                    {t('readiness.req.retire')}
                  </Button>
                </Group>
              ),
          },
        ],
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    >
      {acting?.what === 'edit' && (
        <RequirementForm requirement={acting.requirement} clauses={clauses} onClose={() => setActing(null)} />
      )}
      {acting && acting.what !== 'edit' && (
        <RequirementStepDialog
          requirement={acting.requirement}
          step={acting.what}
          onClose={() => setActing(null)}
        />
      )}
    </RegisterPage>
  );
}
