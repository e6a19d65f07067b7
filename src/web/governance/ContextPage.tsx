import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contextKeepers as policyWriters } from '../../modules/context/policy.ts';
import { get } from '../api.ts';
import { useSave } from '../app/useSave.ts';
import { can, useMe } from '../auth/session.ts';
import { toLines } from './roles.ts';

type Issue = {
  id: string;
  kind: 'internal' | 'external';
  title: string;
  description: string;
  effect: string;
  climateRelated: boolean;
  status: 'open' | 'closed';
  version: number;
};
type Party = {
  id: string;
  name: string;
  kind: string;
  requirements: string;
  howAddressed: string;
  version: number;
};
type Context = {
  issues: Issue[];
  parties: Party[];
  climate: { number: number; relevant: boolean; reasoning: string; decidedAt: string } | null;
};
type Scope = {
  current: {
    number: number;
    statement: string;
    serviceIds: string[];
    services: Array<{ id: string; name: string; status: string }>;
    units: string[];
    locations: string[];
    exclusions: string;
    climateRelevant: boolean;
    climateReasoning: string;
    createdAt: string;
    author: string | null;
  } | null;
  versions: Array<{ number: number; reason: string; author: string | null; createdAt: string }>;
  warnings: Array<{ kind: string; serviceId?: string; name?: string }>;
};

const partyKinds = ['customer', 'user', 'supplier', 'regulator', 'staff', 'owner', 'other'];

/** Context and scope of the SMS (4.1–4.3): the scope in force and its warnings, issues, interested parties. */
export function ContextPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const writer = can(me, policyWriters);
  const scope = useQuery({ queryKey: ['scope'], queryFn: () => get<Scope>('/api/v1/scope') });
  const ctx = useQuery({ queryKey: ['context'], queryFn: () => get<Context>('/api/v1/context') });
  const [editing, setEditing] = useState<'scope' | Issue | Party | 'issue' | 'party' | null>(null);
  const s = scope.data;
  const date = (d: string) => new Date(d).toLocaleDateString(i18n.language);
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
              <List.Item key={`${w.kind}-${w.serviceId ?? ''}`}>
                {w.serviceId ? (
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
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('context.issues')}</Title>
          {writer && (
            <Button size="xs" variant="light" onClick={() => setEditing('issue')} data-testid="new-issue">
              {t('context.newIssue')}
            </Button>
          )}
        </Group>
        {ctx.data?.issues.length === 0 && <Text c="dimmed">{t('context.noIssues')}</Text>}
        <Table>
          <Table.Tbody>
            {ctx.data?.issues.map((i) => (
              <Table.Tr key={i.id} c={i.status === 'closed' ? 'dimmed' : undefined}>
                <Table.Td w={120}>
                  <Badge
                    variant="light"
                    color={i.kind === 'external' ? 'grape' : 'blue'}
                    style={{ overflow: 'visible' }}
                  >
                    {t(`context.kinds.${i.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
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
                </Table.Td>
                <Table.Td w={80}>
                  {writer && (
                    <Button size="xs" variant="subtle" onClick={() => setEditing(i)}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('context.parties')}</Title>
          {writer && (
            <Button size="xs" variant="light" onClick={() => setEditing('party')} data-testid="new-party">
              {t('context.newParty')}
            </Button>
          )}
        </Group>
        {ctx.data?.parties.length === 0 && <Text c="dimmed">{t('context.noParties')}</Text>}
        <Table>
          <Table.Tbody>
            {ctx.data?.parties.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td w={200}>
                  <Text size="sm" fw={500}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`context.partyKinds.${p.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.requirements}</Text>
                  <Text size="xs" c="dimmed">
                    {p.howAddressed}
                  </Text>
                </Table.Td>
                <Table.Td w={80}>
                  {writer && (
                    <Button size="xs" variant="subtle" onClick={() => setEditing(p)}>
                      {t('common.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing === 'scope' && <ScopeForm scope={s?.current ?? null} onClose={() => setEditing(null)} />}
      {(editing === 'issue' || (typeof editing === 'object' && editing && 'title' in editing)) && (
        <IssueForm
          issue={editing === 'issue' ? undefined : (editing as Issue)}
          onClose={() => setEditing(null)}
        />
      )}
      {(editing === 'party' || (typeof editing === 'object' && editing && 'requirements' in editing)) && (
        <PartyForm
          party={editing === 'party' ? undefined : (editing as Party)}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function Buttons({ onClose, onSave, testId }: { onClose: () => void; onSave: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button onClick={onSave} data-testid={testId}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

function ScopeForm({ scope, onClose }: { scope: Scope['current']; onClose: () => void }) {
  const { t } = useTranslation();
  const services = useQuery({
    queryKey: ['services', 'all'],
    queryFn: () =>
      get<{ items: Array<{ id: string; name: string; status: string }> }>('/api/v1/services?limit=500'),
  });
  const [f, setF] = useState({
    statement: scope?.statement ?? '',
    serviceIds: scope?.serviceIds ?? [],
    units: scope?.units.join('\n') ?? '',
    locations: scope?.locations.join('\n') ?? '',
    exclusions: scope?.exclusions ?? '',
    climateRelevant: scope?.climateRelevant ? 'yes' : scope ? 'no' : null,
    climateReasoning: scope?.climateReasoning ?? '',
    reason: '',
  });
  const { errors, save } = useSave([['scope'], ['context']], onClose);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  return (
    <Modal opened onClose={onClose} title={t('context.newScopeVersion')} size="lg">
      <Stack>
        <Textarea
          label={t('context.statement')}
          required
          autosize
          minRows={3}
          value={f.statement}
          onChange={(e) => set('statement', e.currentTarget.value)}
          error={errors.statement}
          data-testid="scope-statement"
        />
        <MultiSelect
          label={t('context.services')}
          searchable
          data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.status})` }))}
          value={f.serviceIds}
          onChange={(v) => set('serviceIds', v)}
          error={errors.serviceIds}
        />
        <SimpleGrid cols={2}>
          <Textarea
            label={t('context.units')}
            description={t('smsRoles.onePerLine')}
            autosize
            value={f.units}
            onChange={(e) => set('units', e.currentTarget.value)}
          />
          <Textarea
            label={t('context.locations')}
            description={t('smsRoles.onePerLine')}
            autosize
            value={f.locations}
            onChange={(e) => set('locations', e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label={t('context.exclusions')}
          autosize
          value={f.exclusions}
          onChange={(e) => set('exclusions', e.currentTarget.value)}
        />
        <Select
          label={t('context.climate')}
          required
          data={[
            { value: 'yes', label: t('context.climateRelevant') },
            { value: 'no', label: t('context.climateNotRelevant') },
          ]}
          value={f.climateRelevant}
          onChange={(v) => set('climateRelevant', v)}
          error={errors.climateRelevant}
          data-testid="scope-climate"
        />
        <Textarea
          label={t('context.climateReasoning')}
          required
          autosize
          value={f.climateReasoning}
          onChange={(e) => set('climateReasoning', e.currentTarget.value)}
          error={errors.climateReasoning}
          data-testid="scope-climate-reasoning"
        />
        {scope && (
          <TextInput
            label={t('context.reason')}
            required
            value={f.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason}
          />
        )}
        <Buttons
          onClose={onClose}
          testId="scope-save"
          onSave={() =>
            save('/api/v1/scope', 'POST', {
              statement: f.statement,
              serviceIds: f.serviceIds,
              units: toLines(f.units),
              locations: toLines(f.locations),
              exclusions: f.exclusions,
              climateRelevant: f.climateRelevant === 'yes',
              climateReasoning: f.climateRelevant ? f.climateReasoning : '',
              reason: f.reason,
            })
          }
        />
      </Stack>
    </Modal>
  );
}

function IssueForm({ issue, onClose }: { issue?: Issue; onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    kind: issue?.kind ?? 'external',
    title: issue?.title ?? '',
    effect: issue?.effect ?? '',
    climateRelated: issue?.climateRelated ?? false,
    status: issue?.status ?? 'open',
  });
  const { errors, save } = useSave([['scope'], ['context']], onClose);
  return (
    <Modal opened onClose={onClose} title={issue ? issue.title : t('context.newIssue')}>
      <Stack>
        <Select
          label={t('context.kind')}
          data={['internal', 'external'].map((k) => ({ value: k, label: t(`context.kinds.${k}`) }))}
          value={f.kind}
          onChange={(v) => v && setF({ ...f, kind: v as Issue['kind'] })}
          allowDeselect={false}
        />
        <TextInput
          label={t('context.issue')}
          required
          value={f.title}
          onChange={(e) => setF({ ...f, title: e.currentTarget.value })}
          error={errors.title}
          data-testid="issue-title"
        />
        <Textarea
          label={t('context.effect')}
          autosize
          value={f.effect}
          onChange={(e) => setF({ ...f, effect: e.currentTarget.value })}
        />
        <Checkbox
          label={t('context.climateRelated')}
          checked={f.climateRelated}
          onChange={(e) => setF({ ...f, climateRelated: e.currentTarget.checked })}
        />
        {issue && (
          <Checkbox
            label={t('context.closed')}
            checked={f.status === 'closed'}
            onChange={(e) => setF({ ...f, status: e.currentTarget.checked ? 'closed' : 'open' })}
          />
        )}
        <Buttons
          onClose={onClose}
          testId="issue-save"
          onSave={() =>
            issue
              ? save(`/api/v1/context/issues/${issue.id}`, 'PATCH', f, issue.version)
              : save('/api/v1/context/issues', 'POST', f)
          }
        />
      </Stack>
    </Modal>
  );
}

function PartyForm({ party, onClose }: { party?: Party; onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    name: party?.name ?? '',
    kind: party?.kind ?? 'customer',
    requirements: party?.requirements ?? '',
    howAddressed: party?.howAddressed ?? '',
  });
  const { errors, save } = useSave([['scope'], ['context']], onClose);
  return (
    <Modal opened onClose={onClose} title={party ? party.name : t('context.newParty')}>
      <Stack>
        <TextInput
          label={t('context.party')}
          required
          value={f.name}
          onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          label={t('context.kind')}
          data={partyKinds.map((k) => ({ value: k, label: t(`context.partyKinds.${k}`) }))}
          value={f.kind}
          onChange={(v) => v && setF({ ...f, kind: v })}
          allowDeselect={false}
        />
        <Textarea
          label={t('context.requirements')}
          autosize
          value={f.requirements}
          onChange={(e) => setF({ ...f, requirements: e.currentTarget.value })}
        />
        <Textarea
          label={t('context.howAddressed')}
          autosize
          value={f.howAddressed}
          onChange={(e) => setF({ ...f, howAddressed: e.currentTarget.value })}
        />
        <Buttons
          onClose={onClose}
          testId="party-save"
          onSave={() =>
            party
              ? save(`/api/v1/context/parties/${party.id}`, 'PATCH', f, party.version)
              : save('/api/v1/context/parties', 'POST', f)
          }
        />
      </Stack>
    </Modal>
  );
}
