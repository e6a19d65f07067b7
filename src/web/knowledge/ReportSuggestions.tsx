import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { suggestionTextMax } from '../../modules/knowledge/lifecycle.ts';
import { showProblem } from '../app/showProblem.ts';
import { suggestionText } from '../app/suggestionText.ts';
import { ArticleReader, useCountView } from './ArticleReader.tsx';
import { articlePaths, recordDeflection, useArticle, useSuggestions } from './data.ts';
import { HelpfulBox } from './HelpfulBox.tsx';

/**
 * While a customer types what is wrong, the articles that may already answer it (at most five, the service
 * they named counting for more). Opening one shows it with "Did this solve your problem?": yes records a
 * deflection and leaves without reporting. `onShown` tells the form that suggestions were offered, so that
 * reporting anyway is recorded too.
 */
export function ReportSuggestions(props: { title: string; serviceId: string | null; onShown: () => void }) {
  const { t } = useTranslation();
  const [text] = useDebouncedValue(suggestionText([props.title], suggestionTextMax), 400);
  const found = useSuggestions(text, props.serviceId);
  const [open, setOpen] = useState<string | null>(null);
  const items = text.length >= 3 ? (found.data?.items ?? []) : [];
  const { onShown } = props;
  useEffect(() => {
    if (items.length > 0) onShown();
  }, [items.length, onShown]);
  // the live region stays mounted while empty: a screen reader announces what appears in a region it
  // already knows, not a region that appears with its content
  return (
    <div aria-live="polite" data-testid="report-suggestions-live">
      {items.length > 0 && (
        <Paper withBorder p="md" bg="indigo.0" data-testid="report-suggestions">
          <Text fw={600} size="sm" mb="xs" id="report-suggestions-title">
            {t('knowledge.portal.mayAnswer')}
          </Text>
          <Stack gap={6} component="ul" m={0} p={0} aria-labelledby="report-suggestions-title">
            {items.map((s) => (
              <li key={s.id} style={{ listStyle: 'none' }}>
                <UnstyledButton
                  w="100%"
                  onClick={() => setOpen(s.number)}
                  data-testid={`suggestion-${s.number}`}
                  p={6}
                  style={{ borderRadius: 6, background: 'var(--mantine-color-body)' }}
                >
                  <Text size="sm" fw={500} c="indigo.8" lang={s.language}>
                    {s.title}
                  </Text>
                  {s.summary && (
                    <Text size="xs" c="dimmed" lineClamp={2} lang={s.language}>
                      {s.summary}
                    </Text>
                  )}
                </UnstyledButton>
              </li>
            ))}
          </Stack>
          {open && <SuggestedArticle reference={open} query={text} onClose={() => setOpen(null)} />}
        </Paper>
      )}
    </div>
  );
}

/** A suggested article in a dialog, with "was this helpful?" and "did this solve your problem?". */
function SuggestedArticle(props: { reference: string; query: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [ref, setRef] = useState(props.reference);
  const q = useArticle(ref);
  const a = q.data;
  useCountView(a?.number, a?.state === 'published');
  const [leaving, setLeaving] = useState(false);
  const solved = async () => {
    if (!a) return;
    setLeaving(true);
    try {
      await recordDeflection({ query: props.query, outcome: 'deflected', articleId: a.id });
    } catch (e) {
      setLeaving(false);
      showProblem(t('common.error'), e);
      return;
    }
    notifications.show({ color: 'green', message: t('knowledge.portal.glad') });
    navigate('/');
  };
  return (
    <Modal opened onClose={props.onClose} size="xl" title={t('knowledge.portal.suggested')}>
      {q.isError && <Alert color="red">{(q.error as Error).message}</Alert>}
      {a && (
        <Stack>
          <ArticleReader article={a} onLanguage={setRef} order={3} />
          <HelpfulBox article={a} />
          <Paper withBorder p="md" data-testid="solved-box">
            <Text fw={600} mb="xs">
              {t('knowledge.portal.solved')}
            </Text>
            <Group>
              <Button color="green" onClick={solved} loading={leaving} data-testid="solved-yes">
                {t('knowledge.portal.solvedYes')}
              </Button>
              <Button variant="default" onClick={props.onClose} data-testid="solved-no">
                {t('knowledge.portal.solvedNo')}
              </Button>
            </Group>
          </Paper>
        </Stack>
      )}
    </Modal>
  );
}

/** A search box for the knowledge base (the portal's start page): Enter opens the results. */
export function KnowledgeSearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(q.trim() ? `${articlePaths.list}?q=${encodeURIComponent(q.trim())}` : articlePaths.list);
  };
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('knowledge.portal.findAnswers')}
      </Title>
      <form onSubmit={submit}>
        <Group gap="xs">
          <TextInput
            style={{ flex: 1 }}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            placeholder={t('knowledge.searchPlaceholder')}
            aria-label={t('knowledge.portal.findAnswers')}
            data-testid="portal-knowledge-search"
          />
          <Button type="submit" variant="light">
            {t('knowledge.search')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
