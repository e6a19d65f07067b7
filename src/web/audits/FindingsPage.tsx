import { Alert, Group, Pagination, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findingKinds } from '../../modules/audits/lifecycle.ts';
import { PAGE, useFindings } from './data.ts';
import { FindingsTable } from './FindingsTable.tsx';

/** Every finding of the internal audits, newest first, by kind: what auditors found and what it led to. */
export function FindingsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useFindings({ kind, page });
  const total = list.data?.total ?? 0;
  return (
    <Stack maw={1300}>
      <Title order={2}>{t('internalAudits.findings')}</Title>
      <Text c="dimmed" size="sm">
        {t('internalAudits.findingsIntro')}
      </Text>
      <Group>
        <Select
          label={t('internalAudits.kind')}
          placeholder={t('internalAudits.allKinds')}
          clearable
          data={findingKinds.map((k) => ({ value: k, label: t(`internalAudits.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          data-testid="findings-kind"
        />
      </Group>
      {list.error ? <Alert color="red">{(list.error as Error).message}</Alert> : null}
      {list.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : (
        <FindingsTable rows={list.data?.items} showAudit />
      )}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    </Stack>
  );
}
