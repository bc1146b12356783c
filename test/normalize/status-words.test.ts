import { expect, test } from 'vitest';
import { detailedStatusFromRaw, statusWord } from '../../pipelines/normalize/status-words.ts';

test.each([
  ['open', 'open', null], ['Open', 'open', null], ['submitted', 'open', 'submitted'], ['acknowledged', 'open', 'acknowledged'],
  ['planned', 'open', 'scheduled'], ['action_scheduled', 'open', 'scheduled'], ['investigating', 'open', 'in_progress'],
  ['in_progress', 'open', 'in_progress'], ['IN PROGRESS', 'open', 'in_progress'], ['for_triage', 'open', 'submitted'],
  ['reopen', 'open', 'reopened'], ['Received', 'open', 'submitted'], ['IN_PROCESS', 'open', 'in_progress'], ['allocated', 'open', 'acknowledged'],
  ['closed', 'closed', null], ['Closed', 'closed', null], ['fixed', 'closed', 'fixed'], ['archived', 'closed', null],
  ['duplicate', 'closed', 'duplicate'], ['not_councils_responsibility', 'closed', 'referred'], ['no_further_action', 'closed', 'no_action'],
  ['internal_referral', 'closed', 'referred'], ['REJECTED', 'closed', 'rejected'], ['done', 'closed', 'fixed'], ['cancelled', 'closed', null],
  [' resolved ', 'closed', 'fixed'],
])('status word %j → %s / %s', (raw, status, detailed) => {
  expect(statusWord({ raw })).toEqual({ status, detailed });
});

test.each(['null', 'unchanged', 'requires_no_action', 'constructor', '', 'PUBLIC_WORKS_COMPLETED'])('%j is no status word', (raw) => {
  expect(statusWord({ raw })).toBeNull();
});

test.each([
  ['PROCESSED,PUBLIC_WORKS_COMPLETED', 'fixed'],
  ['PROCESSED,PUBLIC_WORKS_COMPLETED_REQUIRES_NO_ACTION', 'no_action'],
  ['PROCESSED,PUBLIC_WORKS_COMPLETED_SCHEDULED_LATER', 'scheduled'],
  ['PROCESSED,PUBLIC_WORKS_IN_PROGRESS', 'in_progress'],
  ['PROCESSED,PUBLIC_WORKS_NEW', 'submitted'],
  ['IN_PROCESS,PUBLIC_WORKS_COMPLETED', 'fixed'],
  ['IN_PROCESS', 'in_progress'],
  ['PROCESSED', null],
  ['PROCESSED,PUBLIC_WORKS_INTERRUPTED', null],
  ['IN_PROCESS,PUBLIC_WORKS_INTERRUPTED', 'in_progress'],
  ['RECEIVED', 'submitted'],
  ['fixed', 'fixed'],
  // Mark-a-Spot descriptive names (Köln/Bonn taxonomy terms) and Connected Bits note summaries
  ['Offen', null], ['In Bearbeitung', 'in_progress'], ['In Prüfung', 'acknowledged'], ['Erledigt', 'fixed'],
  ['Abgeschlossen', null], ['Nicht zuständig', 'referred'], ['Weitergeleitet', 'referred'],
  ['Work Assigned', 'acknowledged'], ['Case assigned', 'acknowledged'], ['Final Outcome', null], ['Request opened', null],
])('detailed state %j → %s (the most specific part that maps)', (raw, detailed) => {
  expect(detailedStatusFromRaw({ raw })).toBe(detailed);
});
