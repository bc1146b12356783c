/** A field of a 5-field cron expression: its name, value range and the names it accepts. */
interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const fields: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: months },
  // 7 is Sunday too, as node-cron and Vixie cron read it
  { name: 'day of week', min: 0, max: 7, names: weekdays },
];

function valueOf(text: string, field: CronField): number | null {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return field.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : null;
}

function partProblem(part: string, field: CronField): string | null {
  if (part === '') return 'empty item in a list';
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined) return `"${part}" has more than one "/"`;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step in "${part}" must be a whole number above 0`;
  if (range === '*') return null;
  const [from = '', to, more] = range.split('-');
  if (more !== undefined) return `"${part}" is not a value or a range`;
  const low = valueOf(from, field);
  const high = to === undefined ? low : valueOf(to, field);
  const span = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}`;
  if (low === null || high === null) return `"${part}" is outside ${span}`;
  if (low > high) return `range "${range}" runs backwards`;
  return null;
}

/** Why `expression` is not a 5-field cron expression (minute hour day-of-month month day-of-week), or null when it is. */
export function cronProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== fields.length) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  }
  for (const [index, field] of fields.entries()) {
    for (const part of (parts[index] ?? '').split(',')) {
      const problem = partProblem(part, field);
      if (problem) return `${field.name}: ${problem}`;
    }
  }
  return null;
}
