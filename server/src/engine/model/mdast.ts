import type { List, ListItem, Nodes, Parent, RootContent } from 'mdast';

/** The plain text of a node, without markup. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) {
    let out = '';
    for (const child of (node as Parent).children) out += plainText(child as Nodes);
    return out;
  }
  return '';
}

export function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

export type Block = RootContent;

/** An item's list of sub-items, if it has one (an index loop: no closure per item, as `find` would take). */
export function nestedList(item: ListItem): List | undefined {
  for (let i = 0; i < item.children.length; i++) {
    const child = item.children[i] as ListItem['children'][number];
    if (child.type === 'list') return child;
  }
  return undefined;
}
