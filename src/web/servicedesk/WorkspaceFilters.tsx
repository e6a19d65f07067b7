import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeStates } from '../../modules/changes/lifecycle.ts';
import { requestStates } from '../../modules/requests/lifecycle.ts';
import { incidentStates } from '../../modules/servicedesk/lifecycle.ts';
import { listParam } from '../app/listParam.ts';
import { stateName } from '../i18n/state-name.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useDeskOptions } from './options.ts';

/** Incidents' states, then those only service requests and changes have. */
const states = [...new Set<string>([...incidentStates, ...requestStates, ...changeStates])];
const sorts = ['priority', 'due', '-updated', '-created'];

/** The workspace's filters; each lives in the URL, so a filtered queue can be shared or saved as a view. */
export function WorkspaceFilters(props: {
  q: string;
  onSearch: (q: string) => void;
  params: URLSearchParams;
  set: (key: string, value: string | string[] | null) => void;
}) {
  const { t } = useTranslation();
  const opts = useDeskOptions();
  const { params, set } = props;
  return (
    <Group gap="sm" align="flex-end">
      <TextInput
        label={t('workspace.search')}
        value={props.q}
        onChange={(e) => props.onSearch(e.currentTarget.value)}
        w={240}
      />
      <MultiSelect
        label={t('workspace.state')}
        data={states.map((s) => ({ value: s, label: stateName(t, s) }))}
        value={listParam(params, 'state')}
        onChange={(v) => set('state', v)}
        clearable
        w={220}
      />
      <MultiSelect
        label={t('incidents.priority')}
        data={['1', '2', '3', '4', '5']}
        value={listParam(params, 'priority')}
        onChange={(v) => set('priority', v)}
        clearable
        w={160}
      />
      <Select
        label={t('incidents.group')}
        data={opts.groupOptions}
        value={params.get('group')}
        onChange={(v) => set('group', v)}
        clearable
        w={200}
      />
      <Select
        label={t('incidents.service')}
        data={opts.serviceOptions}
        value={params.get('service')}
        onChange={(v) => set('service', v)}
        clearable
        searchable
        w={200}
      />
      <Select
        label={t('incidents.customer')}
        data={opts.customerOptions}
        value={params.get('customer')}
        onChange={(v) => set('customer', v)}
        clearable
        searchable
        w={200}
      />
      <div style={{ width: 220 }}>
        <PersonPicker
          workersOnly
          label={t('incidents.assignee')}
          value={params.get('assignee')}
          onChange={(v) => set('assignee', v)}
        />
      </div>
      <Select
        label={t('workspace.sort')}
        data={sorts.map((s) => ({ value: s, label: t(`workspace.sortBy.${s}`) }))}
        value={params.get('sort')}
        placeholder={t('workspace.sortBy.default')}
        onChange={(v) => set('sort', v)}
        clearable
        w={180}
      />
    </Group>
  );
}
