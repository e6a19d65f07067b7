import { Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { recordDeflection } from '../knowledge/data.ts';
import { ReportSuggestions } from '../knowledge/ReportSuggestions.tsx';
import { useCatalogue } from '../requests/data.ts';
import { useRecordIncident } from '../servicedesk/data.ts';

/**
 * Reporting an incident from the portal: what is wrong and which service it concerns. The service desk
 * sets impact, urgency and priority; the reporter only describes.
 */
export function ReportIncidentPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const services = useCatalogue(i18n.language);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [serviceId, setServiceId] = useState<string | null>(null);
  // articles were suggested while the title was typed: reporting anyway is recorded as such (deflection rate)
  const suggested = useRef(false);
  const onShown = useCallback(() => {
    suggested.current = true;
  }, []);
  const report = useRecordIncident({
    onSaved: async (made) => {
      if (suggested.current)
        await recordDeflection({ query: title.trim(), outcome: 'reported', workItem: made.number }).catch(
          () => {},
        );
      navigate(`/work-items/${made.number}`);
    },
  });
  const { errors } = report;
  const submit = () =>
    report.save({
      title,
      description: description.trim() ? plainToHtml(description) : undefined,
      serviceId,
      impact: 2,
      urgency: 2,
    });
  return (
    <Stack maw={760}>
      <Title order={2}>{t('portal.report')}</Title>
      <Text c="dimmed" size="sm">
        {t('portal.reportIntro')}
      </Text>
      <Paper withBorder p="md">
        <Stack>
          <TextInput
            label={t('portal.whatIsWrong')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            maxLength={200}
            data-testid="report-title"
          />
          <ReportSuggestions title={title} serviceId={serviceId} onShown={onShown} />
          <Select
            label={t('portal.whichService')}
            data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={serviceId}
            onChange={setServiceId}
            clearable
            searchable
            error={errors.serviceId}
            data-testid="report-service"
          />
          <Textarea
            label={t('portal.details')}
            description={t('portal.detailsHelp')}
            autosize
            minRows={4}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="report-description"
          />
          <Group>
            <Button
              onClick={submit}
              loading={report.saving}
              disabled={!title.trim()}
              data-testid="report-submit"
            >
              {t('portal.send')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
