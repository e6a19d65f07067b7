import { Button, Checkbox, Group, Modal, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Criterion,
  type NewCriterion,
  useAddCriterion,
  useCriteria,
  useUpdateCriterion,
} from './data.ts';

type Edit = Pick<Criterion, 'name' | 'weight' | 'higherIsBetter' | 'retired'>;

/** One criterion as a row: its name, weight and direction change in place; retiring keeps old scores readable. */
function CriterionRow({ c }: { c: Criterion }) {
  const { t } = useTranslation();
  const [edit, setEdit] = useState<Edit | null>(null);
  const shown: Edit = edit ?? c;
  const update = useUpdateCriterion({ onSaved: () => setEdit(null) });
  const set = (patch: Partial<Edit>) => setEdit({ ...shown, ...patch });
  return (
    <Table.Tr data-testid="criterion-row" opacity={shown.retired ? 0.6 : 1}>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('improvements.criteria.name')}
          value={shown.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={update.errors.name}
        />
        <Text size="xs" c="dimmed" ff="monospace">
          {c.key}
        </Text>
      </Table.Td>
      <Table.Td w={90}>
        <NumberInput
          size="xs"
          aria-label={t('improvements.criteria.weight')}
          min={1}
          max={5}
          value={shown.weight}
          onChange={(v) => set({ weight: typeof v === 'number' ? v : 1 })}
          error={update.errors.weight}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          size="xs"
          label={t('improvements.criteria.lowerIsBetter')}
          checked={!shown.higherIsBetter}
          onChange={(e) => set({ higherIsBetter: !e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          size="xs"
          label={t('improvements.criteria.retired')}
          checked={shown.retired}
          onChange={(e) => set({ retired: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td w={90}>
        {edit && (
          <Button
            size="xs"
            loading={update.saving}
            onClick={() => update.save({ id: c.id, version: c.version, patch: edit })}
          >
            {t('common.save')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

const blank: NewCriterion = { key: '', name: '', description: '', weight: 1, higherIsBetter: true };

/**
 * The criteria opportunities are scored by (process owners and top management keep them): each scored 1–5,
 * weighed, and turned round where a lower score is better (effort, risk). Every score is weighed again on
 * a change.
 */
export function CriteriaDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const q = useCriteria();
  const [draft, setDraft] = useState<NewCriterion>(blank);
  const add = useAddCriterion({ onSaved: () => setDraft(blank) });
  return (
    <Modal opened onClose={onClose} title={t('improvements.criteria.title')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('improvements.criteria.intro')}
        </Text>
        <Table data-testid="criteria">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('improvements.criteria.name')}</Table.Th>
              <Table.Th>{t('improvements.criteria.weight')}</Table.Th>
              <Table.Th />
              <Table.Th />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(q.data?.items ?? []).map((c) => (
              <CriterionRow key={`${c.id}-${c.version}`} c={c} />
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={600}>
          {t('improvements.criteria.add')}
        </Text>
        <Group align="flex-start" grow>
          <TextInput
            label={t('improvements.criteria.key')}
            placeholder={t('improvements.criteria.keyHelp')}
            value={draft.key}
            onChange={(e) => setDraft({ ...draft, key: e.currentTarget.value })}
            error={add.errors.key}
          />
          <TextInput
            label={t('improvements.criteria.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={add.errors.name}
          />
          <NumberInput
            label={t('improvements.criteria.weight')}
            min={1}
            max={5}
            value={draft.weight}
            onChange={(v) => setDraft({ ...draft, weight: typeof v === 'number' ? v : 1 })}
            error={add.errors.weight}
          />
        </Group>
        <Group justify="space-between">
          <Checkbox
            label={t('improvements.criteria.lowerIsBetter')}
            checked={!draft.higherIsBetter}
            onChange={(e) => setDraft({ ...draft, higherIsBetter: !e.currentTarget.checked })}
          />
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button
              loading={add.saving}
              disabled={!draft.key.trim() || !draft.name.trim()}
              onClick={() => add.save(draft)}
            >
              {t('improvements.criteria.add')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
