import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { WorkItemLinks } from './WorkItemLinks.tsx';

/**
 * A work item's context: the work items it is linked to and its attachments, and below them what its own
 * type adds (an incident's affected CIs).
 */
export function RelatedPanel(props: {
  number: string;
  version: number;
  editable: boolean;
  canAttach: boolean;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <WorkItemLinks
          number={props.number}
          version={props.version}
          editable={props.editable}
          canAttach={props.canAttach}
        />
        {props.children}
      </Stack>
    </Paper>
  );
}
