import { Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem, api } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';
import { bodyOf, ChangeForm, draftOf } from './ChangeForm.tsx';

/** Records a change (a request for change); it opens on its own page, in state new. */
export function NewChangePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [draft, setDraft] = useState(draftOf());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    setErrors({});
    try {
      const made = (await api<{ number: string }>('/api/v1/changes', { method: 'POST', body: bodyOf(draft) }))
        .data;
      await qc.invalidateQueries({ queryKey: ['changes'] });
      navigate(`/work-items/${made.number}`);
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  return (
    <Stack maw={900}>
      <Title order={2}>{t('changes.new')}</Title>
      <Paper withBorder p="md">
        <ChangeForm
          draft={draft}
          onChange={setDraft}
          errors={errors}
          onSubmit={submit}
          submitLabel={t('changes.record')}
        />
      </Paper>
    </Stack>
  );
}
