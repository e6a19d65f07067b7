import { Alert, Anchor, Badge } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { AgreementForm } from './AgreementForm.tsx';
import { type AgreementView, useAgreements, useServicesWithoutSla } from './data.ts';

const statusColour = { draft: 'gray', active: 'green', expired: 'red' } as const;

/** The agreements (SLAs, OLAs, underpinning contracts) and the live services no SLA covers yet. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState<AgreementView | null>(null);
  const list = useAgreements();
  const uncovered = useServicesWithoutSla();
  const keeper = can(me, ['service_level_manager']);
  const party = (a: AgreementView) =>
    a.customerName ??
    a.supplierName ??
    (a.groupName ? `${a.groupName}${a.internalParty ? ` (${a.internalParty})` : ''}` : null) ??
    a.internalParty ??
    '–';
  return (
    <RegisterPage<AgreementView>
      title={t('agreements.title')}
      maw={1300}
      create={{
        label: t('agreements.new'),
        allowed: keeper,
        form: (close) => <AgreementForm readOnly={false} onClose={close} />,
      }}
      above={
        uncovered.data &&
        (uncovered.data.items.length ? (
          <Alert color="yellow" title={t('agreements.withoutSla')}>
            {uncovered.data.items.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/services/${s.id}`}>
                  {s.name}
                </Anchor>
              </span>
            ))}
          </Alert>
        ) : (
          <Alert color="green">{t('agreements.allCovered')}</Alert>
        ))
      }
      table={{
        rows: list.data?.items,
        keepWhenEmpty: true,
        empty: t('agreements.empty'),
        rowKey: (a) => a.id,
        rowProps: (a) => ({ onClick: () => setEditing(a), style: { cursor: 'pointer' } }),
        tableProps: { striped: true, highlightOnHover: true },
        columns: [
          {
            key: 'name',
            header: t('agreements.name'),
            cell: (a) => (
              <Anchor component="button" type="button">
                {a.name}
              </Anchor>
            ),
          },
          { key: 'kind', header: t('agreements.kind'), cell: (a) => t(`agreements.kinds.${a.kind}`) },
          { key: 'party', header: t('agreements.party'), cell: party },
          {
            key: 'status',
            header: t('agreements.status'),
            cell: (a) => (
              <Badge color={statusColour[a.status]} variant="light">
                {t(`agreements.statuses.${a.status}`)}
              </Badge>
            ),
          },
          {
            key: 'services',
            header: t('agreements.services'),
            cell: (a) => a.services.map((s) => s.name).join(', '),
          },
          { key: 'calendar', header: t('agreements.calendar'), cell: (a) => a.calendarName },
          {
            key: 'report',
            cell: (a) => (
              <Anchor
                component={Link}
                to={`/agreements/${a.id}/report`}
                onClick={(e) => e.stopPropagation()}
                size="sm"
              >
                {t('report.open')}
              </Anchor>
            ),
          },
        ],
      }}
    >
      {editing && <AgreementForm agreement={editing} readOnly={!keeper} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}
