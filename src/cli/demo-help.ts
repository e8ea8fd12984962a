// `ipc-demo <demo> --help`: one demo's own help, made from its metadata (src/demos/*/meta.ts,
// through the registry), so a new variant or role is in the help the day it is added.
import { forMedium } from '../demos/lesson.js';
import { variantsWithRole } from '../demos/registry.js';
import type { DemoMeta, Lang } from '../demos/types.js';
import { wrapLines } from '../ui/wrap.js';
import { cliText } from './text.js';

const WIDTH = 80;

/** `name   text`, with the text wrapped and hung under itself. */
function item(name: string, text: string, nameWidth: number): string[] {
  const lines = wrapLines(text, WIDTH - nameWidth - 4);
  return lines.map((line, i) => `  ${(i === 0 ? name : '').padEnd(nameWidth)}  ${line}`);
}

function variantLines(demo: DemoMeta, lang: Lang): string[] {
  const t = cliText[lang];
  const width = Math.max(...demo.variants.map((v) => v.id.length));
  return [t.variants, ...demo.variants.flatMap((v, i) => item(v.id, `${v.title[lang]}${i === 0 ? t.defaultVariant : ''}`, width))];
}

function roleLines(demo: DemoMeta, lang: Lang): string[] {
  const t = cliText[lang];
  if (demo.section === 'related') return [t.oneProgram];
  const width = Math.max(...demo.roles.map((r) => r.id.length));
  return [
    t.roles,
    ...demo.roles.flatMap((role) => {
      const variants = variantsWithRole(demo, role.id);
      const where = variants.length === demo.variants.length ? t.allVariants : variants.join(', ');
      return item(role.id, `${role.title[lang]} · ${t.roleIn(where)}`, width);
    }),
  ];
}

function exampleLines(demo: DemoMeta, lang: Lang): string[] {
  const t = cliText[lang];
  const [first, second] = demo.variants;
  const files = Object.keys(demo.sources);
  const labRoles = first ? Object.keys(first.listings) : [];
  const examples: [string, string][] = [
    [`ipc-demo ${demo.id}`, t.exStep],
    ...(second ? [[`ipc-demo ${demo.id} -v ${second.id}`, second.title[lang]] as [string, string]] : []),
    [`ipc-demo ${demo.id} --plain`, t.exPlain],
    [`ipc-demo ${demo.id} --json`, t.exJson],
    ...(demo.questions?.length ? [[`ipc-demo ${demo.id} --no-questions`, t.exNoQuestions] as [string, string]] : []),
    [`ipc-demo source ${demo.id}${files.length > 1 ? ` ${files[0]}` : ''}`, t.exSource],
    ...(demo.section === 'unrelated' && labRoles.length >= 2 ? [[`ipc-demo ${demo.id} --role ${labRoles[1]}`, t.exLab(labRoles[0]!)] as [string, string]] : []),
  ];
  const width = Math.max(...examples.map(([command]) => command.length));
  return [t.examplesTitle, ...examples.flatMap(([command, what]) => item(command, what, width))];
}

export function demoHelp(demo: DemoMeta, lang: Lang): string {
  const t = cliText[lang];
  const aliases = demo.aliases.length ? t.alsoCalled(demo.aliases) : '';
  return [
    `ipc-demo ${demo.id} — ${demo.title[lang]}${aliases}`,
    '',
    ...wrapLines(forMedium(demo.summary[lang], 'plain'), WIDTH),
    '',
    ...variantLines(demo, lang),
    '',
    ...roleLines(demo, lang),
    '',
    ...(demo.questions?.length ? [...wrapLines(t.questions(demo.questions.length), WIDTH), ''] : []),
    ...exampleLines(demo, lang),
    '',
    t.moreOptions,
    '',
  ].join('\n');
}
