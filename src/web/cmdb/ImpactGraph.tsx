import '@xyflow/react/dist/style.css';
import { Button } from '@mantine/core';
import {
  Background,
  Controls,
  type Edge,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImpactItem } from '../../modules/cmdb/index.ts';

export type { ImpactItem };

type NodeData = {
  ciId: string;
  label: string;
  className: string;
  isService: boolean;
  onPath: boolean;
  isRoot: boolean;
  children: number;
  collapsed: boolean;
  toggle: () => void;
  toggleLabel: string;
};

function CiNode({ data }: NodeProps<Node<NodeData>>) {
  const border = data.isRoot ? '#364fc7' : data.onPath ? '#f08c00' : data.isService ? '#2f9e44' : '#ced4da';
  return (
    <div
      data-testid={`impact-node-${data.label}`}
      style={{
        padding: '6px 10px',
        borderRadius: 8,
        border: `2px solid ${border}`,
        background: data.isService ? '#ebfbee' : data.isRoot ? '#edf2ff' : 'white',
        width: 190,
        fontSize: 12,
      }}
    >
      <Handle type="target" position={Position.Left} style={{ opacity: 0 }} />
      <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {data.label}
      </div>
      <div style={{ color: '#868e96', display: 'flex', justifyContent: 'space-between' }}>
        <span>{data.className}</span>
        {data.children > 0 && (
          <button
            type="button"
            className="nodrag"
            onClick={(e) => {
              e.stopPropagation();
              data.toggle();
            }}
            aria-label={data.toggleLabel}
            title={data.toggleLabel}
            style={{
              border: 'none',
              background: 'none',
              cursor: 'pointer',
              color: '#364fc7',
              fontWeight: 700,
            }}
          >
            {data.collapsed ? `+${data.children}` : '−'}
          </button>
        )}
      </div>
      <Handle type="source" position={Position.Right} style={{ opacity: 0 }} />
    </div>
  );
}

const nodeTypes = { ci: CiNode };

/**
 * The impact as a tree laid out by depth: each CI appears once, under the CI it was first reached through.
 * Branches collapse and expand; a click highlights the path back to the start; a double click opens the CI.
 */
export function ImpactGraph(props: {
  root: { id: string; name: string; classKey: string };
  items: ImpactItem[];
  rootIsService: boolean;
  nameOf: (classKey: string) => string;
  relationLabel: (key: string) => string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // a large impact opens two levels deep; the reader expands the branches that matter
  const [collapsed, setCollapsed] = useState<Set<string>>(() =>
    props.items.length > 30 ? new Set(props.items.filter((i) => i.depth === 2).map((i) => i.id)) : new Set(),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const clickTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const { nodes, edges } = useMemo(() => {
    const serviceOf = new Map(props.items.map((i) => [i.id, i.serviceId]));
    const parent = new Map(props.items.map((i) => [i.id, i.via]));
    const children = new Map<string, string[]>();
    for (const i of props.items) children.set(i.via, [...(children.get(i.via) ?? []), i.id]);
    const hidden = (id: string): boolean => {
      for (let p = parent.get(id); p; p = parent.get(p)) if (collapsed.has(p)) return true;
      return false;
    };
    const path = new Set<string>();
    for (let p: string | undefined = selected ?? undefined; p; p = parent.get(p)) path.add(p);
    const visible = props.items.filter((i) => !hidden(i.id));
    // columns by depth; within a column, siblings stay together in their parent's order
    const row = new Map<string, number>([[props.root.id, 0]]);
    const byDepth = new Map<number, typeof visible>();
    for (const i of visible) byDepth.set(i.depth, [...(byDepth.get(i.depth) ?? []), i]);
    const ns: Node<NodeData>[] = [];
    const make = (id: string, label: string, classKey: string, depth: number, y: number): Node<NodeData> => ({
      id,
      type: 'ci',
      position: { x: depth * 250, y: y * 64 },
      data: {
        ciId: id,
        label,
        className: props.nameOf(classKey),
        isService: id === props.root.id ? props.rootIsService : !!serviceOf.get(id),
        onPath: path.has(id),
        isRoot: id === props.root.id,
        children: children.get(id)?.length ?? 0,
        collapsed: collapsed.has(id),
        toggle: () =>
          setCollapsed((prev) => {
            const next = new Set(prev);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }),
        toggleLabel: collapsed.has(id) ? t('impact.expand') : t('impact.collapse'),
      },
    });
    ns.push(make(props.root.id, props.root.name, props.root.classKey, 0, 0));
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      const col = byDepth
        .get(depth)!
        .sort((a, b) => (row.get(a.via) ?? 0) - (row.get(b.via) ?? 0) || a.name.localeCompare(b.name));
      col.forEach((i, y) => {
        row.set(i.id, y);
        ns.push(make(i.id, i.name, i.classKey, depth, y));
      });
    }
    const es: Edge[] = visible.map((i) => ({
      id: `${i.via}-${i.id}`,
      source: i.via,
      target: i.id,
      label: props.relationLabel(i.relationship),
      labelStyle: { fontSize: 10, fill: '#868e96' },
      style: { stroke: path.has(i.id) ? '#f08c00' : '#adb5bd', strokeWidth: path.has(i.id) ? 2.5 : 1 },
      animated: path.has(i.id),
    }));
    return { nodes: ns, edges: es };
  }, [props, collapsed, selected, t]);

  const chosen =
    selected && selected !== props.root.id ? props.items.find((i) => i.id === selected) : undefined;
  return (
    <div
      style={{ height: 560, border: '1px solid #dee2e6', borderRadius: 8, position: 'relative' }}
      data-testid="impact-graph"
    >
      {chosen && (
        <Button
          size="xs"
          variant="light"
          style={{ position: 'absolute', top: 8, right: 8, zIndex: 5 }}
          onClick={() => navigate(`/cis/${chosen.id}`)}
        >
          {t('impact.open', { name: chosen.name })}
        </Button>
      )}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        // selecting re-renders the nodes, which would swallow the second click of a double click: wait for it
        onNodeClick={(_e, n) => {
          clearTimeout(clickTimer.current);
          clickTimer.current = setTimeout(() => setSelected(n.id), 250);
        }}
        onNodeDoubleClick={(_e, n) => {
          clearTimeout(clickTimer.current);
          navigate(`/cis/${n.id}`);
        }}
        zoomOnDoubleClick={false}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
