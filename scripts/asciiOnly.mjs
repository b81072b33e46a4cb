// The language server's bundle as ASCII only (esbuild.mjs). esbuild escapes non-ASCII characters in strings but leaves
// them in regular expressions (the engine's patterns hold dashes, quotes, bullets and currency signs), and one such
// character makes V8 hold the whole 1.4 MB source as a two-byte string: twice the memory for as long as the server
// runs, and a slower decode at every start. Escaped as \uXXXX, each reads the same in a string, a template, a regular
// expression (with or without the u flag) and an identifier; in String.raw it stays six characters, which the RegExp
// it is built into reads as the one character again (every String.raw of the engine is a pattern's source). A
// character escaped by a backslash ("\—", an identity escape) is escaped with it. Columns after such a character on
// its line move in the source map by five per character: stack traces stay on the right line.

/** `code` with every UTF-16 unit above 0x7F written as a \uXXXX escape. */
export function escapeNonAscii(code) {
  let out = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (unit < 0x80) continue;
    let backslashes = 0;
    while (i - backslashes - 1 >= from && code.charCodeAt(i - backslashes - 1) === 0x5c) backslashes++;
    // An odd run of backslashes ends in one escaping this character: the escape replaces both.
    const cut = backslashes % 2 === 1 ? i - 1 : i;
    out += code.slice(from, cut) + `\\u${unit.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return out + code.slice(from);
}

/** An esbuild plugin: rewrites the build's .js outputs as ASCII once they are written. */
export const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      const fs = await import('node:fs/promises');
      const path = await import('node:path');
      const { outdir, entryPoints } = build.initialOptions;
      for (const name of Object.keys(entryPoints)) {
        const file = path.join(outdir, `${name}.js`);
        const code = await fs.readFile(file, 'utf8');
        const ascii = escapeNonAscii(code);
        if (ascii !== code) await fs.writeFile(file, ascii);
      }
    });
  },
};
