import { ActionIcon, Button, Group, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SectionProps } from './CatalogueItemEditor.tsx';
import { keyed } from './catalogueItem.ts';

/** The fulfilment tasks an order of the item opens, each for a group, with instructions. */
export function ItemTasksEditor({
  item: d,
  set,
  errors,
  groupOptions,
}: SectionProps & { groupOptions: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const setTask = (i: number, patch: Partial<(typeof d.tasks)[number]>) =>
    set({ tasks: d.tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <>
      {d.tasks.map((task, i) => (
        <Group key={task._k} align="flex-start">
          <TextInput
            label={t('itemEditor.taskTitle')}
            value={task.title}
            onChange={(e) => setTask(i, { title: e.currentTarget.value })}
            error={errors[`tasks.${i}.title`]}
            w={260}
          />
          <Select
            label={t('itemEditor.taskGroup')}
            data={groupOptions}
            value={task.groupId ?? null}
            onChange={(v) => setTask(i, { groupId: v })}
            error={errors[`tasks.${i}.groupId`]}
            clearable
            w={220}
          />
          <Textarea
            label={t('itemEditor.instructions')}
            value={task.instructions ?? ''}
            onChange={(e) => setTask(i, { instructions: e.currentTarget.value })}
            autosize
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={28}
            aria-label={t('itemEditor.remove')}
            onClick={() => set({ tasks: d.tasks.filter((_, j) => j !== i) })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => set({ tasks: [...d.tasks, keyed({ title: '', groupId: null })] })}
      >
        {t('itemEditor.addTask')}
      </Button>
    </>
  );
}
