/** What the preview and its HTML export share of a page: its start, up to the viewport. */

/** The doctype, the language, the charset, the content security policy `csp` and the viewport, one a line. */
export function pageStart(csp: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">`;
}
