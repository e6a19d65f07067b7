import {
  Checkbox,
  CloseButton,
  Group,
  Pill,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ReportFormat,
  type ReportFrequency,
  type ReportKind,
  reportFormats,
  reportFrequencies,
  reportKinds,
} from '../../modules/reports/policy.ts';
import { useAgreements } from '../agreements/data.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { languages } from '../i18n/index.ts';
import { usePeople } from '../records/data.ts';
import { type ReportSchedule, type ScheduleInput, useSaveReportSchedule } from './data.ts';

type Person = { id: string; name: string };

const blank: ScheduleInput = {
  name: '',
  kind: 'service_level',
  agreementId: null,
  frequency: 'monthly',
  formats: ['pdf'],
  recipientIds: [],
  recipientAddresses: [],
  language: 'en',
  active: true,
};

const inputOf = (s: ReportSchedule): ScheduleInput => ({
  name: s.name,
  kind: s.kind,
  agreementId: s.agreementId,
  frequency: s.frequency,
  formats: s.formats,
  recipientIds: s.recipients.map((r) => r.id),
  recipientAddresses: s.recipientAddresses,
  language: s.language,
  active: s.active,
});

/**
 * A report schedule, new or changed: what is reported (an agreement's service level report, the KPI pack,
 * the management review pack), how often, in which formats, to whom (people in Keel and other addresses),
 * and in which language its mail is written.
 */
export function ScheduleForm({ schedule, onClose }: { schedule?: ReportSchedule; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const agreements = useAgreements();
  // a new schedule's mail is written in the language of whoever sets it up, until they choose another
  const [d, setD] = useState<ScheduleInput>(() =>
    schedule
      ? inputOf(schedule)
      : {
          ...blank,
          language: (languages as readonly string[]).includes(i18n.language)
            ? (i18n.language as ScheduleInput['language'])
            : 'en',
        },
  );
  const [people, setPeople] = useState<Person[]>(() => schedule?.recipients ?? []);
  const set = (patch: Partial<ScheduleInput>) => setD((x) => ({ ...x, ...patch }));
  const save = useSaveReportSchedule({ onSaved: onClose });
  const f = (k: string) => t(`serviceReports.field.${k}`);
  const e = save.errors;
  const agreementOptions = (agreements.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  const addPerson = (p: Person) => setPeople((ps) => (ps.some((x) => x.id === p.id) ? ps : [...ps, p]));
  const body: ScheduleInput = {
    ...d,
    agreementId: d.kind === 'service_level' ? d.agreementId : null,
    recipientIds: people.map((p) => p.id),
  };
  return (
    <FormDialog
      title={schedule ? t('serviceReports.edit') : t('serviceReports.new')}
      size="lg"
      onClose={onClose}
      onSave={() => save.save(schedule ? { id: schedule.id, version: schedule.version, body } : { body })}
      saving={save.saving}
      saveTestId="report-schedule-save"
    >
      <TextInput
        label={f('name')}
        required
        value={d.name}
        onChange={(ev) => set({ name: ev.currentTarget.value })}
        error={e.name}
        data-testid="report-name"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={f('kind')}
          data={reportKinds.map((k) => ({ value: k, label: t(`serviceReports.kind.${k}`) }))}
          value={d.kind}
          allowDeselect={false}
          onChange={(v) => v && set({ kind: v as ReportKind })}
          error={e.kind}
        />
        {d.kind === 'service_level' && (
          <Select
            label={f('agreement')}
            searchable
            data={agreementOptions}
            value={d.agreementId ?? null}
            onChange={(v) => set({ agreementId: v })}
            error={e.agreementId}
            data-testid="report-agreement"
          />
        )}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t(`serviceReports.kindHelp.${d.kind}`)}
      </Text>
      <Group align="flex-end" gap="xl">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="report-frequency">
            {f('frequency')}
          </Text>
          <SegmentedControl
            aria-labelledby="report-frequency"
            value={d.frequency}
            onChange={(v) => set({ frequency: v as ReportFrequency })}
            data={reportFrequencies.map((x) => ({ value: x, label: t(`serviceReports.frequency.${x}`) }))}
          />
        </Stack>
        <Checkbox.Group
          label={f('formats')}
          value={d.formats}
          onChange={(v) => set({ formats: v as ReportFormat[] })}
          error={e.formats}
        >
          <Group mt={6}>
            {reportFormats.map((x) => (
              <Checkbox key={x} value={x} label={x.toUpperCase()} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={f('language')}
          w={150}
          data={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          value={d.language}
          allowDeselect={false}
          onChange={(v) => v && set({ language: v as ScheduleInput['language'] })}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {f('recipients')}
        </Text>
        <Group gap={6}>
          {people.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('serviceReports.noPeople')}
            </Text>
          )}
          {people.map((p, i) => (
            <Pill
              key={p.id}
              size="md"
              c={e[`recipientIds.${i}`] ? 'red' : undefined}
              title={e[`recipientIds.${i}`]}
              data-invalid={e[`recipientIds.${i}`] ? true : undefined}
            >
              <Group gap={4} wrap="nowrap">
                {p.name}
                {e[`recipientIds.${i}`] && ` — ${e[`recipientIds.${i}`]}`}
                <CloseButton
                  size="xs"
                  aria-label={t('serviceReports.removeRecipient', { name: p.name })}
                  onClick={() => setPeople((ps) => ps.filter((x) => x.id !== p.id))}
                />
              </Group>
            </Pill>
          ))}
        </Group>
        {/* errors on one person (recipientIds.N) are shown on that person above; the field's own here */}
        <RecipientAdder onAdd={addPerson} error={e.recipientIds} />
      </Stack>
      <TagsInput
        label={f('addresses')}
        description={t('serviceReports.addressesHelp')}
        value={d.recipientAddresses}
        onChange={(v) => set({ recipientAddresses: v })}
        error={
          e.recipientAddresses ?? Object.entries(e).find(([k]) => k.startsWith('recipientAddresses.'))?.[1]
        }
        data-testid="report-addresses"
      />
      <Switch
        label={f('active')}
        checked={d.active}
        onChange={(ev) => set({ active: ev.currentTarget.checked })}
      />
    </FormDialog>
  );
}

/** Picks a person in Keel to add to the recipients, by a search; the chosen one joins the list at once. */
function RecipientAdder(props: { onAdd: (p: Person) => void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const found = usePeople(q, {});
  const items = found.data?.items ?? [];
  return (
    <Select
      aria-label={t('serviceReports.addRecipient')}
      placeholder={t('serviceReports.addRecipient')}
      searchable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      data={items.map((p) => ({ value: p.id, label: p.customer ? `${p.name} (${p.customer})` : p.name }))}
      value={null}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) props.onAdd({ id: p.id, name: p.name });
        setSearch('');
      }}
      error={props.error}
      data-testid="report-recipient"
    />
  );
}
