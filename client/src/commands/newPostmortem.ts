/**
 * "New Postmortem…": pick a profile, type a title, a date and a zone; creates `YYYY-MM-DD-<slug>.md` in
 * `postmortem.newFileFolder` of the workspace from the profile's template (the server writes the text) and
 * opens it. Never overwrites a file: `-2`, `-3`… are added to the name.
 */
import { vscode } from '../vscode';
import { PROFILES_REQUEST, TEMPLATE_REQUEST, type ProfileInfo, type RequestClient, type TemplateParams } from '../preview/protocol';

export const NEW_POSTMORTEM_COMMAND = 'postmortem.new';
const LAST_ZONE_KEY = 'postmortem.lastZone';

/** Arguments that skip the questions (tests, other extensions); anything missing is asked. */
export interface NewPostmortemArgs {
  profile?: string;
  title?: string;
  date?: string;
  zone?: string;
  /** The workspace folder to create the file in (default: the first, or the active file's). */
  folder?: string;
}

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'incident';
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function validDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return 'A date as YYYY-MM-DD, e.g. 2024-06-08.';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]) ? undefined : `${value} is not a day of the calendar.`;
}

function systemZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `folder/name.md`, or `name-2.md`, `name-3.md`… when taken. */
async function freeName(folder: vscode.Uri, base: string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}.md`);
    if (!(await exists(uri))) return uri;
  }
}

function workspaceFolder(args: NewPostmortemArgs | undefined): vscode.WorkspaceFolder | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (args?.folder) return folders.find((f) => f.uri.toString() === args.folder || f.uri.fsPath === args.folder);
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || folders[0];
}

export function registerNewPostmortem(client: RequestClient, context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_POSTMORTEM_COMMAND, async (args?: NewPostmortemArgs): Promise<vscode.Uri | undefined> => {
    const folder = workspaceFolder(args);
    if (!folder) {
      void vscode.window.showWarningMessage('Open a folder first: the new postmortem is created in the workspace.');
      return undefined;
    }
    const anyDocument = vscode.window.activeTextEditor?.document.uri.toString();
    const steps = 4;

    let profile = args?.profile;
    if (!profile) {
      const profiles = await client.sendRequest<ProfileInfo[]>(PROFILES_REQUEST, anyDocument ? { uri: anyDocument } : {});
      const configured = vscode.workspace.getConfiguration('postmortem', folder.uri).get<string>('profile', 'default');
      const items = profiles.map((p) => ({
        label: p.id,
        description: p.name,
        detail: p.description,
        picked: p.id === configured,
      }));
      items.sort((a, b) => Number(b.picked) - Number(a.picked));
      const picked = await vscode.window.showQuickPick(items, {
        title: `New Postmortem (1/${steps}): profile`,
        placeHolder: 'The template to start from',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      profile = picked.label;
    }

    const title =
      args?.title ??
      (await vscode.window.showInputBox({
        title: `New Postmortem (2/${steps}): title`,
        prompt: 'What happened, in a few words',
        placeHolder: 'Checkout outage after a database disk filled up',
        validateInput: (v) => (v.trim() ? undefined : 'A title names the incident.'),
      }));
    if (!title?.trim()) return undefined;

    const date =
      args?.date ??
      (await vscode.window.showInputBox({
        title: `New Postmortem (3/${steps}): date of the incident`,
        value: today(),
        prompt: 'YYYY-MM-DD',
        validateInput: validDate,
      }));
    if (!date || validDate(date)) return undefined;

    const lastZone = context.globalState.get<string>(LAST_ZONE_KEY) ?? systemZone();
    const zone =
      args?.zone ??
      (await vscode.window.showInputBox({
        title: `New Postmortem (4/${steps}): time zone of the timeline`,
        value: lastZone,
        prompt: 'An abbreviation (UTC, WAT, PST), an offset (UTC+1) or an IANA name (Africa/Lagos)',
        validateInput: (v) => (v.trim() ? undefined : 'The zone the timeline is written in.'),
      }));
    if (!zone?.trim()) return undefined;
    await context.globalState.update(LAST_ZONE_KEY, zone.trim());

    const params: TemplateParams = {
      profile,
      title: title.trim(),
      date: date.trim(),
      zone: zone.trim(),
      ...(anyDocument ? { uri: anyDocument } : {}),
    };
    const text = await client.sendRequest<string | null>(TEMPLATE_REQUEST, params);
    if (text === null) {
      void vscode.window.showWarningMessage(`Unknown profile "${profile}".`);
      return undefined;
    }

    const relative = vscode.workspace.getConfiguration('postmortem', folder.uri).get<string>('newFileFolder', 'postmortems').trim();
    const target = relative ? vscode.Uri.joinPath(folder.uri, ...relative.split(/[\\/]+/).filter(Boolean)) : folder.uri;
    await vscode.workspace.fs.createDirectory(target);
    const uri = await freeName(target, `${params.date}-${slugify(params.title)}`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return uri;
  });
}
