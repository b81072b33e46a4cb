/** node:zlib for the web build: never reached (importRequest.ts answers a zip in the browser before opening it). */
export function inflateRawSync(): never {
  throw new Error('zip archives cannot be opened in the browser');
}
export default { inflateRawSync };
