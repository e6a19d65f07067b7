import { Alert, Button, Code, CopyButton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret shown once (an invitation link, a reset link, an API token) with a copy button. */
export function OneTimeSecret({ intro, value }: { intro: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="green">
      <Stack gap="xs">
        <Text size="sm">{intro}</Text>
        <Code block data-testid="one-time-secret" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  );
}

export const absoluteLink = (path: string) => `${window.location.origin}${path}`;
