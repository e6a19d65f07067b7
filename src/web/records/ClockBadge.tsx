import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../app/dates.ts';
import type { ClockFace as Clock } from './data.ts';

/** Business time as "2 h 05 min" or "3 d 4 h". */
export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min`;
}

/** Green while there is time, orange once warned, red once missed, grey while paused (with the reason). */
export function clockColour(c: Clock): string {
  if (c.breached) return 'red';
  if (c.state === 'paused') return 'gray';
  if (c.state === 'stopped') return 'teal';
  if (c.warned) return 'orange';
  return 'green';
}

export function pauseReason(t: (k: string) => string, reason: string | null) {
  if (!reason) return '';
  if (reason.startsWith('pending:')) return t(`incidents.pending.${reason.slice(8)}`);
  if (reason === 'resolved') return t('incidents.state.resolved');
  if (reason === 'reassigned' || reason === 'with-provider') return t(`clocks.reason.${reason}`);
  return reason;
}

/** "OLA" or "UC" before a clock that is not the customer's SLA. */
export function clockOwner(t: (k: string) => string, scope: string) {
  const kind = scope.split(':')[0];
  return kind === 'sla' ? '' : `${t(`clocks.short.${kind}`)} · `;
}

export function ClockBadge({
  clock,
  compact = false,
  testId,
}: {
  clock: Clock;
  compact?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const metric = `${clockOwner(t, clock.scope)}${t(`clocks.metric.${clock.metric}`)}`;
  let text: string;
  if (clock.state === 'stopped') text = clock.breached ? t('clocks.missed') : t('clocks.met');
  else if (clock.state === 'paused') text = `${t('clocks.paused')}: ${pauseReason(t, clock.pausedFor)}`;
  else if (clock.breached) text = t('clocks.overdue');
  else text = formatDuration(clock.remainingMs);
  const label = compact ? text : `${metric}: ${text}`;
  return (
    <Tooltip label={`${metric} — ${clock.deadline ? formatInstant(clock.deadline) : t('clocks.noDeadline')}`}>
      <Badge
        color={clockColour(clock)}
        variant={clock.state === 'running' ? 'filled' : 'light'}
        data-testid={
          testId ??
          (clock.scope === 'sla'
            ? `clock-${clock.metric}`
            : `clock-${clock.scope.split(':')[0]}-${clock.metric}`)
        }
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
