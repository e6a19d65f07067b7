import { Anchor, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { type LicencePosition, useLicencePositions } from './data.ts';

const colour = { over: 'red', under: 'yellow', balanced: 'green', not_measured: 'gray' } as const;

/** Licence compliance: each licence's entitlements against the installations that use it. */
export function LicencesPage() {
  const { t } = useTranslation();
  const list = useLicencePositions();
  const right = { ta: 'right' } as const;
  return (
    <RegisterPage<LicencePosition>
      title={t('licences.title')}
      intro={t('licences.intro')}
      table={{
        rows: list.data?.items,
        keepWhenEmpty: false,
        empty: t('licences.empty'),
        rowKey: (l) => l.id,
        tableProps: { striped: true },
        columns: [
          {
            key: 'name',
            header: t('licences.name'),
            cell: (l) => (
              <Anchor component={Link} to={`/cis/${l.id}`}>
                {l.name}
              </Anchor>
            ),
          },
          { key: 'vendor', header: t('licences.vendor'), cell: (l) => l.vendor ?? '–' },
          { key: 'metric', header: t('licences.metric'), cell: (l) => l.metric ?? '–' },
          { key: 'expires', header: t('licences.expires'), cell: (l) => l.expires ?? '–' },
          {
            key: 'entitlements',
            header: t('licences.entitlements'),
            th: right,
            td: right,
            cell: (l) => l.entitlements,
          },
          {
            key: 'installations',
            header: t('licences.installations'),
            th: right,
            td: right,
            cell: (l) => l.installations,
          },
          {
            key: 'balance',
            header: t('licences.balance'),
            th: right,
            td: right,
            cell: (l) => (l.position === 'not_measured' ? '–' : l.balance > 0 ? `+${l.balance}` : l.balance),
          },
          {
            key: 'position',
            cell: (l) => (
              <Badge
                color={colour[l.position]}
                variant="light"
                styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
              >
                {t(`licences.${l.position}`, { metric: l.metric })}
              </Badge>
            ),
          },
        ],
      }}
    />
  );
}
