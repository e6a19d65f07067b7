import { Anchor, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { policyWriters } from '../../modules/policies/policy.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { type PolicyRow, usePolicies } from './data.ts';
import { NewPolicy } from './NewPolicy.tsx';

export const stateColour: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'teal',
  published: 'green',
  superseded: 'gray',
  withdrawn: 'red',
};

/** The policies a person may read: state, version in force, coverage, reviews due. */
export function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const list = usePolicies();
  return (
    <RegisterPage<PolicyRow>
      title={t('policies.title')}
      create={{
        label: t('policies.new'),
        testId: 'new-policy',
        allowed: can(me, policyWriters),
        form: (close) => <NewPolicy onClose={close} />,
      }}
      intro={t('policies.intro')}
      table={{
        rows: list.data?.items,
        empty: t('policies.none'),
        rowKey: (r) => r.id,
        tableProps: { striped: true, 'data-testid': 'policies' },
        columns: [
          {
            key: 'identifier',
            header: t('policies.identifier'),
            cell: (r) => (
              <Anchor component={Link} to={`/policies/${r.id}`}>
                {r.identifier}
              </Anchor>
            ),
          },
          {
            key: 'title',
            header: t('policies.name'),
            cell: (r) => (
              <>
                {r.title}{' '}
                {r.toAcknowledge && (
                  <Badge size="xs" color="orange">
                    {t('policies.toRead')}
                  </Badge>
                )}
              </>
            ),
          },
          {
            key: 'inForce',
            header: t('policies.inForce'),
            cell: (r) => (r.publishedVersion ? `v${r.publishedVersion}` : '—'),
          },
          {
            key: 'latest',
            header: t('policies.latest'),
            cell: (r) => (
              <Badge variant="light" color={stateColour[r.latestState]}>
                v{r.latestVersion} · {t(`policies.state.${r.latestState}`)}
              </Badge>
            ),
          },
          {
            key: 'coverage',
            header: t('policies.coverage'),
            cell: (r) =>
              r.coverage
                ? `${r.coverage.percent ?? 0}% (${r.coverage.acknowledged}/${r.coverage.asked})`
                : '—',
          },
          {
            key: 'reviewDue',
            header: t('policies.reviewDue'),
            cell: (r) =>
              r.reviewDue ? (
                <Text size="sm" c={r.reviewOverdue ? 'red' : undefined}>
                  {new Date(r.reviewDue).toLocaleDateString(i18n.language)}
                </Text>
              ) : (
                '—'
              ),
          },
        ],
      }}
    />
  );
}
