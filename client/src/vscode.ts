/**
 * The `vscode` module, imported once for the whole client. Each `import * as vscode from 'vscode'` in a bundled
 * module becomes its own copy of the API's namespace (esbuild's CommonJS interop defines a getter per export), and
 * fourteen copies of VS Code's API took most of the bundle's 50–60 ms evaluation at activation. The client's
 * modules import `vscode` from here instead; types work as before (`vscode.Uri`, `vscode.Disposable`).
 */
import * as vscode from 'vscode';

export { vscode };
