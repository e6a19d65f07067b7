import {
  Alert,
  Button,
  Group,
  Modal,
  type ModalProps,
  Paper,
  Stack,
  Table,
  type TableProps,
  type TableTdProps,
  type TableThProps,
  type TableTrProps,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The register pages' one skeleton (policies, objectives, risks, roles, the communication plan, services,
 * CIs, agreements, users, ...): a title with its actions and a "new" button that opens a dialog with a form,
 * an intro, what stands above the list (a heat map, a warning), filters, the table drawn from its columns
 * with an empty state, and a footer (more rows, pages). Dialogs of the page's own go in its children.
 */

/** One column: its header and how a row shows in it. */
export type Column<Row> = {
  key: string;
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  th?: TableThProps;
  td?: TableTdProps | ((row: Row) => TableTdProps);
};

export type RegisterTableProps<Row> = {
  /** The rows, or undefined while they load (nothing is said then). */
  rows: Row[] | undefined;
  columns: Column<Row>[];
  rowKey: (row: Row) => string | number;
  /** What an empty register says. */
  empty?: ReactNode;
  emptyProps?: { c?: string; 'data-testid'?: string; ta?: 'center'; py?: string };
  /** Keep the table and its headers while loading and when there are no rows (the empty state below them). */
  keepWhenEmpty?: boolean;
  /** A table without a header row (a short list of facts). */
  noHeader?: boolean;
  rowProps?: (row: Row) => TableTrProps & { 'data-testid'?: string };
  tableProps?: TableProps & { 'data-testid'?: string };
};

/** A register's table from its columns, with its empty state. */
export function RegisterTable<Row>(props: RegisterTableProps<Row>) {
  const { columns } = props;
  const none = props.rows !== undefined && props.rows.length === 0;
  const empty = none && props.empty !== undefined && <Text {...props.emptyProps}>{props.empty}</Text>;
  // a register that keeps its table shows its headers while the rows load too
  const rows = props.rows ?? (props.keepWhenEmpty ? [] : undefined);
  if (!rows || (none && !props.keepWhenEmpty)) return empty || null;
  return (
    <>
      <Table {...props.tableProps}>
        {!props.noHeader && (
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} {...c.th}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
        )}
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
              {columns.map((c) => (
                <Table.Td key={c.key} {...(typeof c.td === 'function' ? c.td(row) : c.td)}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {empty}
    </>
  );
}

export type Create = {
  /** The button's text, and the dialog's title unless the form brings its own. */
  label: string;
  testId?: string;
  /** Whether the reader may create one: the button shows only then. */
  allowed: boolean;
  /** The form, shown while creating; `close` ends it (after a save or a cancel). */
  form: (close: () => void) => ReactNode;
};

export function RegisterPage<Row>(props: {
  title: ReactNode;
  maw?: number;
  /** Buttons before the "new" one. */
  actions?: ReactNode;
  create?: Create;
  intro?: ReactNode;
  /** What stands between the title and the list: warnings, a heat map, a trend. */
  above?: ReactNode;
  filters?: ReactNode;
  /** A list that could not be read. */
  error?: unknown;
  table?: RegisterTableProps<Row>;
  /** A body other than a table (cards), or what follows it. */
  body?: ReactNode;
  /** More rows, pages. */
  footer?: ReactNode;
  children?: ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  const close = () => setCreating(false);
  return (
    <Stack maw={props.maw ?? 1200}>
      <Group justify="space-between">
        <Title order={2}>{props.title}</Title>
        {(props.actions || props.create?.allowed) && (
          <Group>
            {props.actions}
            {props.create?.allowed && (
              <Button onClick={() => setCreating(true)} data-testid={props.create.testId}>
                {props.create.label}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {props.intro && (
        <Text c="dimmed" size="sm">
          {props.intro}
        </Text>
      )}
      {props.above}
      {props.filters}
      {props.error ? <Alert color="red">{(props.error as Error).message}</Alert> : null}
      {props.table && <RegisterTable {...props.table} />}
      {props.body}
      {props.footer}
      {creating && props.create?.form(close)}
      {props.children}
    </Stack>
  );
}

/** A register within a page (a context's issues, its interested parties): a titled box with its own "new". */
export function RegisterSection<Row>(props: {
  title: ReactNode;
  create?: Create;
  table: RegisterTableProps<Row>;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{props.title}</Title>
        {props.create?.allowed && (
          <Button
            size="xs"
            variant="light"
            onClick={() => setCreating(true)}
            data-testid={props.create.testId}
          >
            {props.create.label}
          </Button>
        )}
      </Group>
      <RegisterTable {...props.table} />
      {creating && props.create?.form(() => setCreating(false))}
    </Paper>
  );
}

/** The next page of a list read by cursor. */
export function MoreButton(props: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label?: string;
}) {
  const { t } = useTranslation();
  if (!props.list.hasNextPage) return null;
  return (
    <Button
      variant="default"
      onClick={() => props.list.fetchNextPage()}
      loading={props.list.isFetchingNextPage}
    >
      {props.label ?? t('common.loadMore')}
    </Button>
  );
}

/**
 * A form in a dialog: its fields, then Cancel and Save (the save button's test id names the form for the
 * browser journeys). Used by the registers' "new" and "edit" dialogs.
 */
export function FormDialog(props: {
  title: ReactNode;
  size?: ModalProps['size'];
  onClose: () => void;
  onSave: () => unknown;
  saveLabel?: string;
  saveTestId?: string;
  saving?: boolean;
  saveDisabled?: boolean;
  /** Enter in a field saves, as in a form (the fields sit in a <form>). */
  submitOnEnter?: boolean;
  /** Shown instead of the buttons, after a save whose answer must be read (a link or a secret shown once). */
  done?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const body = (
    <Stack>
      {props.children}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          type={props.submitOnEnter ? 'submit' : 'button'}
          onClick={props.submitOnEnter ? undefined : props.onSave}
          loading={props.saving}
          disabled={props.saveDisabled}
          data-testid={props.saveTestId}
        >
          {props.saveLabel ?? t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
  return (
    <Modal opened onClose={props.onClose} title={props.title} size={props.size}>
      {props.done ??
        (props.submitOnEnter ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void props.onSave();
            }}
          >
            {body}
          </form>
        ) : (
          body
        ))}
    </Modal>
  );
}
