import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contextKeepers } from '../../modules/context/policy.ts';
import { RegisterSection } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { IssueForm, PartyForm, ScopeForm } from './ContextForms.tsx';
import { type Issue, type Party, useContext, useScope } from './data.ts';

/** Context and scope of the SMS (4.1–4.3): the scope in force and its warnings, issues, interested parties. */
export function ContextPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const writer = can(me, contextKeepers);
  const scope = useScope();
  const ctx = useContext();
  const [editing, setEditing] = useState<'scope' | Issue | Party | null>(null);
  const s = scope.data;
  const date = (d: string) => new Date(d).toLocaleDateString(i18n.language);
  const edit = (row: Issue | Party) =>
    writer && (
      <Button size="xs" variant="subtle" onClick={() => setEditing(row)}>
        {t('common.edit')}
      </Button>
    );
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('context.title')}</Title>
        {writer && (
          <Button onClick={() => setEditing('scope')} data-testid="new-scope">
            {s?.current ? t('context.newScopeVersion') : t('context.writeScope')}
          </Button>
        )}
      </Group>
      {s && s.warnings.length > 0 && (
        <Alert color="yellow" data-testid="scope-warnings">
          <List spacing={2}>
            {s.warnings.map((w) => (
              <List.Item key={`${w.kind}-${'serviceId' in w ? w.serviceId : ''}`}>
                {'serviceId' in w ? (
                  <Anchor component={Link} to={`/services/${w.serviceId}`} size="sm">
                    {t(`context.warnings.${w.kind}`, { name: w.name })}
                  </Anchor>
                ) : (
                  t(`context.warnings.${w.kind}`)
                )}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {s?.current && (
        <Paper withBorder p="md" data-testid="scope">
          <Text size="sm" c="dimmed">
            {t('context.scopeVersion', {
              number: s.current.number,
              date: date(s.current.createdAt),
              author: s.current.author ?? '—',
            })}
          </Text>
          <Text my="xs">{s.current.statement}</Text>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <div>
              <Text fw={600} size="sm">
                {t('context.services')}
              </Text>
              {s.current.services.map((x) => (
                <Text size="sm" key={x.id}>
                  <Anchor component={Link} to={`/services/${x.id}`}>
                    {x.name}
                  </Anchor>
                </Text>
              ))}
            </div>
            <div>
              <Text fw={600} size="sm">
                {t('context.units')}
              </Text>
              <Text size="sm">{s.current.units.join(', ') || '—'}</Text>
              <Text fw={600} size="sm" mt="xs">
                {t('context.locations')}
              </Text>
              <Text size="sm">{s.current.locations.join(', ') || '—'}</Text>
            </div>
            <div>
              <Text fw={600} size="sm">
                {t('context.exclusions')}
              </Text>
              <Text size="sm">{s.current.exclusions || '—'}</Text>
            </div>
          </SimpleGrid>
          <Text size="sm" mt="sm" data-testid="climate">
            <b>{t('context.climate')}:</b>{' '}
            {s.current.climateRelevant ? t('context.climateRelevant') : t('context.climateNotRelevant')} —{' '}
            {s.current.climateReasoning}
          </Text>
          {s.versions.length > 1 && (
            <Text size="xs" c="dimmed" mt="sm">
              {t('context.history')}:{' '}
              {s.versions
                .map((v) => `v${v.number} ${date(v.createdAt)}${v.reason ? ` (${v.reason})` : ''}`)
                .join(' · ')}
            </Text>
          )}
        </Paper>
      )}
      <RegisterSection<Issue>
        title={t('context.issues')}
        create={{
          label: t('context.newIssue'),
          testId: 'new-issue',
          allowed: writer,
          form: (close) => <IssueForm onClose={close} />,
        }}
        table={{
          rows: ctx.data?.issues,
          keepWhenEmpty: true,
          noHeader: true,
          empty: t('context.noIssues'),
          emptyProps: { c: 'dimmed' },
          rowKey: (i) => i.id,
          rowProps: (i) => ({ c: i.status === 'closed' ? 'dimmed' : undefined }),
          columns: [
            {
              key: 'kind',
              td: { w: 120 },
              cell: (i) => (
                <Badge
                  variant="light"
                  color={i.kind === 'external' ? 'grape' : 'blue'}
                  style={{ overflow: 'visible' }}
                >
                  {t(`context.kinds.${i.kind}`)}
                </Badge>
              ),
            },
            {
              key: 'issue',
              cell: (i) => (
                <>
                  <Text size="sm" fw={500}>
                    {i.title}{' '}
                    {i.climateRelated && (
                      <Badge size="xs" color="teal">
                        {t('context.climateShort')}
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {i.effect}
                  </Text>
                </>
              ),
            },
            { key: 'edit', td: { w: 80 }, cell: edit },
          ],
        }}
      />
      <RegisterSection<Party>
        title={t('context.parties')}
        create={{
          label: t('context.newParty'),
          testId: 'new-party',
          allowed: writer,
          form: (close) => <PartyForm onClose={close} />,
        }}
        table={{
          rows: ctx.data?.parties,
          keepWhenEmpty: true,
          noHeader: true,
          empty: t('context.noParties'),
          emptyProps: { c: 'dimmed' },
          rowKey: (p) => p.id,
          columns: [
            {
              key: 'party',
              td: { w: 200 },
              cell: (p) => (
                <>
                  <Text size="sm" fw={500}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`context.partyKinds.${p.kind}`)}
                  </Text>
                </>
              ),
            },
            {
              key: 'requirements',
              cell: (p) => (
                <>
                  <Text size="sm">{p.requirements}</Text>
                  <Text size="xs" c="dimmed">
                    {p.howAddressed}
                  </Text>
                </>
              ),
            },
            { key: 'edit', td: { w: 80 }, cell: edit },
          ],
        }}
      />
      {editing === 'scope' && <ScopeForm scope={s?.current ?? null} onClose={() => setEditing(null)} />}
      {typeof editing === 'object' && editing && 'title' in editing && (
        <IssueForm issue={editing} onClose={() => setEditing(null)} />
      )}
      {typeof editing === 'object' && editing && 'requirements' in editing && (
        <PartyForm party={editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
