import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiProblem, api, get } from '../api.ts';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';
import { type Field, FormField } from './FormField.tsx';

export type RequestItem = {
  id: string;
  code: string;
  name: string;
  description: string;
  needsApproval: boolean;
  form: Field[];
};
export type CatalogueService = {
  id: string;
  name: string;
  description: string;
  hoursOfService: string;
  requestItems: RequestItem[];
};

/** Ordering a catalogue item: its form drawn from the declaration, each refusal shown on its field. */
export function OrderPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const catalogue = useQuery({
    queryKey: ['catalogue', i18n.language],
    queryFn: () => get<{ items: CatalogueService[] }>(`/api/v1/catalogue?language=${i18n.language}`),
  });
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  if (!catalogue.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const service = catalogue.data.items.find((s) => s.requestItems.some((i) => i.id === id));
  const item = service?.requestItems.find((i) => i.id === id);
  if (!service || !item) return <Text>{t('order.notOffered')}</Text>;
  const submit = async () => {
    setSaving(true);
    setErrors({});
    try {
      const given = Object.fromEntries(
        Object.entries(answers).filter(
          ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
        ),
      );
      const { data } = await api<{ number: string }>('/api/v1/requests', {
        method: 'POST',
        body: {
          catalogueItemId: item.id,
          answers: given,
          ...(note.trim() ? { note: plainToHtml(note) } : {}),
        },
      });
      await qc.invalidateQueries({ queryKey: ['work-items'] });
      navigate(`/work-items/${data.number}`);
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^answers\./, ''), x.message])));
      } else showProblem(t('common.error'), e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/catalogue" size="sm">
        ← {service.name}
      </Anchor>
      <Group gap="xs">
        <Title order={2}>{item.name}</Title>
        {item.needsApproval && <Badge variant="light">{t('order.needsApproval')}</Badge>}
      </Group>
      <Text c="dimmed">{item.description}</Text>
      <Paper withBorder p="md">
        <Stack>
          {item.form.map((f) => (
            <FormField
              key={f.key}
              itemId={item.id}
              field={f}
              value={answers[f.key]}
              onChange={(v) => setAnswers((a) => ({ ...a, [f.key]: v }))}
              error={errors[f.key]}
            />
          ))}
          <Textarea
            label={t('order.note')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          {errors.catalogueItemId && <Text c="red">{errors.catalogueItemId}</Text>}
          <Group>
            <Button onClick={submit} loading={saving} data-testid="order-submit">
              {t('order.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
