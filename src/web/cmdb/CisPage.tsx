import { ActionIcon, Anchor, Badge, Button, Group, Menu, MultiSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDeleteFilter, useSavedFilters, useSaveFilter } from '../app/data.ts';
import { listParam } from '../app/listParam.ts';
import { editors } from '../app/navigation.ts';
import { MoreButton, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { statusColour } from '../portfolio/ServicesPage.tsx';
import { CiForm } from './CiForm.tsx';
import { ciStatuses, useClasses } from './classes.ts';
import { type CiView, ciExportUrl, useCiList } from './data.ts';

/** The CI list: filters live in the URL (shareable); saved filters belong to the person, on the server. */
export function CisPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { classes, nameOf } = useClasses();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const classFilter = listParam(params, 'class');
  const statusFilter = listParam(params, 'status');
  const saved = useSavedFilters('cis').data?.items ?? [];
  const saveFilter = useSaveFilter('cis');
  const deleteFilter = useDeleteFilter('cis');
  const update = (key: string, value: string[] | string) => {
    const next = new URLSearchParams(params);
    const v = Array.isArray(value) ? value.join(',') : value;
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams();
  if (classFilter.length) query.set('class', classFilter.join(','));
  if (statusFilter.length) query.set('status', statusFilter.join(','));
  if (debounced) query.set('q', debounced);
  const list = useCiList(query.toString());
  const askAndSave = () => {
    const name = window.prompt(t('cis.filterName'));
    if (name) void saveFilter.save({ name, query: query.toString() });
  };
  return (
    <RegisterPage<CiView>
      title={t('cis.title')}
      maw={1300}
      actions={
        <>
          <Menu>
            <Menu.Target>
              <Button variant="default">{t('cis.savedFilters')}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {saved.length === 0 && <Menu.Label>{t('cis.noSavedFilters')}</Menu.Label>}
              {saved.map((s) => (
                <Menu.Item
                  key={s.name}
                  onClick={() => {
                    const p = new URLSearchParams(s.query);
                    setQ(p.get('q') ?? '');
                    setParams(p, { replace: true });
                  }}
                  rightSection={
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('cis.deleteFilter')}
                      onClick={(e) => {
                        e.stopPropagation();
                        void deleteFilter.save(s.id);
                      }}
                    >
                      ×
                    </ActionIcon>
                  }
                >
                  {s.name}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={askAndSave}>{t('cis.saveFilter')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" component="a" href={ciExportUrl(query.toString())}>
            {t('cis.export')}
          </Button>
        </>
      }
      create={{
        label: t('cis.new'),
        allowed: can(me, editors.cmdb),
        form: (close) => <CiForm onClose={close} onSaved={(id) => navigate(`/cis/${id}`)} />,
      }}
      filters={
        <Group align="flex-end">
          <TextInput
            placeholder={t('cis.search')}
            aria-label={t('cis.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              update('q', e.currentTarget.value);
            }}
            w={260}
          />
          <MultiSelect
            placeholder={classFilter.length ? undefined : t('cis.anyClass')}
            aria-label={t('cis.class')}
            data={classes.map((c) => ({ value: c.key, label: nameOf(c.key) }))}
            value={classFilter}
            onChange={(v) => update('class', v)}
            searchable
            clearable
            w={320}
          />
          <MultiSelect
            placeholder={statusFilter.length ? undefined : t('cis.anyStatus')}
            aria-label={t('cis.status')}
            data={ciStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={statusFilter}
            onChange={(v) => update('status', v)}
            clearable
            w={280}
          />
        </Group>
      }
      table={{
        rows: list.data?.pages.flatMap((p) => p.items),
        keepWhenEmpty: true,
        empty: t('cis.empty'),
        emptyProps: { c: 'dimmed' },
        rowKey: (c) => c.id,
        rowProps: (c) => ({ onClick: () => navigate(`/cis/${c.id}`), style: { cursor: 'pointer' } }),
        tableProps: { striped: true, highlightOnHover: true, verticalSpacing: 6 },
        columns: [
          {
            key: 'name',
            header: t('cis.name'),
            cell: (c) => (
              <Anchor component={Link} to={`/cis/${c.id}`} onClick={(e) => e.stopPropagation()}>
                {c.name}
              </Anchor>
            ),
          },
          { key: 'class', header: t('cis.class'), cell: (c) => nameOf(c.classKey) },
          {
            key: 'status',
            header: t('cis.status'),
            cell: (c) => (
              <Badge color={statusColour(c.status)} variant="light">
                {t(`status.${c.status}`)}
              </Badge>
            ),
          },
          {
            key: 'externalId',
            header: t('cis.externalId'),
            td: { ff: 'monospace', fz: 'xs' },
            cell: (c) => c.externalId,
          },
          { key: 'location', header: t('cis.location'), cell: (c) => c.locationName },
          {
            key: 'updated',
            header: t('cis.updated'),
            td: { fz: 'xs' },
            cell: (c) => new Date(c.updatedAt).toLocaleDateString(i18n.language),
          },
        ],
      }}
      footer={<MoreButton list={list} label={t('cis.loadMore')} />}
    />
  );
}
