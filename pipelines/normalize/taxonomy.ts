// The category taxonomy (config/taxonomy.yaml): read, validated and compiled once, at module load.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { termProblem, termSources } from './fold-text.ts';

/** Every category (except `other`) has rules in at least these languages. */
export const taxonomyLanguages = ['en', 'de', 'fi', 'sv', 'nl', 'fr', 'es'] as const;

function regexProblem(value: string): string | null {
  try {
    new RegExp(value);
    return null;
  } catch (error) {
    return `"${value}": not a regex (${error instanceof Error ? error.message : String(error)})`;
  }
}

const categorySchema = z
  .object({
    slug: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a slug: lower-case letters, digits and "_"'),
    label: z.string().trim().min(1, 'must not be empty'),
    description: z.string().trim().min(1, 'must not be empty'),
    match: z.record(z.string(), z.array(z.string(), 'must be a list of terms')),
  })
  .strict()
  .superRefine((category, ctx) => {
    for (const [key, list] of Object.entries(category.match)) {
      if (!/^([a-z]{2}|regex)$/.test(key)) ctx.addIssue({ code: 'custom', path: ['match', key], message: 'must be a two-letter language code or "regex"' });
      list.forEach((value, index) => {
        const problem = key === 'regex' ? regexProblem(value) : termProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', path: ['match', key, index], message: problem });
      });
    }
    if (category.slug === 'other') return;
    for (const language of taxonomyLanguages) {
      if (!category.match[language]?.length) ctx.addIssue({ code: 'custom', path: ['match', language], message: 'needs at least one term' });
    }
  });

const taxonomySchema = z
  .object({
    version: z.int('must be a whole number').min(1, 'must be 1 or more'),
    categories: z.array(categorySchema).min(1, 'must list categories'),
  })
  .strict()
  .superRefine(({ categories }, ctx) => {
    const seen = new Map<string, number>();
    categories.forEach(({ slug }, index) => {
      const first = seen.get(slug);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['categories', index, 'slug'], message: `duplicate of category #${first}` });
      seen.set(slug, index);
    });
    if (!seen.has('other')) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'must include the category "other"' });
  });

export interface Category {
  slug: string;
  label: string;
  description: string;
  /** Tests folded text (fold-text.ts) against every term and regex of the category. */
  pattern: RegExp | null;
}

export interface Taxonomy {
  version: number;
  /** In precedence order: the first that matches wins. */
  categories: Category[];
}

/** "categories[7].match.de" → 'category "pothole" (#7): match.de', so a bad file names the category and the field. */
function where(path: readonly PropertyKey[], doc: unknown): string {
  if (path[0] !== 'categories' || typeof path[1] !== 'number') return path.map(String).join('.') || '(top level)';
  const raw = (doc as { categories?: { slug?: unknown }[] }).categories?.[path[1]];
  const name = typeof raw?.slug === 'string' ? `category "${raw.slug}"` : 'category';
  const field = path.slice(2).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
  return `${name} (#${path[1]})${field ? `: ${field}` : ''}`;
}

function compile(match: Record<string, string[]>): RegExp | null {
  const sources = Object.entries(match).flatMap(([key, list]) => (key === 'regex' ? list.map((s) => `(?:${s})`) : list.flatMap(termSources)));
  return sources.length ? new RegExp(sources.join('|')) : null;
}

/** Parses and validates a taxonomy document; throws one Error listing every problem, each naming the category and field. */
export function parseTaxonomy({ text, source }: { text: string; source: string }): Taxonomy {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`${source}: YAML syntax error: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const result = taxonomySchema.safeParse(doc);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${source}: ${where(issue.path, doc)}: ${issue.message}`);
    throw new Error(`bad taxonomy:\n${lines.join('\n')}`);
  }
  const { version, categories } = result.data;
  return { version, categories: categories.map(({ slug, label, description, match }) => ({ slug, label, description, pattern: compile(match) })) };
}

const file = new URL('../../config/taxonomy.yaml', import.meta.url);

/** The project taxonomy, loaded once. */
export const taxonomy: Taxonomy = parseTaxonomy({ text: readFileSync(file, 'utf8'), source: 'config/taxonomy.yaml' });
export const taxonomyVersion = taxonomy.version;
export const categorySlugs = taxonomy.categories.map((c) => c.slug) as [string, ...string[]];

/** The first category (in precedence order) with a term in this folded text, or null. */
export function firstMatch(folded: string): string | null {
  for (const category of taxonomy.categories) if (category.pattern?.test(folded)) return category.slug;
  return null;
}
