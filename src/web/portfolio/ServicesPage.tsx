import { Anchor, Badge, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { editors } from '../app/navigation.ts';
import { MoreButton, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { type ServiceView, useServices } from './data.ts';
import { ServiceForm } from './ServiceForm.tsx';

export const criticalityColour = (c: number) =>
  c === 1 ? 'red' : c === 2 ? 'orange' : c === 3 ? 'yellow' : 'gray';
export const statusColour = (s: string) =>
  s === 'live' ? 'green' : s === 'retired' ? 'gray' : s === 'under_maintenance' ? 'orange' : 'blue';

/** The service portfolio: every service with its kind, status, criticality, owner and customers. */
export function ServicesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<string | null>(null);
  const list = useServices({ q: debounced, status });
  const open = (s: ServiceView) => navigate(`/services/${s.id}`);
  return (
    <RegisterPage<ServiceView>
      title={t('services.title')}
      create={{
        label: t('services.new'),
        allowed: can(me, editors.portfolio),
        form: (close) => <ServiceForm onClose={close} onSaved={(id) => navigate(`/services/${id}`)} />,
      }}
      filters={
        <Group>
          <TextInput
            placeholder={t('services.search')}
            aria-label={t('services.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={260}
          />
          <Select
            placeholder={t('cis.anyStatus')}
            aria-label={t('services.status')}
            data={['pipeline', 'live', 'retired'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={status}
            onChange={setStatus}
            clearable
            w={200}
          />
        </Group>
      }
      table={{
        rows: list.data?.pages.flatMap((p) => p.items) ?? (list.data ? [] : undefined),
        keepWhenEmpty: true,
        empty: t('services.empty'),
        emptyProps: { c: 'dimmed' },
        rowKey: (s) => s.id,
        rowProps: (s) => ({ onClick: () => open(s), style: { cursor: 'pointer' } }),
        tableProps: { striped: true, highlightOnHover: true, verticalSpacing: 'xs' },
        columns: [
          {
            key: 'name',
            header: t('services.name'),
            cell: (s) => (
              <Anchor component={Link} to={`/services/${s.id}`} onClick={(e) => e.stopPropagation()}>
                {s.name}
              </Anchor>
            ),
          },
          { key: 'kind', header: t('services.kind'), cell: (s) => t(`services.${s.kind}`) },
          {
            key: 'status',
            header: t('services.status'),
            cell: (s) => (
              <Badge color={statusColour(s.status)} variant="light">
                {t(`status.${s.status}`)}
              </Badge>
            ),
          },
          {
            key: 'criticality',
            header: t('services.criticality'),
            cell: (s) => (
              <Badge
                color={criticalityColour(s.criticality)}
                variant="filled"
                title={t('services.criticalityHint')}
              >
                {s.criticality}
              </Badge>
            ),
          },
          { key: 'owner', header: t('services.owner'), cell: (s) => s.ownerName ?? '–' },
          {
            key: 'customers',
            header: t('services.customers'),
            cell: (s) => s.customers.map((c) => c.code).join(', '),
          },
        ],
      }}
      footer={<MoreButton list={list} label={t('services.loadMore')} />}
    />
  );
}
