/**
 * What every part of the validation shares: reporting a problem at an offset, reading the
 * properties of an object (duplicates and hostile keys reported) and values of the expected type.
 */
import { LineIndex } from '../util/lines';
import type { JsonNode, JsonProp } from './json';
import { HOSTILE_KEYS, type ConfigProblem } from './types';

export function typeName(node: JsonNode): string {
  return node.type === 'object' ? 'an object' : node.type === 'array' ? 'an array' : `a ${node.type}`;
}

export class Validator {
  readonly problems: ConfigProblem[] = [];
  private readonly lines: LineIndex;

  constructor(
    text: string,
    readonly file: string,
    /** Offset of the parsed text in the original file (a stripped BOM). */
    private readonly shift: number,
  ) {
    this.lines = new LineIndex(text);
  }

  report(offset: number, message: string): void {
    const { line, column } = this.lines.point(offset);
    this.problems.push({ file: this.file, message, line, column: column + (line === 1 ? this.shift : 0) });
  }

  /** Own, non-hostile properties of an object node; duplicates reported, last one wins. */
  props(node: JsonNode & { type: 'object' }, where: string): JsonProp[] {
    const seen = new Map<string, number>();
    const out: JsonProp[] = [];
    for (const p of node.props) {
      if (HOSTILE_KEYS.has(p.key)) {
        this.report(p.keyStart, `ignored key "${p.key}"${where}: this name is not allowed`);
        continue;
      }
      const prev = seen.get(p.key);
      if (prev !== undefined) {
        this.report(p.keyStart, `duplicate key "${p.key}"${where}; the last one is used`);
        out[prev] = p;
        continue;
      }
      seen.set(p.key, out.length);
      out.push(p);
    }
    return out;
  }

  expectObject(node: JsonNode, what: string): node is JsonNode & { type: 'object' } {
    if (node.type === 'object') return true;
    this.report(node.start, `${what} must be an object, found ${typeName(node)}; ignored`);
    return false;
  }

  expectString(node: JsonNode, what: string, allowEmpty = false): string | undefined {
    if (node.type !== 'string') {
      this.report(node.start, `${what} must be a string, found ${typeName(node)}; ignored`);
      return undefined;
    }
    if (!allowEmpty && node.value.trim() === '') {
      this.report(node.start, `${what} must not be empty; ignored`);
      return undefined;
    }
    return node.value;
  }

  expectBoolean(node: JsonNode, what: string): boolean | undefined {
    if (node.type !== 'boolean') {
      this.report(node.start, `${what} must be true or false, found ${typeName(node)}; ignored`);
      return undefined;
    }
    return node.value;
  }
}

/** Plain object with hostile keys filtered out, from a JSON node, for free-form option bags. */
export function toPlain(node: JsonNode, v: Validator, where: string): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of v.props(node, where)) out[p.key] = toPlain(p.value, v, where);
      return out;
    }
    case 'array':
      return node.items.map((i) => toPlain(i, v, where));
    default:
      return node.value;
  }
}
