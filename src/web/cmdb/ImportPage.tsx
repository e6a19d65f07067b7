import {
  Alert,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ciColumns, relationshipColumns } from '../../modules/cmdb/lifecycle.ts';
import { useClasses } from './classes.ts';
import { type ImportReport as Report, useImport } from './data.ts';

const ciFields: readonly string[] = ciColumns;
const relFields: readonly string[] = relationshipColumns;
const colours = { create: 'green', update: 'blue', unchanged: 'gray', error: 'red' } as const;

/** First line of a CSV file split into column names (quoted names included). */
function header(text: string): string[] {
  const line = (text.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '').trim();
  return (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
    .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"').trim())
    .filter(Boolean);
}

/** The import wizard: choose a file, map its columns, dry-run, then import. */
export function ImportPage() {
  const { t } = useTranslation();
  const { classes } = useClasses();
  const [what, setWhat] = useState<'cis' | 'relationships'>('cis');
  const [csv, setCsv] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const run = useImport({ problemInForm: true, onSaved: (done) => setReport(done) });
  const problem = run.problem;
  const columns = csv ? header(csv) : [];
  const attributeFields = [
    ...new Set(classes.flatMap((c) => c.attributes.map((a) => `attributes.${a.key}`))),
  ].sort();
  const fields = what === 'cis' ? [...ciFields, ...attributeFields] : relFields;
  const guess = (col: string) =>
    fields.find((f) => f.toLowerCase() === col.toLowerCase()) ??
    fields.find((f) => f.endsWith(`.${col.toLowerCase()}`)) ??
    'ignore';
  const choose = async (f: File | null) => {
    setFile(f);
    setReport(null);
    run.reset();
    const text = f ? await f.text() : null;
    setCsv(text);
    setMapping(text ? Object.fromEntries(header(text).map((c) => [c, guess(c)])) : {});
  };
  const send = (dryRun: boolean) => csv && run.save({ what, csv, mapping, dryRun });
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('import.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('import.intro')}
      </Text>
      <Group align="flex-end">
        <SegmentedControl
          value={what}
          onChange={(v) => {
            setWhat(v as 'cis' | 'relationships');
            void choose(file);
          }}
          data={[
            { value: 'cis', label: t('import.cis') },
            { value: 'relationships', label: t('import.relationships') },
          ]}
        />
        <FileInput
          label={t('import.file')}
          accept=".csv,text/csv"
          value={file}
          onChange={choose}
          w={320}
          clearable
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('import.example')}:{' '}
        <Code>
          {(what === 'cis'
            ? ['classKey', 'name', 'externalId', 'status', 'location', 'attributes.hostname']
            : relFields
          ).join(',')}
        </Code>
      </Text>
      {columns.length > 0 && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.column')}</Table.Th>
              <Table.Th>{t('import.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((c) => (
              <Table.Tr key={c}>
                <Table.Td ff="monospace">{c}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={c}
                    data={[
                      { value: 'ignore', label: t('import.ignore') },
                      ...fields.map((f) => ({ value: f, label: f })),
                    ]}
                    value={mapping[c] ?? 'ignore'}
                    onChange={(v) => setMapping({ ...mapping, [c]: v ?? 'ignore' })}
                    searchable
                    allowDeselect={false}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {csv && (
        <Group>
          <Button variant="light" onClick={() => send(true)} loading={run.saving}>
            {t('import.dryRun')}
          </Button>
          <Button
            onClick={() => send(false)}
            loading={run.saving}
            disabled={!report || report.failed > 0 || !report.dryRun}
          >
            {t('import.run')}
          </Button>
        </Group>
      )}
      {problem && (
        <Alert color="red" title={problem.title}>
          {problem.message}
          {problem.errors.slice(0, 20).map((e) => (
            <div key={e.field}>
              {e.field}: {e.message}
            </div>
          ))}
        </Alert>
      )}
      {report && (
        <>
          <Alert color={report.failed ? 'red' : 'green'}>
            {report.dryRun ? t('import.summary', report) : t('import.done', report)}
            {report.failed > 0 && `. ${t('import.fixFirst')}`}
          </Alert>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.row')}</Table.Th>
                <Table.Th>{t('import.action')}</Table.Th>
                <Table.Th>{t('import.key')}</Table.Th>
                <Table.Th>{t('import.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td>
                    <Badge color={colours[r.action]} variant="light">
                      {t(`import.actions.${r.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.key}</Table.Td>
                  <Table.Td>
                    {r.errors.map((e) => `${e.field.replace(/^rows\.\d+\./, '')}: ${e.message}`).join('; ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
