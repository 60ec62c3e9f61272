import { transform } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * Minifies the text of the widget's Lit templates in the browser builds: the
 * JavaScript minifier leaves template text alone, so without this every visitor
 * downloads the templates' indentation and the styles' comments and spacing.
 *
 * - css``: minified by esbuild. A literal without any `{` is a list of
 *   declarations that other literals interpolate; an interpolation stands for
 *   declarations, so it becomes a placeholder declaration while esbuild works.
 * - html`` and svg``: each run of white space that holds a line break becomes one
 *   space, which HTML renders the same (the widget has no `<pre>` in a template);
 *   at either end of a template such a run is only the source's indentation, and goes.
 */
export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'bridge-chat:minify-template-literals',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\/src\/widget\/.+\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const edits: Edit[] = [];
      for (const template of taggedTemplates(this.parse(code, { lang: 'ts' }))) {
        const raws = template.quasis.map((quasi) => quasi.value.raw);
        const minified = template.tag === 'css' ? await minifyCss(raws, id) : collapseLineBreaks(raws);
        template.quasis.forEach((quasi, index) => {
          // Each quasi's span includes its delimiters: ` or } before the text.
          const start = quasi.start + 1;
          edits.push({ start, end: start + quasi.value.raw.length, text: minified[index]! });
        });
      }
      let output = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
      }
      return { code: output, map: null };
    },
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Quasi {
  start: number;
  value: { raw: string };
}

interface Template {
  tag: 'css' | 'html' | 'svg';
  quasis: Quasi[];
}

/** Every css``, html`` and svg`` in a module, nested ones included. */
function taggedTemplates(ast: unknown): Template[] {
  const found: Template[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown> & { type?: string };
    if (record.type === 'TaggedTemplateExpression') {
      const tag = (record['tag'] as { type: string; name?: string }).name;
      if (tag === 'css' || tag === 'html' || tag === 'svg') {
        found.push({ tag, quasis: (record['quasi'] as { quasis: Quasi[] }).quasis });
      }
    }
    for (const value of Object.values(record)) if (value && typeof value === 'object') visit(value);
  };
  visit(ast);
  return found;
}

function collapseLineBreaks(raws: string[]): string[] {
  const last = raws.length - 1;
  return raws.map((raw, index) => {
    let text = raw;
    if (index === 0) text = text.replace(/^\s*\n\s*/, '');
    if (index === last) text = text.replace(/\s*\n\s*$/, '');
    return text.replace(/\s*\n\s*/g, ' ');
  });
}

async function minifyCss(raws: string[], id: string): Promise<string[]> {
  if (raws.some((raw) => raw.includes('\\'))) throw new Error(`${id}: escapes in css\`\` literals are not supported by the minifier`);
  const placeholder = (index: number) => `--bridge-chat-slot-${index}:0`;
  const joined = raws.map((raw, index) => (index === 0 ? raw : `${placeholder(index - 1)};${raw}`)).join('');
  const declarationsOnly = !joined.includes('{');
  const { code, warnings } = await transform(declarationsOnly ? `a{${joined}}` : joined, {
    loader: 'css',
    minify: true,
    target: 'chrome111',
  });
  if (warnings.length > 0) throw new Error(`${id}: ${warnings.map((warning) => warning.text).join('; ')}`);
  let minified = code.trim();
  if (declarationsOnly) minified = minified.slice('a{'.length, -'}'.length);
  const parts = minified.split(/--bridge-chat-slot-\d+:0;?/);
  if (parts.length !== raws.length) throw new Error(`${id}: the CSS minifier dropped an interpolation`);
  return parts;
}
