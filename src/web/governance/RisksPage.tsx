import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isStaff } from '../../kernel/access/roles.ts';
import { ApiProblem, api, get } from '../api.ts';
import { formatDay } from '../app/dates.ts';
import { showProblem } from '../app/showProblem.ts';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';

export type RiskRow = {
  id: string;
  code: string;
  kind: 'risk' | 'opportunity';
  title: string;
  inherent: { likelihood: number; impact: number; score: number };
  residual: { likelihood: number; impact: number; score: number };
  high: boolean;
  treatment: string;
  reviewDue: string;
  reviewOverdue: boolean;
  status: string;
};
type Cell = { likelihood: number; impact: number; acceptable: boolean; risks: string[] };
type HeatMap = {
  criteria: { likelihood: string[]; impact: string[]; acceptable: number };
  residual: Cell[][];
};

/** The heat map of open risks after treatment: likelihood up, impact across, unacceptable cells red. */
function Heat({ map }: { map: HeatMap }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="heatmap">
      <Text fw={600} mb="xs">
        {t('risks.heatmap')}
      </Text>
      <Table withColumnBorders style={{ tableLayout: 'fixed' }}>
        <Table.Tbody>
          {[...map.residual].reverse().map((row) => (
            <Table.Tr key={row[0]!.likelihood}>
              <Table.Td w={140}>
                <Text size="xs">{map.criteria.likelihood[row[0]!.likelihood - 1]}</Text>
              </Table.Td>
              {row.map((c) => (
                <Table.Td
                  key={c.impact}
                  bg={
                    c.risks.length ? (c.acceptable ? 'yellow.1' : 'red.2') : c.acceptable ? 'gray.0' : 'red.0'
                  }
                  ta="center"
                  data-testid={`cell-${c.likelihood}-${c.impact}`}
                >
                  {c.risks.length > 0 && (
                    <Tooltip label={c.risks.join(', ')}>
                      <Text fw={700}>{c.risks.length}</Text>
                    </Tooltip>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td />
            {map.criteria.impact.map((i) => (
              <Table.Td key={i} ta="center">
                <Text size="xs">{i}</Text>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {t('risks.acceptableUpTo', { score: map.criteria.acceptable })}
      </Text>
    </Paper>
  );
}

/** The risk and opportunity register (6.1) with its heat map. */
export function RisksPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['risks'],
    queryFn: () => get<{ items: RiskRow[] }>('/api/v1/risks?status=open'),
  });
  const map = useQuery({
    queryKey: ['risks', 'heatmap'],
    queryFn: () => get<HeatMap>('/api/v1/risks/heatmap'),
  });
  const writer = isStaff(me);
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('risks.title')}</Title>
        {writer && (
          <Button onClick={() => setCreating(true)} data-testid="new-risk">
            {t('risks.new')}
          </Button>
        )}
      </Group>
      {map.data && <Heat map={map.data} />}
      {list.data && list.data.items.length === 0 && <Text>{t('risks.none')}</Text>}
      {(list.data?.items.length ?? 0) > 0 && (
        <Table striped data-testid="risks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('risks.code')}</Table.Th>
              <Table.Th>{t('risks.name')}</Table.Th>
              <Table.Th>{t('risks.inherent')}</Table.Th>
              <Table.Th>{t('risks.residual')}</Table.Th>
              <Table.Th>{t('risks.treatment')}</Table.Th>
              <Table.Th>{t('risks.reviewDue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data!.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/risks/${r.id}`}>
                    {r.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.inherent.score}</Table.Td>
                <Table.Td>
                  <Badge color={r.high ? 'red' : r.kind === 'opportunity' ? 'teal' : 'gray'} variant="light">
                    {r.residual.score}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`risks.treatments.${r.treatment}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={r.reviewOverdue ? 'red' : undefined}>
                    {formatDay(r.reviewDue, i18n.language)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewRisk onClose={() => setCreating(false)} />}
    </Stack>
  );
}

const levels = ['1', '2', '3', '4', '5'];

function NewRisk({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const [f, setF] = useState({
    kind: 'risk',
    title: '',
    causes: '',
    ownerId: me.id as string | null,
    il: '3',
    ii: '3',
    rl: '2',
    ri: '2',
    treatment: 'reduce',
    reviewDue: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const treatmentsFor =
    f.kind === 'risk' ? ['avoid', 'reduce', 'transfer', 'accept'] : ['exploit', 'enhance', 'share', 'accept'];
  const save = async () => {
    setErrors({});
    try {
      await api('/api/v1/risks', {
        method: 'POST',
        body: {
          kind: f.kind,
          title: f.title,
          causes: f.causes,
          ownerId: f.ownerId,
          inherentLikelihood: Number(f.il),
          inherentImpact: Number(f.ii),
          residualLikelihood: Number(f.rl),
          residualImpact: Number(f.ri),
          treatment: f.treatment,
          reviewDue: f.reviewDue,
        },
      });
      await qc.invalidateQueries({ queryKey: ['risks'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  const level = (label: string, k: 'il' | 'ii' | 'rl' | 'ri', field: string) => (
    <Select
      label={label}
      data={levels}
      value={f[k]}
      onChange={(v) => v && set(k, v)}
      allowDeselect={false}
      error={errors[field]}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('risks.new')} size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <Select
            label={t('risks.kind')}
            data={['risk', 'opportunity'].map((k) => ({ value: k, label: t(`risks.kinds.${k}`) }))}
            value={f.kind}
            onChange={(v) =>
              v && setF((x) => ({ ...x, kind: v, treatment: v === 'risk' ? 'reduce' : 'exploit' }))
            }
            allowDeselect={false}
          />
          <PersonPicker
            label={t('risks.owner')}
            value={f.ownerId}
            onChange={(v) => set('ownerId', v)}
            error={errors.ownerId}
          />
        </SimpleGrid>
        <TextInput
          label={t('risks.name')}
          required
          value={f.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          data-testid="risk-title"
        />
        <Textarea
          label={t('risks.causes')}
          autosize
          value={f.causes}
          onChange={(e) => set('causes', e.currentTarget.value)}
        />
        <SimpleGrid cols={4}>
          {level(t('risks.inherentLikelihood'), 'il', 'inherentLikelihood')}
          {level(t('risks.inherentImpact'), 'ii', 'inherentImpact')}
          {level(t('risks.residualLikelihood'), 'rl', 'residualLikelihood')}
          {level(t('risks.residualImpact'), 'ri', 'residualImpact')}
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select
            label={t('risks.treatment')}
            data={treatmentsFor.map((x) => ({ value: x, label: t(`risks.treatments.${x}`) }))}
            value={f.treatment}
            onChange={(v) => v && set('treatment', v)}
            allowDeselect={false}
            error={errors.treatment}
          />
          <TextInput
            type="date"
            label={t('risks.reviewDue')}
            required
            value={f.reviewDue}
            onChange={(e) => set('reviewDue', e.currentTarget.value)}
            error={errors.reviewDue}
            data-testid="risk-review"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} data-testid="risk-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
