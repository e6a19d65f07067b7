import { Checkbox, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueKinds, partyKinds } from '../../modules/context/lifecycle.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { useServiceChoices } from '../portfolio/data.ts';
import { type Issue, type Party, type Scope, useSaveIssue, useSaveParty, useSaveScope } from './data.ts';
import { toLines } from './roles.ts';

/** A new version of the scope: its statement, services, units, locations, exclusions and climate decision. */
export function ScopeForm({ scope, onClose }: { scope: Scope['current']; onClose: () => void }) {
  const { t } = useTranslation();
  const services = useServiceChoices();
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
  const write = useSaveScope({ onSaved: onClose });
  const { errors } = write;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  return (
    <FormDialog
      title={t('context.newScopeVersion')}
      size="lg"
      onClose={onClose}
      saveTestId="scope-save"
      onSave={() =>
        write.save({
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
    >
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
    </FormDialog>
  );
}

/** A context issue (internal or external) and the effect it has; an existing one may be closed. */
export function IssueForm({ issue, onClose }: { issue?: Issue; onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    kind: issue?.kind ?? 'external',
    title: issue?.title ?? '',
    effect: issue?.effect ?? '',
    climateRelated: issue?.climateRelated ?? false,
    status: issue?.status ?? 'open',
  });
  const write = useSaveIssue({ onSaved: onClose });
  const { errors } = write;
  return (
    <FormDialog
      title={issue ? issue.title : t('context.newIssue')}
      onClose={onClose}
      saveTestId="issue-save"
      onSave={() => write.save({ id: issue?.id, version: issue?.version, body: f })}
    >
      <Select
        label={t('context.kind')}
        data={issueKinds.map((k) => ({ value: k, label: t(`context.kinds.${k}`) }))}
        value={f.kind}
        onChange={(v) => {
          const kind = issueKinds.find((k) => k === v);
          if (kind) setF({ ...f, kind });
        }}
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
    </FormDialog>
  );
}

/** An interested party, its requirements and how the service management system addresses them. */
export function PartyForm({ party, onClose }: { party?: Party; onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    name: party?.name ?? '',
    kind: party?.kind ?? 'customer',
    requirements: party?.requirements ?? '',
    howAddressed: party?.howAddressed ?? '',
  });
  const write = useSaveParty({ onSaved: onClose });
  const { errors } = write;
  return (
    <FormDialog
      title={party ? party.name : t('context.newParty')}
      onClose={onClose}
      saveTestId="party-save"
      onSave={() => write.save({ id: party?.id, version: party?.version, body: f })}
    >
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
        onChange={(v) => {
          const kind = partyKinds.find((k) => k === v);
          if (kind) setF({ ...f, kind });
        }}
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
    </FormDialog>
  );
}
