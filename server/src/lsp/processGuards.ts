/** Last line of defence: an unexpected throw or rejection is logged, and the server keeps serving. */
let installed = false;

export function installProcessGuards(log: (text: string) => void): void {
  if (installed) return;
  installed = true;
  const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on('uncaughtException', (error) => log(`postmortem: uncaught exception: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => log(`postmortem: unhandled rejection: ${describe(reason)}`));
}
