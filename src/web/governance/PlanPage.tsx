import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { policyWriters } from '../../modules/policies/policy.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { can, useMe } from '../auth/session.ts';
import { useCreatePolicy, usePlan } from './data.ts';

/** The service management plan (6.3): the document, and what the records would put in it today. */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const q = usePlan();
  const createPolicy = useCreatePolicy({ noForm: true, onSaved: (made) => navigate(`/policies/${made.id}`) });
  const writer = can(me, policyWriters);
  const create = () =>
    createPolicy.save({
      identifier: 'PLAN-SMS',
      title: t('plan.title'),
      kind: 'plan',
      ownerId: me.id,
      reviewMonths: 12,
      approverRoles: ['top_management'],
      audience: { everyone: true, roles: [], groupIds: [], customers: false },
      language: i18n.language.slice(0, 2),
    });
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('plan.title')}</Title>
        {q.data?.policyId ? (
          <Button component={Link} to={`/policies/${q.data.policyId}`} data-testid="plan-document">
            {t('plan.document')}
          </Button>
        ) : (
          writer && (
            <Button onClick={create} data-testid="plan-create">
              {t('plan.create')}
            </Button>
          )
        )}
      </Group>
      {q.data && !q.data.policyId && <Alert color="yellow">{t('plan.missing')}</Alert>}
      <Text size="sm" c="dimmed">
        {t('plan.previewHint')}
      </Text>
      {q.data && (
        <Paper withBorder p="md" data-testid="plan-preview">
          <SafeHtml html={q.data.preview} />
        </Paper>
      )}
    </Stack>
  );
}
