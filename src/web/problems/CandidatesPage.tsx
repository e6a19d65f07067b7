import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { problemManagers } from '../../modules/problems/policy.ts';
import { formatInstant } from '../app/dates.ts';
import { type Column, FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import {
  type Candidate,
  type TrendSettings,
  useAcceptCandidate,
  useCandidates,
  useDetectCandidates,
  useDismissCandidate,
  useSaveTrendSettings,
  useTrendSettings,
} from './data.ts';

/**
 * The problem manager's queue of what trend detection proposes: incidents on one CI or service with similar
 * text. Accepting records the problem with the incidents linked; dismissing asks why and keeps those
 * incidents from being proposed again. Below, the settings detection runs with.
 */
export function CandidatesPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const manager = can(me, problemManagers);
  const list = useCandidates();
  const [dismissing, setDismissing] = useState<Candidate | null>(null);
  const accept = useAcceptCandidate({ onSaved: (made) => navigate(`/work-items/${made.number}`) });
  // the candidate being accepted: only its button spins, the others wait
  const [accepting, setAccepting] = useState<string | null>(null);
  const detect = useDetectCandidates({
    onSaved: (found) => {
      notifications.show({
        color: 'green',
        message: t('candidates.detected', { count: found.items.length }),
      });
    },
  });
  const columns: Column<Candidate>[] = [
    {
      key: 'title',
      header: t('candidates.field.title'),
      cell: (c) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {c.title}
          </Text>
          <Text size="xs" c="dimmed">
            {[c.serviceName, c.ciName].filter(Boolean).join(' · ') || '—'}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'incidents',
      header: t('candidates.field.incidents'),
      cell: (c) => <CandidateIncidents incidents={c.incidents} />,
    },
    {
      key: 'period',
      header: t('candidates.field.period'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (c) => `${formatInstant(c.firstSeen, 'medium')} – ${formatInstant(c.lastSeen, 'medium')}`,
    },
    ...(manager
      ? [
          {
            key: 'actions',
            header: <VisuallyHidden>{t('candidates.field.actions')}</VisuallyHidden>,
            td: { style: { whiteSpace: 'nowrap' } },
            cell: (c: Candidate) => (
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  onClick={() => {
                    setAccepting(c.id);
                    void accept.save(c.id);
                  }}
                  loading={accept.saving && accepting === c.id}
                  disabled={accept.saving && accepting !== c.id}
                  data-testid="candidate-accept"
                >
                  {t('candidates.accept')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setDismissing(c)}
                  data-testid="candidate-dismiss"
                >
                  {t('candidates.dismiss')}
                </Button>
              </Group>
            ),
          } satisfies Column<Candidate>,
        ]
      : []),
  ];
  return (
    <RegisterPage
      title={t('candidates.title')}
      intro={t('candidates.intro')}
      actions={
        manager && (
          <Button
            variant="default"
            onClick={() => detect.save()}
            loading={detect.saving}
            data-testid="detect"
          >
            {t('candidates.detect')}
          </Button>
        )
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (c) => c.id,
        empty: t('candidates.empty'),
        emptyProps: { c: 'dimmed', 'data-testid': 'candidates-empty' },
        tableProps: { striped: true, 'data-testid': 'candidates' },
        rowProps: () => ({ 'data-testid': 'candidate' }),
      }}
      body={manager && <TrendSettingsForm />}
    >
      {dismissing && <DismissDialog candidate={dismissing} onClose={() => setDismissing(null)} />}
    </RegisterPage>
  );
}

/** A candidate's incidents: how many, the first few, and the rest on request (a trend may hold dozens). */
function CandidateIncidents({ incidents }: { incidents: Candidate['incidents'] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? incidents : incidents.slice(0, 5);
  return (
    <Group gap={6} maw={360}>
      <Badge variant="light">{incidents.length}</Badge>
      {shown.map((i) => (
        <Anchor key={i.number} component={Link} to={`/work-items/${i.number}`} size="xs" title={i.title}>
          {i.number}
        </Anchor>
      ))}
      {incidents.length > shown.length && (
        <Anchor component="button" size="xs" onClick={() => setAll(true)}>
          {t('candidates.more', { count: incidents.length - shown.length })}
        </Anchor>
      )}
    </Group>
  );
}

function DismissDialog({ candidate, onClose }: { candidate: Candidate; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const dismiss = useDismissCandidate({ onSaved: onClose });
  return (
    <FormDialog
      title={t('candidates.dismissTitle', { title: candidate.title })}
      onClose={onClose}
      onSave={() => dismiss.save({ id: candidate.id, reason })}
      saveLabel={t('candidates.dismiss')}
      saveTestId="dismiss-save"
      saving={dismiss.saving}
    >
      <Textarea
        label={t('candidates.reason')}
        description={t('candidates.reasonHelp')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={dismiss.errors.reason}
        data-autofocus
      />
    </FormDialog>
  );
}

function TrendSettingsForm() {
  const { t } = useTranslation();
  const settings = useTrendSettings();
  const [draft, setDraft] = useState<TrendSettings | null>(null);
  const save = useSaveTrendSettings({
    onSaved: () => {
      setDraft(null);
      notifications.show({ color: 'green', message: t('candidates.settingsSaved') });
    },
  });
  const s = draft ?? settings.data;
  const set = (patch: Partial<TrendSettings>) => s && setDraft({ ...s, ...patch });
  return (
    <Paper withBorder p="md" maw={700} data-testid="trend-settings">
      <Title order={4}>{t('candidates.settings')}</Title>
      {!s &&
        (settings.isError ? (
          <Alert color="red" mt="sm" data-testid="trend-settings-error">
            {(settings.error as Error).message}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed" mt="sm">
            {t('common.loading')}
          </Text>
        ))}
      {s && (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('candidates.settingsIntro', {
              min: s.minIncidents,
              days: s.windowDays,
              similarity: Math.round(s.minSimilarity * 100),
            })}
          </Text>
          <Group align="flex-start" grow>
            <NumberInput
              label={t('candidates.minIncidents')}
              min={2}
              max={1000}
              value={s.minIncidents}
              onChange={(v) => set({ minIncidents: Number(v) })}
              error={save.errors.minIncidents}
            />
            <NumberInput
              label={t('candidates.windowDays')}
              min={1}
              max={365}
              value={s.windowDays}
              onChange={(v) => set({ windowDays: Number(v) })}
              error={save.errors.windowDays}
            />
            {/* said in percent, as the intro says it; the API keeps a fraction (0–1) */}
            <NumberInput
              label={t('candidates.minSimilarity')}
              min={0}
              max={100}
              step={5}
              decimalScale={0}
              value={Math.round(s.minSimilarity * 100)}
              onChange={(v) => set({ minSimilarity: Number(v) / 100 })}
              error={save.errors.minSimilarity}
            />
          </Group>
          <Group mt="sm">
            <Button
              onClick={() =>
                save.save({
                  minIncidents: s.minIncidents,
                  windowDays: s.windowDays,
                  minSimilarity: s.minSimilarity,
                })
              }
              disabled={!draft}
              loading={save.saving}
              data-testid="settings-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </>
      )}
    </Paper>
  );
}
