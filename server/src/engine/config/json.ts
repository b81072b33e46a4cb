/**
 * Strict JSON with positions, for `.postmortemrc.json`: `jsonc-parser` builds the tree (offsets kept,
 * duplicate keys seen); this module refuses what JSON does not allow (comments, trailing commas,
 * other whitespace, nesting deeper than MAX_DEPTH) and words the first syntax error for a person.
 * Never throws.
 */
// The ESM build: the package's main (UMD) requires its parts at run time, which a bundle cannot resolve.
import { createScanner, parseTree, type Node, type ParseError, type ParseErrorCode, type SyntaxKind } from 'jsonc-parser/lib/esm/main.js';

// jsonc-parser declares these as const enums, which isolated modules cannot read: their values here.
const Token = {
  OpenBrace: 1 as SyntaxKind.OpenBraceToken,
  CloseBrace: 2 as SyntaxKind.CloseBraceToken,
  OpenBracket: 3 as SyntaxKind.OpenBracketToken,
  CloseBracket: 4 as SyntaxKind.CloseBracketToken,
  Comma: 5 as SyntaxKind.CommaToken,
  Colon: 6 as SyntaxKind.ColonToken,
  String: 10 as SyntaxKind.StringLiteral,
  LineComment: 12 as SyntaxKind.LineCommentTrivia,
  BlockComment: 13 as SyntaxKind.BlockCommentTrivia,
  LineBreak: 14 as SyntaxKind.LineBreakTrivia,
  Trivia: 15 as SyntaxKind.Trivia,
  EOF: 17 as SyntaxKind.EOF,
};
const Err = {
  InvalidCommentToken: 10 as ParseErrorCode.InvalidCommentToken,
  UnexpectedEndOfString: 12 as ParseErrorCode.UnexpectedEndOfString,
  InvalidUnicode: 14 as ParseErrorCode.InvalidUnicode,
  InvalidEscapeCharacter: 15 as ParseErrorCode.InvalidEscapeCharacter,
  InvalidCharacter: 16 as ParseErrorCode.InvalidCharacter,
};

export type JsonNode =
  | { type: 'object'; start: number; end: number; props: JsonProp[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number'; start: number; end: number; value: number }
  | { type: 'boolean'; start: number; end: number; value: boolean }
  | { type: 'null'; start: number; end: number; value: null };

export interface JsonProp {
  key: string;
  keyStart: number;
  value: JsonNode;
}

/** A syntax error: where it is (offset in the text) and what is wrong. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export const MAX_DEPTH = 64;

/** The tree of `text`, or its first syntax error. */
export function parseJson(text: string): { root: JsonNode } | { error: JsonSyntaxError } {
  // What jsonc-parser accepts but JSON does not, found by a flat walk (which also keeps a very deep
  // text away from the recursive parser).
  const refused = walk(text, Infinity).problem;
  const checked = refused ? text.slice(0, refused.offset) : text;
  const errors: ParseError[] = [];
  const tree = parseTree(checked, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  let first: ParseError | undefined;
  for (const e of errors) if ((!refused || e.offset < refused.offset) && (!first || e.offset < first.offset)) first = e;
  if (first) return { error: explain(text, first) };
  if (refused) return { error: refused };
  if (!tree) return { error: { offset: 0, message: 'unexpected end of file, expected a value' } };
  return { root: convert(tree) };
}

function convert(node: Node): JsonNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        start,
        end,
        props: (node.children ?? []).flatMap((p) => {
          const [key, value] = p.children ?? [];
          return key && value ? [{ key: String(key.value), keyStart: key.offset, value: convert(value) }] : [];
        }),
      };
    case 'array':
      return { type: 'array', start, end, items: (node.children ?? []).map(convert) };
    case 'string':
      return { type: 'string', start, end, value: String(node.value) };
    case 'number':
      return { type: 'number', start, end, value: Number(node.value) };
    case 'boolean':
      return { type: 'boolean', start, end, value: node.value === true };
    default:
      return { type: 'null', start, end, value: null };
  }
}

// ---------------------------------------------------------------------------------------------
// Where a syntax error sits (inside an object or array, before a key, a colon or a value) decides
// how it is worded; a flat walk over the tokens before it tells.
// ---------------------------------------------------------------------------------------------

type Expect = 'value' | 'key' | 'colon' | 'after';

interface WalkState {
  stack: ('object' | 'array')[];
  expect: Expect;
  /** The last token was a comma. */
  afterComma: boolean;
}

/**
 * Walk the tokens before `stop`; the first comment, non-JSON whitespace or value nested deeper than
 * MAX_DEPTH is a problem (where a recursive reader would have met it: right after a colon, at an item).
 */
function walk(text: string, stop: number): { state: WalkState; problem?: JsonSyntaxError } {
  const state: WalkState = { stack: [], expect: 'value', afterComma: false };
  const scanner = createScanner(text, false);
  const tooDeep = (offset: number) => ({
    state,
    problem: { offset, message: `nesting deeper than ${MAX_DEPTH} levels` },
  });
  const deepItem = (): boolean => state.expect === 'value' && state.stack.at(-1) === 'array' && state.stack.length > MAX_DEPTH;
  for (let kind = scanner.scan(); ; kind = scanner.scan()) {
    const at = scanner.getTokenOffset();
    if (at >= stop) return { state };
    if (kind === Token.EOF) return deepItem() ? tooDeep(at) : { state };
    const token = text.slice(at, at + scanner.getTokenLength());
    switch (kind) {
      case Token.Trivia:
      case Token.LineBreak: {
        const bad = /[^ \t\r\n]/.exec(token);
        if (bad) return { state, problem: { offset: at + bad.index, message: wordAt(text, at + bad.index, state) } };
        continue;
      }
      case Token.LineComment:
      case Token.BlockComment:
        return { state, problem: { offset: at, message: 'comments are not allowed in JSON' } };
    }
    if (kind !== Token.CloseBracket && deepItem()) return tooDeep(at);
    state.afterComma = kind === Token.Comma;
    switch (kind) {
      case Token.OpenBrace:
        state.stack.push('object');
        state.expect = 'key';
        break;
      case Token.OpenBracket:
        state.stack.push('array');
        state.expect = 'value';
        break;
      case Token.CloseBrace:
      case Token.CloseBracket:
        state.stack.pop();
        state.expect = 'after';
        break;
      case Token.Colon:
        state.expect = 'value';
        if (state.stack.length > MAX_DEPTH) return tooDeep(at + 1);
        break;
      case Token.Comma:
        state.expect = state.stack.at(-1) === 'object' ? 'key' : 'value';
        break;
      case Token.String:
        state.expect = state.expect === 'key' ? 'colon' : 'after';
        break;
      default:
        state.expect = 'after';
    }
  }
}

const describe = (text: string, i: number): string => (i >= text.length ? 'end of file' : JSON.stringify(text[i]));

/** What is wrong at `offset`, given what the grammar expects there. */
function wordAt(text: string, offset: number, state: WalkState): string {
  const ch = text[offset];
  const container = state.stack.at(-1);
  switch (state.expect) {
    case 'key':
      if (ch === '}' && state.afterComma) return 'trailing comma before }';
      return `expected a property name in double quotes, found ${describe(text, offset)}`;
    case 'colon':
      return `expected ':' after property name, found ${describe(text, offset)}`;
    case 'after':
      if (container === 'object') return `expected ',' or '}', found ${describe(text, offset)}`;
      if (container === 'array') return `expected ',' or ']', found ${describe(text, offset)}`;
      return `unexpected ${describe(text, offset)} after the end of the JSON value`;
    case 'value':
      if (ch === ']' && container === 'array' && state.afterComma) return 'trailing comma before ]';
      if (offset >= text.length) return 'unexpected end of file, expected a value';
      if (ch === "'") return 'strings must use double quotes';
      return `unexpected ${describe(text, offset)}, expected a value`;
  }
}

const NUMBER_PREFIX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const STRING_ERRORS = new Set<ParseErrorCode>([
  Err.UnexpectedEndOfString,
  Err.InvalidUnicode,
  Err.InvalidEscapeCharacter,
  Err.InvalidCharacter,
]);

function explain(text: string, error: ParseError): JsonSyntaxError {
  const { offset } = error;
  if (error.error === Err.InvalidCommentToken) return { offset, message: 'comments are not allowed in JSON' };
  const { state } = walk(text, offset);
  const stringAllowed = state.expect === 'key' || state.expect === 'value';
  if (STRING_ERRORS.has(error.error) && stringAllowed && text[offset] === '"') return stringError(text, offset);
  if (state.expect === 'value') {
    // A value whose start is valid JSON ("1" of "1.", "true" of "truex") ends there: what follows is the error.
    const word = /^(?:true|false|null)/.exec(text.slice(offset, offset + 5))?.[0];
    const num = NUMBER_PREFIX.exec(text.slice(offset, offset + 400))?.[0];
    const valid = word ?? (num !== '-' ? num : undefined);
    if (valid) {
      const after = offset + valid.length;
      return { offset: after, message: wordAt(text, after, { ...state, expect: 'after', afterComma: false }) };
    }
  }
  return { offset, message: wordAt(text, offset, state) };
}

/** The first problem inside the string literal starting at `start`. */
function stringError(text: string, start: number): JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') break;
    if (ch.charCodeAt(0) < 0x20) return { offset: i, message: 'control character in string (use an escape such as \\n)' };
    if (ch !== '\\') continue;
    const esc = text[i + 1];
    if (esc === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'invalid \\u escape' };
      i += 5;
    } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
    else return { offset: i, message: `invalid escape \\${esc ?? ''}` };
  }
  return { offset: start, message: 'unterminated string' };
}
