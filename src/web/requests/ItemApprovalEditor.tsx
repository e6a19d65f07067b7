import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles } from '../../kernel/access/roles.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import type { SectionProps } from './CatalogueItemEditor.tsx';
import type { Approver } from './data.ts';

/** Who approves an order of the item: nobody, any one of the approvers, or all of them. */
export function ItemApprovalEditor({ item: d, set, errors }: SectionProps) {
  const { t } = useTranslation();
  const setApprovers = (approvers: SectionProps['item']['approval']['approvers']) =>
    set({ approval: { ...d.approval, approvers } });
  return (
    <>
      <Select
        label={t('itemEditor.approvalMode')}
        data={(['none', 'any', 'all'] as const).map((m) => ({ value: m, label: t(`itemEditor.mode.${m}`) }))}
        value={d.approval.mode}
        onChange={(v) => v && set({ approval: { ...d.approval, mode: v as 'none' } })}
        allowDeselect={false}
        w={320}
      />
      {d.approval.mode !== 'none' && (
        <Stack gap="xs">
          {d.approval.approvers.map((a, i) => (
            <Group key={a._k} align="flex-end">
              <Select
                label={t('itemEditor.approver')}
                data={(['manager', 'service_owner', 'role', 'person'] as const).map((k) => ({
                  value: k,
                  label: t(`itemEditor.approverKind.${k}`),
                }))}
                value={a.kind}
                onChange={(v) => {
                  const next: Approver =
                    v === 'role'
                      ? { kind: 'role', role: 'service_owner' }
                      : v === 'person'
                        ? { kind: 'person', userId: '' }
                        : { kind: v as 'manager' };
                  setApprovers(d.approval.approvers.map((x, j) => (j === i ? { ...next, _k: x._k } : x)));
                }}
                allowDeselect={false}
                w={220}
              />
              {a.kind === 'role' && (
                <Select
                  label={t('itemEditor.role')}
                  data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  value={a.role}
                  onChange={(v) =>
                    v &&
                    setApprovers(
                      d.approval.approvers.map((x, j) => (j === i ? { kind: 'role', role: v } : x)),
                    )
                  }
                  error={errors[`approval.approvers.${i}.role`]}
                  w={260}
                />
              )}
              {a.kind === 'person' && (
                <PersonPicker
                  label={t('itemEditor.person')}
                  value={a.userId || null}
                  onChange={(v) =>
                    setApprovers(
                      d.approval.approvers.map((x, j) =>
                        j === i ? { kind: 'person', userId: v ?? '', _k: x._k } : x,
                      ),
                    )
                  }
                  error={errors[`approval.approvers.${i}.userId`]}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('itemEditor.remove')}
                onClick={() => setApprovers(d.approval.approvers.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errors['approval.approvers'] && (
            <Text c="red" size="sm">
              {errors['approval.approvers']}
            </Text>
          )}
          <Button
            variant="default"
            w="fit-content"
            onClick={() => setApprovers([...d.approval.approvers, { kind: 'service_owner' }])}
          >
            {t('itemEditor.addApprover')}
          </Button>
        </Stack>
      )}
    </>
  );
}
