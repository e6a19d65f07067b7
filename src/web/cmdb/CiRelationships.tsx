import { Anchor, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localName } from '../app/names.ts';
import { CiPicker } from './CiPicker.tsx';
import {
  type RelationshipType,
  type RelationshipView,
  useAddRelationship,
  useRemoveRelationship,
} from './data.ts';

/** A CI's relationships, each read from the CI's side; configuration managers add and remove them. */
export function CiRelationships(props: {
  ciId: string;
  rels: RelationshipView[];
  types: RelationshipType[];
  canEdit: boolean;
  nameOf: (classKey: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const { ciId, rels, types, canEdit, nameOf } = props;
  const remove = useRemoveRelationship();
  return (
    <Stack>
      {rels.length === 0 && <Text c="dimmed">{t('cis.noRelationships')}</Text>}
      <Table striped>
        <Table.Tbody>
          {rels.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td c="dimmed">{localName(r.label, i18n.language)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cis/${r.other.id}`}>
                  {r.other.name}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {nameOf(r.other.classKey)}
                </Text>
              </Table.Td>
              {canEdit && (
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.save(r.id)}>
                    {t('cis.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && <AddRelationship ciId={ciId} types={types} />}
    </Stack>
  );
}

function AddRelationship({ ciId, types }: { ciId: string; types: RelationshipType[] }) {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const write = useAddRelationship({ onSaved: () => setTarget(null) });
  const error = write.errors;
  const options = types.flatMap((x) => [
    { value: `${x.key}:out`, label: localName(x.forward, i18n.language) },
    { value: `${x.key}:in`, label: localName(x.reverse, i18n.language) },
  ]);
  const add = () => {
    if (!type || !target) return;
    const [key = '', dir] = type.split(':');
    return write.save(
      dir === 'out'
        ? { sourceId: ciId, targetId: target, typeKey: key }
        : { sourceId: target, targetId: ciId, typeKey: key },
    );
  };
  return (
    <Card withBorder>
      <Title order={5}>{t('cis.addRelationship')}</Title>
      <Group align="flex-end" mt="xs">
        <Select
          label={t('cis.relType')}
          data={options}
          value={type}
          onChange={setType}
          w={240}
          error={error.typeKey}
        />
        <div style={{ width: 340 }}>
          <CiPicker
            label={t('cis.relTarget')}
            value={target}
            onChange={setTarget}
            error={error.targetId ?? error.sourceId}
          />
        </div>
        <Button onClick={add} disabled={!type || !target}>
          {t('cis.addRelationship')}
        </Button>
      </Group>
    </Card>
  );
}
