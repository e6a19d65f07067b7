import { Alert, Badge, Button, Pagination, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { type AuditEntry, useAuditLog, useVerifyAuditLog } from './data.ts';

const PAGE = 50;

/** The audit log, newest first, and the check that its sealed chain is intact. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useAuditLog(page, PAGE);
  const verify = useVerifyAuditLog();
  const total = list.data?.total ?? 0;
  return (
    <RegisterPage<AuditEntry>
      title={t('audit.title')}
      actions={
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      }
      intro={t('audit.intro')}
      above={
        verify.data && (
          <Alert color={verify.data.ok ? 'green' : 'red'} data-testid="audit-verification">
            {verify.data.ok
              ? t('audit.intact', { sealed: verify.data.sealed, unsealed: verify.data.unsealed })
              : t('audit.broken', { problem: verify.data.problem })}
          </Alert>
        )
      }
      table={{
        rows: list.data?.items,
        keepWhenEmpty: false,
        empty: t('audit.empty'),
        emptyProps: { c: 'dimmed' },
        rowKey: (e) => e.id,
        tableProps: { striped: true, verticalSpacing: 4, fz: 'sm' },
        columns: [
          { key: 'at', header: t('audit.at'), cell: (e) => new Date(e.at).toLocaleString(i18n.language) },
          { key: 'actor', header: t('audit.actor'), cell: (e) => e.actorLabel },
          { key: 'action', header: t('audit.action'), td: { ff: 'monospace' }, cell: (e) => e.action },
          {
            key: 'record',
            header: t('audit.record'),
            cell: (e) => (
              <>
                {e.recordType}{' '}
                <Text span c="dimmed" size="xs" ff="monospace">
                  {e.recordId.slice(0, 13)}
                </Text>
              </>
            ),
          },
          {
            key: 'sealed',
            header: t('audit.sealed'),
            cell: (e) => (
              <Badge variant="light" color={e.seq ? 'green' : 'gray'}>
                {e.seq ? `#${e.seq}` : '…'}
              </Badge>
            ),
          },
        ],
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    />
  );
}
