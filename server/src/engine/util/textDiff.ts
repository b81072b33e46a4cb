/** The one text diff: what changed between two versions of a document, as a single replaced range. */

/** An edit: the range [start, end) of the old text replaced by `length` characters. */
export interface TextChange {
  start: number;
  end: number;
  length: number;
}

/** The change between two texts, by common prefix and suffix. */
export function diffTexts(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  // Whole chunks first (slices compared with ===: natively, and the slices copy nothing), then character by character.
  const CHUNK = 1024;
  let start = 0;
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const room = max - start;
  while (
    suffix + CHUNK <= room &&
    before.slice(before.length - suffix - CHUNK, before.length - suffix) ===
      after.slice(after.length - suffix - CHUNK, after.length - suffix)
  )
    suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, end: before.length - suffix, length: after.length - suffix - start };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** diffTexts, widened so that the range splits no surrogate pair and no CRLF (for an edit an editor applies). */
export function diffWholeCharacters(before: string, after: string): TextChange {
  const change = diffTexts(before, after);
  let prefix = change.start;
  let suffix = before.length - change.end;
  while (prefix > 0 && (isLowSurrogate(before.charCodeAt(prefix)) || (before[prefix] === '\n' && before[prefix - 1] === '\r'))) prefix--;
  while (
    suffix > 0 &&
    (isLowSurrogate(before.charCodeAt(before.length - suffix)) ||
      (before[before.length - suffix] === '\n' && before[before.length - suffix - 1] === '\r'))
  )
    suffix--;
  return { start: prefix, end: before.length - suffix, length: after.length - suffix - prefix };
}
