import { Anchor, Badge, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../app/dates.ts';
import { type Column, MoreButton, RegisterPage } from '../app/RegisterPage.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';
import { type KnownError, useKnownErrors } from './data.ts';

/** The known errors agents look things up in: each with its workaround, of one service or all. */
export function KnownErrorsPage() {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const [serviceId, setServiceId] = useState<string | null>(null);
  const list = useKnownErrors(serviceId);
  const rows = list.data?.pages.flatMap((p) => p.items);
  const columns: Column<KnownError>[] = [
    {
      key: 'number',
      header: t('problems.field.number'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (k) => (
        <Anchor component={Link} to={`/work-items/${k.number}`}>
          {k.number}
        </Anchor>
      ),
    },
    { key: 'title', header: t('problems.field.title'), cell: (k) => k.title },
    { key: 'service', header: t('problems.field.service'), cell: (k) => k.serviceName ?? '—' },
    {
      key: 'workaround',
      header: t('problems.field.workaround'),
      th: { w: '45%' },
      cell: (k) => (
        <>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {k.workaround}
          </Text>
          <Badge size="xs" mt={4} variant="light" color={k.workaroundPublic ? 'teal' : 'gray'}>
            {t(k.workaroundPublic ? 'problems.workaroundPublic' : 'problems.workaroundInternal')}
          </Badge>
        </>
      ),
    },
    {
      key: 'incidents',
      header: t('problems.field.incidentCount'),
      td: { ta: 'right' },
      cell: (k) => k.incidentCount,
    },
    {
      key: 'since',
      header: t('problems.field.knownErrorAt'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (k) => (k.knownErrorAt ? formatInstant(k.knownErrorAt, 'medium') : '—'),
    },
  ];
  return (
    <RegisterPage
      title={t('knownErrors.title')}
      intro={t('knownErrors.intro')}
      filters={
        <Select
          placeholder={t('knownErrors.allServices')}
          aria-label={t('problems.field.service')}
          clearable
          searchable
          data={opts.serviceOptions}
          value={serviceId}
          onChange={setServiceId}
          w={260}
          data-testid="known-errors-service"
        />
      }
      error={list.error}
      table={{
        rows,
        columns,
        rowKey: (k) => k.id,
        empty: t('knownErrors.empty'),
        emptyProps: { c: 'dimmed', 'data-testid': 'known-errors-empty' },
        tableProps: { striped: true, 'data-testid': 'known-errors' },
      }}
      footer={<MoreButton list={list} />}
    />
  );
}
