import { observe, type Observations } from './observations.ts';

/** A request's requested_datetime as an instant; `slackMs` widens the bounds for it (a zone-less time may be any zone's). */
export interface RequestedAt {
  id: string;
  at: number;
  slackMs: number;
}

/** Whole-second parameters and inclusive/exclusive bounds differ by a second at most (GEOREPORT §10.5). */
const boundSlackMs = 1000;

/** start_date/end_date bound requested_datetime: a request outside the asked window means the filter was ignored. */
export function checkDateWindow({ requested, window, where, observations }: {
  requested: Iterable<RequestedAt>;
  window: { start: number; end: number };
  where: string;
  observations: Observations;
}): void {
  for (const { id, at, slackMs } of requested) {
    const slack = boundSlackMs + slackMs;
    if (at < window.start - slack || at > window.end + slack) {
      const asked = `${new Date(window.start).toISOString()} … ${new Date(window.end).toISOString()}`;
      observe(observations, 'filter_ignored_date_window', `${where}: request "${id}" requested ${new Date(at).toISOString()}, window ${asked}`);
    }
  }
}
