import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Org, OrgDetail } from '@xianfeng/shared'
import { api } from '../api/client'
import { describeError } from '../api/errors'
import { orgTypeLabel } from '../utils/format'
import './OrgTree.css'

type Node = Org | OrgDetail

function hasCounts(o: Node): o is OrgDetail {
  return typeof (o as OrgDetail).counts === 'object' && (o as OrgDetail).counts !== null
}

interface Props {
  orgs: Node[]
  onOpen: (org: Org) => void
  depth?: number
}

/** Organisations as a tree: tap a name to open its board, tap 展开 to load its children. */
export function OrgTree({ orgs, onOpen, depth = 0 }: Props) {
  return (
    <View className="xf-tree">
      {orgs.map((o) => (
        <OrgNode key={o.id} org={o} onOpen={onOpen} depth={depth} />
      ))}
    </View>
  )
}

type Children = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'done'; items: Org[] }

function OrgNode({ org, onOpen, depth }: { org: Node; onOpen: (org: Org) => void; depth: number }) {
  const [open, setOpen] = useState(false)
  const [children, setChildren] = useState<Children>({ status: 'idle' })
  const knownNoChildren = hasCounts(org) && org.counts.children === 0

  const load = () => {
    setChildren({ status: 'loading' })
    api.orgChildren(org.id).then(
      (page) => setChildren({ status: 'done', items: page.items }),
      (error: unknown) => setChildren({ status: 'error', error }),
    )
  }
  const toggle = () => {
    if (!open && children.status !== 'done') load()
    setOpen(!open)
  }

  return (
    <View className="xf-tree__node">
      <View className="xf-tree__row">
        <View className="xf-tree__main" hoverClass="xf-pressed" onClick={() => onOpen(org)}>
          <Text className="xf-tree__name">{org.name}</Text>
          <View className="xf-tree__meta">
            <Text className="xf-tag xf-tag--plain">{orgTypeLabel(org.type)}</Text>
            {hasCounts(org) ? <Text className="xf-tree__count">党员 {org.counts.members} 名</Text> : null}
          </View>
        </View>
        {knownNoChildren ? null : (
          <View className="xf-tree__toggle" hoverClass="xf-pressed" onClick={toggle} aria-expanded={open}>
            <Text>{open ? '收起' : '下级'}</Text>
          </View>
        )}
      </View>
      {open ? (
        <View className="xf-tree__children">
          {children.status === 'loading' ? <Text className="xf-tree__note">正在加载…</Text> : null}
          {children.status === 'error' ? (
            <Text className="xf-tree__note xf-tree__note--error" onClick={load}>
              {describeError(children.error)}（点此重试）
            </Text>
          ) : null}
          {children.status === 'done' && children.items.length === 0 ? <Text className="xf-tree__note">没有下级组织</Text> : null}
          {children.status === 'done' && children.items.length > 0 ? (
            <OrgTree orgs={children.items} onOpen={onOpen} depth={depth + 1} />
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
