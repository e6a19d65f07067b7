import { Badge, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';
import { type ApiToken, useRevokeToken, useTokens } from './data.ts';

/** The API tokens machines use to call Keel: whose they are, what they may do, when they were last used. */
export function TokensPage() {
  const { t, i18n } = useTranslation();
  const isAdmin = can(useMe().data, ['administrator']);
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const when = (iso: string | null, none: string) =>
    iso ? new Date(iso).toLocaleString(i18n.language) : none;
  const confirmRevoke = (tk: ApiToken) => {
    if (window.confirm(t('tokens.confirmRevoke', { name: tk.name }))) void revoke.save(tk.id);
  };
  return (
    <RegisterPage<ApiToken>
      title={t('tokens.title')}
      create={{
        label: t('tokens.new'),
        allowed: isAdmin,
        form: (close) => <CreateTokenDialog onClose={close} />,
      }}
      intro={t('tokens.intro')}
      table={{
        rows: tokens.data?.items,
        keepWhenEmpty: false,
        empty: t('tokens.empty'),
        emptyProps: { c: 'dimmed' },
        rowKey: (tk) => tk.id,
        tableProps: { striped: true, verticalSpacing: 'xs' },
        columns: [
          {
            key: 'name',
            header: t('tokens.name'),
            cell: (tk) => (
              <>
                {tk.name}{' '}
                <Text span c="dimmed" size="xs" ff="monospace">
                  {tk.prefix}…
                </Text>
              </>
            ),
          },
          {
            key: 'user',
            header: t('tokens.user'),
            cell: (tk) => (
              <>
                {tk.userName}{' '}
                <Text span c="dimmed" size="xs">
                  {tk.userEmail}
                </Text>
              </>
            ),
          },
          {
            key: 'scopes',
            header: t('tokens.scopes'),
            cell: (tk) =>
              tk.scopes.map((s) => (
                <Badge key={s} variant="light" size="sm" mr={4}>
                  {t(`tokens.scope.${s}`)}
                </Badge>
              )),
          },
          {
            key: 'expires',
            header: t('tokens.expires'),
            cell: (tk) => when(tk.expiresAt, t('tokens.never')),
          },
          {
            key: 'used',
            header: t('tokens.lastUsed'),
            cell: (tk) => when(tk.lastUsedAt, t('tokens.neverUsed')),
          },
          {
            key: 'revoke',
            cell: (tk) =>
              tk.revokedAt ? (
                <Badge color="gray">{t('tokens.revoked')}</Badge>
              ) : (
                isAdmin && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(tk)}>
                    {t('tokens.revoke')}
                  </Button>
                )
              ),
          },
        ],
      }}
    />
  );
}
