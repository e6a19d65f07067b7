import { Anchor, Badge, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isStaff } from '../../kernel/access/roles.ts';
import { formatDay } from '../app/dates.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { type HeatMap, type RiskRow, useOpenRisks, useRiskHeatMap } from './data.ts';
import { NewRisk } from './NewRisk.tsx';

/** The heat map of open risks after treatment: likelihood up, impact across, unacceptable cells red. */
function Heat({ map }: { map: HeatMap }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="heatmap">
      <Text fw={600} mb="xs">
        {t('risks.heatmap')}
      </Text>
      <Table withColumnBorders style={{ tableLayout: 'fixed' }}>
        <Table.Tbody>
          {[...map.residual].reverse().map((row) => (
            <Table.Tr key={row[0]!.likelihood}>
              <Table.Td w={140}>
                <Text size="xs">{map.criteria.likelihood[row[0]!.likelihood - 1]}</Text>
              </Table.Td>
              {row.map((c) => (
                <Table.Td
                  key={c.impact}
                  bg={
                    c.risks.length ? (c.acceptable ? 'yellow.1' : 'red.2') : c.acceptable ? 'gray.0' : 'red.0'
                  }
                  ta="center"
                  data-testid={`cell-${c.likelihood}-${c.impact}`}
                >
                  {c.risks.length > 0 && (
                    <Tooltip label={c.risks.join(', ')}>
                      <Text fw={700}>{c.risks.length}</Text>
                    </Tooltip>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td />
            {map.criteria.impact.map((i) => (
              <Table.Td key={i} ta="center">
                <Text size="xs">{i}</Text>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {t('risks.acceptableUpTo', { score: map.criteria.acceptable })}
      </Text>
    </Paper>
  );
}

/** The risk and opportunity register (6.1) with its heat map. */
export function RisksPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const list = useOpenRisks();
  const map = useRiskHeatMap();
  return (
    <RegisterPage<RiskRow>
      title={t('risks.title')}
      create={{
        label: t('risks.new'),
        testId: 'new-risk',
        allowed: isStaff(me),
        form: (close) => <NewRisk onClose={close} />,
      }}
      above={map.data && <Heat map={map.data} />}
      table={{
        rows: list.data?.items,
        empty: t('risks.none'),
        rowKey: (r) => r.id,
        tableProps: { striped: true, 'data-testid': 'risks' },
        columns: [
          {
            key: 'code',
            header: t('risks.code'),
            cell: (r) => (
              <Anchor component={Link} to={`/risks/${r.id}`}>
                {r.code}
              </Anchor>
            ),
          },
          { key: 'title', header: t('risks.name'), cell: (r) => r.title },
          { key: 'inherent', header: t('risks.inherent'), cell: (r) => r.inherent.score },
          {
            key: 'residual',
            header: t('risks.residual'),
            cell: (r) => (
              <Badge color={r.high ? 'red' : r.kind === 'opportunity' ? 'teal' : 'gray'} variant="light">
                {r.residual.score}
              </Badge>
            ),
          },
          {
            key: 'treatment',
            header: t('risks.treatment'),
            cell: (r) => t(`risks.treatments.${r.treatment}`),
          },
          {
            key: 'reviewDue',
            header: t('risks.reviewDue'),
            cell: (r) => (
              <Text size="sm" c={r.reviewOverdue ? 'red' : undefined}>
                {formatDay(r.reviewDue, i18n.language)}
              </Text>
            ),
          },
        ],
      }}
    />
  );
}
