import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isPostmortem, pathMatches, DEFAULT_POSTMORTEM_FILES } from '../../server/src/engine/detect';
import { afterFrontMatter, minimalEdit } from '../../server/src/lsp/codeActions';
import { extractPostmortemSection, normalizeSettings } from '../../server/src/lsp/settings';
import { formatSpan } from '../../server/src/lsp/timeFormat';
import { skeletonText } from '../../server/src/lsp/completion';

const settings = { files: [...DEFAULT_POSTMORTEM_FILES], detect: true };
const section = (id: string | null) => ({ id }) as never;

describe('detect', () => {
  it('matches the default globs case-insensitively on absolute and Windows paths', () => {
    assert.ok(pathMatches('/home/me/docs/2024-06-08-POSTMORTEM.md', settings.files));
    assert.ok(pathMatches('C:\\work\\Post-Mortem notes.md', settings.files));
    assert.ok(pathMatches('/srv/repo/Incidents/outage.md', settings.files));
    assert.ok(pathMatches('/srv/repo/postmortems/2024/outage.md', settings.files));
    assert.ok(!pathMatches('/srv/repo/README.md', settings.files));
    assert.ok(!pathMatches('', settings.files));
  });

  it('reads front matter and content', () => {
    const plain = { path: '/x/notes.md', settings };
    assert.ok(isPostmortem({ ...plain, model: { sections: [], frontMatter: { type: 'Postmortem' } } }));
    assert.ok(isPostmortem({ ...plain, model: { sections: [section('summary'), section('timeline')], frontMatter: null } }));
    assert.ok(
      !isPostmortem({
        ...plain,
        model: { sections: [section('summary'), section('summary'), section(null)], frontMatter: null },
      }),
    );
    assert.ok(
      !isPostmortem({
        ...plain,
        settings: { ...settings, detect: false },
        model: { sections: [section('summary'), section('timeline')], frontMatter: null },
      }),
    );
    assert.ok(!isPostmortem({ ...plain, model: null }));
    const relative = { files: ['docs/incidents/*.md'], detect: false };
    assert.ok(
      isPostmortem({
        path: '/w/repo/docs/incidents/db.md',
        relativePaths: ['docs/incidents/db.md'],
        model: null,
        settings: relative,
      }),
    );
    assert.ok(!isPostmortem({ path: '/w/repo/docs/incidents/db.md', relativePaths: [], model: null, settings: relative }));
  });
});

describe('lsp helpers', () => {
  it('puts file-wide comments after front matter', () => {
    assert.equal(afterFrontMatter('# Title\n'), 0);
    assert.equal(afterFrontMatter('---\ntype: postmortem\n---\n# T\n'), '---\ntype: postmortem\n---\n'.length);
    assert.equal(afterFrontMatter('---\r\na: 1\r\n---\r\nbody'), '---\r\na: 1\r\n---\r\n'.length);
    assert.equal(afterFrontMatter('---\nunclosed\n'), 0);
  });

  it('makes one minimal edit, without splitting CRLF or surrogate pairs', () => {
    const before = 'a\r\nlasted 8 hours 😀\r\nz';
    const after = 'a\r\nlasted 7 hours 23 minutes 😀\r\nz';
    const doc = TextDocument.create('file:///x.md', 'markdown', 1, before);
    const edit = minimalEdit(doc, before, after);
    assert.equal(TextDocument.applyEdits(doc, [edit]), after);
    assert.ok(edit.newText.length < after.length);
    const emoji = minimalEdit(doc, 'x😀', 'x😃');
    assert.equal(TextDocument.applyEdits(TextDocument.create('u', 'markdown', 1, 'x😀'), [emoji]), 'x😃');
  });

  it('normalizes settings from any client', () => {
    const s = normalizeSettings({
      enable: false,
      rules: { a: 'off', b: ['error', { x: 1 }], c: 'loud' },
      dateOrder: 'dmy',
      run: 'sometimes',
    });
    assert.equal(s.enable, false);
    assert.deepEqual(s.rules, { a: 'off', b: ['error', { x: 1 }] });
    assert.equal(s.dateOrder, 'dmy');
    assert.equal(s.run, 'onType');
    assert.equal(s.profile, 'default');
    assert.deepEqual(extractPostmortemSection({ postmortem: { profile: 'x' } }), { profile: 'x' });
    assert.deepEqual(extractPostmortemSection({ settings: { postmortem: { profile: 'y' } } }), { profile: 'y' });
    assert.equal(extractPostmortemSection({ clientName: 'vscode' }), undefined);
  });

  it('formats spans and skeletons', () => {
    assert.equal(formatSpan(63), '1h03m');
    assert.equal(formatSpan(12), '12m');
    assert.equal(formatSpan(-5), '-5m');
    assert.equal(skeletonText('- ${time} ${zone} - $5 {x}', 'WAT', true), '- ${1:time} ${2:WAT} - \\$5 {x\\}');
    assert.equal(skeletonText('- ${time} ${zone}', undefined, false), '- time zone');
  });
});
