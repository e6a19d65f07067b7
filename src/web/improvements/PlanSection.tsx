import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import {
  type Improvement,
  type NewPlanAction,
  useAddImprovementAction,
  useTickImprovementAction,
} from './data.ts';
import { valueText } from './format.ts';

const blank: NewPlanAction = { title: '', responsibleId: null, due: null };
const planned = ['approved', 'in_progress'];

/** The KPI that measures the benefit: its value before (at approval), the target and the value after. */
export function BenefitFacts({ imp }: { imp: Improvement }) {
  const { t, i18n } = useTranslation();
  const f = (k: string) => t(`improvements.field.${k}`);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="improvement-kpi">
      <Fact label={f('kpi')}>
        {imp.kpiKey ? t(`objectives.kpi.${imp.kpiKey}`, { defaultValue: imp.kpiKey }) : null}
      </Fact>
      <Fact label={f('baseline')}>{imp.baseline === null ? null : valueText(imp.baseline)}</Fact>
      <Fact label={f('target')}>{imp.target === null ? null : valueText(imp.target)}</Fact>
      <Fact label={f('measured')}>{imp.measured === null ? null : valueText(imp.measured)}</Fact>
      <Fact label={f('targetDate')}>{imp.targetDate ? formatDay(imp.targetDate, i18n.language) : null}</Fact>
    </SimpleGrid>
  );
}

/**
 * The plan of an approved improvement: its actions (who, by when), ticked off by their responsible person or
 * whoever runs it; its target date and KPI are set in the edit dialog.
 */
export function PlanSection({ imp }: { imp: Improvement }) {
  const { t, i18n } = useTranslation();
  const c = (k: string) => t(`improvements.cols.${k}`);
  const me = useMe().data!;
  const [draft, setDraft] = useState<NewPlanAction>(blank);
  const add = useAddImprovementAction(imp.id, { onSaved: () => setDraft(blank) });
  const tick = useTickImprovementAction(imp.id);
  const final = imp.state === 'realised' || imp.state === 'withdrawn';
  const mayAdd = imp.abilities.run && planned.includes(imp.state);
  const f = (k: string) => t(`improvements.actionField.${k}`);
  return (
    <Paper withBorder p="md" data-testid="improvement-plan">
      <Title order={4} mb="xs">
        {t('improvements.plan')}
      </Title>
      <Stack gap="sm">
        <BenefitFacts imp={imp} />
        {imp.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {imp.state === 'proposed' ? t('improvements.planAfterApproval') : t('improvements.noActions')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{c('done')}</Table.Th>
                <Table.Th>{c('action')}</Table.Th>
                <Table.Th>{c('responsible')}</Table.Th>
                <Table.Th>{c('due')}</Table.Th>
                <Table.Th>{c('state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.actions.map((a) => {
                const mayTick = !final && (imp.abilities.run || a.responsibleId === me.id);
                return (
                  <Table.Tr key={a.id} data-testid="improvement-action">
                    <Table.Td w={40}>
                      <Checkbox
                        aria-label={t('improvements.actionDone', { title: a.title })}
                        checked={a.state === 'done'}
                        disabled={!mayTick || tick.saving}
                        onChange={(e) => tick.save({ actionId: a.id, done: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" td={a.state === 'done' ? 'line-through' : undefined}>
                        {a.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.responsibleName ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {a.due ? formatDay(a.due, i18n.language) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {a.state === 'done' && (
                        <Badge color="green" variant="light" styles={wholeBadge}>
                          {t('improvements.done')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {mayAdd && (
          <Stack gap="xs">
            <Group align="flex-start" grow>
              <TextInput
                label={f('title')}
                value={draft.title}
                onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
                error={add.errors.title}
                data-testid="improvement-action-title"
              />
              <PersonPicker
                label={f('responsible')}
                staffOnly
                value={draft.responsibleId}
                onChange={(v) => setDraft({ ...draft, responsibleId: v })}
                error={add.errors.responsibleId}
              />
              <TextInput
                type="date"
                label={f('due')}
                value={draft.due ?? ''}
                onChange={(e) => setDraft({ ...draft, due: e.currentTarget.value || null })}
                error={add.errors.due}
              />
            </Group>
            <Group>
              <Button
                size="sm"
                variant="light"
                disabled={!draft.title.trim()}
                loading={add.saving}
                onClick={() => add.save(draft)}
                data-testid="improvement-action-add"
              >
                {t('improvements.addAction')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
