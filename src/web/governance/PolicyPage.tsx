import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Role } from '../../kernel/access/roles.ts';
import { api, get } from '../api.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { can, useMe } from '../auth/session.ts';
import { PlanAssembler } from './PlanAssembler.tsx';
import { stateColour } from './PoliciesPage.tsx';
import { htmlToParagraphs, paragraphsToHtml } from './text.ts';

type Version = {
  number: number;
  state: string;
  body: string;
  changeNote: string;
  author: string | null;
  publishedAt: string | null;
  decisions: Array<{ decider: string; role: string; approved: boolean; comment: string; at: string }>;
};
type Policy = {
  id: string;
  identifier: string;
  title: string;
  kind: string;
  process: string | null;
  owner: { id: string; name: string | null };
  approverRoles: string[];
  reviewDue: string | null;
  language: string;
  versions: Version[];
  coverage: null | {
    asked: number;
    acknowledged: number;
    percent: number | null;
    byRole: Array<{ role: string; asked: number; acknowledged: number; percent: number | null }>;
    outstanding: Array<{ userId: string; name: string }>;
  };
  myAcknowledgement: null | { acknowledgedAt: string | null };
};
type Changes = { against: number | null; changes: Array<{ op: 'same' | 'added' | 'removed'; text: string }> };

/** What changed in a version, as a reader of the new version sees it: removed struck, added marked. */
function ChangesView({ policyId, number }: { policyId: string; number: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['policy', policyId, 'changes', number],
    queryFn: () => get<Changes>(`/api/v1/policies/${policyId}/versions/${number}/changes`),
  });
  if (!q.data?.against) return null;
  return (
    <Paper withBorder p="sm" data-testid="policy-changes">
      <Text size="sm" fw={600} mb={4}>
        {t('policies.changesSince', { version: q.data.against })}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {q.data.changes.map((c, i) => {
          const text = `${c.text.replaceAll(' \n ', '\n').replaceAll('\n ', '\n')} `;
          // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one diff never reorder
          if (c.op === 'same') return <span key={i}>{text}</span>;
          return c.op === 'added' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <mark key={i}>{text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <s key={i} style={{ color: 'var(--mantine-color-red-7)' }}>
              {text}
            </s>
          );
        })}
      </Text>
    </Paper>
  );
}

/** One policy: the text in force, the version on its way with its lifecycle, coverage and history. */
export function PolicyPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['policy', id], queryFn: () => get<Policy>(`/api/v1/policies/${id}`) });
  const [draft, setDraft] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const p = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!p) return <Text c="dimmed">{t('common.loading')}</Text>;
  const keeper = p.owner.id === me.id || can(me, ['top_management']);
  const approver = can(me, p.approverRoles as Role[]);
  const published = p.versions.find((v) => v.state === 'published');
  const open = p.versions.find((v) => ['draft', 'in_review', 'approved'].includes(v.state));
  const run = async (path: string, body: object = {}, method = 'POST') => {
    try {
      await api(`/api/v1/policies/${p.id}/${path}`, { method, body });
      setComment('');
      await qc.invalidateQueries({ queryKey: ['policy', id] });
      await qc.invalidateQueries({ queryKey: ['policies'] });
      await qc.invalidateQueries({ queryKey: ['acknowledgements'] });
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  const saveDraft = async () => {
    await run('draft', { body: paragraphsToHtml(draft ?? '') }, 'PUT');
    setDraft(null);
  };
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
          <Anchor
            size="sm"
            href={`/api/v1/policies/${p.id}/versions/${published.number}/pdf`}
            download
            data-testid="policy-pdf"
          >
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
            <Button w="fit-content" onClick={() => run('acknowledgement')} data-testid="acknowledge">
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
              <Button size="xs" variant="light" onClick={() => run('reminders')}>
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
        <Paper withBorder p="md" data-testid="open-version">
          <Stack gap="xs">
            <Text fw={600}>
              {t('policies.versionOnItsWay', { version: open.number })}: {t(`policies.state.${open.state}`)}
            </Text>
            {open.state === 'draft' && keeper && draft !== null ? (
              <>
                <Textarea
                  autosize
                  minRows={8}
                  value={draft}
                  onChange={(e) => setDraft(e.currentTarget.value)}
                />
                <Group>
                  <Button onClick={saveDraft}>{t('common.save')}</Button>
                  <Button variant="default" onClick={() => setDraft(null)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </>
            ) : (
              <Paper bg="gray.0" p="sm" lang={p.language}>
                <SafeHtml html={open.body || `<p>${t('policies.noText')}</p>`} />
              </Paper>
            )}
            {open.number > 1 && <ChangesView policyId={p.id} number={open.number} />}
            {open.state === 'in_review' && approver && (
              <TextInput
                label={t('policies.decisionComment')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                data-testid="decision-comment"
              />
            )}
            <Group>
              {open.state === 'draft' && keeper && draft === null && (
                <Button variant="default" onClick={() => setDraft(htmlToParagraphs(open.body))}>
                  {t('policies.editText')}
                </Button>
              )}
              {open.state === 'draft' && keeper && p.kind === 'plan' && <PlanAssembler policyId={p.id} />}
              {open.state === 'draft' && keeper && (
                <Button onClick={() => run('submit')} data-testid="policy-submit">
                  {t('policies.submit')}
                </Button>
              )}
              {open.state === 'in_review' && approver && (
                <>
                  <Button
                    color="green"
                    onClick={() => run('decisions', { approved: true, comment })}
                    data-testid="policy-approve"
                  >
                    {t('policies.approve')}
                  </Button>
                  <Button
                    color="red"
                    variant="light"
                    onClick={() => run('decisions', { approved: false, comment })}
                  >
                    {t('policies.sendBack')}
                  </Button>
                </>
              )}
              {open.state === 'approved' && keeper && (
                <Button onClick={() => run('publish')} data-testid="policy-publish">
                  {t('policies.publish')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
      {!open && keeper && (
        <Group>
          <Button variant="light" onClick={() => run('versions')} data-testid="policy-new-version">
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
                <Anchor size="xs" href={`/api/v1/policies/${p.id}/versions/${v.number}/pdf`} download>
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
