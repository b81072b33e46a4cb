import type { Nodes, Parent, RootContent } from 'mdast';

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
