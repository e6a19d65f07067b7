import {
  Alert,
  Anchor,
  Badge,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { editors } from '../app/navigation.ts';
import { FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { useClasses } from './classes.ts';
import { type AuditSummary, useCiAudits, usePlanAudit } from './data.ts';

export const auditStateColour = {
  planned: 'blue',
  in_progress: 'orange',
  completed: 'green',
  cancelled: 'gray',
} as const;

/** Configuration audits: planned checks of the CMDB against reality, their accuracy over time. */
export function AuditsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { nameOf } = useClasses();
  const list = useCiAudits();
  const completed = (list.data?.items ?? [])
    .filter((a) => a.state === 'completed' && a.accuracy !== null)
    .reverse();
  const open = (a: AuditSummary) => navigate(`/cmdb/audits/${a.id}`);
  return (
    <RegisterPage<AuditSummary>
      title={t('audits.title')}
      create={{
        label: t('audits.new'),
        allowed: can(me, editors.cmdb),
        form: (close) => <PlanAudit onClose={close} onSaved={(id) => navigate(`/cmdb/audits/${id}`)} />,
      }}
      intro={t('audits.intro')}
      above={
        completed.length > 0 && (
          <Stack gap={4}>
            <Title order={4}>{t('audits.trend')}</Title>
            {completed.map((a) => (
              <Group key={a.id} gap="sm" wrap="nowrap">
                <Text size="sm" w={110}>
                  {a.completedAt ? new Date(a.completedAt).toLocaleDateString(i18n.language) : ''}
                </Text>
                <Progress
                  value={a.accuracy ?? 0}
                  w={300}
                  color={(a.accuracy ?? 0) >= 95 ? 'green' : (a.accuracy ?? 0) >= 85 ? 'yellow' : 'red'}
                />
                <Text size="sm">
                  {a.accuracy}% · {a.title}
                </Text>
              </Group>
            ))}
          </Stack>
        )
      }
      table={{
        rows: list.data?.items,
        empty: t('audits.empty'),
        rowKey: (a) => a.id,
        rowProps: (a) => ({ onClick: () => open(a), style: { cursor: 'pointer' } }),
        tableProps: { striped: true, highlightOnHover: true },
        columns: [
          {
            key: 'title',
            header: t('audits.titleField'),
            cell: (a) => (
              <Anchor component={Link} to={`/cmdb/audits/${a.id}`} onClick={(e) => e.stopPropagation()}>
                {a.title}
              </Anchor>
            ),
          },
          { key: 'plannedFor', header: t('audits.plannedFor'), cell: (a) => a.plannedFor },
          { key: 'class', header: t('cis.class'), cell: (a) => (a.classKey ? nameOf(a.classKey) : '–') },
          {
            key: 'state',
            header: t('audits.state'),
            cell: (a) => (
              <Badge color={auditStateColour[a.state]} variant="light">
                {t(`audits.states.${a.state}`)}
              </Badge>
            ),
          },
          { key: 'progress', header: t('audits.progress'), cell: (a) => `${a.checked} / ${a.items}` },
          {
            key: 'accuracy',
            header: t('audits.accuracy'),
            cell: (a) => (a.accuracy === null ? '–' : `${a.accuracy}%`),
          },
          { key: 'followUps', header: t('audits.followUps'), cell: (a) => a.openFollowUps },
        ],
      }}
    />
  );
}

/** Plans an audit: what, of which class (or all), how many CIs sampled, when. */
function PlanAudit({ onClose, onSaved }: { onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { classes, nameOf } = useClasses();
  const [title, setTitle] = useState('');
  const [classKey, setClassKey] = useState<string | null>(null);
  const [sampleSize, setSampleSize] = useState<number | string>('');
  const [plannedFor, setPlannedFor] = useState(new Date().toISOString().slice(0, 10));
  const plan = usePlanAudit({
    problemInForm: true,
    onSaved: (made) => {
      onClose();
      onSaved(made.id);
    },
  });
  const { problem, errors: f } = plan;
  return (
    <FormDialog
      title={t('audits.new')}
      onClose={onClose}
      onSave={() =>
        plan.save({
          title,
          classKey,
          sampleSize: typeof sampleSize === 'number' ? sampleSize : null,
          plannedFor,
        })
      }
      saveLabel={t('audits.plan')}
      submitOnEnter
    >
      {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
      <TextInput
        label={t('audits.titleField')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={f.title}
      />
      <Select
        label={t('audits.class')}
        data={classes.map((c) => ({ value: c.key, label: nameOf(c.key) }))}
        value={classKey}
        onChange={setClassKey}
        clearable
        searchable
        error={f.classKey}
      />
      <NumberInput
        label={t('audits.sample')}
        min={1}
        max={10000}
        value={sampleSize}
        onChange={setSampleSize}
        error={f.sampleSize}
      />
      <TextInput
        type="date"
        label={t('audits.plannedFor')}
        required
        value={plannedFor}
        onChange={(e) => setPlannedFor(e.currentTarget.value)}
        error={f.plannedFor}
      />
    </FormDialog>
  );
}
