import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, LintResult, PostmortemModel } from '../../server/src/engine/index';
import {
  Analyzer,
  INCREMENTAL_MIN_LENGTH,
  JIT_WARM_LINTS,
  KEPT_ANALYSES,
  MAX_LINT_LENGTH,
  type Engine,
} from '../../server/src/lsp/analysis';
import type { Linter } from '../../server/src/engine/lint';
import { LONG_DOCUMENT } from '../../server/src/lsp/heap';
import { documentDiagnostics } from '../../server/src/lsp/diagnostics';
import { SettingsStore } from '../../server/src/lsp/settings';

const model = (sections: (string | null)[]): PostmortemModel =>
  ({
    profile: 'default',
    sections: sections.map((id) => ({ id })),
    timeline: [],
    frontMatter: null,
  }) as unknown as PostmortemModel;

function fakeEngine(overrides: Partial<Engine> = {}): Engine & { calls: { text: string; options: LintOptions }[] } {
  const calls: { text: string; options: LintOptions }[] = [];
  return {
    calls,
    lint: (text: string, options: LintOptions = {}): LintResult => {
      calls.push({ text, options });
      return {
        model: model(['summary', 'timeline']),
        messages: [
          {
            ruleId: 'duration-consistent',
            severity: 'warning',
            message: 'm',
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 2,
          },
        ],
      };
    },
    resolveConfig: () => ({ options: {}, files: [], problems: [] }),
    ...overrides,
  };
}

function setup(engine: Engine, pushed?: unknown) {
  const store = new SettingsStore({} as Connection);
  store.init(false, pushed);
  const logged: string[] = [];
  return { analyzer: new Analyzer(store, (t) => logged.push(t), engine), logged };
}

describe('lsp analysis', () => {
  it('lints each version once, whoever asks', async () => {
    const engine = fakeEngine();
    const { analyzer } = setup(engine);
    const doc = TextDocument.create('untitled:one', 'markdown', 1, '# x\n');
    const a = await analyzer.analyze(doc);
    const b = await analyzer.analyze(doc);
    assert.equal(a, b);
    assert.equal(engine.calls.length, 1);
    TextDocument.update(doc, [{ text: '# y\n' }], 2);
    const c = await analyzer.analyze(doc);
    assert.equal(c.version, 2);
    assert.equal(c.document.getText(), '# y\n');
    assert.equal(a.document.getText(), '# x\n', 'an analysis keeps the text it linted');
    assert.equal(engine.calls.length, 2);
    analyzer.invalidateAll();
    await analyzer.analyze(doc);
    assert.equal(engine.calls.length, 3);
  });

  it('warms a long document (256 KB and more) once after it is opened, and the newest one until the process has run its first incremental lints', async () => {
    const warmed: number[] = [];
    let made = 0;
    const engine = fakeEngine({
      createLinter: () => {
        const id = ++made;
        return {
          lint: (text, options) => fakeEngine().lint(text, options),
          reset: () => {},
          warm: () => (warmed.push(id), true),
          stats: { full: 0, blocks: 0, items: 0, rows: 0, last: '' },
        } satisfies Linter;
      },
    });
    const steps = (analyzer: Analyzer): number => {
      let n = 0;
      while (analyzer.warmUp() && n < 100) n++;
      return n;
    };
    const { analyzer } = setup(engine);
    assert.equal(analyzer.warmUp(), false, 'nothing opened yet');
    const long = TextDocument.create('untitled:long', 'markdown', 1, `# x\n\n${'word '.repeat(LONG_DOCUMENT / 5)}\n`);
    await analyzer.analyze(long);
    await analyzer.analyze(TextDocument.create('untitled:short', 'markdown', 1, '# short\n'));
    // Long enough for an incremental linter (the second one made), too short to be warmed for its own sake.
    await analyzer.analyze(TextDocument.create('untitled:mid', 'markdown', 1, `# x\n\n${'word '.repeat(INCREMENTAL_MIN_LENGTH / 4)}\n`));
    // A warm-up is two lints: the long document's, then the newest document's until the process has run JIT_WARM_LINTS.
    const expected = JIT_WARM_LINTS / 2;
    assert.equal(steps(analyzer), expected);
    assert.deepEqual(warmed, [1, ...Array.from({ length: expected - 1 }, () => 2)]);
    TextDocument.update(long, [{ text: `${long.getText()}more\n` }], 2);
    await analyzer.analyze(long);
    assert.equal(analyzer.warmUp(), false, 'not again for the next versions, and the process is warm');

    // In a process of its own: three keystrokes in a middling document count towards its first incremental lints.
    warmed.length = 0;
    const other = setup(engine).analyzer;
    const mid = TextDocument.create('untitled:typed', 'markdown', 1, `# x\n\n${'word '.repeat(INCREMENTAL_MIN_LENGTH / 4)}\n`);
    await other.analyze(mid);
    for (let v = 2; v <= 4; v++) {
      TextDocument.update(mid, [{ text: `${mid.getText()}x` }], v);
      await other.analyze(mid);
    }
    assert.equal(steps(other), Math.ceil((JIT_WARM_LINTS - 3) / 2));
    assert.ok(warmed.every((id) => id === made));

    // A long document alone: its own warm-up, and no more (each would be two long lints).
    const alone = setup(engine).analyzer;
    await alone.analyze(TextDocument.create('untitled:long-alone', 'markdown', 1, long.getText()));
    assert.equal(steps(alone), 1);

    const short = setup(engine).analyzer;
    await short.analyze(TextDocument.create('untitled:small', 'markdown', 1, '# small\n'));
    assert.equal(short.warmUp(), false, 'a short document has no incremental linter to warm');
  });

  it('keeps the parse of a postmortem of a few KB between edits, and warms it; a line or two parses in full', async () => {
    let made = 0;
    let warmed = 0;
    const engine = fakeEngine({
      createLinter: () => {
        made++;
        return {
          lint: (text, options) => fakeEngine().lint(text, options),
          reset: () => {},
          warm: () => (warmed++, true),
          stats: { full: 0, blocks: 0, items: 0, rows: 0, last: '' },
        } satisfies Linter;
      },
    });
    const { analyzer } = setup(engine);
    const entry = '- 10:02 UTC - The on-call engineer is paged for checkout errors.\n';
    const small = TextDocument.create(
      'untitled:small-postmortem',
      'markdown',
      1,
      `# Checkout outage\n\n## Timeline\n\n${entry.repeat(60)}`,
    );
    assert.ok(small.getText().length < 5 * 1024);
    await analyzer.analyze(small);
    assert.equal(made, 1, 'a 4 KB postmortem keeps its parse');
    assert.equal(analyzer.warmUp(), true, 'and its linter is warmed while the process is new');
    assert.equal(warmed, 1);
    await analyzer.analyze(TextDocument.create('untitled:note', 'markdown', 1, '# Notes\n\nTo do.\n'));
    assert.equal(made, 1, 'a line or two is linted in full');
  });

  it('keeps the analyses of the documents used last; an older one is linted again when asked for', async () => {
    const engine = fakeEngine();
    const { analyzer } = setup(engine);
    const docs = Array.from({ length: KEPT_ANALYSES + 1 }, (_, i) => TextDocument.create(`untitled:doc-${i}`, 'markdown', 1, `# ${i}\n`));
    const first = await analyzer.analyze(docs[0] as TextDocument);
    for (const doc of docs.slice(1, KEPT_ANALYSES)) await analyzer.analyze(doc);
    // Asking for the first again keeps it among the last used: the next document pushes out the second instead.
    assert.equal(await analyzer.analyze(docs[0] as TextDocument), first);
    await analyzer.analyze(docs[KEPT_ANALYSES] as TextDocument);
    assert.equal(engine.calls.length, KEPT_ANALYSES + 1);
    assert.equal(await analyzer.analyze(docs[0] as TextDocument), first);
    assert.equal(engine.calls.length, KEPT_ANALYSES + 1);
    const again = await analyzer.analyze(docs[1] as TextDocument);
    assert.equal(engine.calls.length, KEPT_ANALYSES + 2, 'the least recently used document is linted again');
    assert.equal(again.version, 1);
    assert.equal(again.document.getText(), '# 1\n');
  });

  it('publishes one internal-error diagnostic when the engine throws, and logs the stack', async () => {
    const engine = fakeEngine({
      lint: () => {
        throw new TypeError('rule timeline-order: cannot read "instant" of undefined');
      },
    });
    const { analyzer, logged } = setup(engine);
    const analysis = await analyzer.analyze(TextDocument.create('file:///tmp/a-postmortem.md', 'markdown', 1, '# x'));
    const diagnostics = documentDiagnostics(analysis);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'internal-error');
    assert.match(String(diagnostics[0]?.message), /lint failed.*timeline-order/);
    assert.deepEqual(diagnostics[0]?.range.start, { line: 0, character: 0 });
    assert.match(logged.join('\n'), /TypeError: rule timeline-order[\s\S]*\n\s+at /);
  });

  it('names the config loader when it is what failed', async () => {
    const engine = fakeEngine({
      resolveConfig: () => {
        throw new Error('EACCES');
      },
    });
    const { analyzer } = setup(engine);
    const [d] = documentDiagnostics(await analyzer.analyze(TextDocument.create('file:///tmp/b-postmortem.md', 'markdown', 1, '# x')));
    assert.match(String(d?.message), /\.postmortemrc\.json failed \(EACCES\)/);
  });

  it('puts .postmortemrc.json over the editor settings', async () => {
    const engine = fakeEngine({
      resolveConfig: () => ({
        options: { rules: { 'duration-consistent': 'error' }, profile: 'google-sre' },
        files: ['/tmp/.postmortemrc.json'],
        problems: [],
      }),
    });
    const { analyzer } = setup(engine, {
      postmortem: {
        profile: 'default',
        rules: { 'duration-consistent': 'off', 'word-count': 'off' },
        dateOrder: 'dmy',
      },
    });
    const analysis = await analyzer.analyze(TextDocument.create('file:///tmp/c-postmortem.md', 'markdown', 1, '# x'));
    assert.equal(engine.calls[0]?.options.profile, 'google-sre');
    assert.deepEqual(engine.calls[0]?.options.rules, { 'duration-consistent': 'error', 'word-count': 'off' });
    assert.equal(engine.calls[0]?.options.dateOrder, 'dmy');
    assert.deepEqual(analysis.configFiles, ['/tmp/.postmortemrc.json']);
  });

  it('does not lint a document over 10 MB in full', async () => {
    const engine = fakeEngine();
    const { analyzer } = setup(engine);
    const text = 'line of text\n'.repeat(Math.ceil((MAX_LINT_LENGTH + 10) / 13));
    const analysis = await analyzer.analyze(TextDocument.create('file:///tmp/huge-postmortem.md', 'markdown', 1, text));
    assert.ok(
      engine.calls.every((c) => c.text.length < 1024 * 1024),
      'only a prefix is read',
    );
    const diagnostics = documentDiagnostics(analysis);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.match(String(diagnostics[0]?.message), /10 MB/);
  });

  it('does nothing for disabled settings or non-Markdown documents', async () => {
    const engine = fakeEngine();
    const off = setup(engine, { postmortem: { enable: false } });
    assert.deepEqual(
      documentDiagnostics(await off.analyzer.analyze(TextDocument.create('file:///tmp/d-postmortem.md', 'markdown', 1, '# x'))),
      [],
    );
    const on = setup(engine);
    assert.deepEqual(
      documentDiagnostics(await on.analyzer.analyze(TextDocument.create('file:///tmp/e-postmortem.json', 'json', 1, '{}'))),
      [],
    );
    assert.equal(engine.calls.length, 0);
  });
});
