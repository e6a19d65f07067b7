import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { useCatalogue, useOrder } from './data.ts';
import { FormField } from './FormField.tsx';

/** Ordering a catalogue item: its form drawn from the declaration, each refusal shown on its field. */
export function OrderPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const catalogue = useCatalogue(i18n.language);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [note, setNote] = useState('');
  const order = useOrder({ onSaved: (made) => navigate(`/work-items/${made.number}`) });
  const { errors } = order;
  if (!catalogue.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const service = catalogue.data.items.find((s) => s.requestItems.some((i) => i.id === id));
  const item = service?.requestItems.find((i) => i.id === id);
  if (!service || !item) return <Text>{t('order.notOffered')}</Text>;
  const submit = () =>
    order.save({
      catalogueItemId: item.id,
      answers: Object.fromEntries(
        Object.entries(answers).filter(
          ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
        ),
      ),
      ...(note.trim() ? { note: plainToHtml(note) } : {}),
    });
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
            <Button onClick={submit} loading={order.saving} data-testid="order-submit">
              {t('order.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
