import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from '../app/dates.ts';
import type { Gap } from './data.ts';
import { gapLink } from './roles.ts';

/** One gap in words, linking to the record that has it. */
export function GapLine({ gap }: { gap: Gap }) {
  const { t, i18n } = useTranslation();
  // the fields this kind of gap has
  const about: { name: string; userName?: string; endsOn?: string; competences?: string[] } = gap;
  return (
    <Anchor component={Link} to={gapLink(gap)} size="sm">
      {t(`smsRoles.gaps.${gap.kind}`, {
        name: gap.name,
        person: about.userName,
        date: about.endsOn ? formatDay(about.endsOn, i18n.language) : '',
        competences: about.competences?.join(', '),
      })}
    </Anchor>
  );
}

export function GapList({ gaps }: { gaps: Gap[] }) {
  const { t } = useTranslation();
  if (!gaps.length) return <Text c="dimmed">{t('smsRoles.noGaps')}</Text>;
  return (
    <List spacing={4} data-testid="role-gaps">
      {gaps.map((g) => (
        <List.Item
          key={`${g.kind}-${'roleId' in g ? g.roleId : g.processId}-${'userName' in g ? g.userName : ''}`}
        >
          <GapLine gap={g} />
        </List.Item>
      ))}
    </List>
  );
}
