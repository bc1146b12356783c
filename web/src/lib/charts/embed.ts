// Embed URLs and the snippet a host page pastes. Imports nothing, so the tests outside web/ can load it as it is.

/** What embedding reads of a chart (every ChartSpec has it). */
export interface Embeddable {
  id: string;
  params: readonly string[];
  choices?: Record<string, readonly string[]>;
  /** `names`: category slug → display name, for the title. */
  title: (params: Record<string, string>, names?: Readonly<Record<string, string>>) => string;
  embedHeight: number;
}

/**
 * An embed's URL may carry only its chart's parameters: a misspelt one (`endpiont=`) would otherwise be dropped in
 * silence and the chart drawn for everything. Returns the message to show in the chart's place, or null.
 */
export function refusedParams(spec: Embeddable, search: URLSearchParams): string | null {
  const unknown = [...new Set(search.keys())].filter((key) => !spec.params.includes(key));
  if (unknown.length) return `unknown parameter${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `"${key}"`).join(', ')}: the ${spec.id} chart accepts ${spec.params.join(', ')}.`;
  for (const [key, allowed] of Object.entries(spec.choices ?? {})) {
    const value = search.get(key);
    if (value && !allowed.includes(value)) return `${key}: "${value}" is not one of ${allowed.join(', ')}.`;
  }
  return null;
}

export function embedPath(spec: Embeddable, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `/embed/${spec.id}${query ? `?${query}` : ''}`;
}

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The HTML a host page pastes: the frame at the chart's usual height, and a script that sets each fed311 frame's
 * height to what its embed reports (`{fed311Embed: {chart, height}}`), matching the message's source to the frame
 * so that several embeds on one page, or other frames' messages, never resize the wrong one. The frame's title names
 * categories by `names` (the chart's loaded categoryNames), as the chart's own title does.
 */
export function embedSnippet(spec: Embeddable, params: Record<string, string>, origin: string, names?: Readonly<Record<string, string>>): string {
  const src = `${origin}${embedPath(spec, params)}`;
  return `<iframe src="${attribute(src)}" title="${attribute(spec.title(params, names))}" width="100%" height="${spec.embedHeight}" style="border:0" loading="lazy" data-fed311-embed></iframe>
<script>
  addEventListener('message', function (event) {
    var embed = event.data && event.data.fed311Embed;
    if (!embed || event.origin !== ${JSON.stringify(origin)} || !(embed.height > 0)) return;
    document.querySelectorAll('iframe[data-fed311-embed]').forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(embed.height) + 'px';
    });
  });
</script>`;
}
