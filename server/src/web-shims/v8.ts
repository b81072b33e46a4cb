/** node:v8 for the web build: the browser sizes its own heap (server/src/lsp/heap.ts sets V8 flags only under Node). */
export function setFlagsFromString(_flags: string): void {}
export default { setFlagsFromString };
