import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { wholeBadge } from '../app/badges.ts';
import type { ClauseStatus, Rule } from './data.ts';

/** A clause's status: a colour, a sign and a word, so no one has to tell green from red. */
export const statusLook: Record<ClauseStatus, { colour: string; sign: string }> = {
  evidenced: { colour: 'green', sign: '✓' },
  stale: { colour: 'yellow', sign: '◔' },
  missing: { colour: 'red', sign: '✗' },
  not_applicable: { colour: 'gray', sign: '–' },
};

const ruleLook: Record<Rule['status'], ClauseStatus> = {
  met: 'evidenced',
  stale: 'stale',
  missing: 'missing',
};

export function StatusBadge({ status, size }: { status: ClauseStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const look = statusLook[status];
  return (
    <Badge
      color={look.colour}
      variant="light"
      size={size}
      styles={wholeBadge}
      leftSection={<span aria-hidden>{look.sign}</span>}
      data-status={status}
    >
      {t(`readiness.status.${status}`)}
    </Badge>
  );
}

/** An evidence rule's finding: met, stale or missing, in the clause's colours. */
export function RuleBadge({ status }: { status: Rule['status'] }) {
  const { t } = useTranslation();
  const look = statusLook[ruleLook[status]];
  return (
    <Badge
      color={look.colour}
      variant="outline"
      size="sm"
      styles={wholeBadge}
      leftSection={<span aria-hidden>{look.sign}</span>}
    >
      {t(`readiness.ruleStatus.${status}`)}
    </Badge>
  );
}
