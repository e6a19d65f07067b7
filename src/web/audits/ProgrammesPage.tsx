import { Anchor, Badge, Pagination, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { auditPlanners } from '../../modules/audits/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { PAGE, type Programme, useCreateProgramme, useProgrammes } from './data.ts';
import { programmeColour } from './format.ts';

/** The audit programmes (9.2), newest cycle first: each plans the internal audits of a cycle of years. */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [page, setPage] = useState(1);
  const list = useProgrammes(page);
  const total = list.data?.total ?? 0;
  return (
    <RegisterPage<Programme>
      title={t('internalAudits.programmes')}
      intro={t('internalAudits.programmesIntro')}
      create={{
        label: t('internalAudits.newProgramme'),
        testId: 'new-programme',
        allowed: can(me, auditPlanners),
        form: (close) => <NewProgramme onClose={close} />,
      }}
      error={list.error}
      table={{
        rows: list.data?.items,
        empty: t('internalAudits.noProgrammes'),
        rowKey: (p) => p.id,
        tableProps: { striped: true, 'data-testid': 'programmes' },
        columns: [
          {
            key: 'code',
            header: t('internalAudits.code'),
            cell: (p) => (
              <Anchor component={Link} to={`/internal-audits/programmes/${p.id}`}>
                {p.code}
              </Anchor>
            ),
          },
          { key: 'title', header: t('internalAudits.title'), cell: (p) => p.title },
          {
            key: 'cycle',
            header: t('internalAudits.cycle'),
            cell: (p) =>
              `${formatDay(p.cycleStart, i18n.language)} – ${formatDay(p.cycleEnd, i18n.language)}`,
          },
          { key: 'owner', header: t('internalAudits.owner'), cell: (p) => p.owner },
          { key: 'audits', header: t('internalAudits.auditCount'), cell: (p) => p.audits },
          {
            key: 'state',
            header: t('internalAudits.state'),
            cell: (p) => (
              <Badge color={programmeColour[p.state]} variant="light" styles={wholeBadge}>
                {t(`internalAudits.programmeStates.${p.state}`)}
              </Badge>
            ),
          },
        ],
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    />
  );
}

/** Drafting a programme: its cycle, what it aims at, how audits are chosen, and who owns it. */
function NewProgramme({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  const [f, setF] = useState({
    title: '',
    cycleStart: `${year}-01-01`,
    cycleEnd: `${year + 2}-12-31`,
    objectives: '',
    method: '',
    ownerId: me.id as string | null,
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const create = useCreateProgramme({ onSaved: (p) => navigate(`/internal-audits/programmes/${p.id}`) });
  const { errors } = create;
  return (
    <FormDialog
      title={t('internalAudits.newProgramme')}
      size="lg"
      onClose={onClose}
      saving={create.saving}
      onSave={() => create.save({ ...f, ownerId: f.ownerId ?? '' })}
      saveTestId="programme-save"
    >
      <TextInput
        label={t('internalAudits.title')}
        required
        value={f.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={errors.title}
        data-testid="programme-title"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="date"
          label={t('internalAudits.cycleStart')}
          required
          value={f.cycleStart}
          onChange={(e) => set('cycleStart', e.currentTarget.value)}
          error={errors.cycleStart}
        />
        <TextInput
          type="date"
          label={t('internalAudits.cycleEnd')}
          required
          value={f.cycleEnd}
          onChange={(e) => set('cycleEnd', e.currentTarget.value)}
          error={errors.cycleEnd}
        />
        <PersonPicker
          label={t('internalAudits.owner')}
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          staffOnly
          error={errors.ownerId}
        />
      </SimpleGrid>
      <Textarea
        label={t('internalAudits.objectives')}
        autosize
        minRows={2}
        value={f.objectives}
        onChange={(e) => set('objectives', e.currentTarget.value)}
        error={errors.objectives}
      />
      <Textarea
        label={t('internalAudits.method')}
        description={t('internalAudits.methodHint')}
        autosize
        minRows={2}
        value={f.method}
        onChange={(e) => set('method', e.currentTarget.value)}
        error={errors.method}
      />
    </FormDialog>
  );
}
