import { Anchor, Badge, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { RelatedPanel } from '../records/RelatedPanel.tsx';
import { AffectedCiAdder } from './AffectedCiAdder.tsx';
import { type Incident, useUpdateIncident } from './data.ts';
import { useDeskOptions } from './options.ts';

const levels = ['1', '2', '3'];

/**
 * An incident's facts beside its story: who and what it is about, the fields the desk works (editable while
 * the answer says the reader may edit), its CIs, links, attachments and escalations.
 */
export function IncidentSidebar({ incident: inc, staff }: { incident: Incident; staff: boolean }) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const update = useUpdateIncident(inc.number);
  const change = (patch: object) => update.save({ patch, version: inc.version });
  const editable = inc.abilities.edit;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Field label={t('incidents.requester')} value={inc.names.requester} />
        <Field label={t('incidents.customer')} value={inc.names.customer} />
        <Field label={t('incidents.service')} value={inc.names.service} />
        <Field label={t('incidents.agreement')} value={inc.names.agreement} />
        {inc.names.supplier && <Field label={t('incidents.supplier')} value={inc.names.supplier} />}
        {editable ? (
          <>
            <Select
              label={t('incidents.group')}
              data={opts.groupOptions}
              value={inc.groupId}
              onChange={(v) => change({ groupId: v })}
              clearable
              data-testid="field-group"
            />
            <PersonPicker
              workersOnly
              label={t('incidents.assignee')}
              value={inc.assigneeId}
              onChange={(v) => change({ assigneeId: v })}
            />
            <Group grow>
              <Select
                label={t('incidents.impact')}
                data={levels.map((l) => ({ value: l, label: t(`incidents.impactLevel.${l}`) }))}
                value={String(inc.impact)}
                onChange={(v) => v && change({ impact: Number(v) })}
                allowDeselect={false}
              />
              <Select
                label={t('incidents.urgency')}
                data={levels.map((l) => ({ value: l, label: t(`incidents.urgencyLevel.${l}`) }))}
                value={String(inc.urgency)}
                onChange={(v) => v && change({ urgency: Number(v) })}
                allowDeselect={false}
              />
            </Group>
            <Select
              label={t('incidents.category')}
              data={opts.categoryOptions}
              value={inc.category}
              onChange={(v) => change({ category: v })}
              clearable
            />
          </>
        ) : (
          <>
            <Field label={t('incidents.group')} value={inc.names.group} />
            <Field label={t('incidents.assignee')} value={inc.names.assignee} />
            <Field label={t('incidents.category')} value={opts.categoryName(inc.category)} />
          </>
        )}
        <div>
          <Text size="xs" c="dimmed">
            {t('incidents.cis')}
          </Text>
          {inc.cis.length === 0 && <Text size="sm">—</Text>}
          {inc.cis.map((c) => (
            <Group key={c.id} gap={6}>
              {staff ? (
                <Anchor component={Link} to={`/cis/${c.id}`} size="sm">
                  {c.name}
                </Anchor>
              ) : (
                <Text size="sm">{c.name}</Text>
              )}
              <Badge size="xs" variant="light" color={c.source === 'manual' ? 'blue' : 'gray'}>
                {t(`incidents.ciSource.${c.source}`)}
              </Badge>
            </Group>
          ))}
        </div>
        <RelatedPanel
          number={inc.number}
          version={inc.version}
          editable={inc.abilities.link}
          canAttach={inc.abilities.attach}
        >
          {editable && <AffectedCiAdder incident={inc} />}
        </RelatedPanel>
        {inc.escalations.length > 0 && (
          <div>
            <Text size="xs" c="dimmed">
              {t('incidents.escalations')}
            </Text>
            {inc.escalations.map((e) => (
              <Text key={e.id} size="sm">
                {e.kind === 'functional'
                  ? `→ ${e.toGroup}`
                  : t('incidents.escalatedLevel', { level: e.level })}
                : {e.reason}
              </Text>
            ))}
          </div>
        )}
      </Stack>
    </Paper>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
}
