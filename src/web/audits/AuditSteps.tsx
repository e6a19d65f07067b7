import { Button, Group, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import { type AuditPage, useAuditStep } from './data.ts';

type Asking = 'report' | 'cancel' | null;

/**
 * The steps the reader may take with the audit now, as the API's abilities say: start, hand in the report
 * (with its summary and conclusion), reopen, approve, or cancel (with a reason).
 */
export function AuditSteps({ audit }: { audit: AuditPage }) {
  const { t } = useTranslation();
  const step = useAuditStep(audit.id, { noForm: true });
  const [asking, setAsking] = useState<Asking>(null);
  const a = audit.abilities;
  return (
    <Group>
      {a.start && (
        <Button
          onClick={() => step.save({ step: 'start' })}
          loading={step.saving}
          data-testid="audit-start-step"
        >
          {t('internalAudits.steps.start')}
        </Button>
      )}
      {a.report && (
        <Button onClick={() => setAsking('report')} data-testid="audit-report-step">
          {t('internalAudits.steps.report')}
        </Button>
      )}
      {a.approve && (
        <Button
          color="green"
          onClick={() => step.save({ step: 'approve' })}
          loading={step.saving}
          data-testid="audit-approve-step"
        >
          {t('internalAudits.steps.approve')}
        </Button>
      )}
      {a.reopen && (
        <Button variant="default" onClick={() => step.save({ step: 'reopen' })} loading={step.saving}>
          {t('internalAudits.steps.reopen')}
        </Button>
      )}
      {a.cancel && (
        <Button variant="subtle" color="red" onClick={() => setAsking('cancel')}>
          {t('internalAudits.steps.cancel')}
        </Button>
      )}
      {asking === 'report' && <ReportDialog audit={audit} onClose={() => setAsking(null)} />}
      {asking === 'cancel' && <CancelDialog audit={audit} onClose={() => setAsking(null)} />}
    </Group>
  );
}

/** Handing the report in: its summary and conclusion, as the lead auditor writes them. */
function ReportDialog({ audit, onClose }: { audit: AuditPage; onClose: () => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState(audit.summary);
  const [conclusion, setConclusion] = useState(audit.conclusion);
  const step = useAuditStep(audit.id, { onSaved: onClose });
  return (
    <FormDialog
      title={t('internalAudits.steps.report')}
      size="lg"
      onClose={onClose}
      onSave={() => step.save({ step: 'report', body: { summary, conclusion } })}
      saving={step.saving}
      saveLabel={t('internalAudits.handIn')}
      saveTestId="report-save"
    >
      <Textarea
        label={t('internalAudits.summary')}
        autosize
        minRows={3}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        error={step.errors.summary}
      />
      <Textarea
        label={t('internalAudits.conclusion')}
        autosize
        minRows={2}
        value={conclusion}
        onChange={(e) => setConclusion(e.currentTarget.value)}
        error={step.errors.conclusion}
      />
    </FormDialog>
  );
}

function CancelDialog({ audit, onClose }: { audit: AuditPage; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const step = useAuditStep(audit.id, { onSaved: onClose });
  return (
    <FormDialog
      title={t('internalAudits.steps.cancel')}
      onClose={onClose}
      onSave={() => step.save({ step: 'cancel', body: { reason } })}
      saving={step.saving}
      saveLabel={t('internalAudits.steps.cancel')}
    >
      <Textarea
        label={t('internalAudits.reason')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={step.errors.reason}
      />
    </FormDialog>
  );
}
