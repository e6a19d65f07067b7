import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { can, useMe } from '../auth/session.ts';
import { policyPdfUrl, usePolicy, usePolicyStep } from './data.ts';
import { stateColour } from './PoliciesPage.tsx';
import { ChangesView } from './PolicyChanges.tsx';
import { PolicyOpenVersion } from './PolicyOpenVersion.tsx';

/** One policy: the text in force, the version on its way with its lifecycle, coverage and history. */
export function PolicyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const q = usePolicy(id);
  const step = usePolicyStep(id);
  const run = step.save;
  const p = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!p) return <Text c="dimmed">{t('common.loading')}</Text>;
  const keeper = p.owner.id === me.id || can(me, ['top_management']);
  const approver = can(me, p.approverRoles);
  const published = p.versions.find((v) => v.state === 'published');
  const open = p.versions.find((v) => ['draft', 'in_review', 'approved'].includes(v.state));
  return (
    <Stack maw={1100}>
      <Text size="sm" c="dimmed">
        {p.identifier} · {t(`policies.kinds.${p.kind}`)}
        {p.process ? ` · ${p.process}` : ''} · {t('policies.owner')}: {p.owner.name}
      </Text>
      <Title order={2}>{p.title}</Title>
      <Group gap="xs">
        {published && (
          <Badge color="green" data-testid="policy-in-force">
            {t('policies.inForceVersion', { version: published.number })}
          </Badge>
        )}
        {published && (
          <Anchor size="sm" href={policyPdfUrl(p.id, published.number)} download data-testid="policy-pdf">
            {t('policies.pdf')}
          </Anchor>
        )}
        {open && (
          <Badge color={stateColour[open.state]} variant="light" data-testid="policy-open-state">
            v{open.number} · {t(`policies.state.${open.state}`)}
          </Badge>
        )}
        {p.reviewDue && (
          <Text size="sm" c="dimmed">
            {t('policies.reviewDue')}: {new Date(p.reviewDue).toLocaleDateString(i18n.language)}
          </Text>
        )}
      </Group>

      {published && p.myAcknowledgement && !p.myAcknowledgement.acknowledgedAt && (
        <Alert color="orange" title={t('policies.pleaseRead')}>
          <Stack gap="xs">
            <ChangesView policyId={p.id} number={published.number} />
            <Button
              w="fit-content"
              onClick={() => run({ step: 'acknowledgement' })}
              data-testid="acknowledge"
            >
              {t('policies.acknowledge')}
            </Button>
          </Stack>
        </Alert>
      )}
      {p.myAcknowledgement?.acknowledgedAt && (
        <Text size="sm" c="green" data-testid="acknowledged">
          {t('policies.acknowledgedAt', {
            at: new Date(p.myAcknowledgement.acknowledgedAt).toLocaleString(i18n.language),
          })}
        </Text>
      )}
      {published && (
        <Paper withBorder p="md" lang={p.language}>
          <SafeHtml html={published.body} />
        </Paper>
      )}

      {p.coverage && (
        <Paper withBorder p="md" data-testid="coverage">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              {t('policies.coverage')}: {p.coverage.percent ?? 0}% ({p.coverage.acknowledged}/
              {p.coverage.asked})
            </Text>
            {keeper && p.coverage.outstanding.length > 0 && (
              <Button size="xs" variant="light" onClick={() => run({ step: 'reminders' })}>
                {t('policies.remind', { count: p.coverage.outstanding.length })}
              </Button>
            )}
          </Group>
          <Table>
            <Table.Tbody>
              {p.coverage.byRole.map((r) => (
                <Table.Tr key={r.role} data-testid={`coverage-${r.role}`}>
                  <Table.Td>{t(`roles.${r.role}`)}</Table.Td>
                  <Table.Td>
                    {r.acknowledged}/{r.asked}
                  </Table.Td>
                  <Table.Td>{r.percent ?? 0}%</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {p.coverage.outstanding.length > 0 && (
            <Text size="xs" c="dimmed" mt="xs">
              {t('policies.notYet')}: {p.coverage.outstanding.map((o) => o.name).join(', ')}
            </Text>
          )}
        </Paper>
      )}

      {open && (keeper || approver) && (
        <PolicyOpenVersion policy={p} open={open} keeper={keeper} approver={approver} />
      )}
      {!open && keeper && (
        <Group>
          <Button variant="light" onClick={() => run({ step: 'versions' })} data-testid="policy-new-version">
            {t('policies.newVersion')}
          </Button>
        </Group>
      )}

      {p.versions.length > 1 || p.versions.some((v) => v.decisions.length) ? (
        <Stack gap="xs">
          <Title order={4}>{t('policies.history')}</Title>
          {[...p.versions].reverse().map((v) => (
            <Paper key={v.number} withBorder p="xs">
              <Group gap="xs">
                <Badge variant="light" color={stateColour[v.state]}>
                  v{v.number} · {t(`policies.state.${v.state}`)}
                </Badge>
                <Text size="sm">{v.author}</Text>
                <Anchor size="xs" href={policyPdfUrl(p.id, v.number)} download>
                  PDF
                </Anchor>
                {v.publishedAt && (
                  <Text size="xs" c="dimmed">
                    {t('policies.publishedAt', {
                      at: new Date(v.publishedAt).toLocaleDateString(i18n.language),
                    })}
                  </Text>
                )}
              </Group>
              {v.decisions.map((d) => (
                <Text key={d.at} size="sm" mt={4}>
                  {d.approved ? '✓' : '↩'} {d.decider} ({t(`roles.${d.role}`)}),{' '}
                  {new Date(d.at).toLocaleString(i18n.language)}
                  {d.comment ? `: ${d.comment}` : ''}
                </Text>
              ))}
            </Paper>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
