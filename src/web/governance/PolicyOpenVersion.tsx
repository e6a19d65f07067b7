import { Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { type Policy, type PolicyVersion, usePolicyStep } from './data.ts';
import { PlanAssembler } from './PlanAssembler.tsx';
import { ChangesView } from './PolicyChanges.tsx';
import { htmlToParagraphs, paragraphsToHtml } from './text.ts';

/**
 * The version of a policy on its way, for its keepers and approvers: the draft and its text, submitting it,
 * the approvers' decision with a comment, publishing the approved version.
 */
export function PolicyOpenVersion(props: {
  policy: Policy;
  open: PolicyVersion;
  keeper: boolean;
  approver: boolean;
}) {
  const { t } = useTranslation();
  const { policy: p, open, keeper, approver } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const step = usePolicyStep(p.id, { onSaved: () => setComment('') });
  const run = step.save;
  const saveDraft = async () => {
    if (await run({ step: 'draft', body: { body: paragraphsToHtml(draft ?? '') } })) setDraft(null);
  };
  return (
    <Paper withBorder p="md" data-testid="open-version">
      <Stack gap="xs">
        <Text fw={600}>
          {t('policies.versionOnItsWay', { version: open.number })}: {t(`policies.state.${open.state}`)}
        </Text>
        {open.state === 'draft' && keeper && draft !== null ? (
          <>
            <Textarea autosize minRows={8} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
            <Group>
              <Button onClick={saveDraft}>{t('common.save')}</Button>
              <Button variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </>
        ) : (
          <Paper bg="gray.0" p="sm" lang={p.language}>
            <SafeHtml html={open.body || `<p>${t('policies.noText')}</p>`} />
          </Paper>
        )}
        {open.number > 1 && <ChangesView policyId={p.id} number={open.number} />}
        {open.state === 'in_review' && approver && (
          <TextInput
            label={t('policies.decisionComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="decision-comment"
          />
        )}
        <Group>
          {open.state === 'draft' && keeper && draft === null && (
            <Button variant="default" onClick={() => setDraft(htmlToParagraphs(open.body))}>
              {t('policies.editText')}
            </Button>
          )}
          {open.state === 'draft' && keeper && p.kind === 'plan' && <PlanAssembler policyId={p.id} />}
          {open.state === 'draft' && keeper && (
            <Button onClick={() => run({ step: 'submit' })} data-testid="policy-submit">
              {t('policies.submit')}
            </Button>
          )}
          {open.state === 'in_review' && approver && (
            <>
              <Button
                color="green"
                onClick={() => run({ step: 'decisions', body: { approved: true, comment } })}
                data-testid="policy-approve"
              >
                {t('policies.approve')}
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() => run({ step: 'decisions', body: { approved: false, comment } })}
              >
                {t('policies.sendBack')}
              </Button>
            </>
          )}
          {open.state === 'approved' && keeper && (
            <Button onClick={() => run({ step: 'publish' })} data-testid="policy-publish">
              {t('policies.publish')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
