import { Text } from '@mantine/core';

/** Text as its author wrote it, line breaks kept. */
export const Prose = ({ text }: { text: string }) => (
  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
    {text}
  </Text>
);
