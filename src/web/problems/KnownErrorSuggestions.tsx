import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { suggestionTextMax } from '../../modules/problems/lifecycle.ts';
import { htmlToPlain } from '../app/SafeHtml.tsx';
import { suggestionText } from '../app/suggestionText.ts';
import { useLinksAndFiles } from '../records/data.ts';
import {
  type ApplyKnownError,
  type KnownError,
  useApplyKnownError,
  useKnownErrorSuggestions,
  useKnownErrorsOf,
} from './data.ts';

/** How a workaround is applied: as a public or an internal note, and whether it resolves the incident. */
export type Applying = Omit<ApplyKnownError, 'problem'> & { knownError: KnownError };

/** One known error offered: its title, service and workaround, and the button that applies it. */
function Suggestion(props: { k: KnownError; onApply?: () => void; applyLabel: string; chosen?: boolean }) {
  const { t } = useTranslation();
  const { k } = props;
  return (
    <Paper withBorder p="sm" bg={props.chosen ? 'teal.0' : undefined} data-testid="known-error-suggestion">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Anchor component={Link} to={`/work-items/${k.number}`} size="sm" fw={600}>
              {k.number}
            </Anchor>
            <Text size="sm" fw={600}>
              {k.title}
            </Text>
          </Group>
          {k.serviceName && (
            <Text size="xs" c="dimmed">
              {k.serviceName}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="suggested-workaround">
            {k.workaround}
          </Text>
        </Stack>
        {props.onApply && (
          <Button
            size="xs"
            variant={props.chosen ? 'filled' : 'light'}
            onClick={props.onApply}
            data-testid="apply-workaround"
            style={{ flexShrink: 0 }}
          >
            {props.applyLabel}
          </Button>
        )}
      </Group>
      {!k.workaroundPublic && (
        <Badge size="xs" mt={4} variant="light" color="gray">
          {t('problems.workaroundInternal')}
        </Badge>
      )}
    </Paper>
  );
}

/** Asks how to apply a workaround: as a public or internal note (public only where the problem allows it), and whether to resolve. */
export function ApplyDialog(props: {
  knownError: KnownError;
  onClose: () => void;
  onApply: (a: Applying) => unknown;
  saving?: boolean;
}) {
  const { t } = useTranslation();
  const k = props.knownError;
  const [note, setNote] = useState<'public' | 'internal'>(k.workaroundPublic ? 'public' : 'internal');
  const [resolve, setResolve] = useState(false);
  return (
    <Modal opened onClose={props.onClose} title={t('knownErrors.applyTitle', { number: k.number })}>
      <Stack>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {k.workaround}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="apply-note-label">
            {t('knownErrors.noteAs')}
          </Text>
          <SegmentedControl
            aria-labelledby="apply-note-label"
            value={note}
            onChange={(v) => setNote(v as 'public' | 'internal')}
            data={[
              { value: 'public', label: t('knownErrors.publicNote'), disabled: !k.workaroundPublic },
              { value: 'internal', label: t('knownErrors.internalNote') },
            ]}
            data-testid="apply-note"
          />
          {!k.workaroundPublic && (
            <Text size="xs" c="dimmed">
              {t('knownErrors.internalOnly')}
            </Text>
          )}
        </Stack>
        <Checkbox
          label={t('knownErrors.resolveToo')}
          checked={resolve}
          onChange={(e) => setResolve(e.currentTarget.checked)}
          data-testid="apply-resolve"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => props.onApply({ knownError: k, note, resolve })}
            loading={props.saving}
            data-testid="apply-confirm"
          >
            {t('knownErrors.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Known errors that may explain what is being typed (debounced): same service or CIs and similar text, best
 * first. `onChoose` receives how the agent wants the workaround applied, and answers false when that failed
 * (the dialog then stays open).
 */
export function KnownErrorSuggestions(props: {
  text: string;
  serviceId: string | null;
  ciIds?: string[];
  chosen?: string | null;
  applyLabel?: string;
  onChoose?: (a: Applying) => unknown;
  saving?: boolean;
}) {
  const { t } = useTranslation();
  const [text] = useDebouncedValue(props.text, 400);
  const found = useKnownErrorSuggestions(text, props.serviceId, props.ciIds);
  const [asking, setAsking] = useState<KnownError | null>(null);
  const items = found.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Paper withBorder p="md" bg="yellow.0" data-testid="known-error-suggestions" aria-live="polite">
      <Title order={5} mb="xs">
        {t('knownErrors.suggested', { count: items.length })}
      </Title>
      <Stack gap="xs">
        {items.map((k) => (
          <Suggestion
            key={k.id}
            k={k}
            chosen={props.chosen === k.number}
            applyLabel={props.applyLabel ?? t('knownErrors.apply')}
            onApply={props.onChoose ? () => setAsking(k) : undefined}
          />
        ))}
      </Stack>
      {asking && (
        <ApplyDialog
          knownError={asking}
          saving={props.saving}
          onClose={() => setAsking(null)}
          onApply={async (a) => {
            // a refused apply keeps the dialog open, its notice said, to try again or cancel
            if ((await props.onChoose?.(a)) !== false) setAsking(null);
          }}
        />
      )}
    </Paper>
  );
}

/**
 * What an incident page shows of problem management: the workaround of every known error the incident is
 * linked to, or (while it is open and none is linked) the known errors that may explain it, to apply.
 */
export function IncidentKnownErrors(props: {
  incident: {
    number: string;
    version: number;
    title: string;
    description: string;
    serviceId: string | null;
    state: string;
    final: boolean;
    cis: Array<{ id: string }>;
  };
  mayApply: boolean;
}) {
  const { t } = useTranslation();
  const inc = props.incident;
  const { links } = useLinksAndFiles(inc.number, inc.version);
  const linked = links
    .filter((l) => l.kind === 'caused_by' && l.direction === 'outgoing' && /^PRB-/i.test(l.to))
    .map((l) => l.to);
  const knownErrors = useKnownErrorsOf(inc.number);
  const apply = useApplyKnownError(inc.number);
  const withWorkaround = knownErrors.data?.items ?? [];
  if (withWorkaround.length > 0)
    return (
      <Paper withBorder p="md" bg="teal.0" data-testid="linked-known-errors">
        <Title order={5} mb="xs">
          {t('knownErrors.linked', { count: withWorkaround.length })}
        </Title>
        <Stack gap="xs">
          {withWorkaround.map((p) => (
            <Stack key={p.id} gap={2}>
              <Group gap={6}>
                <Anchor component={Link} to={`/work-items/${p.number}`} size="sm" fw={600}>
                  {p.number}
                </Anchor>
                <Text size="sm" fw={600}>
                  {p.title}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="linked-workaround">
                {p.workaround}
              </Text>
            </Stack>
          ))}
        </Stack>
      </Paper>
    );
  // a resolved incident has its answer; one linked to a problem already has its known error
  if (inc.final || inc.state === 'resolved' || linked.length > 0) return null;
  return (
    <KnownErrorSuggestions
      text={suggestionText([inc.title, htmlToPlain(inc.description)], suggestionTextMax)}
      serviceId={inc.serviceId}
      ciIds={inc.cis.map((c) => c.id)}
      saving={apply.saving}
      onChoose={
        props.mayApply
          ? (a) => apply.save({ problem: a.knownError.number, note: a.note, resolve: a.resolve })
          : undefined
      }
    />
  );
}
