import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, htmlReport } from '../../src/report/index.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

void test('htmlReport escapes all text, including <script> in section text', () => {
  const html = htmlReport({
    title: 'Run <1> & "two"',
    subtitle: "it's <b>bold</b>",
    generated: 'by <refract>',
    sections: [
      {
        heading: '<script>alert("h")</script>',
        text: 'first <script>alert(1)</script> para\n\nsecond & last',
        table: { columns: ['<col>', 'n'], rows: [['<td>x</td>', 1234.5678]] },
      },
    ],
  });
  assert.ok(!/<script/i.test(html), 'no live script element');
  assert.ok(html.includes('first &lt;script&gt;alert(1)&lt;/script&gt; para'));
  assert.ok(html.includes('<p>second &amp; last</p>'), 'blank line splits paragraphs');
  assert.ok(html.includes('<title>Run &lt;1&gt; &amp; &quot;two&quot;</title>'));
  assert.ok(html.includes('it&#39;s &lt;b&gt;bold&lt;/b&gt;'));
  assert.ok(html.includes('<th>&lt;col&gt;</th>'));
  assert.ok(html.includes('<td>&lt;td&gt;x&lt;/td&gt;</td>'));
  assert.ok(html.includes('<td class="num">1235</td>'));
  assert.ok(html.includes('<footer>by &lt;refract&gt;</footer>'));
});

void test('htmlReport is a self-contained page with inlined SVG', () => {
  const html = htmlReport({ title: 'R', sections: [{ heading: 'Chart', svg: `<?xml version="1.0"?>\n${SVG}` }] });
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.ok(html.includes(`<figure>${SVG}</figure>`));
  assert.ok(!html.includes('<?xml'));
  assert.ok(html.includes('<style>'));
  assert.ok(!/<(link|script|img|iframe)\b/i.test(html), 'no external assets');
  assert.ok(!/\s(src|href)=/i.test(html));
  assert.ok(!html.includes('<footer>'), 'no footer unless generated is given');
});

void test('escapeHtml covers the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
