/** node:fs for the web build: there is no file system in a browser worker; every call fails as a missing file would. */
function unavailable(path: unknown): never {
  const error = new Error(`no file system in the browser (${String(path)})`) as Error & { code: string };
  error.code = 'ENOENT';
  throw error;
}

export const statSync = unavailable;
export const readFileSync = unavailable;
export const lstatSync = unavailable;
export const realpathSync = unavailable;
export const readdirSync = unavailable;
export const existsSync = (): boolean => false;
export default { statSync, lstatSync, realpathSync, readdirSync, readFileSync, existsSync };
