import { Alert, Anchor, Badge, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleKeepers } from '../../modules/roles/policy.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { type SmsRole, useRoleCatalogue } from './data.ts';
import { RoleForm } from './RoleForm.tsx';
import { GapList } from './RoleGaps.tsx';

/** The role catalogue (5.3): who holds which role, with what authority, and where the gaps are. */
export function RolesPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const q = useRoleCatalogue();
  return (
    <RegisterPage<SmsRole>
      title={t('smsRoles.title')}
      actions={
        <Button variant="default" component={Link} to="/processes">
          {t('processes.title')}
        </Button>
      }
      create={{
        label: t('smsRoles.new'),
        testId: 'new-role',
        allowed: can(me, roleKeepers),
        form: (close) => <RoleForm onClose={close} />,
      }}
      above={
        q.data &&
        q.data.gaps.length > 0 && (
          <Alert color="yellow" title={t('smsRoles.gapsTitle', { count: q.data.gaps.length })}>
            <GapList gaps={q.data.gaps} />
          </Alert>
        )
      }
      table={{
        rows: q.data?.items,
        empty: t('smsRoles.none'),
        rowKey: (r) => r.id,
        tableProps: { striped: true, 'data-testid': 'roles' },
        columns: [
          {
            key: 'name',
            header: t('smsRoles.name'),
            cell: (r) => (
              <Anchor component={Link} to={`/roles/${r.id}`}>
                {r.name}
              </Anchor>
            ),
          },
          {
            key: 'holders',
            header: t('smsRoles.holders'),
            cell: (r) => {
              const current = r.holders.filter((a) => a.state === 'current');
              return current.length === 0 ? (
                <Badge color="red" variant="light">
                  {t('smsRoles.vacant')}
                </Badge>
              ) : (
                current.map((a) => (
                  <Text size="sm" key={a.id}>
                    {a.userName}
                    {a.deputyName ? ` (${t('smsRoles.deputyShort')}: ${a.deputyName})` : ''}
                  </Text>
                ))
              );
            },
          },
          {
            key: 'authorities',
            header: t('smsRoles.authorities'),
            cell: (r) => (
              <Text size="sm">
                {r.authorities.map((x) => t(`smsRoles.authority.${x}`)).join(', ') || '—'}
              </Text>
            ),
          },
          {
            key: 'accessRole',
            header: t('smsRoles.accessRole'),
            cell: (r) => (r.accessRole ? <Badge variant="light">{t(`roles.${r.accessRole}`)}</Badge> : '—'),
          },
        ],
      }}
    />
  );
}
