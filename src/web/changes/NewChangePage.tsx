import { Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { bodyOf, ChangeForm, draftOf } from './ChangeForm.tsx';
import { useRecordChange } from './data.ts';

/** Records a change (a request for change); it opens on its own page, in state new. */
export function NewChangePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(draftOf());
  const record = useRecordChange({ onSaved: (made) => navigate(`/work-items/${made.number}`) });
  return (
    <Stack maw={900}>
      <Title order={2}>{t('changes.new')}</Title>
      <Paper withBorder p="md">
        <ChangeForm
          draft={draft}
          onChange={setDraft}
          errors={record.errors}
          onSubmit={() => record.save(bodyOf(draft))}
          saving={record.saving}
          submitLabel={t('changes.record')}
        />
      </Paper>
    </Stack>
  );
}
